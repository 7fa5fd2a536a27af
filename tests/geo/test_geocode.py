"""Offline address parsing and accuracy on the address set."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from returnbus.domain import LatLon
from returnbus.geo.gazetteer import Gazetteer
from returnbus.geo.geocode import (
    _SHORT_FORMS,
    GeocodeResult,
    OfflineGeocoder,
    geocode_many,
    normalise_address,
)
from returnbus.geo.hanzi import TO_SIMPLIFIED
from returnbus.text import Text, say

ADDRESSES = Path(__file__).parents[1] / "data" / "addresses.csv"


# --- offline parsing ----------------------------------------------------------

# address, expected precision, expected division code
CASES = [
    ("贵州省遵义市桐梓县娄山关街道", "township", "520322001000"),
    ("贵州遵义桐梓娄山关镇某村", "township", "520322001000"),
    ("贵州省遵义市桐梓县娄山关街道石坪村3组12号", "township", "520322001000"),
    ("重庆江津德感街道", "township", "500116002000"),
    ("江津德感", "township", "500116002000"),
    ("贵州桐梓娄山关街道", "township", "520322001000"),
    ("湖北恩施州利川市文斗镇", "township", "422802108000"),
    ("黔南州都匀市", "county", "522701000000"),
    ("贵州省遵义市", "prefecture", "520300000000"),
    ("遵义", "prefecture", "520300000000"),
    ("贵州省", "province", "520000000000"),
    ("贵州", "province", "520000000000"),
    ("重庆市江津区", "county", "500116000000"),
    ("桐梓县", "county", "520322000000"),
]


@pytest.mark.parametrize(("address", "precision", "code"), CASES)
def test_parses_common_forms(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    """Full, abbreviated, prefecture-less and partial addresses land where they say."""
    result = geocoder.geocode(address)
    assert result.precision == precision
    assert result.division_code == code
    assert result.location is not None


def test_full_name_and_location(geocoder: OfflineGeocoder) -> None:
    """A township result carries the full division path and the township's WGS-84 seat."""
    result = geocoder.geocode("贵州省遵义市桐梓县娄山关街道")
    assert result.division_name == "贵州省遵义市桐梓县娄山关街道"
    assert result.location == LatLon(28.118622, 106.824001)
    assert result.note == ""


@pytest.mark.parametrize("address", ["", "   ", "不详", "asdf1234", "13800138000", "？？？"])
def test_garbage_is_not_placed(geocoder: OfflineGeocoder, address: str) -> None:
    """Empty or meaningless text gives precision none and no location."""
    result = geocoder.geocode(address)
    assert result.precision == "none"
    assert result.location is None
    assert result.division_code == ""


@pytest.mark.parametrize("address", ["Chongqing Jiangjin", "Tongzi County, Zunyi, Guizhou"])
def test_an_address_in_latin_letters_says_to_write_it_in_chinese(
    geocoder: OfflineGeocoder, address: str
) -> None:
    """Pinyin or English names are not in the gazetteer: the note says what to do."""
    result = geocoder.geocode(address)
    assert result.precision == "none"
    assert result.note == say(Text("geo_latin_only"), "en")
    assert "汉字" in say(Text("geo_latin_only"), "zh")


def test_province_only_is_not_made_finer(geocoder: OfflineGeocoder) -> None:
    """An address naming only a province stays at province level, with a note."""
    result = geocoder.geocode("四川省")
    assert result.precision == "province"
    assert result.division_code == "510000000000"
    assert "only a province" in result.note


@pytest.mark.parametrize(
    ("address", "note"),
    [
        # One character off names below: the note says which it may be.
        (
            "贵州省铜义市",
            "铜义 may be 兴义市, 遵义市, 铜仁市 with one character typed wrong; check the address; "
            "placed at province level",
        ),
        (
            "贵州省遵义市同梓县",
            "同梓 may be 桐梓县 with one character typed wrong; check the address; "
            "placed at prefecture level",
        ),
        ("贵州省遵义市X县", "no county of 遵义市 recognised; placed at prefecture level"),
        ("贵州省", "address names only a province"),
        ("贵州省遵义市", "address names no county; placed at prefecture level"),
        # A wrong level word after a name is no further name.
        ("黔东南市", "address names no county; placed at prefecture level"),
        ("遵义州", "address names no county; placed at prefecture level"),
    ],
)
def test_a_name_not_recognised_is_not_said_to_be_missing(
    geocoder: OfflineGeocoder, address: str, note: str
) -> None:
    """A misspelt city or county (铜义市, 同梓县) was written: the note says it was not
    recognised, so the desk corrects it rather than adds what is there."""
    assert geocoder.geocode(address).note == note


def test_township_without_county_found_by_its_prefecture(geocoder: OfflineGeocoder) -> None:
    """A township unique in the named prefecture is placed; the note says no county was named."""
    result = geocoder.geocode("贵州省遵义市娄山关街道石坪村")
    assert result.precision == "township"
    assert result.division_code == "520322001000"
    assert "no county named" in result.note


def test_township_outside_the_named_area_is_not_placed(geocoder: OfflineGeocoder) -> None:
    """A township that is not in the named prefecture leaves the result at the prefecture."""
    result = geocoder.geocode("贵州省贵阳市娄山关街道")
    assert result.precision == "prefecture"
    assert result.division_code == "520100000000"
    assert "'娄山关街道' is not in 贵阳市" in result.note


def test_ambiguous_township_falls_back_and_says_so(geocoder: OfflineGeocoder) -> None:
    """城关镇 names several townships in Guizhou: without a county it stays at the province."""
    result = geocoder.geocode("贵州省城关镇")
    assert result.precision == "province"
    assert result.division_code == "520000000000"
    assert "'城关镇' names 3 places; placed at province level" in result.note


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("朝阳", "211300000000"),  # also 朝阳区 of 北京 and of 长春, and 朝阳县
        ("西安", "610100000000"),  # also 西安区 of 辽源 and of 牡丹江
        ("河南", "410000000000"),  # also 河南蒙古族自治县 (青海)
    ],
)
def test_a_lone_name_of_several_places_says_what_to_add_for_another(
    geocoder: OfflineGeocoder, address: str, code: str
) -> None:
    """A lone name read as its most prominent place tells the desk, which may mean another."""
    result = geocoder.geocode(address)
    assert result.division_code == code
    assert "names" in result.note
    assert result.note.endswith("if another is meant, add its province and city")


def test_ambiguous_township_resolved_by_county(geocoder: OfflineGeocoder) -> None:
    """The named county picks the right one of several townships with the same name."""
    gaz = geocoder.gazetteer
    towns = [t for t in gaz.townships() if t.name == "城关镇"]
    assert len(towns) > 10
    for town in towns[:10]:
        result = geocoder.geocode(town.full_name + "东风村")
        assert result.division_code == town.code


def test_ambiguous_county_without_context(geocoder: OfflineGeocoder) -> None:
    """朝阳区 is in Beijing and Changchun: alone it is not placed; with a city it is."""
    alone = geocoder.geocode("朝阳区")
    assert alone.precision == "none"
    assert "2 places" in alone.note
    assert geocoder.geocode("北京朝阳区").division_code == "110105000000"
    assert geocoder.geocode("长春市朝阳区").division_code == "220104000000"


def test_old_names_resolve_with_a_note(geocoder: OfflineGeocoder) -> None:
    """Pre-2020 names (宜宾县, 柏溪镇) lead to today's divisions and are noted."""
    result = geocoder.geocode("四川省宜宾县柏溪镇")
    assert result.division_name == "四川省宜宾市叙州区柏溪街道"
    assert "old county name 宜宾县 -> 叙州区" in result.note
    assert "old township name 柏溪镇 -> 柏溪街道" in result.note


# Names from ID cards issued before 2016 (yescallop/areacodes): address, precision, code.
FORMER_NAMES = [
    ("湖北省襄樊市樊城区", "county", "420606000000"),  # 襄樊市 -> 襄阳市 (2010)
    ("云南省思茅市", "prefecture", "530800000000"),  # -> 普洱市 (2007)
    ("云南省思茅地区景谷傣族彝族自治县", "county", "530824000000"),
    ("重庆市万盛区万东镇", "township", "500110100000"),  # into 綦江区 (2011)
    ("重庆市双桥区龙水镇", "township", "500111102000"),  # into 大足区 (2011)
    ("重庆市大足县", "county", "500111000000"),
    ("重庆市綦江县", "county", "500110000000"),
    ("重庆市江津市德感镇", "township", "500116002000"),  # 江津区 since 2006
    ("重庆市万县市", "county", "500101000000"),  # the county-level city: 万州区
    ("重庆市涪陵市", "county", "500102000000"),
    ("重庆市黔江土家族苗族自治县", "county", "500114000000"),
    ("江苏省淮阴市清河区", "county", "320812000000"),  # 淮安市清江浦区
    ("内蒙古自治区伊克昭盟东胜市", "county", "150602000000"),  # 鄂尔多斯市东胜区
    ("山东省莱芜市", "prefecture", "370100000000"),  # into 济南市 (2019)
    ("黑龙江省松花江地区", "prefecture", "230100000000"),  # into 哈尔滨市 (1996)
    # Written without the suffix, as 湖北襄阳 is read today.
    ("湖北襄樊", "prefecture", "420600000000"),
    ("襄樊", "prefecture", "420600000000"),
    ("湖北襄樊樊城区", "county", "420606000000"),
    ("内蒙古伊克昭", "prefecture", "150600000000"),  # 伊克昭盟: 鄂尔多斯市
    ("湖北鄂西州", "prefecture", "422800000000"),  # 鄂西土家族苗族自治州: 恩施州
    ("北京宣武", "county", "110102000000"),  # 宣武区, in 西城区 since 2010
    ("上海卢湾", "county", "310101000000"),  # 卢湾区, in 黄浦区 since 2011
    ("南京白下", "county", "320104000000"),  # 白下区, in 秦淮区 since 2013
    # Bare former names that also name another place (万盛 is today's
    # 万盛街道 too, 双桥 承德's 双桥区) read right after a name above them.
    ("重庆万盛", "county", "500110000000"),  # 万盛区, in 綦江区 since 2011
    ("重庆市万盛", "county", "500110000000"),
    ("重庆万盛万东镇", "township", "500110100000"),
    ("重庆双桥", "county", "500111000000"),  # 双桥区, in 大足区 since 2011
    ("重庆市双桥龙水镇", "township", "500111102000"),
    ("贵阳小河", "county", "520111000000"),  # 小河区, in 花溪区 since 2012
    # Chongqing was Sichuan's until 1997: an ID card of then names 四川省.
    ("四川省涪陵市", "county", "500102000000"),
    ("四川省双桥区", "county", "500111000000"),
    # Not 峨眉山市's 双福镇, the only one in Sichuan today.
    ("四川省江津县双福镇", "township", "500116004000"),
]


@pytest.mark.parametrize(
    ("address", "code"),
    [
        # 中甸 (香格里拉市 before 2001) inside a township's name is not the county.
        ("云南省迪庆藏族自治州小中甸镇", "533401103000"),
        ("湖北省某某襄樊", "420000000000"),  # not right after a name above it
    ],
)
def test_a_former_name_without_its_suffix_counts_only_where_a_bare_name_may(
    geocoder: OfflineGeocoder, address: str, code: str
) -> None:
    """A bare former name is read at the start or right after a name above it, not inside."""
    assert geocoder.geocode(address).division_code == code


@pytest.mark.parametrize(("address", "precision", "code"), FORMER_NAMES)
def test_former_names_place_at_their_successor(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    """Prefecture and county names dropped since 1990 place where that area lies today."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    assert "old prefecture name" in result.note or "old county name" in result.note


def test_a_former_name_is_noted_with_its_successor(geocoder: OfflineGeocoder) -> None:
    """The note says which names were old and what they are now."""
    result = geocoder.geocode("湖北省襄樊市樊城区")
    assert result.division_name == "湖北省襄阳市樊城区"
    assert "old prefecture name 襄樊市 -> 襄阳市" in result.note
    assert "old county name 万盛区 -> 綦江区" in geocoder.geocode("重庆市万盛区").note


@pytest.mark.parametrize(
    ("address", "precision", "code", "says"),
    [
        # 巢湖市 (prefecture, dissolved 2011) went to 合肥, 芜湖 and 马鞍山.
        ("安徽省巢湖地区", "province", "340000000000", "divided among 合肥市, 芜湖市, 马鞍山市"),
        # 襄阳县 (2001) went to three districts of 襄阳市.
        ("湖北省襄樊市襄阳县", "prefecture", "420600000000", "divided among 襄城区, 樊城区"),
        # Chongqing has no prefectures: 黔江地区 (1997) and 巴县 (1994) stay in the city.
        ("重庆市黔江地区", "province", "500000000000", "divided among 黔江区"),
        ("重庆市巴县", "province", "500000000000", "divided among 大渡口区"),
        # 柳州地区 (2002) is not a spelling of 柳州市: its counties went to
        # 柳州市 and 来宾市; likewise 阜阳地区 (2000) to 阜阳市 and 亳州市.
        ("广西柳州地区", "province", "450000000000", "divided among 柳州市, 来宾市"),
        ("柳州地区", "province", "450000000000", "divided among 柳州市, 来宾市"),
        ("安徽阜阳地区", "province", "340000000000", "divided among 阜阳市, 亳州市"),
    ],
)
def test_a_divided_former_division_keeps_only_what_is_still_true(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str, says: str
) -> None:
    """A former division split among several is placed where all of it lies, and says so."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    assert f"now {says}" in result.note


@pytest.mark.parametrize(
    ("address", "precision", "code", "now"),
    [
        ("安徽省巢湖市庐江县", "county", "340124000000", "合肥市"),
        ("巢湖市庐江县", "county", "340124000000", "合肥市"),
        ("安徽省巢湖地区无为县", "county", "340281000000", "芜湖市"),  # 无为市 today
        ("安徽省巢湖市和县", "county", "340523000000", "马鞍山市"),
        ("广西柳州地区象州县", "county", "451322000000", "来宾市"),
        ("柳州地区鹿寨县", "county", "450223000000", "柳州市"),
        ("四川省南充地区岳池县", "county", "511621000000", "广安市"),
        ("重庆市万县市开县", "county", "500154000000", "重庆市"),  # 开州区
        ("湖北省襄樊市襄阳县张湾镇", "township", "420607001000", "襄州区"),
        ("贵州省遵义县鸭溪镇", "township", "520304113000", "播州区"),
    ],
)
def test_a_name_below_a_divided_former_division_places_the_address(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str, now: str
) -> None:
    """巢湖市庐江县 is 合肥市庐江县: the name written below the divided one picks the successor."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    assert f", since divided -> {now}" in result.note


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("广西柳州地区柳城县", "450222000000"),  # 柳城县 was 柳州市's from 1983, never split
        ("柳州地区柳城县", "450222000000"),
        ("安徽阜阳地区太和县", "341222000000"),  # in 阜阳地区, and today in 阜阳市
        # Counties keep today's spelling first: 抚宁县 (2015) is 抚宁区, though
        # a part of it went elsewhere.
        ("河北省抚宁县", "130306000000"),
    ],
)
def test_a_spelling_given_way_to_a_divided_name_still_leads_to_its_county(
    geocoder: OfflineGeocoder, address: str, code: str
) -> None:
    """柳州地区 alone is the divided former prefecture, but 柳州市's counties still follow it."""
    assert geocoder.geocode(address).division_code == code


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("安徽省巢湖市", "340181000000"),  # today's county-level 巢湖市, not the old prefecture
        ("双桥区", "130802000000"),  # 承德's 双桥区, not 重庆's old one (大足区)
        ("双桥", "130802000000"),
        ("河北双桥", "130802000000"),
        ("四川双桥", "510000000000"),  # Sichuan's 双桥镇s, named without a county
        ("湖北省涪陵市", "420000000000"),  # only Sichuan was Chongqing's province
        ("重庆万盛街道", "500110001000"),  # today's 万盛街道, not 万盛 + 街道
        ("河北省承德市双桥区", "130802000000"),
        ("贵州省毕节市", "520500000000"),  # the prefecture, not the old county-level city
        ("湖北省襄阳市樊城区", "420606000000"),
        # A former base gives way to today's names in its province: 思茅区, 淮阴区.
        ("云南思茅", "530802000000"),
        ("江苏淮阴", "320804000000"),
    ],
)
def test_current_names_win_over_former_ones(
    geocoder: OfflineGeocoder, address: str, code: str
) -> None:
    """A name that is today's and also a former one reads as today's."""
    result = geocoder.geocode(address)
    assert result.division_code == code
    assert "old" not in result.note and "former" not in result.note


@pytest.mark.parametrize(
    ("address", "precision", "code"),
    [
        # Chongqing was a city of Sichuan until 1997: 四川省重庆市 is 重庆市, not
        # the centre of Sichuan, and what follows it is read within 重庆市.
        ("四川省重庆市", "province", "500000000000"),
        ("四川重庆", "province", "500000000000"),
        # 重庆市's 市中区 (渝中区 since 1995), not 内江's or 乐山's.
        ("四川省重庆市市中区", "county", "500103000000"),
        ("四川省重庆市市中区解放碑街道", "township", "500103003000"),
        ("四川省重庆沙坪坝区", "county", "500106000000"),
        ("四川重庆九龙坡", "county", "500107000000"),  # not 甘孜's 九龙县
        ("四川省重庆双福街道", "township", "500116004000"),  # not 峨眉山市's 双福镇
        ("四川重庆茨竹乡", "province", "500000000000"),  # Chongqing's two, not 沐川县's
    ],
)
def test_chongqing_after_sichuan_is_chongqing(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    """An ID card written before 1997 (四川省重庆市...) places in Chongqing."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)


@pytest.mark.parametrize(
    ("address", "precision", "code", "former"),
    [
        ("重庆市市中区解放碑街道", "township", "500103003000", "市中区 -> 渝中区"),
        ("四川省重庆市市中区", "county", "500103000000", "市中区 -> 渝中区"),
        ("重庆市中区", "county", "500103000000", "市中区 -> 渝中区"),
        ("四川省广元市市中区", "county", "510802000000", "市中区 -> 利州区"),  # 2007
        ("保定市北市区", "county", "130606000000", "北市区 -> 莲池区"),  # 2015
        ("天津市南郊区", "county", "120112000000", "南郊区 -> 津南区"),  # 1992
        ("濮阳市市区", "county", "410902000000", "市区 -> 华龙区"),  # 2002
        ("大同市矿区", "county", "140214000000", "矿区 -> 云冈区"),  # 2018
        # 晋城市 has a 城区 of its own, which took 长治's 城区东街街道 before.
        ("山西长治城区东街街道", "township", "140403001000", "城区 -> 潞州区"),
    ],
)
def test_a_former_district_by_direction_reads_right_after_its_city(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str, former: str
) -> None:
    """A city's former 市中区, 郊区 or 城区, renamed whole, is today's district after that city."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    assert f"old county name {former}" in result.note


@pytest.mark.parametrize(
    ("address", "precision", "code"),
    [
        ("内江市市中区", "county", "511002000000"),  # today's 市中区s stay themselves
        ("乐山市市中区", "county", "511102000000"),
        ("济南市市中区", "county", "370103000000"),
        ("晋城市城区", "county", "140502000000"),
        ("泸州市市中区", "prefecture", "510500000000"),  # divided among three: not kept
        ("四川省市中区", "province", "510000000000"),  # not after the province (广元's)
        ("城区", "none", ""),  # nor alone
        ("重庆市中山路", "province", "500000000000"),  # no short form 市中 (重庆市 + 中山路)
        ("重庆市中山一路12号", "province", "500000000000"),
        ("保定市北市场", "prefecture", "130600000000"),  # nor 北市 (北市区, 莲池区)
        ("长治市城区路12号", "prefecture", "140400000000"),  # a street named after it
        ("太原市市区", "prefecture", "140100000000"),  # 市区 was 濮阳's
    ],
)
def test_a_former_district_by_direction_reads_nowhere_else(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    """Such a name is never bare, never a short form, and never another city's."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    assert "old" not in result.note


@pytest.mark.parametrize(
    ("address", "precision", "code"),
    [
        # 新区 is 唐山's former district (丰润区), but 新区大道 is a road.
        ("唐山市新区大道12号", "prefecture", "130200000000"),
        ("河北唐山新区大道", "prefecture", "130200000000"),
        ("重庆江津大道", "province", "500000000000"),
        ("江津大道", "none", ""),
        ("广东中山大街", "province", "440000000000"),
        ("北京市东城胡同5号", "province", "110000000000"),
        ("上海川沙公路", "province", "310000000000"),  # 川沙 is 浦东's former county
        ("江津公路3号", "none", ""),
        ("重庆市江津区大道12号", "county", "500116000000"),  # a full name still reads
        # Nor is a shorter name it begins: 牡丹 (菏泽's 牡丹区) in 牡丹江大道,
        # 岳阳 (岳阳县) in 岳阳楼路, 科尔沁 (科尔沁区) in 科尔沁左翼中路.
        ("牡丹江大道8号", "none", ""),
        ("湖南省岳阳市岳阳楼路12号", "prefecture", "430600000000"),
        ("内蒙古自治区通辽市科尔沁左翼中路12号", "prefecture", "150500000000"),
    ],
)
def test_a_name_before_a_road_word_is_a_street(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    """A bare or former name before 大道, 大街, 胡同 or 公路 names a road, as before 路."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)


@pytest.mark.parametrize(
    ("address", "precision", "code"),
    [
        ("河北大名大街镇", "township", "130425107000"),
        ("大名大街", "township", "130425107000"),  # 大名县's 大街镇, bare
        ("龙游大街乡", "township", "330825211000"),
        ("岚皋大道河镇", "township", "610925107000"),
        ("邯郸大街镇", "township", "130425107000"),  # the only one in 邯郸市
        # A township of another county: the county named, with a note.
        ("江津大街镇", "county", "500116000000"),
        ("唐山市新区大道河镇", "county", "130208000000"),
        # 周村大街 may be 周村区's 大街街道, so 周村 stays 定州's 周村镇.
        ("定州周村大街", "township", "130682114000"),
        ("江津大街村", "county", "500116000000"),  # a village, 大街村
    ],
)
def test_a_township_named_with_a_road_word_still_reads(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    """大街镇, 大道河镇 and the like begin with a road word, yet name townships."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)


@pytest.mark.parametrize(
    ("address", "precision", "code"),
    [
        ("东城大道东华门街道", "township", "110101001000"),
        ("东城路东华门街道3组", "township", "110101001000"),
        ("北京东城胡同东华门街道", "township", "110101001000"),
        ("江津大道德感街道", "township", "500116002000"),
        ("江津公路德感镇", "township", "500116002000"),
        # 长治's 城区 (潞州区) before 路, not 晋城's 城区 with its 东街街道.
        ("长治市城区路东街街道", "township", "140403001000"),
        # Only a township of that county, its full name, right after the road word.
        ("中山路东华门街道", "none", ""),
        ("江津大道东华门街道", "none", ""),
        ("东城大道东华门", "none", ""),
        ("东城大道12号东华门街道", "none", ""),
        # 中山街 is a street of 赛罕区, not 大连's 中山区 (人民路街道 is both's).
        ("赛罕中山街人民路街道", "township", "150105001000"),
    ],
)
def test_a_township_after_a_road_named_for_its_county_reads(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    """东城大道东华门街道: the road names 东城区, and 东华门街道 is one of its townships."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    assert "the only such township" not in result.note


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("四川省内江市市中区", "511002000000"),
        ("四川省市中区", "510000000000"),  # 内江's or 乐山's
        ("四川省成都市重庆路", "510100000000"),  # a street, not the city
        ("四川省重庆路", "510000000000"),
        ("重庆市四川路", "500000000000"),  # only 重庆市 was part of 四川省, not the reverse
    ],
)
def test_sichuan_names_stay_in_sichuan(geocoder: OfflineGeocoder, address: str, code: str) -> None:
    """Only a name of Chongqing right after 四川 moves an address out of Sichuan."""
    assert geocoder.geocode(address).division_code == code


@pytest.mark.parametrize(
    ("address", "precision", "code", "says"),
    [
        # 毕节市 was a county-level city until 2011 (now 七星关区); 岔河镇 is also
        # a township of 威宁县, so the prefecture alone could not place it.
        ("贵州省毕节市岔河镇", "township", "520502102000", "old county name 毕节市 -> 七星关区"),
        ("毕节市岔河镇", "township", "520502102000", "old county name 毕节市 -> 七星关区"),
        # After its prefecture, 毕节市 can only be the county-level city.
        ("贵州省毕节地区毕节市", "county", "520502000000", "old county name 毕节市 -> 七星关区"),
        # 六安市 (county-level until 2000) went to 金安区 and 裕安区; 双河镇 is
        # also 舒城县's.
        ("安徽省六安市双河镇", "township", "341502106000", "since divided -> 金安区"),
        ("山东省菏泽市南城街道", "township", "371702003000", "old county name 菏泽市 -> 牡丹区"),
    ],
)
def test_a_former_city_named_like_its_prefecture_leads_to_its_townships(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str, says: str
) -> None:
    """A township of the former county-level city right after its name places there."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    assert says in result.note


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("贵州省毕节市", "520500000000"),
        ("贵州省毕节市某村岔河镇", "520500000000"),  # not right after it: still ambiguous
        # 太平镇 is 水富市's; 昭阳区 (the former 昭通市) has a 太平街道, which a
        # lead-in does not read with another suffix.
        ("云南省昭通市太平镇", "530600000000"),
    ],
)
def test_a_former_city_named_like_its_prefecture_is_not_read_alone(
    geocoder: OfflineGeocoder, address: str, code: str
) -> None:
    """Without its own township right after it, the name stays the prefecture."""
    assert geocoder.geocode(address).division_code == code


def test_every_prefecture_and_county_still_places_at_itself(geocoder: OfflineGeocoder) -> None:
    """Former names take nothing from today's: each division's full name finds it, unnoted."""
    for division in geocoder.gazetteer:
        if division.level in ("prefecture", "county"):
            result = geocoder.geocode(division.full_name)
            assert result.division_code == division.code, division.full_name
            assert "former" not in result.note and "old" not in result.note, division.full_name


def test_suffix_variant_is_noted(geocoder: OfflineGeocoder) -> None:
    """娄山关镇 for 娄山关街道 is recognised and the note names both."""
    result = geocoder.geocode("贵州遵义桐梓娄山关镇")
    assert result.division_code == "520322001000"
    assert "娄山关镇 -> 娄山关街道" in result.note


@pytest.mark.parametrize(
    ("address", "precision", "code"),
    [
        ("鄂恩施", "prefecture", "422800000000"),
        ("黔遵义", "prefecture", "520300000000"),
        ("滇昆明", "prefecture", "530100000000"),
        ("川南溪", "county", "511503000000"),
        ("鄂恩施利川文斗镇", "township", "422802108000"),
        ("川白沙镇", "province", "510000000000"),  # three 白沙镇 in Sichuan, but all in Sichuan
        # A name that begins with an abbreviation's character is that name:
        ("黔江区", "county", "500114000000"),  # Chongqing's, not Guizhou
        ("京山宋河镇", "township", "420882105000"),  # Hubei's 京山, not Beijing
        ("甘孜州", "prefecture", "513300000000"),  # Sichuan's, not Gansu
    ],
)
def test_a_province_abbreviation_before_a_name_stands_for_its_province(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    """鄂恩施, 黔遵义: a desk writes a province by its one character (鄂 for 湖北)."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)


def test_a_province_abbreviation_reads_as_its_full_name_or_not_at_all(
    geocoder: OfflineGeocoder,
) -> None:
    """One the name after it contradicts reads as the full name would; one before no name, not."""
    assert geocoder.geocode("鄂南溪区") == geocoder.geocode("湖北省南溪区")  # 南溪区 is Sichuan's
    assert geocoder.geocode("黔南溪区").division_code == "522700000000"  # 黔南州 + 溪区
    assert geocoder.geocode("苏家村3组").precision == "none"  # a village, not 江苏


def test_full_width_digits_and_spaces(geocoder: OfflineGeocoder) -> None:
    """Full-width characters, spaces and punctuation do not change the result."""
    plain = geocoder.geocode("重庆市江津区德感街道长江村3组12号")
    messy = geocoder.geocode(" 重庆市　江津区， 德感 街道 长江村３组１２号 ")
    assert messy == plain
    assert normalise_address("　贵州，桐梓３组") == "贵州桐梓3组"
    assert normalise_address("1. 户籍地址：中国四川省") == "四川省"


def test_traditional_characters_place_as_simplified(geocoder: OfflineGeocoder) -> None:
    """An address typed in traditional script lands where its simplified spelling does."""
    plain = geocoder.geocode("重庆市江津区德感街道长江村3组12号")
    assert plain.precision == "township"
    assert geocoder.geocode("重慶市江津區德感街道長江村3組12號") == plain
    labelled = geocoder.geocode("戶籍地址：重慶江津德感長江村")
    assert labelled == geocoder.geocode("重庆江津德感长江村")
    result = geocoder.geocode("貴州省黔東南苗族侗族自治州凱里市")
    assert (result.precision, result.division_code) == ("county", "522601000000")
    assert normalise_address("廣西壯族自治區") == "广西壮族自治区"


def test_traditional_folding_leaves_every_gazetteer_name_alone(
    geocoder: OfflineGeocoder,
) -> None:
    """Only characters no name uses are folded, so no real name turns into another."""
    for division in geocoder.gazetteer:
        names = (division.name, *division.old_names, *division.merged_names)
        assert all(name.translate(TO_SIMPLIFIED) == name for name in names), division.code


@pytest.mark.parametrize(
    "address",
    [
        "唐县镇胜利村3组",  # 唐县镇 (湖北随县) is not the county 唐县 (河北)
        "东区街道3组",  # 东区街道 (河南义马) is not the district 东区 (四川攀枝花)
        "西城区街道3组",  # 西城区街道 (河北定州) is not 北京西城区
    ],
)
def test_a_name_that_begins_a_longer_name_is_not_read_alone(
    geocoder: OfflineGeocoder, address: str
) -> None:
    """A county name that only begins a township's name does not place the address there."""
    result = geocoder.geocode(address)
    assert result.precision == "none"
    assert result.location is None


def test_a_township_without_its_county_says_to_add_the_county(geocoder: OfflineGeocoder) -> None:
    """A lone township name is not placed, and the note says what is missing."""
    result = geocoder.geocode("唐县镇3组")
    assert result.precision == "none"
    assert result.note == "township '唐县镇' named without its county; add the county"
    # A village named after a township is no township named.
    assert geocoder.geocode("新镇村3组").note == "no place name recognised"


def test_a_name_that_ends_a_longer_name_does_not_beat_it(geocoder: OfflineGeocoder) -> None:
    """四川会理县 is the old name of 会理市, not 理县 with 会 skipped (540 km away)."""
    result = geocoder.geocode("四川会理县")
    assert (result.precision, result.division_code) == ("county", "513402000000")
    # ... but a name overlapping the one before it still counts (山西 + 城区).
    assert geocoder.geocode("山西城区矿区3组").division_code == "140000000000"


@pytest.mark.parametrize(
    ("address", "precision", "code"),
    [
        # Shanxi's former 北郊区 was 太原's (divided in 1997), and it had two
        # 南郊区, 太原's and 大同's (云冈区 since 2018): after the province
        # neither says which, and the 郊区 in them is not 阳泉's 郊区.
        ("山西省北郊区", "province", "140000000000"),
        ("山西北郊区3组", "province", "140000000000"),
        ("山西省南郊区", "province", "140000000000"),
        ("山西南郊区", "province", "140000000000"),
        ("山西东郊区", "province", "140000000000"),  # 天津's, never Shanxi's
        ("北郊区", "none", ""),  # 天津's, 太原's ...
        ("南郊区3组", "none", ""),
        ("太原市北郊区", "prefecture", "140100000000"),
        ("大同市南郊区", "county", "140214000000"),
        ("山西省大同市南郊区", "county", "140214000000"),
        ("山西省阳泉市郊区", "county", "140311000000"),
        ("山西省郊区", "county", "140311000000"),  # Shanxi's only 郊区 today
    ],
)
def test_a_district_by_direction_is_not_read_as_the_shorter_one_it_ends(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    """北郊区 and 南郊区 are not 郊区 with the direction skipped: 阳泉's 郊区 is no reading."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    if precision != "county":
        assert "'郊区'" not in result.note


@pytest.mark.parametrize(
    ("address", "written"),
    [
        ("北郊区", "北郊区"),  # 天津's (北辰区 since 1992) or 太原's (divided in 1997)
        ("南郊区3组", "南郊区"),  # 天津's (津南区) or 大同's (云冈区)
        ("东郊区", "东郊区"),
        ("市区", "市区"),
    ],
)
def test_a_former_district_alone_says_to_add_its_city(
    geocoder: OfflineGeocoder, address: str, written: str
) -> None:
    """北郊区 alone is a name recognised, read only after its city: the note says to add it."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == ("none", "")
    assert result.note == f"former district '{written}' named without its city; add the city"
    assert say(result.note, "zh") == f"原区名“{written}”未写所属城市；请补上城市"


@pytest.mark.parametrize("address", ["北郊区路", "北郊区大道", "北郊区村"])
def test_a_street_or_village_named_after_a_former_district_is_no_district(
    geocoder: OfflineGeocoder, address: str
) -> None:
    """北郊区路 is a street, not the district: nothing to add a city to."""
    result = geocoder.geocode(address)
    assert (result.precision, result.note) == ("none", "no place name recognised")


@pytest.mark.parametrize(
    ("address", "precision", "code"),
    [
        # 望月湖街道 is 岳麓区's; 开福区 and 宁波's 海曙区 have a 月湖街道.
        ("湖南省长沙市开福区望月湖街道", "county", "430105000000"),
        ("开福区望月湖街道3组", "county", "430105000000"),
        ("宁波市海曙区望月湖街道", "county", "330203000000"),
        ("宁波市望月湖街道", "prefecture", "330200000000"),
        ("湖南省长沙市岳麓区望月湖街道", "township", "430104001000"),
        ("长沙望月湖街道", "township", "430104001000"),
        ("开福区月湖街道", "township", "430105017000"),
    ],
)
def test_a_township_name_that_ends_a_longer_one_is_not_read(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    """月湖街道 is not read out of 望月湖街道: the longer township name is what was written."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    if precision != "township":
        assert "township '望月湖街道' is not in" in result.note


@pytest.mark.parametrize(
    ("address", "precision", "code"),
    [
        # 龙江 is part of 黑龙江: 黑龙江 + 市 is not 龙江市 (龙江县, in the
        # province) with 黑 skipped, wherever a name of the province is read.
        ("黑龙江市", "province", "230000000000"),
        ("黑龙江县", "province", "230000000000"),
        ("黑龙江市郊区", "province", "230000000000"),
        ("黑龙江省黑龙江市", "province", "230000000000"),
        # ... nor where the province is written again after its own city.
        ("齐齐哈尔黑龙江市", "prefecture", "230200000000"),
        ("齐齐哈尔黑龙江", "prefecture", "230200000000"),
        ("齐齐哈尔黑龙江市龙沙区", "county", "230202000000"),
        # 龙江 written as a name of its own still is 龙江县.
        ("龙江", "county", "230221000000"),
        ("黑龙江龙江县", "county", "230221000000"),
        ("黑龙江省龙江", "county", "230221000000"),
        ("齐齐哈尔龙江", "county", "230221000000"),
        # A county whose own name goes on past the shared character is read
        # (贵港北区: 港北区, 贵港's), and a bare name of another place after a
        # county is no name written (路南 in 昌平县路南口镇).
        ("贵港北区", "county", "450802000000"),
        ("北京市昌平县路南口镇", "township", "110114002000"),
    ],
)
def test_a_name_is_not_read_out_of_a_longer_one_but_for_its_suffix(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    """龙江市 in 黑龙江市 is 龙江, part of 黑龙江, and 市: not the county 龙江县."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)


@pytest.mark.parametrize("address", ["哈尔滨黑龙江市", "哈尔滨市黑龙江县", "大庆黑龙江区"])
def test_a_province_written_after_its_city_is_no_county_of_another_place(
    geocoder: OfflineGeocoder, address: str
) -> None:
    """哈尔滨黑龙江市 names the city, then its province again: the note says
    no county is recognised, not that a county '龙江市' nobody wrote is elsewhere."""
    result = geocoder.geocode(address)
    assert result.precision == "prefecture"
    city = result.division_name.removeprefix("黑龙江省")
    assert result.note == f"no county of {city} recognised; placed at prefecture level"


@pytest.mark.parametrize(
    ("address", "precision", "code"),
    [
        ("随州唐县胜利村", "prefecture", "421300000000"),  # not 唐县 in Hebei
        ("三门峡东区", "prefecture", "411200000000"),  # not 东区 in 攀枝花
        ("德阳新市", "prefecture", "510600000000"),  # not 阳新县 (Hubei)
        # not 南关区 (Jilin), but 衡阳县's 关市镇: no other place is named 关市
        ("湖南关市", "township", "430421114000"),
        ("长沙市西湖街道", "township", "430104007000"),  # not 沙市区's 西湖街道 (Hubei)
        ("乌兰察布新城区胜利村", "prefecture", "150900000000"),  # not 呼和浩特's 新城区
        # ... but a county under its former prefecture keeps its township,
        ("资阳市简阳市石桥镇", "township", "510185007000"),
        # and a name the chain itself reads is no other place (东营 across 山东 + 营市街).
        ("山东营市街街道", "township", "370104006000"),
    ],
)
def test_a_county_of_another_place_does_not_beat_the_place_named(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    """A prefecture or province named before a county that is not in it wins over that county."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)


def test_a_county_outside_the_named_place_is_said(geocoder: OfflineGeocoder) -> None:
    """The note names the county that is not in the prefecture, not 'no county'."""
    note = geocoder.geocode("随州唐县胜利村").note
    assert note == "county '唐县' is not in 随州市; placed at prefecture level"


@pytest.mark.parametrize(
    ("address", "precision", "code"),
    [
        ("湖北省随州市曾都区北郊街道办事处石桥村", "township", "421303004000"),
        ("湖北省武汉市汉阳区建桥街办事处", "township", "420105002000"),
        ("芒市镇3组", "county", "533103000000"),  # 芒市镇 is in 芒市
        ("湖北省随州市随县唐县镇", "township", "421321108000"),
    ],
)
def test_longer_names_of_the_same_place_still_read(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    """A name inside a longer name of itself or of its own township keeps its reading."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)


@pytest.mark.parametrize("address", ["市北市场街道3组", "市南市场12号", "市中县城"])
def test_a_city_district_has_no_county_or_city_spelling(
    geocoder: OfflineGeocoder, address: str
) -> None:
    """市北区, 市南区, 市中区 were never counties: 市北市场 is no 市北市 (青岛市北区)."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == ("none", "")
    assert "市北" not in result.note and "市中" not in result.note


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("河南省郑州市管城区", "410104000000"),  # 管城回族区
        ("开封顺河区", "410203000000"),  # 顺河回族区
        ("洛阳瀍河区3组", "410304000000"),  # 瀍河回族区
        ("郑州管城回族区", "410104000000"),
    ],
)
def test_ethnic_district_without_its_people(
    geocoder: OfflineGeocoder, address: str, code: str
) -> None:
    """A district named for a people (管城回族区) is found without the people's name."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == ("county", code)


def test_an_abolished_township_is_named_once_in_its_note(geocoder: OfflineGeocoder) -> None:
    """巷口镇 is listed as 巷口镇（已撤销）: the note says it is abolished, not the mark again."""
    result = geocoder.geocode("重庆市武隆区巷口镇")
    assert result.division_code == "500156100000"
    assert "township 巷口镇 is listed as abolished" in result.note
    assert "（" not in result.note


def test_missing_point_uses_the_parent_and_says_so(geocoder: OfflineGeocoder) -> None:
    """A township without a point of its own takes its county's and the note says so."""
    gaz = geocoder.gazetteer
    town = next(t for t in gaz.townships("52") if t.location is None)
    result = geocoder.geocode(town.full_name)
    assert result.division_code == town.code
    assert result.precision == "township"
    assert result.location == gaz.locate(town.code)[0]
    assert "no coordinate for township" in result.note


def test_notes_never_repeat_the_address(geocoder: OfflineGeocoder) -> None:
    """Notes name divisions at most, never the village or house number."""
    for address in ("贵州省城关镇石坪村3组12号", "四川省宜宾县柏溪镇石坪村3组", "asdf石坪村3组"):
        note = geocoder.geocode(address).note
        assert "石坪村" not in note
        assert normalise_address(address) not in note


def test_geocode_many_reuses_results(geocoder: OfflineGeocoder) -> None:
    """Repeated addresses (also differently typed) are parsed once and give the same result."""
    addresses = ["重庆江津德感街道", "贵州省", "重庆江津德感街道", " 重庆 江津 德感街道 "]
    results = geocoder.geocode_many(addresses)
    assert [r.division_code for r in results] == [
        "500116002000",
        "520000000000",
        "500116002000",
        "500116002000",
    ]
    assert results[0] is results[2] is results[3]


def test_module_geocode_many_asks_once_per_address() -> None:
    """geocode_many() asks a plain Geocoder once per distinct address and keeps the order."""

    class Counting:
        def __init__(self) -> None:
            self.calls = 0

        def geocode(self, address: str) -> GeocodeResult:
            self.calls += 1
            return GeocodeResult(location=None, precision="none", note=f"call {self.calls}")

    counting = Counting()
    results = geocode_many(counting, ["a", "b", "a", "c", "b"])
    assert counting.calls == 3
    assert [r.note for r in results] == ["call 1", "call 2", "call 1", "call 3", "call 2"]


def _county(code: str) -> str:
    return code[:6] + "000000" if code else ""


def test_accuracy_on_the_address_set(geocoder: OfflineGeocoder) -> None:
    """County >= 99 %, township >= 95 %, and no invented county-or-finer placement."""
    with ADDRESSES.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 600
    results = geocoder.geocode_many(r["address"] for r in rows)
    pairs = list(zip(rows, results, strict=True))
    counties = [(r, g) for r, g in pairs if r["expected_county_code"]]
    towns = [(r, g) for r, g in pairs if r["expected_township_code"]]
    county_ok = sum(_county(g.division_code) == r["expected_county_code"] for r, g in counties)
    town_ok = sum(g.division_code == r["expected_township_code"] for r, g in towns)
    invented = [
        r["address"]
        for r, g in pairs
        if r["names_county"] == "false" and g.precision in ("exact", "township", "county")
    ]
    assert county_ok / len(counties) >= 0.99
    assert town_ok / len(towns) >= 0.95
    assert invented == []


def test_results_are_frozen() -> None:
    """GeocodeResult cannot be changed after it is made."""
    result = GeocodeResult(location=None, precision="none")
    with pytest.raises(AttributeError):
        result.note = "x"  # type: ignore[misc]


# --- one character typed wrong ------------------------------------------------


@pytest.mark.parametrize(
    ("address", "code", "written", "name"),
    [
        ("重庆市江津区白莎镇", "500116107000", "白莎", "白沙镇"),  # township, after its county
        ("重庆市綦江区古男街道3组", "500110003000", "古男", "古南街道"),
        ("重庆江津区洛璜镇东海村", "500116116000", "洛璜", "珞璜镇"),
        ("重庆江律白沙镇", "500116107000", "江律", "江津区"),  # county, confirmed by its township
        ("重庆市汀津区德感", "500116002000", "汀津", "江津区"),
    ],
)
def test_a_name_with_one_character_wrong_is_read_and_said(
    geocoder: OfflineGeocoder, address: str, code: str, written: str, name: str
) -> None:
    """A county or township name one character off, right after the name above it, is read as
    the one name below that fits; the note says what was read as what."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == ("township", code)
    note = say(result.note, "zh")
    assert f"{written} 按 {name} 定位（差一个字）" in note
    assert written in say(result.note, "en") and name in say(result.note, "en")


@pytest.mark.parametrize("county_code", ["500116000000", "500110000000", "510522000000"])
def test_every_township_one_character_off_is_placed_only_where_one_fits(
    geocoder: OfflineGeocoder, gazetteer: Gazetteer, county_code: str
) -> None:
    """Each township of a county, one base character replaced: placed there when no sibling
    differs from what was written by one character too, else left at the county."""
    county = gazetteer.get(county_code)
    towns = [t for t in gazetteer.children(county_code) if not t.abolished]
    assert towns and not any("族" in t.name for t in towns)  # bases are the name less its suffix
    bases = {t.code: re.sub("(街道|镇|乡)$", "", t.name) for t in towns}
    for town in towns:
        base = bases[town.code]
        for i in range(len(base)):
            written = base[:i] + "某" + base[i + 1 :]
            fits = [
                c
                for c, b in bases.items()
                if len(b) == len(written)
                and sum(x != y for x, y in zip(b, written, strict=True)) == 1
            ]
            result = geocoder.geocode(county.full_name + written + town.name[len(base) :])
            if fits == [town.code]:
                assert (result.precision, result.division_code) == ("township", town.code)
            else:
                assert (result.precision, result.division_code) == ("county", county_code)


@pytest.mark.parametrize(
    "address",
    [
        "四川省合江县白莎镇",  # 白沙镇, 白鹿镇 and 白米镇 all fit
        "重庆市江津区白杨镇",  # 白杨镇 is a township elsewhere: the county may be what is wrong
        "重庆市江津区白莎",  # two characters, one wrong and no township suffix: too little
    ],
)
def test_a_township_one_character_off_is_not_guessed_on_weak_evidence(
    geocoder: OfflineGeocoder, address: str
) -> None:
    """Where several townships fit, the written name is a real one, or nothing backs it, the
    address stays at its county, and the note says which township was not recognised."""
    result = geocoder.geocode(address)
    assert result.precision == "county"
    assert "差一个字" not in say(result.note, "zh")


def test_a_county_one_character_off_needs_a_township_of_it(geocoder: OfflineGeocoder) -> None:
    """重庆市江律区 alone is not read as 江津区: two characters with one wrong are too little;
    the note says what it may be."""
    result = geocoder.geocode("重庆市江律区")
    assert result.precision == "province"
    note = "江律 可能写错一个字：也许是 江津区；请核对地址；定位到省级"
    assert say(result.note, "zh") == note


# --- written small to large -----------------------------------------------------


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("白沙镇东海村江津区", "500116107000"),
        ("白沙镇，江津区，重庆市", "500116107000"),
        ("吴滩乡郎家村7社 江津区 重庆", "500116101000"),
        ("新民镇，垫江县", "500231101000"),
    ],
)
def test_a_township_written_before_its_county_is_the_home(
    geocoder: OfflineGeocoder, address: str, code: str
) -> None:
    """Small to large (township, county, city): the township of the county read is placed."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == ("township", code)


def test_a_township_of_elsewhere_before_the_county_is_said_so(geocoder: OfflineGeocoder) -> None:
    """三角镇 is in 綦江区, not 江津区: the address stays at 江津区 and the note does not
    claim that no township was written."""
    result = geocoder.geocode("三角镇，江津区，重庆市")
    assert (result.precision, result.division_code) == ("county", "500116000000")
    assert say(result.note, "zh") == "乡镇“三角镇”不在 江津区；定位到县级"


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("贵州遵义南白", "520304001000"),  # 播州区's 南白街道
        ("遵义茅台3组", "520382118000"),  # 仁怀市's 茅台镇
        ("重庆德感", "500116002000"),  # 江津区's 德感街道
    ],
)
def test_a_township_named_nowhere_else_is_read_bare_right_after_its_province_or_city(
    geocoder: OfflineGeocoder, address: str, code: str
) -> None:
    """Without its county and suffix, a township no other place shares the name of is read
    right after its prefecture or province, and the note says the county was not written."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == ("township", code)
    assert "未写区县" in say(result.note, "zh")


@pytest.mark.parametrize("address", ["重庆城南", "四川中心", "湖北广场", "贵州新华", "泸州白沙"])
def test_a_bare_name_many_places_share_is_no_township_without_its_county(
    geocoder: OfflineGeocoder, address: str
) -> None:
    """城南, 中心, 广场 ... name townships in many places (and are common words): after a
    province or city alone they place nothing finer than it."""
    result = geocoder.geocode(address)
    assert result.precision in ("province", "prefecture")


# --- names the gazetteer lacks, the county seat, two counties -----------------


@pytest.mark.parametrize(
    ("address", "code", "city"),
    [
        ("贵阳市金阳新区", "520100000000", "贵阳市"),  # not 阳新县 (Hubei) + 区
        ("贵州省贵阳市金阳新区", "520100000000", "贵阳市"),
        ("长治市城区路12号", "140400000000", "长治市"),  # a street named for its 城区
    ],
)
def test_a_county_name_inside_an_unknown_name_is_not_said_to_be_elsewhere(
    geocoder: OfflineGeocoder, address: str, code: str, city: str
) -> None:
    """金阳新区 (Guiyang's, not in the gazetteer) ends in 阳新区: the note says no county of
    the city was recognised, not that a county '阳新区' nobody wrote is elsewhere."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == ("prefecture", code)
    assert say(result.note, "zh") == f"未识别出 {city} 的区县；定位到市级"


def test_a_county_of_elsewhere_after_a_village_is_still_said(geocoder: OfflineGeocoder) -> None:
    """A name after a village (东海村三角镇) begins a word of its own: it is elsewhere."""
    note = say(geocoder.geocode("重庆市江津区东海村三角镇").note, "zh")
    assert note == "乡镇“三角镇”不在 江津区；定位到县级"


@pytest.mark.parametrize("province", ["500000000000", "520000000000"])
@pytest.mark.parametrize("word", ["县城", "城区"])
def test_every_county_followed_by_its_seat_is_placed_at_its_seat(
    geocoder: OfflineGeocoder, gazetteer: Gazetteer, province: str, word: str
) -> None:
    """X县县城 or X区城区 is the county's seat, the county's own point; the note says the seat
    was written, not that no township was recognised."""
    counties = [d for d in gazetteer if d.level == "county" and d.code[:2] == province[:2]]
    assert len(counties) > 30
    for county in counties:
        result = geocoder.geocode(county.full_name + word + "3号")
        assert (result.precision, result.division_code) == ("county", county.code)
        assert result.location == county.location
        assert "写的是县城" in say(result.note, "zh") and "未识别" not in say(result.note, "zh")


@pytest.mark.parametrize(
    ("address", "code", "old"),
    [
        ("开县县城", "500154000000", "开县"),  # 开县 is now 开州区
        ("綦江县城", "500110000000", "綦江县"),
        ("梁平县城", "500155000000", "梁平县"),  # 梁平县 + 城
        ("开县县城南门", "500154000000", "开县"),  # not 开州区's 南门镇
        ("綦江城区", "500110000000", ""),  # not 阳江's 江城区
        ("江津城区", "500116000000", ""),  # not one of three 城区
    ],
)
def test_a_county_seat_written_in_short_is_the_county(
    geocoder: OfflineGeocoder, address: str, code: str, old: str
) -> None:
    """The seat after a former or bare county name is placed at that county."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == ("county", code)
    note = say(result.note, "zh")
    assert "写的是县城" in note
    assert (f"旧县名 {old} →" in note) == bool(old)


@pytest.mark.parametrize(
    ("address", "precision", "code"),
    [
        ("晋城市城区", "county", "140502000000"),  # a district named 城区
        ("重庆市巫溪县城厢镇", "township", "500238100000"),  # 城厢镇, a township
        ("重庆市江津区几江街道城区", "township", "500116001000"),
        ("遵义市县城", "prefecture", "520300000000"),  # which county's is not written
    ],
)
def test_a_seat_word_that_is_part_of_a_name_or_follows_no_county_is_not_a_seat(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    assert "县城" not in say(result.note, "zh")


@pytest.mark.parametrize(
    ("address", "precision", "code", "first", "second"),
    [
        ("重庆市江津区綦江区", "province", "500000000000", "江津区", "綦江区"),
        ("江津区綦江", "province", "500000000000", "江津区", "綦江"),
        ("重庆市开县万州区", "province", "500000000000", "开县", "万州区"),
        ("四川省成都市武侯区金牛区", "prefecture", "510100000000", "武侯区", "金牛区"),
    ],
)
def test_two_counties_neither_in_the_other_place_at_what_holds_both(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str, first: str, second: str
) -> None:
    """Which of two sibling counties is the home is not written: the finest division holding
    both, and a note naming both, rather than the first county and 'no township recognised'."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    level = {"province": "省", "prefecture": "市"}[precision]
    assert say(result.note, "zh") == f"写了两个互不相属的区县 {first}、{second}；定位到{level}级"


@pytest.mark.parametrize(
    ("address", "code", "written", "former"),
    [
        ("重庆市万州区开县", "500154000000", "万州区", "万县市"),  # 开县 in 万县市 until 1997
        ("涪陵区丰都县", "500230000000", "涪陵区", "涪陵市"),
        ("重庆市黔江区酉阳县", "500242000000", "黔江区", "黔江地区"),
    ],
)
def test_a_county_named_like_the_former_prefecture_of_the_next_is_its_level_above(
    geocoder: OfflineGeocoder, address: str, code: str, written: str, former: str
) -> None:
    """万州区开县: 万州区 was 万县市, the prefecture 开县 lay in, as ID cards of then say."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == ("county", code)
    assert f"{written} 按" in say(result.note, "zh") and former in say(result.note, "zh")


@pytest.mark.parametrize(
    ("address", "precision", "code"),
    [
        ("重庆市江津区綦江村", "county", "500116000000"),  # a village
        ("重庆市江津区綦江路", "county", "500116000000"),  # a street
        ("重庆市江津区永川区朱沱镇", "township", "500118106000"),  # read to a township
    ],
)
def test_a_county_name_as_a_village_or_street_is_not_a_second_county(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    assert "互不相属" not in say(result.note, "zh")


@pytest.mark.parametrize(
    ("address", "names"),
    [
        ("重庆秀溪", "巫溪县、秀山土家族苗族自治县"),  # nothing after
        ("重庆市秀溪县", "巫溪县、秀山土家族苗族自治县"),
        ("贵州铜义", "兴义市、遵义市、铜仁市"),  # prefectures too, below a province
    ],
)
def test_a_name_one_character_off_several_is_not_placed_but_named(
    geocoder: OfflineGeocoder, address: str, names: str
) -> None:
    """秀溪 is one character off 巫溪 and 秀山: placing it at either would be a guess, so it
    stays at the province, and the note names what it may be for the desk to check."""
    result = geocoder.geocode(address)
    assert result.precision == "province"
    assert f"可能写错一个字：也许是 {names}；请核对地址" in say(result.note, "zh")


def test_a_name_going_on_past_one_character_off_is_no_typo(geocoder: OfflineGeocoder) -> None:
    """重庆大学城: 大学 is one character off 大足, but 城 goes on with a name of its own."""
    assert "写错" not in say(geocoder.geocode("重庆大学城").note, "zh")


@pytest.mark.parametrize("province", ["500000000000", "520000000000", "430000000000"])
@pytest.mark.parametrize("word", ["新区", "城南", "工业园"])
def test_a_name_overlapping_a_county_written_first_is_read_only_within_it(
    geocoder: OfflineGeocoder, gazetteer: Gazetteer, province: str, word: str
) -> None:
    """云阳新区 is 云阳县's new district, not Hubei's 阳新县 read as 阳新 + 区 with 云 skipped:
    a name sharing a county's last character is read only where it lies within it."""
    counties = [
        d
        for d in gazetteer
        if d.level == "county" and d.code[:2] == province[:2] and d.name.endswith("县")
    ]
    assert len(counties) > 10
    for county in counties:
        base = county.name.removesuffix("县")
        if len(base) < 2 or any(
            c.name.startswith(base) and c.code != county.code
            for c in gazetteer
            if c.level != "township"
        ):
            continue  # the written name is another place's too
        result = geocoder.geocode(base + word)
        placed = {d.code for d in gazetteer.ancestors(result.division_code)} | {
            result.division_code
        }
        assert county.code in placed, (county.name, result.division_name)


@pytest.mark.parametrize(
    ("address", "precision", "code", "written", "name"),
    [
        ("重庆沙区", "county", "500106000000", "沙区", "沙坪坝区"),
        ("重庆市沙区井口镇", "township", "500106008000", "沙区", "沙坪坝区"),
        ("四川省重庆市沙区", "county", "500106000000", "沙区", "沙坪坝区"),  # an old ID card
        ("重庆九区", "county", "500107000000", "九区", "九龙坡区"),
        ("重庆市九区杨家坪街道", "township", "500107001000", "九区", "九龙坡区"),
        ("乌鲁木齐沙区", "county", "650103000000", "沙区", "沙依巴克区"),  # Urumqi's own 沙区
    ],
)
def test_a_district_short_form_reads_right_after_its_city(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str, written: str, name: str
) -> None:
    """重庆沙区 is 沙坪坝区, as Chongqing writes it, not the province alone; the note says how
    it was read."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    assert f"区名简称 {written} → {name}" in say(result.note, "zh")


@pytest.mark.parametrize(
    ("address", "precision", "code"),
    [
        ("四川沙区", "province", "510000000000"),  # not after another province
        ("重庆沙区路3号", "province", "500000000000"),  # a street named after it
        ("乌鲁木齐九区", "prefecture", "650100000000"),  # 九区 is Chongqing's
        ("齐齐哈尔龙沙区", "county", "230202000000"),  # inside a longer name
        ("广州市南沙区", "county", "440115000000"),
    ],
)
def test_a_district_short_form_reads_nowhere_else(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    """The same two characters stand for other districts elsewhere: only after its own city."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    assert "简称" not in say(result.note, "zh")


def test_a_district_short_form_alone_says_to_add_its_city(geocoder: OfflineGeocoder) -> None:
    result = geocoder.geocode("沙区")
    assert result.precision == "none"
    assert say(result.note, "zh") == "区名简称“沙区”未写所属城市；请补上城市"


def test_every_district_short_form_names_a_district_of_the_gazetteer(
    geocoder: OfflineGeocoder, gazetteer: Gazetteer
) -> None:
    """A gazetteer update that renumbers a district must not drop its short form silently."""
    assert _SHORT_FORMS
    for code, forms in _SHORT_FORMS.items():
        district = gazetteer.get(code)
        city = gazetteer.parent(code)
        assert district.level == "county" and city is not None
        for form in forms:
            result = geocoder.geocode(city.name + form)
            assert result.division_code == code, (form, district.name)


@pytest.mark.parametrize(
    ("address", "code", "note"),
    [
        (
            "重庆市江津区永川区朱沱镇",
            "500118106000",
            "写了两个区县 江津区、永川区；其后的乡镇属于 永川区，先写的 江津区 未采用",
        ),
        (
            "江津区永川朱沱镇",
            "500118106000",
            "写了两个区县 江津区、永川；其后的乡镇属于 永川，先写的 江津区 未采用",
        ),
        (
            "重庆市江津区永川区德感街道",
            "500116002000",
            "写了两个区县 江津区、永川区；其后的乡镇属于 江津区，后写的 永川区 未采用",
        ),
    ],
)
def test_a_county_passed_over_for_the_next_ones_township_is_said(
    geocoder: OfflineGeocoder, address: str, code: str, note: str
) -> None:
    """朱沱镇 lies in 永川区, so the address is read there, but the desk wrote 江津区 too: the
    note says that county was not used, rather than nothing."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == ("township", code)
    assert note in say(result.note, "zh")


@pytest.mark.parametrize(
    ("address", "code", "note"),
    [
        ("重庆市江津区德感街道", "500116002000", ""),
        ("重庆市江津区綦江村德感街道", "500116002000", ""),  # a village, no county
        # 万州区 was 万县市, 开县's prefecture: the level above, not a county passed over.
        ("重庆市万州区开县临江镇", "500154104000", "万州区 按 开州区 的上级读"),
    ],
)
def test_no_county_passed_over_is_said_where_none_was(
    geocoder: OfflineGeocoder, address: str, code: str, note: str
) -> None:
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == ("township", code)
    assert "未采用" not in say(result.note, "zh")
    assert note in say(result.note, "zh")


@pytest.mark.parametrize(
    ("address", "code", "written"),
    [
        ("万州区开县县城", "500154000000", "万州区"),
        ("重庆市万州区开县县城", "500154000000", "万州区"),
        ("涪陵区丰都县城", "500230000000", "涪陵区"),
    ],
)
def test_a_seat_after_a_county_named_like_its_former_prefecture_is_said_to_be_the_seat(
    geocoder: OfflineGeocoder, address: str, code: str, written: str
) -> None:
    """万州区开县县城 is 开县's seat, as 开县县城 is: the note says both how 万州区 was read and
    that the seat was written."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == ("county", code)
    note = say(result.note, "zh")
    assert f"{written} 按" in note
    assert "写的是县城" in note and "未识别" not in note


@pytest.mark.parametrize(
    ("address", "code", "name", "written"),
    [
        ("德江县城关镇", "520626000000", "德江县", "城关镇"),
        ("贵州省铜仁市德江县城关镇青龙村3组", "520626000000", "德江县", "城关镇"),
        ("凯里市城关街道", "522601000000", "凯里市", "城关街道"),
        ("开县城关镇", "500154000000", "开州区", "城关镇"),
        ("合江县合江镇", "510522000000", "合江县", "合江镇"),  # named like its county
        ("四川省泸州市合江县合江镇3组", "510522000000", "合江县", "合江镇"),
        ("丹棱县丹棱镇", "511424000000", "丹棱县", "丹棱镇"),
    ],
)
def test_a_town_gate_the_county_no_longer_has_is_its_seat(
    geocoder: OfflineGeocoder,
    gazetteer: Gazetteer,
    address: str,
    code: str,
    name: str,
    written: str,
) -> None:
    """德江县城关镇: the county has no 城关镇 today (renamed), but it was the seat's town; the
    address is placed at the county's seat, not said to name a township elsewhere."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == ("county", code)
    assert result.location == gazetteer.get(code).location
    note = say(result.note, "zh")
    assert f"{name} 现已没有{written}：按县城定位" in note
    assert "不在" not in note


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("施秉县城关镇", "522623100000"),  # still there
        ("赫章县城关镇", "520527002000"),  # merged: its successor
        ("开阳县城关镇", "520121190000"),  # listed as abolished
    ],
)
def test_a_town_gate_the_county_has_or_had_is_that_township(
    geocoder: OfflineGeocoder, address: str, code: str
) -> None:
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == ("township", code)
    assert "按县城定位" not in say(result.note, "zh")


@pytest.mark.parametrize(
    ("address", "precision", "code", "note"),
    [
        ("重庆市高新区", "province", "500000000000", "地名库中没有 重庆市 的“高新区”；定位到省级"),
        ("重庆高新区3号", "province", "500000000000", "地名库中没有 重庆市 的“高新区”；定位到省级"),
        ("重庆经开区", "province", "500000000000", "地名库中没有 重庆市 的“经开区”；定位到省级"),
        ("成都高新区", "prefecture", "510100000000", "地名库中没有 成都市 的“高新区”；定位到市级"),
        ("万州经开区", "county", "500101000000", "地名库中没有 万州区 的“经开区”；定位到县级"),
    ],
)
def test_a_development_zone_the_gazetteer_lacks_places_at_its_city(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str, note: str
) -> None:
    """重庆高新区 is Chongqing's zone, which the gazetteer has no division for: placed at 重庆市
    with a note saying so, not that some other place's 高新区 lies elsewhere."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    assert say(result.note, "zh") == note


@pytest.mark.parametrize(
    ("address", "precision", "code"),
    [
        ("重庆两江新区", "county", "500157000000"),
        ("兰州高新区", "township", "620102025000"),  # 高新区街道, once 高新区
        ("唐山高新区", "township", "130203012000"),  # 高新技术开发区街道
        ("重庆高新区曾家镇", "township", "500106108000"),  # a township of it written
    ],
)
def test_a_development_zone_the_gazetteer_has_places_there(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    assert "地名库中没有" not in say(result.note, "zh")


@pytest.mark.parametrize("address", ["重庆新区路3号", "重庆市新区街道"])
def test_a_street_or_township_named_after_a_zone_is_no_zone(
    geocoder: OfflineGeocoder, address: str
) -> None:
    assert "地名库中没有" not in say(geocoder.geocode(address).note, "zh")


@pytest.mark.parametrize(
    ("address", "precision", "code"),
    [
        ("襄城区城关镇", "county", "420602000000"),  # 襄阳市's district, at its seat
        ("湖北省襄阳市襄城区城关镇", "county", "420602000000"),
        ("襄城区城关镇石河村3组", "county", "420602000000"),
        ("河南襄城区城关镇", "township", "411025001000"),  # 河南 says it is 襄城县
        ("许昌市襄城区城关街道", "township", "411025001000"),
        ("长宁区竹海镇", "township", "511524105000"),  # only 宜宾's 长宁县 has a 竹海镇
    ],
)
def test_a_district_named_before_a_town_gate_stays_that_district(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    """襄城区城关镇: 襄城区 is a district's own name, so it is not read as 许昌's 襄城县 written
    with 区 for the sake of that county's 城关镇 (one of hundreds); the district has none today,
    so the address is placed at its seat and the note says so.  Read after 河南 or 许昌, the
    name with the other suffix is 襄城县 again, as it is before a township few places have."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    if precision == "county":
        assert "襄城区 现已没有城关镇：按县城定位" in say(result.note, "zh")


@pytest.mark.parametrize(
    ("address", "precision", "code", "written", "name"),
    [
        ("重庆壁山", "county", "500120000000", "壁山", "璧山区"),  # not 巫山县 or 秀山县
        ("重庆市壁山县", "county", "500120000000", "壁山", "璧山区"),
        ("重庆壁山区", "county", "500120000000", "壁山", "璧山区"),
        ("壁山区丁家街道", "township", "500120005000", "壁山区", "璧山区"),  # written first
        ("壁山", "county", "500120000000", "壁山", "璧山区"),
        ("棊江区古南街道", "township", "500110003000", "棋江区", "綦江区"),  # 棊 folds to 棋
        ("重庆棊江", "county", "500110000000", "棋江", "綦江区"),
        ("贵州尊义", "prefecture", "520300000000", "尊义", "遵义市"),  # not 兴义市
    ],
)
def test_a_name_written_with_a_lookalike_is_read_as_the_one_it_looks_like(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str, written: str, name: str
) -> None:
    """壁山 is one character off 璧山, 巫山 and 秀山, but 壁 is 璧's lookalike, the slip the
    desk's files show: read as 璧山区, and the note says so for the desk to check."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    assert f"{written} 按 {name} 定位（有一个字写成了形近字）；请核对地址" in say(result.note, "zh")


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("鹤壁市", "410600000000"),
        ("赤壁市", "421281000000"),
        ("湖南省湘乡市棋梓镇", "430381105000"),
        ("镇江市京口区谏壁街道", "321102005000"),
    ],
)
def test_a_real_name_with_a_lookalike_character_is_left_as_written(
    geocoder: OfflineGeocoder, address: str, code: str
) -> None:
    result = geocoder.geocode(address)
    assert result.division_code == code
    assert "形近字" not in say(result.note, "zh")


def test_a_lookalike_reading_is_left_out_where_it_is_not_the_only_one(
    geocoder: OfflineGeocoder,
) -> None:
    """重庆江津区壁山村: 壁山 is a village's name there, read as written."""
    result = geocoder.geocode("重庆市江津区壁山村")
    assert result.division_code == "500116000000"
    assert "形近字" not in say(result.note, "zh")


@pytest.mark.parametrize(
    ("address", "precision", "code", "note"),
    [
        (
            "四川省天府新区",
            "county",
            "510116000000",
            "天府新区 是新区，不是行政区划：按其管委会所在的 双流区 定位",
        ),
        ("成都市天府新区", "county", "510116000000", "按其管委会所在的 双流区 定位"),
        ("天府新区华阳街道", "township", "510116004000", "按其管委会所在的 双流区 定位"),
        ("贵州省贵安新区", "province", "520000000000", "按包含其全境的 贵州省 定位"),
        ("贵安新区", "province", "520000000000", "按包含其全境的 贵州省 定位"),  # no 贵 + 安新区
        ("陕西省西咸新区", "province", "610000000000", "按包含其全境的 陕西省 定位"),
        ("重庆北部新区", "county", "500157000000", "北部新区（原新区）现属 两江新区"),
        ("重庆市北部新区人和街道", "township", "500157001000", "北部新区（原新区）现属 两江新区"),
    ],
)
def test_a_new_area_with_a_name_of_its_own_is_placed_where_it_is(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str, note: str
) -> None:
    """天府新区, 贵安新区, 西咸新区 and 重庆北部新区 are no divisions: placed at the county
    holding the area's seat, the province holding all of it, or what it became part of, and
    the note says it was read as that area, not that no county was recognised."""
    result = geocoder.geocode(address)
    assert (result.precision, result.division_code) == (precision, code)
    assert note in say(result.note, "zh")
    assert result.location is not None


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("眉山市天府新区", "511400000000"),  # its 眉山 part: not 双流区
        ("南宁北部新区", "450100000000"),  # another city's 北部新区
        ("四川省成都市双流区天府新区华阳街道", "510116004000"),  # read finer as written
    ],
)
def test_a_new_area_is_read_only_where_it_fits_what_else_is_written(
    geocoder: OfflineGeocoder, address: str, code: str
) -> None:
    result = geocoder.geocode(address)
    assert result.division_code == code
    assert "新区，不是行政区划" not in say(result.note, "zh")
    assert "原新区" not in say(result.note, "zh")


@pytest.mark.parametrize(
    ("address", "code", "note"),
    [
        ("重庆市渝北区统景镇", "500109124000", "渝北区"),  # moved to 北碚区
        ("渝北区大湾镇", "500109123000", "渝北区"),
        ("渝北统景镇", "500109124000", "渝北 已拆分 → 北碚区"),  # the bare name, 两江新区's too
        ("重庆渝北县统景镇", "500109124000", "渝北县 已拆分 → 北碚区"),
        ("渝北区两路街道", "500157021000", "渝北区 → 两江新区"),  # still 两江新区's
        ("重庆市渝北区", "500157000000", "渝北区 → 两江新区"),
        ("宜宾县白花镇", "511502118000", "宜宾县"),  # moved to 翠屏区
        ("四川省宜宾县柏溪镇", "511504003000", "宜宾县 → 叙州区"),
    ],
)
def test_a_town_of_a_county_since_divided_is_read_where_it_is_now(
    geocoder: OfflineGeocoder, address: str, code: str, note: str
) -> None:
    """渝北区统景镇: 统景镇 is 北碚区's since 渝北区 was divided, not a town merged into 两江新区's
    古路镇; 渝北区 alone, or with a town of 两江新区, is 两江新区 as before."""
    result = geocoder.geocode(address)
    assert result.division_code == code
    assert note in say(result.note, "zh")
    assert "最近的乡镇" not in say(result.note, "zh")


def test_an_abolished_town_with_a_geonames_point_is_placed_there(
    geocoder: OfflineGeocoder, gazetteer: Gazetteer
) -> None:
    """武隆区巷口镇: listed as abolished; placed at its own point, not its county's."""
    result = geocoder.geocode("重庆市武隆区巷口镇")
    assert (result.precision, result.division_code) == ("township", "500156100000")
    assert result.location is not None
    assert result.location != gazetteer.get("500156000000").location
    assert "没有坐标" not in say(result.note, "zh")


@pytest.mark.parametrize("address", ["两江新区统景镇", "重庆市江北区统景镇"])
def test_a_town_of_a_divided_county_is_not_read_by_another_name_of_its_kin(
    geocoder: OfflineGeocoder, address: str
) -> None:
    """两江新区 (or its other old name 江北区) never held 统景镇: only 渝北区's name leads there."""
    assert geocoder.geocode(address).division_code != "500109124000"
