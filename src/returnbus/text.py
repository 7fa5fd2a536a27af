"""Words the desk reads, in Chinese (the default) and English.

A `Text` is a sentence made from an entry of `CATALOGUE` and its values.  It
is a ``str`` holding the English, so logs, ``plan.json`` and code that reads
reasons see what they always saw; `say` gives it in the desk's language.
Values that are themselves `Text` are said in the same language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

#: key -> (English, Chinese).  Placeholders follow `str.format`.
CATALOGUE: Mapping[str, tuple[str, str]] = {
    # -- roster rows: problems and what to do
    "missing": ("missing", "缺失"),
    "give_id": ("give every worker an id (工号)", "请为每位员工填写工号"),
    "give_name": ("real-name registration needs the worker's name", "实名登记需要填写姓名"),
    "id_check": (
        "fails the GB 11643 check (18 characters, last one a check digit)",
        "未通过 GB 11643 校验（应为 18 位，末位为校验码）",
    ),
    "id_action": (
        "check the ID number against the card; the worker is still planned",
        "请对照身份证核对号码；该员工仍会安排",
    ),
    "unknown_employer": ("not in the employers file", "不在企业名单中"),
    "unknown_employer_action": (
        "add the employer to employers.csv or correct the name",
        "请将该企业加入 employers.csv，或更正企业名称",
    ),
    "phone_missing_action": (
        "add an 11-digit mobile number so the driver can reach the worker; "
        "the worker is planned and listed for the desk to call",
        "请补充 11 位手机号，方便司机联系；该员工仍会安排，并列入待联系名单",
    ),
    "phone_bad": ("not a mainland mobile number", "不是有效的大陆手机号"),
    "phone_scientific": (
        "Excel turned the number into scientific notation; format the column as text",
        "Excel 把号码变成了科学计数法；请把该列设为文本格式",
    ),
    "phone_write": (
        "write an 11-digit mainland mobile number, e.g. 13900001111",
        "请填写 11 位大陆手机号，例如 13900001111",
    ),
    "gender_bad": ("not 男/女 or M/F", "不是 男/女"),
    "gender_action": (
        "write 男 or 女; the worker is planned with sex unknown",
        "请填写 男 或 女；该员工按性别不明安排",
    ),
    "health_bad": ("not green/yellow/red (绿/黄/红)", "不是 绿/黄/红"),
    "health_action": ("write the health-code colour: 绿, 黄 or 红", "请填写健康码颜色：绿、黄或红"),
    "risk_bad": ("not low/medium/high (低/中/高)", "不是 低/中/高"),
    "risk_action": (
        "write the origin area's risk level: 低, 中 or 高",
        "请填写来源地风险等级：低、中或高",
    ),
    "mode_bad": ("not bus/self (包车/自行)", "不是 包车/自行"),
    "mode_action": (
        "write 包车 for a seat on a bus or 自行 for self-return",
        "乘坐包车请填 包车，自行返岗请填 自行",
    ),
    "no_home": ("no home address and no coordinates", "没有家庭住址，也没有坐标"),
    "no_home_action": (
        "add the home address (省 市 县 乡镇 村) or lat/lon",
        "请补充家庭住址（省 市 县 乡镇 村）或经纬度",
    ),
    "coords_not_numbers": (
        "coordinates {lat!r}, {lon!r} are not numbers",
        "坐标 {lat!r}、{lon!r} 不是数字",
    ),
    "coords_action": (
        "write decimal degrees (纬度 29.29, 经度 106.25) or leave both empty",
        "请填写十进制度数（纬度 29.29，经度 106.25），或两项都留空",
    ),
    "coord_system_bad": ("not wgs84, gcj02 or bd09", "不是 WGS84、GCJ02 或 BD09"),
    "coord_system_action": (
        "write WGS84 (GPS), GCJ02 (高德/腾讯) or BD09 (百度)",
        "请填写 WGS84（GPS）、GCJ02（高德/腾讯）或 BD09（百度）",
    ),
    "outside_china": ("({lat}, {lon}) is outside China", "（{lat}, {lon}）不在中国境内"),
    "coords_swapped": (
        "latitude and longitude look swapped: put 纬度 (about 20-50) in lat",
        "经纬度似乎填反了：纬度（约 20-50）应填在纬度列",
    ),
    "coords_check": (
        "check the coordinates or leave them empty to use the address",
        "请核对坐标，或留空以按地址定位",
    ),
    "duplicate_same": (
        "duplicate worker id: the same row as row {row}",
        "工号重复：与第 {row} 行完全相同",
    ),
    "duplicate_same_action": ("delete the repeated row", "请删除重复的行"),
    "duplicate_different": (
        "duplicate worker id: used on rows {rows} with different details",
        "工号重复：第 {rows} 行使用同一工号但信息不同",
    ),
    "duplicate_different_action": (
        "give each worker a unique id (工号), or delete the wrong row",
        "请为每位员工设置唯一工号，或删除错误的行",
    ),
    "fields_more": (
        "the row has {count} cells where the header has {width}",
        "本行有 {count} 个单元格，表头只有 {width} 列",
    ),
    "fields_fewer": (
        "the row has only {count} cells where the header has {width}",
        "本行只有 {count} 个单元格，表头有 {width} 列",
    ),
    "fields_action": (
        "a comma or line break inside a cell that is not quoted splits or joins rows; "
        "fix the row in Excel or a text editor",
        "单元格内未加引号的逗号或换行会拆分或合并行；请在 Excel 或文本编辑器中修正该行",
    ),
    "control_chars": (
        "held line breaks, tabs or invisible control characters; they were removed",
        "含有换行、制表符或不可见的控制字符，已删除",
    ),
    "control_action": ("check the cell reads as it should", "请核对该单元格内容"),
    "hidden_row": (
        "the row is hidden in the workbook; it is planned like the others",
        "该行在工作簿中被隐藏；仍按正常行安排",
    ),
    "hidden_action": (
        "unhide it to check it, or set [roster] skip_hidden_rows = true to leave hidden rows out",
        "请取消隐藏后核对；如需跳过隐藏行，请在 [roster] 中设置 skip_hidden_rows = true",
    ),
    "hidden_skipped": (
        "the row is hidden in the workbook and left out, as [roster] skip_hidden_rows asks",
        "该行在工作簿中被隐藏，按 [roster] skip_hidden_rows 设置未安排",
    ),
    "hidden_skipped_action": (
        "unhide the row if the worker should be planned",
        "如需安排该员工，请取消隐藏该行",
    ),
    "merged_filled": (
        "merged cells {ranges} were filled down into this row",
        "合并单元格 {ranges} 的内容已向下填充到本行",
    ),
    "merged_action": (
        "check the row; unmerge the cells to be sure",
        "请核对本行；建议取消合并单元格",
    ),
    "long_number": (
        "stored as a number: Excel keeps only 15 digits, so the last ones may be lost",
        "以数字形式保存：Excel 只保留 15 位有效数字，末尾数字可能已丢失",
    ),
    "as_text_action": (
        "format the column as text and type the value again",
        "请把该列设为文本格式后重新录入",
    ),
    "id_date": ("Excel turned it into a date", "被 Excel 转换成了日期"),
    "row_problem": ("{column}: {problem} ({action})", "{column}：{problem}（{action}）"),
    "group_split": (
        "keep-together group {group} is split over {what}",
        "同行组 {group} 分在了不同的{what}",
    ),
    "group_split_action": (
        "give the whole group one batch and travel mode (返岗批次, 返岗方式); as it is, "
        "each member travels with their own batch and mode, not together",
        "请让同组人员使用相同的返岗批次和返岗方式；否则各人随各自批次和方式出行，不会同车",
    ),
    "group_split_red": (
        "a member of this group has a red health code (row {row}): the others are close "
        "contacts in every batch and are {fate}",
        "该组有人健康码为红码（第 {row} 行）：其余成员无论在哪一批次都是密切接触者，将{fate}",
    ),
    "fate_hold": ("held off the buses", "不安排乘车"),
    "fate_quarantine": ("carried to quarantine", "送往隔离"),
    "batches": ("batches", "批次"),
    "batches_share_day": (
        "batches {batches} have no [[batch]] dates: all leave on {day} and share that day's "
        "fleet, so later ones get the buses earlier ones leave",
        "批次 {batches} 没有 [[batch]] 日期：都在 {day} 出发，共用当天的车队，"
        "后规划的批次只能用剩下的车",
    ),
    "batch_blank": (
        "the batch cell is blank, so no batch plans this row: write one of the batches "
        "({ids}) in it and plan again",
        "返岗批次为空，任何批次都不会安排此人：请填写现有批次之一（{ids}）后重新规划",
    ),
    "batch_unknown": (
        "batch {value!r} is not a batch of scenario.toml, so no batch plans this row: "
        "write one of the batches ({ids}) in it, or add a [[batch]] table for it, and plan again",
        "返岗批次“{value}”不在 scenario.toml 的批次中，任何批次都不会安排此人："
        "请改为现有批次之一（{ids}），或为其添加 [[batch]] 表，然后重新规划",
    ),
    "batch_stray_action": (
        "write one of the batches in the batch (返岗批次) column, or add a [[batch]] table "
        "for it to scenario.toml, and plan again",
        "请在返岗批次列填写现有批次之一，或在 scenario.toml 中为其添加 [[batch]] 表，然后重新规划",
    ),
    "batches_share_day_action": (
        "add a [[batch]] table with its departure for each batch to scenario.toml",
        "请在 scenario.toml 中为每个批次添加带出发时间的 [[batch]] 表",
    ),
    "travel_modes": ("travel modes", "返岗方式"),
    # -- geocoding and screening
    "not_placed": ("could not be placed", "无法定位"),
    "placed_at": ("is only placed at {level} level", "只能定位到{level}级"),
    "too_coarse": (
        "home address {found}; a bus needs at least {needed} level: "
        "add the county and township (县, 乡镇) to the address, or lat/lon",
        "家庭住址{found}；包车接送至少需要定位到{needed}级：请在地址中写明县和乡镇，或填写经纬度",
    ),
    "outside_area": (
        "home is outside the planning area; "
        "arrange self-return or add its area to rules.planning_area",
        "家庭住址不在规划范围内；请安排自行返岗，或将该地区加入 rules.planning_area",
    ),
    "red_code": (
        "red health code: no transport; report to the medical team for follow-up",
        "红码：不安排乘车；请报医疗组跟进",
    ),
    "close_contact": (
        "close contact: keep-together group {group} has a red-code member; "
        'held for the health office (screening.close_contacts = "quarantine" '
        "carries them to isolation instead)",
        "密切接触者：同行组 {group} 中有红码人员；暂缓出行，交卫生部门处置"
        '（设置 screening.close_contacts = "quarantine" 可改为送往隔离点）',
    ),
    "group_too_big": (
        "keep-together group too big: group {group!r} has {size} riders but "
        "the largest bus takes {most} under the seating policy; split the group in the roster",
        "同行组过大：同行组 {group!r} 有 {size} 人，而按座位政策最大的车只能坐 {most} 人；"
        "请在名单中拆分该组",
    ),
    # -- routing
    "no_fleet": (
        "no buses in the fleet; add [[fleet]] entries with count > 0",
        "车队中没有可用车辆；请在 [[fleet]] 中添加数量大于 0 的车型",
    ),
    "stop_too_big": (
        "stop too big: {riders} riders at one stop but the largest bus takes {most}; "
        "add bigger buses or relax the seating policy",
        "上车点人数过多：一个上车点有 {riders} 人，而最大的车只能坐 {most} 人；"
        "请增加大车或放宽座位政策",
    ),
    "too_far": (
        "too far for a bus: the ride alone takes {hours:.1f} h, over the {cap:g} h cap; "
        "arrange self-return or raise rules.max_ride_minutes",
        "路程过远：单独乘车需 {hours:.1f} 小时，超过 {cap:g} 小时上限；"
        "请安排自行返岗，或调高 rules.max_ride_minutes",
    ),
    "outside_hours": (
        "no timetable picks them up between {pickup_from} and {pickup_until} and arrives "
        "between {opens} and {closes} within the night-driving rules; widen rules.pickup_from/"
        "pickup_until or rules.arrive_from/arrive_until, or arrange self-return",
        "无法在 {pickup_from}-{pickup_until} 接人并在 {opens}-{closes} 送达（含夜间行车规定）；"
        "请放宽 rules.pickup_from/pickup_until 或 rules.arrive_from/arrive_until，或安排自行返岗",
    ),
    "too_far_from_depot": (
        "too far from the depot: the round trip takes {hours:.1f} h, over the {cap:g} h "
        "driver-hours cap; raise rules.max_route_minutes (two drivers) or arrange self-return",
        "离车场过远：往返需 {hours:.1f} 小时，超过 {cap:g} 小时的驾驶时长上限；"
        "请调高 rules.max_route_minutes（双司机）或安排自行返岗",
    ),
    "too_few": (
        "too few riders for a bus: only {riders} could be grouped, below the minimum of "
        "{minimum}; arrange self-return, lower rules.min_riders, or add them to a later batch",
        "人数不足以开一辆车：只凑到 {riders} 人，低于最少 {minimum} 人；"
        "请安排自行返岗、调低 rules.min_riders，或编入后续批次",
    ),
    "not_fitted": (
        "not fitted: no bus found room for them within the ride and duration caps "
        "in the time limit; raise solver.time_limit_seconds or add buses",
        "未能安排：在时限内没有车辆能在乘车和行程时长上限内容纳他们；"
        "请调高 solver.time_limit_seconds 或增加车辆",
    ),
    "fleet_exhausted": (
        "fleet exhausted: every bus is full or out of driver hours; "
        "add buses to [[fleet]] or move these workers to a later batch",
        "车辆已用尽：所有车辆已满或超出驾驶时长；请在 [[fleet]] 中增加车辆，或编入后续批次",
    ),
    "stop_too_many_dropoffs": (
        "a keep-together group bound for {sites} drop-offs, over the {most} one bus may visit; "
        "raise rules.max_dropoffs or let the group travel apart",
        "同行组需要在 {sites} 个地点下车，超过每车最多 {most} 个；"
        "请调高 rules.max_dropoffs，或让同行组分开乘车",
    ),
    "fleet_used": (
        "every bus of the fleet is in use ({buses} in all); "
        "add buses to [[fleet]] or move these workers to a later batch",
        "车队全部 {buses} 辆车均已排满；请在 [[fleet]] 中增加车辆，或编入后续批次",
    ),
    "too_few_within_reach": (
        "too few riders for a bus: at most {riders} of the riders left behind can share one "
        "with them, below the minimum of {minimum} of the smallest bus still free; arrange "
        "self-return, add smaller buses, lower rules.min_riders, set "
        "rules.run_under_minimum = true, or add them to a later batch",
        "人数不足以开一辆车：未上车的人中能与其同车的最多只有 {riders} 人，"
        "低于尚有空闲的最小车型的最少 {minimum} 人；"
        "请安排自行返岗、增加小型车、调低 rules.min_riders、"
        "设置 rules.run_under_minimum = true，或编入后续批次",
    ),
    "nearest_bus": (
        "the nearest bus, {bus}, passes {km:.0f} km away but {why}",
        "最近的车 {bus} 在 {km:.0f} 公里外经过，但{why}",
    ),
    "why_full": (
        "it is full ({riders} of {capacity} seats)",
        "已坐满（{capacity} 座已坐 {riders} 人）",
    ),
    "why_cohort": (
        "it carries the other cohort (riders bound for quarantine ride apart from riders "
        "going to work)",
        "该车载的是另一类乘客（去隔离的与去上班的分车乘坐）",
    ),
    "why_dropoffs": (
        "its {count} drop-offs would become more than the {most} one bus may visit",
        "该车已有 {count} 个下车点，再加会超过每车最多 {most} 个",
    ),
    "why_ride": (
        "taking them would make a ride too long (rules.max_ride_minutes or the detour rule)",
        "加上他们会使乘车时间过长（超过 rules.max_ride_minutes 或绕行限制）",
    ),
    "why_duration": (
        "taking them would break the driver-hours cap (rules.max_route_minutes)",
        "加上他们会超出司机工作时长上限（rules.max_route_minutes）",
    ),
    "why_hours": (
        "with them no departure arrives within the receiving hours",
        "加上他们后无论何时出发都无法在接收时段内到达",
    ),
    "dorm_broke_cap": (
        "not fitted: once their dormitory was chosen the ride broke a cap; "
        "raise rules.max_ride_minutes or add dormitories near the district's centre",
        "未能安排：分配宿舍后乘车时长超出上限；"
        "请调高 rules.max_ride_minutes，或在区中心附近增加宿舍",
    ),
    # -- beds, re-planning
    "no_bed": (
        "no quarantine room left for {who}; add dormitory rooms, record the worker's sex "
        "if it is missing, or move the worker to a later batch",
        "没有可供{who}使用的隔离房间；请增加宿舍房间、补充员工性别，或编入后续批次",
    ),
    "men": ("men", "男性"),
    "women": ("women", "女性"),
    "unknown_sex": ("workers of unknown sex", "性别不明的员工"),
    "stop_closed": (
        "their pickup point was closed (edits) and no other stop with a free seat is within "
        "{radius} m; agree another pickup with them and add it as an edit",
        "其上车点已关闭，{radius} 米内没有其他有空座的上车点；请与本人商定新的上车点并作为修改录入",
    ),
    "level_province": ("province", "省"),
    "level_prefecture": ("prefecture", "市"),
    "level_county": ("county", "县"),
    "level_township": ("township", "乡镇"),
    "level_village": ("village", "村"),
    "level_exact": ("exact", "精确"),
    "dropped_out": (
        "dropped out (in the drop list); no seat or bed kept",
        "已退出（在退出名单中）；不再保留座位和床位",
    ),
}


class Text(str):
    """A sentence of the catalogue: the English as a ``str``, and its key and
    values to say it in another language."""

    key: str
    args: Mapping[str, Any]

    def __new__(cls, key: str, /, **args: Any) -> Text:
        text = super().__new__(cls, _render(key, args, "en"))
        text.key = key
        text.args = args
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.key, dict(self.args)))

    def said(self, lang: Lang) -> str:
        """The sentence in ``lang``."""
        return _render(self.key, self.args, lang)


def joined(parts: Sequence[str], *, key: str = "_joined") -> Text:
    """Sentences said one after the other (``;`` in English, ``；`` in Chinese)."""
    return Text(key, parts=tuple(parts))


def renamed(text: str, names: Mapping[str, str]) -> str:
    """``text`` with every value that ``names`` holds replaced by its new
    name (a bus id in a reason, say), however deep in joined sentences."""
    if not isinstance(text, Text):
        return names.get(text, text)

    def value(item: Any) -> Any:
        if isinstance(item, str):
            return renamed(item, names)
        if isinstance(item, tuple):
            return tuple(value(v) for v in item)
        return item

    return Text(text.key, **{k: value(v) for k, v in text.args.items()})


def say(text: str, lang: Lang) -> str:
    """``text`` in ``lang``: a `Text` is translated, any other string is kept."""
    return text.said(lang) if isinstance(text, Text) else str(text)


def to_document(text: str) -> dict[str, Any] | None:
    """A `Text` as JSON-ready data (None for a plain string), for plan.json."""
    if not isinstance(text, Text):
        return None
    return {"key": text.key, "args": {k: _arg_document(v) for k, v in text.args.items()}}


def from_document(english: str, doc: Mapping[str, Any] | None) -> str:
    """The `Text` that `to_document` wrote, or the plain ``english`` when there is none
    (or when the catalogue no longer knows its key)."""
    if not doc or doc.get("key") not in (*CATALOGUE, "_joined"):
        return english
    args = {k: _arg_from(v) for k, v in doc.get("args", {}).items()}
    return Text(doc["key"], **args)


def _render(key: str, args: Mapping[str, Any], lang: Lang) -> str:
    if key == "_joined":
        return ("；" if lang == "zh" else "; ").join(say(p, lang) for p in args["parts"])
    english, chinese = CATALOGUE[key]
    values = {k: say(v, lang) if isinstance(v, Text) else v for k, v in args.items()}
    return (chinese if lang == "zh" else english).format(**values)


def _rebuild(key: str, args: dict[str, Any]) -> Text:
    return Text(key, **args)


def _arg_document(value: Any) -> Any:
    if isinstance(value, Text):
        return {"text": to_document(value)}
    if isinstance(value, tuple):
        return [_arg_document(v) for v in value]
    return value


def _arg_from(value: Any) -> Any:
    if isinstance(value, dict) and "text" in value:
        return from_document("", value["text"])
    if isinstance(value, list):
        return tuple(_arg_from(v) for v in value)
    return value
