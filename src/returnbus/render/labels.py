"""Headings and words on the papers, lists and map, in Chinese and English."""

from __future__ import annotations

import codecs
from collections.abc import Mapping, Sequence

from ..text import Lang, by_count, desk_values

#: key -> (English, Chinese)
LABELS: Mapping[str, tuple[str, str]] = {
    # people and places
    "worker_id": ("Worker ID", "工号"),
    "name": ("Name", "姓名"),
    "gender": ("Gender", "性别"),
    "phone": ("Phone", "手机"),
    "id_number": ("ID number", "身份证号"),
    "employer": ("Employer", "用工单位"),
    "home_county": ("Home county", "户籍/住址县区"),
    "home_township": ("Township", "乡镇"),
    "origin": ("Origin", "出发地"),
    "health_code": ("Health code", "健康码"),
    "temperature": ("Temperature", "体温"),
    "signature": ("Signature", "签名"),
    "seat": ("Seat", "座位"),
    "tell_board": (
        "board bus {bus} at {place} at {time}",
        "请于 {time} 到 {place} 乘坐 {bus} 号车",
    ),
    # Said after tell_board when where or when a rider gets off moved: the
    # employer (or dormitory) expects them then.
    "tell_arrival": (
        "the bus now arrives at {site} at {time}",
        "车辆预计 {time} 到达 {site}",
    ),
    "tell_arrival_time": ("the bus now arrives at {time}", "车辆预计 {time} 到达"),
    # Said after tell_board when a rider keeps their bus but not their seat
    # (a bus kept under another type, or reseated): their ticket prints it.
    "tell_seat": ("your seat is now {after} (was {before})", "座位由 {before} 改为 {after}"),
    "tell_unassigned": (
        "no seat on a bus this time: the desk will call again",
        "本次暂未安排乘车，调度台会再联系您",
    ),
    "tell_dropped": (
        "taken off this batch's buses, as you asked",
        "已按您的要求取消本批次的乘车安排",
    ),
    # A self-returner had no bus to be taken off: their return with the batch
    # (and any bed held for it) is what is cancelled.
    "tell_dropped_self": (
        "taken off this batch's returns, as you asked",
        "已按您的要求取消您在本批次的返岗登记",
    ),
    "tell_self_return": ("return on your own, as registered", "请按登记自行返岗"),
    "tell_absent": ("no longer on the roster of this batch", "已不在本批次名单中"),
    "tell_sharing_sent": (
        "you share the bus with a rider bound for quarantine, so you go to quarantine too",
        "您与须隔离人员同车，到达后须一同隔离（同车随行）",
    ),
    "tell_sharing_ended": (
        "you no longer go to quarantine for sharing a bus",
        "您不再因同车随行而隔离",
    ),
    "tell_bed": (
        "quarantine in {dorm}, room {room}, bed {bed}, nights {first} to {last}",
        "请到 {dorm} {room} 房间 {bed} 号床隔离，{first} 至 {last} 晚",
    ),
    # A quarantined rider's bed on the manifest: its room and bed numbered as
    # the arrivals list numbers them, said as tell_bed says them.
    "bed_in_room": ("{dorm}, room {room}, bed {bed}", "{dorm} {room} 房间 {bed} 号床"),
    "tell_no_bed": ("your quarantine bed is cancelled", "原安排的隔离床位已取消"),
    "row": ("Row", "行号"),
    "stage": ("Stage", "环节"),
    "reason": ("Reason", "原因"),
    # 隔离宿舍 is where the quarantined sleep, not any dormitory: the English
    # said "Dormitory", dropping that it was for quarantine.  Its former words
    # stay (`FORMER_KEYS`), for `verify` to read a list or manifest written before.
    "dormitory": ("Quarantine dormitory", "隔离宿舍"),
    "dormitory_former": ("Dormitory", "隔离宿舍"),
    "room": ("Room", "房间"),
    "bed": ("Bed", "床位"),
    "from": ("From", "入住"),
    "until": ("Until", "离开"),
    "bus": ("Bus", "车辆"),
    "bus_type": ("Bus type", "车型"),
    # The manifest's heading was "Stop" in English, beside "Drop-off":
    # 上车点 is where the rider boards.  Its former words stay, for `verify`
    # to read a manifest written before.
    "stop": ("Stop", "上车点"),
    "pickup_stop": ("Pickup stop", "上车点"),
    "stop_no": ("No.", "序号"),
    "place": ("Place", "地点"),
    "time": ("Time", "时间"),
    "arrive": ("Arrives", "到达"),
    "depart": ("Departs", "出发"),
    "riders": ("Riders", "人数"),
    "boarding": ("Getting on / off", "上车/下车人员"),
    "no_phone": ("(no phone)", "（无电话）"),
    "navigate": ("Navigation (Amap)", "导航（高德）"),
    "gcj02": ("GCJ-02 lon,lat", "高德坐标（经度,纬度）"),
    "dropoff": ("Drop-off", "下车点"),
    "dropoffs": ("Drop-offs", "下车点"),
    "pickup_time": ("Pickup time", "上车时间"),
    "kind": ("Stop kind", "类型"),
    "pickup": ("Pickup", "上车"),
    "dropoff_kind": ("Drop-off", "下车"),
    "rest": ("Driver's rest", "司机休息"),
    "date": ("Date", "日期"),
    "buses": ("Buses", "车次"),
    "cost": ("Cost (yuan)", "费用（元）"),
    "cost_share": ("Cost share (yuan)", "分摊费用（元）"),
    "travel": ("Travel", "返岗方式"),
    "bus_id": ("Bus", "车辆"),
    "pickup_place": ("Pickup place", "上车地点"),
    "pickup_point": ("Pickup point", "上车点编号"),
    "by_bus": ("bus", "包车"),
    "by_self": ("self-return", "自行返岗"),
    "no_employer": ("(no employer on the roster)", "（名单未填单位）"),
    "cost_total": (
        "Total (a bus shared by employers counted once)",
        "合计（多家企业共乘的车辆只计一次）",
    ),
    "none": ("none", "无"),
    "column": ("Column", "列"),
    "value": ("Value", "内容"),
    "severity": ("Severity", "类型"),
    "problem": ("Problem", "问题"),
    "action": ("What to do", "处理办法"),
    "seats": ("Seats", "座位数"),
    "bus_type_heading": (
        "{type} ({name}, {seats} seats; carries {capacity})",
        "{type}（{name}，{seats} 座，可载 {capacity} 人）",
    ),
    "capacity": ("Capacity", "可载人数"),
    "min_riders": ("Min riders", "最少人数"),
    "count": ("Count", "数量"),
    "fleet_title": ("Fleet: seating policy {policy}", "车辆：座位政策 {policy}"),
    "check_title": ("{file}: {rows} rows", "{file}：共 {rows} 行"),
    "check_title_one": ("{file}: {rows} row", "{file}：共 {rows} 行"),
    "check_how": (" ({encoding}, header on row {header})", "（{encoding}，表头在第 {header} 行）"),
    "file_workbook": ("Excel workbook", "Excel 工作簿"),
    "encoding_utf8_bom": ("UTF-8 with BOM", "UTF-8 带 BOM"),
    "encoding_tab_separated": ("{encoding}, tab-separated", "{encoding}，制表符分隔"),
    "encoding_unicode_text": (
        'Excel "Unicode text": {encoding}, tab-separated',
        "Excel“Unicode 文本”：{encoding}，制表符分隔",
    ),
    "check_summary": (
        "{rows}{how}: {errors}, {warnings}; homes placed: {placed}",
        "{rows}{how}：{errors}，{warnings}；住址定位：{placed}",
    ),
    # A home not looked up, its row refused for an error (after "homes placed: ").
    "homes_not_looked_up": ("not looked up (row in error) {count}", "行有错误未定位 {count}"),
    # Counts said with their noun, which agrees in number in English (1 row, 2 rows).
    "count_rows": ("{count} rows", "{count} 行"),
    "count_rows_one": ("{count} row", "{count} 行"),
    # A roster's errors keep their rows out of the plan; its warnings do not.
    "count_errors_unplanned": (
        "{count} errors (rows left out of the plan until fixed)",
        "{count} 个错误（所在行改正前不排车）",
    ),
    "count_errors_unplanned_one": (
        "{count} error (row left out of the plan until fixed)",
        "{count} 个错误（所在行改正前不排车）",
    ),
    "count_warnings_planned": (
        "{count} warnings (planned all the same)",
        "{count} 个提醒（照常排车）",
    ),
    "count_warnings_planned_one": (
        "{count} warning (planned all the same)",
        "{count} 个提醒（照常排车）",
    ),
    "count_warnings": ("{count} warnings", "{count} 个提醒"),
    "count_warnings_one": ("{count} warning", "{count} 个提醒"),
    "count_people": ("{count} people", "{count} 人"),
    "count_people_one": ("{count} person", "{count} 人"),
    "count_riders": ("{count} riders", "{count} 人"),
    "count_riders_one": ("{count} rider", "{count} 人"),
    "count_batches": ("{count} batches", "{count} 个批次"),
    "count_batches_one": ("{count} batch", "{count} 个批次"),
    "count_other_workers": ("{count} other workers", "{count} 人"),
    "count_other_workers_one": ("{count} other worker", "{count} 人"),
    "count_vehicles": ("{count} vehicles", "{count} 辆车"),
    "count_vehicles_one": ("{count} vehicle", "{count} 辆车"),
    "count_buses": ("{count} buses", "{count} 辆车"),
    "count_buses_one": ("{count} bus", "{count} 辆车"),
    "check_more": (
        "... and {more} more (use --out to write them all)",
        "……另有 {more} 条（用 --out 写出全部）",
    ),
    "check_more_written": (
        "... and {more} more, all of them in {path}",
        "……另有 {more} 条，全部见 {path}",
    ),
    "sheet_geocoded": ("Geocoded", "定位结果"),
    "written_to": ("Written to {path}", "已写入 {path}"),
    "severity_error": ("error", "错误"),
    "severity_warning": ("warning", "提醒"),
    # stages
    "stage_roster": ("roster", "名单校验"),
    "stage_geocode": ("address", "地址定位"),
    "stage_screen": ("screening", "健康筛查"),
    "stage_cluster": ("pickup point", "上车点"),
    "stage_route": ("routing", "排车"),
    "stage_dormitory": ("quarantine dormitory", "隔离宿舍"),
    "stage_dropped": ("dropped out", "退出"),
    # health codes and sexes
    "green": ("green", "绿码"),
    "yellow": ("yellow", "黄码"),
    "red": ("red", "红码"),
    "M": ("M", "男"),
    # origin risk levels, and why a worker is quarantined (the arrivals list)
    "risk_low": ("low", "低"),
    "risk_medium": ("medium", "中"),
    "risk_high": ("high", "高"),
    "quarantine_reason": ("Why quarantined", "隔离原因"),
    "why_sharing": (
        "shares a bus with a rider bound for quarantine",
        "同车随行（与须隔离人员同车）",
    ),
    "why_close_contact": ("close contact", "密切接触者"),
    "why_health_code": ("health code: {code}", "健康码：{code}"),
    "why_origin_risk": ("from a {risk}-risk area", "来自{risk}风险地区"),
    "why_screening": ("screening, or their keep-together group", "筛查或同行组须隔离"),
    "why_self_return_outside": (
        "returns by themselves from outside {province}",
        "自行返岗，来自{province}以外",
    ),
    # The rule counts a home placed in no province as outside: said so, not as
    # known to lie outside, with what the desk does to settle it.
    "why_self_return_home_unknown": (
        "returns by themselves, home address not placed in a province: treated as from"
        " outside {province}; add or correct the home address",
        "自行返岗，家庭住址未能定位到省份，按来自{province}以外处理；请补充或更正家庭住址",
    ),
    "why_group": (
        "keep-together group member {member} is bound for quarantine ({reason})",
        "同行组成员 {member} 须隔离（{reason}）",
    ),
    "F": ("F", "女"),
    # sheet names and titles
    "sheet_unassigned": ("Unassigned", "未安排"),
    "sheet_self_return": ("Self-return", "自行返岗"),
    # A contract (README, verify): its title says the dormitories are the quarantine's.
    "sheet_arrivals": ("Dormitory arrivals", "宿舍到达"),
    "sheet_cost": ("Cost by employer", "企业费用分摊"),
    "sheet_to_call": ("To call", "待联系"),
    # Not "未安排乘车人员名单": it read as a 乘车人员名单, the manifest, of the unplanned.
    "title_unassigned": ("Workers not planned on a bus", "未安排车辆的人员名单"),
    "title_self_return": ("Workers returning by themselves", "自行返岗人员名单"),
    "title_arrivals": ("Arrivals at the quarantine dormitories", "隔离宿舍到达名单"),
    "title_cost": ("Buses and cost by employer", "各企业车次与费用分摊"),
    "title_to_call": (
        "Travelling with no phone on the roster: reach them another way",
        "名单无手机号的返岗人员：请另行设法联系",
    ),
    "driver_sheet": ("Driver's sheet", "司机行车单"),
    "registration": ("Passenger registration form", "乘客信息登记表"),
    # The manifest (handed to the employer on arrival) has its own name: it
    # was 乘客信息登记表 too, the registration form's (the escort's, of the
    # 2020 notice), and a desk could not tell the two papers apart.
    "manifest_title": (
        "Passenger manifest: bus {bus} ({type}, {seats} seats)",
        "乘车人员名单：车辆 {bus}（{type}，{seats} 座）",
    ),
    "seat_map": ("Seat map", "座位图"),
    "manifest": ("Passenger manifest", "乘车人员名单"),
    # Atop and below each printed page of a bus's paper in a workbook; the
    # page's number is Excel's code, which it fills in when it prints.  No
    # "of N": printed whole, a workbook's N counts every bus's pages.
    "page_heading": ("{paper}, bus {bus}", "{paper}  车辆 {bus}"),
    "page_of": ("Page {page}", "第 {page} 页"),
    "plate": ("Plate", "车牌号"),
    "driver": ("Driver", "司机"),
    "second_driver": ("Second driver", "第二司机"),
    "escort": ("Escort", "随车人员"),
    "destination": ("Destination", "目的地"),
    # Where a bus drops riders bound for quarantine before a bed is reserved.
    "quarantine_stand_in": ("Quarantine dormitory", "隔离宿舍"),
    # One of a bus's several drop-offs in its papers' heading, by its stop number.
    "destination_stop": ("({stop}) {site}", "（{stop}）{site}"),
    # The temperatures taken before departure: the second driver's only on a
    # bus that needs two drivers.
    # Each reading's rule is ten underscores, about 20 mm printed: room for
    # "36.5" written by hand (four underscores were 8 mm, too short).
    "temperature_check": (
        "Temperature before departure: driver __________ °C, escort __________ °C; "
        "every rider checked and normal □",
        "发车前体温检测：司机 __________ °C，随车人员 __________ °C；乘客逐一检测均正常 □",
    ),
    "temperature_check_two_drivers": (
        "Temperature before departure: driver __________ °C, "
        "second driver __________ °C, escort __________ °C; every rider checked and normal □",
        "发车前体温检测：司机 __________ °C，第二司机 __________ °C，"
        "随车人员 __________ °C；乘客逐一检测均正常 □",
    ),
    # Where each signs: said as a signature, apart from the fields of their names.
    "escort_signature": ("Escort's signature", "随车人员签字"),
    "driver_signature": ("Driver's signature", "司机签字"),
    # The employer's or the dormitory's who take the riders in (接收单位):
    # English "Received by" did not say it was a signature.  No longer than
    # "Driver's signature", above it on the manifest: a longer one widened
    # its column and the landscape page narrowed the drop-offs' to fit.
    "received_by": ("Receiver signature", "接收单位签字"),
    "drivers_needed": ("Drivers needed", "需配司机"),
    "driving": ("Driving", "驾驶时长"),
    "seats_policy": ("Seating policy", "座位政策"),
    "observation": ("observation rows: keep empty", "留观区：保持空置"),
    "empty_seat": ("empty", "空"),
    # The seat map's key to its marks (empty_seat, ×), each beside its mark:
    # short, so that no seat column widens for it.
    "seat_free_means": ("no rider", "未安排乘客"),
    "seat_kept_means": ("kept by policy", "按座位政策空置"),
    "aisle": ("aisle", "过道"),
    "front": ("front (driver)", "车头（司机）"),
    # The rule of the road on the registration form and the manifest: "on the
    # way" for a bus of one pickup stop and one drop-off, "but at the planned
    # stops" for one of several, where riders do board and alight on the way.
    "no_stops_on_way": ("No boarding or alighting on the way.", "途中不上下客。"),
    "no_stops_observation": (
        "No boarding or alighting on the way; the last two rows are the observation area.",
        "途中不上下客；最后两排为留观区。",
    ),
    # In English no longer than the Chinese prints: it ends the registration
    # form's line of times, and "on the way except at the planned stops;
    # the last two rows..." wrapped there, putting a 33-seater's sixteenth
    # rider and the signatures on a second page.
    "planned_stops_only": (
        "No boarding or alighting except at planned stops.",
        "除计划站点外途中不上下客。",
    ),
    "planned_stops_only_observation": (
        "No boarding or alighting except at planned stops; last two rows are the observation area.",
        "除计划站点外途中不上下客；最后两排为留观区。",
    ),
    "total": ("Total", "合计"),
    "minutes": ("min", "分钟"),
    "hours": ("h", "小时"),
    "layer_self_return": ("Self-return (by county)", "自行返岗（按县统计）"),
    "layer_unassigned": ("Unassigned (by county)", "未安排（按县统计）"),
    "layer_dormitories": ("Quarantine dormitories", "隔离宿舍"),
    "layer_sites": ("Bus depot and employers", "车场与用工单位"),
    "layer_outlines": ("Provinces and counties", "省界与县界"),
    "layer_names": ("County towns", "县城地名"),
    "symbol_stop": ("Pickup stop (number: order of stops)", "上车点（数字为停靠顺序）"),
    "symbol_direction": ("Direction of travel", "行驶方向"),
    "symbol_dropoff": (
        "Drop-off (at the gate or a quarantine dormitory)",
        "下车点（园区门口或隔离宿舍）",
    ),
    # a drop-off's popup where several buses drop off at one spot (their rings overlap)
    "dropoffs_here": (
        "{buses} drop off here, {riders} in all, {first} to {last}",
        "此处共 {buses}下车，共 {riders}，{first} 至 {last}",
    ),
    "symbol_dorm": ("Quarantine dormitory", "隔离宿舍"),
    "symbol_depot": ("Bus depot", "车场"),
    "symbol_employer": ("Employer", "用工单位"),
    # heading a popup of several sites at one spot
    "symbol_depot_many": ("Bus depots", "车场"),
    "symbol_employer_many": ("Employers", "用工单位"),
    "occupancy": ("Beds taken this batch", "本批入住床位"),
    # after it: the beds this batch takes of all the dormitory's beds
    "beds_of": ("{taken} of {beds}", "{taken} 张（共 {beds} 张）"),
    # between a label and its figure on the map ("乘车：196 人")
    "colon": (": ", "："),
    # the titles of the map's zoom buttons
    "zoom_in": ("Zoom in", "放大"),
    "zoom_out": ("Zoom out", "缩小"),
    # the layer control's buttons that tick or untick every bus's layer at once
    "show_all_buses": ("Show all", "全部显示"),
    "hide_all_buses": ("Hide all", "全部隐藏"),
    # their titles: while the find box filters the list, they act on the buses it lists only
    "show_all_buses_title": (
        "Show every bus listed below (those the search finds, or all when it is empty)",
        "显示下面列出的全部车辆（搜索时只显示搜到的车辆，未搜索时为全部车辆）",
    ),
    "hide_all_buses_title": (
        "Hide every bus listed below (those the search finds, or all when it is empty)",
        "隐藏下面列出的全部车辆（搜索时只隐藏搜到的车辆，未搜索时为全部车辆）",
    ),
    # the map's name of a gate shared by more employers than it names (its popup lists them all)
    "gate_and_more": ("{names} and {more} more", "{names} 等 {all} 家"),
    # the layer control's box that lists only the buses of a number or a pickup typed in it
    "find_bus": ("Bus number or pickup", "车号或上车点"),
    "find_bus_none": ("No bus matches", "没有相符的车辆"),
    "legend": ("Legend", "图例"),
    # the English map's title when the batch's name is Chinese (the Chinese map shows the name)
    "map_title": ("Return buses: batch {batch}, {date}", "返岗车辆：批次 {batch}，{date}"),
    "map_title_dated": ("Return buses, {date}", "返岗车辆，{date}"),
    "summary_on_bus": ("On buses", "乘车"),
    "summary_self": ("Self-return", "自行返岗"),
    "summary_unassigned": ("Unassigned", "未安排"),
    # after the legend's count of the self-returners or the unassigned, in brackets of the language
    "unmapped": (
        " ({count} with no known home, not on the map)",
        "（其中 {count} 人住址不详，未在图上）",
    ),
    # a map drawn again from plan.json, which keeps no homes (privacy)
    "unassigned_by_stage": (" (by stage: {stages})", "（按环节：{stages}）"),
    # a stage and its count with the unit ("排车 3 人"), as the legend counts people
    "stage_count": ("{stage} {people}", "{stage} {people}"),
    # the legend's footnote on a map drawn from plan.json, which keeps no homes (privacy)
    "map_homes_not_kept": (
        "No homes in plan.json: no one is counted by county",
        "plan.json 不存住址：不按县标出人数",
    ),
    # ... nor names or phones, only worker ids
    "map_riders_by_id": (
        "No names or phones in plan.json: riders listed by worker ID",
        "plan.json 不存姓名和电话：乘车人员按工号列出",
    ),
    "map_not_kept": (
        "No homes, names or phones in plan.json: riders listed by worker ID, no one counted "
        "by county",
        "plan.json 不存住址、姓名和电话：乘车人员按工号列出，不按县标出人数",
    ),
    "summary_buses": ("Buses", "车辆数"),
    "summary_cost": ("Total cost (yuan)", "总费用（元）"),
    # the terminal summary of plan, replan and demo
    "layover": ("Layover", "驻车休息"),
    "layover_until": ("rest, pickups from {time}", "休息，{time} 起接人"),
    "relay": ("Relay", "换驾"),
    "relay_note": (
        "the second driver takes the wheel; passengers stay on board",
        "第二名驾驶员接班；乘客不下车",
    ),
    "night_rules": (
        "Pickups {pickup_from}-{pickup_until} only. From {night_from} to {night_until} at most "
        "{night} min at the wheel on end; no driving {still_from}-{still_until} but by two "
        "drivers relaying.",
        "只在 {pickup_from}-{pickup_until} 接人。{night_from} 至次日 {night_until} 连续驾驶"
        "不超过 {night} 分钟；{still_from}-{still_until} 停止运行，双驾驶员接驳换驾除外。",
    ),
    "plan_summary": ("Plan summary", "排车方案概要"),
    "workers_total": ("Workers in total", "员工总数"),
    "workers_on_bus": ("Workers on a bus", "乘车人数"),
    "workers_self_return": ("Workers returning on their own", "自行返岗人数"),
    "workers_unassigned": ("Workers unassigned", "未安排人数"),
    "buses_used": ("Buses used", "用车数"),
    "buses_under_minimum": ("Buses under their minimum riders", "低于最少人数发车的车辆"),
    "total_distance_km": ("Total distance (km)", "总里程（公里）"),
    "total_cost": ("Total cost (yuan)", "总费用（元）"),
    "max_ride_minutes": ("Longest ride (minutes)", "最长乘车（分钟）"),
    "quarantine_required": ("Workers needing quarantine", "需隔离人数"),
    "quarantine_allocated": ("Quarantine beds allocated", "已分配隔离床位"),
    "quarantine_for_sharing": ("Quarantined for sharing a bus", "同车随行隔离"),
    "dorm_status": ("Dormitory allocation", "宿舍分配状态"),
    "search_stop": ("Search stopped by", "求解停止原因"),
    # How good the bed allocation is, with what it means for the desk: the
    # solver's bare word did not say whether any bed was given out.
    "dorm_status_optimal": ("optimal (best possible)", "最优"),
    "dorm_status_feasible": ("feasible (may not be the best)", "可行（未证明最优）"),
    "dorm_status_unsolved": ("unsolved (no beds found in time)", "未求解（限时内未能分配床位）"),
    "search_stop_iterations": ("its work budget (done)", "完成既定搜索量"),
    "search_stop_time_limit": ("the time limit", "达到时间上限"),
    "search_stop_none": ("no search was needed", "无需搜索"),
    "verify_pass": ("ok: ", "通过："),
    "diff_change_outcome": ("outcome", "安排"),
    "diff_change_bus": ("bus", "车辆"),
    "diff_change_stop": ("stop", "上车点"),
    "diff_change_time": ("time", "时间"),
    "diff_change_dropoff": ("drop-off", "下车点"),
    "diff_change_arrival": ("arrival", "到达时间"),
    "diff_change_seat": ("seat", "座位"),
    "diff_change_dropped": ("dropped out", "退出"),
    "diff_change_stop_closed": ("pickup point closed", "上车点关闭"),
    "diff_change_restored": ("restored, no seat yet", "已恢复，暂无座位"),
    "diff_change_sharing_sent": ("sent to quarantine for sharing a bus", "同车随行须隔离"),
    "diff_change_sharing_ended": ("no longer quarantined for sharing a bus", "不再同车随行隔离"),
    "diff_outcome_bus": ("on a bus", "乘车"),
    "diff_outcome_self_return": ("self-return", "自行返岗"),
    "diff_outcome_unassigned": ("unassigned", "未安排"),
    "diff_outcome_absent": ("not in the plan", "不在排车方案中"),
    "solve_seconds": ("Solve time (seconds)", "求解用时（秒）"),
    "mean_detour_minutes": ("Average detour (minutes)", "平均绕行（分钟）"),
    "warning": ("warning:", "警告："),
    # a problem of the earlier plan's folder that replan --force goes past
    "forced_past": ("{where}: {said} (--force)", "{where}：{said}（--force）"),
    "diff_other_scenarios": (
        "the plans are of different scenarios, {a!r} and {b!r}: the changes below are "
        "not a re-plan's",
        "两份排车方案来自不同的方案文件：“{a}”与“{b}”，以下差异不是重新规划造成的",
    ),
    "diff_other_batches": (
        "the plans are of different batches, {a!r} and {b!r}: the changes below are "
        "not a re-plan's",
        "两份排车方案属于不同批次：“{a}”与“{b}”，以下差异不是重新规划造成的",
    ),
    "desk_edited": (
        "{name} was edited by the desk (or is open in Excel): notes on a list are not "
        "a change to the plan",
        "{name} 已由调度台编辑（或正在 Excel 中打开）：名单上的批注不算改动排车方案",
    ),
    # verify's note on a plan.json an editor saved again: other bytes, the same plan.
    "plan_resaved": (
        "plan.json was saved again since the plan was written (re-indented, or saved from an"
        " editor), but what it says is unchanged: it is still the plan written",
        "plan.json 在排车方案生成后被重新保存过（如重排缩进、用编辑器另存），但内容未变："
        "仍是生成的排车方案",
    ),
    "desk_file": (
        "{name} is not one of the plan's files (the desk's own, it is not checked)",
        "{name} 不是排车方案生成的文件（视为调度台自己的文件，不核对）",
    ),
    "police_written": (
        "papers/police/registration_forms_full_id.xlsx holds full ID numbers and phones: "
        "hand it to the police only, never share or post it, and delete it when handed over.",
        "papers/police/registration_forms_full_id.xlsx 含完整身份证号和手机号：仅交公安，"
        "不得转发或张贴，移交后请删除。",
    ),
    "search_time_limit": (
        "the routing search was stopped by its safety time limit "
        "(solver.time_limit_seconds), not by its budget: planning again may give "
        "another plan. Close other programs, or raise the time limit, and plan again.",
        "排车求解因安全时限（solver.time_limit_seconds）而提前停止，未按预算完成："
        "重新规划可能得到不同的排车方案。请关闭其他程序或调高时限后重新规划。",
    ),
    "unassigned_title": (
        "{count} unassigned (details in unassigned.csv)",
        "未安排 {count} 人（详见 unassigned.csv）",
    ),
    "to_call_title": (
        "{count} travelling with no phone on the roster: the driver cannot call them;"
        " find their numbers (to_call.csv and the 'To call' sheet of lists.xlsx list them,"
        " with their bus and pickup)",
        "待联系 {count} 人：名单上没有手机号，已照常安排，但司机无法联系，请设法补全号码"
        "（名单及其车辆、上车点见 to_call.csv 及 lists.xlsx 的“待联系”表）",
    ),
    "col_stage": ("Stage", "环节"),
    "col_reason": ("Reason", "原因"),
    "col_workers": ("Workers", "人数"),
    "outputs_written": ("Outputs written to {folder}/", "输出文件已写入 {folder}/"),
    # what the command line says
    "interrupted": ("interrupted", "已中断"),
    "instance_solved": (
        "{instance}: cost {cost}, {vehicles}, feasible {feasible}, {seconds:.1f} s",
        "{instance}：费用 {cost}，{vehicles}，可行：{feasible}，用时 {seconds:.1f} 秒",
    ),
    "instance_best_known": (
        "best known cost {best} ({file}), gap {gap} %",
        "已知最优费用 {best}（{file}），差距 {gap}%",
    ),
    "instance_best_unread": (
        "the gap to the best known cost is not given",
        "不给出与已知最优费用的差距",
    ),
    "instance_no_cost": ("none (no complete solution)", "无（没有完整的解）"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "internal_error": ("internal error:", "内部错误："),
    "internal_error_action": (
        "This is a fault in returnbus, not in your files. Please report it"
        " (plan, replan and demo show details with --verbose).",
        "这是 returnbus 的程序错误，不是您的文件有误。请报告此问题"
        "（plan、replan、demo 加 --verbose 可查看详情）。",
    ),
    "not_in_roster_ignored": (
        "{path}, rows {rows}: not in the roster, ignored:",
        "{path} 第 {rows} 行：不在名单中，已忽略：",
    ),
    "not_in_roster_ignored_one": (
        "{path}, row {rows}: not in the roster, ignored:",
        "{path} 第 {rows} 行：不在名单中，已忽略：",
    ),
    "not_in_roster_action": (
        "  what to do: check these ids against the roster: a mistyped one leaves a worker"
        " who dropped out on their bus",
        "  处理办法：请对照名单核对这些工号：工号写错时，已退出的人仍占着车上的座位",
    ),
    # The check of the scenario alone checks the roster it names, which the plan read.
    "roster_warned": (
        "reading the roster gave {warnings}, planned regardless; each with its"
        " row (and what check finds besides): returnbus check {scenario}",
        "读取名单时有 {warnings}，已照常规划；逐条查看（含行号，及 check 的其他检查）："
        "returnbus check {scenario}",
    ),
    # A late roster's rows are not the scenario's: its own check, read as the re-plan reads it.
    "late_roster_warned": (
        "reading the late roster gave {warnings}, planned regardless; each with its"
        " row: returnbus check {roster} --scenario {scenario}",
        "读取补录名单时有 {warnings}，已照常规划；逐条查看（含行号）："
        "returnbus check {roster} --scenario {scenario}",
    ),
    "other_batch_ignored": (
        "{path}, rows {rows}: of another batch of the roster, ignored in this one:",
        "{path} 第 {rows} 行：属于名单中的其他批次，本批次已忽略：",
    ),
    "other_batch_ignored_one": (
        "{path}, row {rows}: of another batch of the roster, ignored in this one:",
        "{path} 第 {rows} 行：属于名单中的其他批次，本批次已忽略：",
    ),
    "worker_of_batch": ("{worker} ({batch})", "{worker}（{batch}）"),
    "other_batch_folder_action": (
        "  what to do: a drop-out keeps their seat and bed until their own batch is"
        " re-planned: re-plan it with this list: {commands}",
        "  处理办法：退出人员的座位和床位在其所在批次重新规划前仍然保留：请用此名单"
        "重新规划该批次：{commands}",
    ),
    "replan_command": (
        "returnbus replan {folder} --drop {drop} --out NEW_FOLDER",
        "returnbus replan {folder} --drop {drop} --out 新文件夹",
    ),
    "other_batch_action": (
        "  what to do: a drop-out keeps their seat and bed until their own batch is"
        " re-planned: re-plan that batch's latest folder with this list (returnbus"
        " ledger show names it)",
        "  处理办法：退出人员的座位和床位在其所在批次重新规划前仍然保留：请用此名单"
        "重新规划该批次的最新文件夹（returnbus ledger show 可查到）",
    ),
    "drop_case_meant": (
        "  of these, {pairs} differ from the roster's ids only in letter case: write them"
        " as the roster does and re-plan",
        "  其中 {pairs}：与名单中的工号只差字母大小写：请按名单的写法改正后再重新规划",
    ),
    "drop_zeros_lost": (
        "  of these, Excel dropped the leading zeros of {pairs} (as the roster has them):"
        " set the id column's format to Text, type them again, and re-plan",
        "  其中 {pairs}：Excel 去掉了工号开头的 0（名单中有 0）：请把工号列设为“文本”格式，"
        "重新输入后再重新规划",
    ),
    "drop_number_meant": (
        "  of these, {pairs} are only the number the roster's id ends in (what comes"
        " before it was left out, by Excel or in typing): write the whole id as the"
        " roster does and re-plan",
        "  其中 {pairs}：只写了名单中工号末尾的数字（前面的字母或 0 被 Excel 去掉或漏输）："
        "请按名单写出完整工号后再重新规划",
    ),
    "drop_id_with_text": (
        "  of these, {pairs} hold a roster id with other text in its cell (a name, a"
        " note): leave only the id in the cell and re-plan",
        "  其中 {pairs}：单元格中除名单工号外还有其他文字（姓名、备注等）："
        "请只保留工号后再重新规划",
    ),
    "drop_ids_in_one_cell": (
        "  of these, {ids} hold several roster ids in one cell: put each id on a row of"
        " its own and re-plan",
        "  其中 {ids}：一个单元格里有多个名单工号：请每行只写一个工号后再重新规划",
    ),
    "drop_scientific": (
        "  of these, Excel wrote {ids} as numbers in scientific notation, losing digits:"
        " set the id column's format to Text, type them again, and re-plan",
        "  其中 {ids}：Excel 把工号写成了科学计数法的数字，丢了数位：请把工号列设为“文本”格式，"
        "重新输入后再重新规划",
    ),
    "added_dropped": (
        "{path}, rows {rows}: also added by the late roster {add}; both added and"
        " dropped, they are treated as dropped out (no seat):",
        "{path} 第 {rows} 行：同时在补录名单 {add} 中；既补录又退出，按已退出处理（不安排座位）：",
    ),
    "added_dropped_one": (
        "{path}, row {rows}: also added by the late roster {add}; both added and"
        " dropped, they are treated as dropped out (no seat):",
        "{path} 第 {rows} 行：同时在补录名单 {add} 中；既补录又退出，按已退出处理（不安排座位）：",
    ),
    # Said of one worker or many alike: the warning above names them.
    "added_dropped_action": (
        "  what to do: take off the drop list whoever of them does travel, and re-plan;"
        " take whoever does not off the late roster too",
        "  处理办法：其中仍要乘车的，请从退出名单中删去后重新规划；确已退出的，"
        "也请从补录名单中删去",
    ),
    "turned_away_ignored": (
        "Already out of the plan (see unassigned.csv), ignored:",
        "本已不在排车方案中（见 unassigned.csv），已忽略：",
    ),
    "demo_generated": (
        "No {sample} here; generated the same sample in {folder}/",
        "此处没有 {sample}；已在 {folder}/ 生成同样的示例",
    ),
    # {rows}, {batches}: counted (1 row, 2 rows; 1 batch, 2 batches).
    "synth_wrote": (
        "Wrote {path} and its input files (a roster of {rows} in {batches}, seed {seed}).",
        "已写出 {path} 及其输入文件（名单 {rows}，{batches}，随机种子 {seed}）。",
    ),
    "geocode_online": (
        "Addresses will be sent to the {online} geocoder.",
        "住址将发送给在线地理编码服务 {online}。",
    ),
    "geocoded_into": (
        "{rows} rows geocoded into {target}: {counts}",
        "已定位 {rows} 行，写入 {target}：{counts}",
    ),
    "geocoded_into_one": (
        "{rows} row geocoded into {target}: {counts}",
        "已定位 {rows} 行，写入 {target}：{counts}",
    ),
    "written_file": ("Written {path}", "已写出 {path}"),
    "diff_figures": ("Figures", "指标对比"),
    "diff_figure": ("Figure", "指标"),
    "diff_before": ("Before", "之前"),
    "diff_after": ("After", "之后"),
    "diff_buses": (
        "Buses added: {added}; removed: {removed}",
        "新增车辆：{added}；取消车辆：{removed}",
    ),
    "diff_workers_changed": ("{count} workers changed", "{count} 名员工有变动"),
    "diff_workers_changed_one": ("{count} worker changed", "{count} 名员工有变动"),
    "diff_workers_changed_none": ("No worker changed", "没有员工有变动"),
    "diff_more": (
        "... and {more} more (diff --out FILE.csv writes them all)",
        "……另有 {more} 人（用 diff --out 文件.csv 写出全部）",
    ),
    "diff_col_changed": ("Changed", "变动"),
    "diff_col_outcome_before": ("Outcome before", "原安排"),
    "diff_col_outcome_after": ("Outcome after", "新安排"),
    "diff_col_bus_before": ("Bus before", "原车辆"),
    "diff_col_bus_after": ("Bus after", "新车辆"),
    "diff_col_stop_before": ("Stop before", "原上车点"),
    "diff_col_stop_after": ("Stop after", "新上车点"),
    "diff_col_place_before": ("Place before", "原上车地点"),
    "diff_col_place_after": ("Place after", "新上车地点"),
    "diff_col_pickup_before": ("Pickup before", "原上车时间"),
    "diff_col_pickup_after": ("Pickup after", "新上车时间"),
    "diff_col_dropoff_before": ("Drop-off before", "原下车点"),
    "diff_col_dropoff_after": ("Drop-off after", "新下车点"),
    "diff_col_arrive_before": ("Arrival before", "原到达时间"),
    "diff_col_arrive_after": ("Arrival after", "新到达时间"),
    "diff_col_seat_before": ("Seat before", "原座位"),
    "diff_col_seat_after": ("Seat after", "新座位"),
    "diff_col_tell": ("What to tell them", "告知内容"),
    "diff_col_change": ("Change", "变动"),
    "diff_bus_added": ("added", "新增"),
    "diff_bus_removed": ("removed", "取消"),
    "diff_bus_retyped": ("now another type", "换车型"),
    "diff_buses_retyped": ("Buses now of another type: {buses}", "换车型的车辆：{buses}"),
    "diff_bus_type_change": ("{bus} {before} → {after}", "{bus} {before} → {after}"),
    # the sheets of `diff --out` and `check --out` workbooks the desk reads
    "sheet_diff_workers": ("Workers changed", "人员变动"),
    "title_diff_workers": (
        "{count} workers changed: whom to call and what to tell them",
        "{count} 名员工有变动：须通知的人员及告知内容",
    ),
    "title_diff_workers_one": (
        "{count} worker changed: whom to call and what to tell them",
        "{count} 名员工有变动：须通知的人员及告知内容",
    ),
    "title_diff_workers_none": ("No worker changed", "没有员工有变动"),
    "sheet_diff_buses": ("Buses changed", "车辆变动"),
    "title_diff_buses_none": (
        "No bus added, removed or of another type",
        "没有新增、取消或换车型的车辆",
    ),
    "title_diff_buses": (
        "{count} buses added, removed or of another type",
        "新增、取消或换车型的车辆 {count} 辆",
    ),
    "title_diff_buses_one": (
        "{count} bus added, removed or of another type",
        "新增、取消或换车型的车辆 {count} 辆",
    ),
    "sheet_diff_figures": ("Figures compared", "指标对比"),
    "title_diff_figures": ("The two plans' figures side by side", "两个排车方案的指标对比"),
    "sheet_diff_beds": ("Beds changed", "床位变动"),
    "title_diff_beds": (
        "{count} workers' quarantine beds changed",
        "{count} 名员工的隔离床位有变动",
    ),
    "title_diff_beds_one": (
        "{count} worker's quarantine bed changed",
        "{count} 名员工的隔离床位有变动",
    ),
    "sheet_issues": ("Roster problems", "名单问题"),
    "title_issues": ("Roster check: {errors}, {warnings}", "名单检查：{errors}，{warnings}"),
    "diff_beds_changed": (
        "{count} workers' quarantine beds changed",
        "{count} 名员工的隔离床位有变动",
    ),
    "diff_beds_changed_one": (
        "{count} worker's quarantine bed changed",
        "{count} 名员工的隔离床位有变动",
    ),
    "diff_beds_changed_none": ("No worker's quarantine bed changed", "没有员工的隔离床位有变动"),
    "title_diff_beds_none": ("No worker's quarantine bed changed", "没有员工的隔离床位有变动"),
    # The desk's sheets of `diff --out` workbooks: each side's bus, stop and
    # pickup time in one wrapped cell, a dormitory's name and id in one.
    "diff_col_trip_before": ("Before: bus, stop, pickup time", "原安排：车辆、上车点、上车时间"),
    "diff_col_trip_after": ("After: bus, stop, pickup time", "新安排：车辆、上车点、上车时间"),
    "diff_col_dormitory_before": ("Quarantine dormitory before", "原隔离宿舍"),
    "diff_col_dormitory_after": ("Quarantine dormitory after", "新隔离宿舍"),
    "diff_col_nights_before": ("Nights before (first, last)", "原入住（首晚、末晚）"),
    "diff_col_nights_after": ("Nights after (first, last)", "新入住（首晚、末晚）"),
    # A line of a trip's cell on the desk's sheet of workers changed.
    "diff_trip_dropoff": ("drop-off: {site}, {time}", "下车：{site} {time}"),
    "diff_trip_seat": ("seat: {seat}", "座位：{seat}"),
    "diff_named_id": ("{name} ({id})", "{name}（{id}）"),
    "diff_col_dorm_name_before": ("Quarantine dormitory before", "原隔离宿舍"),
    "diff_col_room_before": ("Room before", "原房间"),
    "diff_col_bed_before": ("Bed before", "原床位"),
    "diff_col_dorm_name_after": ("Quarantine dormitory after", "新隔离宿舍"),
    "diff_col_room_after": ("Room after", "新房间"),
    "diff_col_bed_after": ("Bed after", "新床位"),
    "diff_col_first_night_before": ("First night before", "原首晚"),
    "diff_col_last_night_before": ("Last night before", "原末晚"),
    "diff_col_first_night_after": ("First night after", "新首晚"),
    "diff_col_last_night_after": ("Last night after", "新末晚"),
    "ledger_batches": ("Batches", "批次"),
    "ledger_beds_in_use": ("Beds in use (nights, first to last)", "在用床位（首晚至末晚）"),
    "ledger_fleet": ("Fleet: buses out each day / in the fleet", "车队：每日在用车辆/车队车辆数"),
    "ledger_fleet_held": ("Fleet: buses out each day", "车队：每日在用车辆"),
    "ledger_fleet_all": ("all batches", "合计"),
    "ledger_fleet_over": ("over", "超出"),
    "ledger_fleet_days": ("{first} to {last}", "{first} 至 {last}"),
    "ledger_fleet_caption": (
        "Days not listed have no bus out. A bus is out from the day it leaves the depot "
        "to the day it is back and its crew rested a night.",
        "未列出的日期没有车辆在用。车辆自离开车场之日起在用，至返回车场且司机休息一晚之日止。",
    ),
    "ledger_fleet_unknown": (
        "The fleet is not known: give the scenario (--scenario scenario.toml) to see each "
        "day's buses against the fleet, and the days over it.",
        "未对照车队：请加上方案文件（--scenario scenario.toml），以对照每日在用车辆与车队"
        "车辆数，并列出超出车队的日期。",
    ),
    "ledger_fleet_action": ("  what to do: ", "  处理办法："),
    "ledger_fleet_within": (
        "every day, the buses out are within the fleet.",
        "每天在用车辆均未超出车队。",
    ),
    "ledger_col_batch": ("Batch", "批次"),
    "ledger_col_departure": ("Departure", "出发"),
    "ledger_col_planned_at": ("Planned at", "规划时间"),
    "ledger_col_workers": ("Workers", "员工"),
    "ledger_col_on_bus": ("On bus", "乘车"),
    "ledger_col_self": ("Self-return", "自行返岗"),
    "ledger_col_unassigned": ("Unassigned", "未安排"),
    "ledger_col_buses": ("Buses", "车辆"),
    "ledger_col_beds": ("Beds", "床位数"),
    "ledger_col_plan_id": ("Plan ID", "排车方案编号"),
    "ledger_batch_plan": (
        "Batch {batch}: plan ID {plan_id}, folder {folder}",
        "批次 {batch}：排车方案编号 {plan_id}，文件夹 {folder}",
    ),
    # Its scenario file's folder: the file is scenario.toml in every copy.
    "ledger_batch_plan_scenario": (
        "Batch {batch}: plan ID {plan_id}, folder {folder}, planned from the scenario folder"
        " {scenario}",
        "批次 {batch}：排车方案编号 {plan_id}，文件夹 {folder}，所用方案文件在 {scenario}",
    ),
    "ledger_batch_plan_scenario_file": (
        "Batch {batch}: plan ID {plan_id}, folder {folder}, planned from the scenario file"
        " {scenario}",
        "批次 {batch}：排车方案编号 {plan_id}，文件夹 {folder}，所用方案文件 {scenario}",
    ),
    # Whose campaign the ledger is: the scenario's [scenario] name and its depot.
    "ledger_campaign": (
        "This ledger belongs to the scenario {name!r}, depot {depot}",
        "本台账属于方案文件“{name}”，车场 {depot}",
    ),
    "ledger_campaign_named": (
        "This ledger's batches were planned with the scenario {name}",
        "本台账的批次出自方案文件“{name}”",
    ),
    "ledger_col_folder": ("Folder", "文件夹"),
    "ledger_col_dormitory": ("Dormitory", "宿舍"),
    "ledger_col_from": ("From", "起"),
    "ledger_col_to": ("To", "止"),
    "ledger_col_rooms": ("Rooms", "房间数"),
    "ledger_col_day": ("Day", "日期"),
    "bed_released": (
        "Worker {worker}'s bed ({dorm}, room {room}, bed {bed}) is free from {on}: nobody else "
        "of batch {batch} stays in the room, which another batch may have after its cleaning "
        "days. Re-plan batch {batch} ({command}) for its bed list to show it.",
        "员工 {worker} 的床位（{dorm} {room} 房间 {bed} 号床）自 {on} 起空出：批次 {batch} "
        "已无其他人员住该房间，"
        "房间清洁期过后可分给其他批次。"
        "重新规划批次 {batch}（{command}）后，其床位表即显示此变动。",
    ),
    "bed_released_shared": (
        "Worker {worker}'s bed ({dorm}, room {room}, bed {bed}) is released from {on}, but "
        "{others} of batch {batch} will be in the room until {until}: a room holds one batch "
        "at a time, so no other batch is given the room, this bed included, before it is "
        "empty and cleaned. Re-plan batch {batch} ({command}) for its bed list to show the "
        "release.",
        "员工 {worker} 的床位（{dorm} {room} 房间 {bed} 号床）自 {on} 起释放，但批次 {batch} "
        "还有 {others}"
        "住该房间至 {until}：一个房间同时只住一个批次，房间腾空并清洁之前，不会分给其他批次"
        "（包括此床位）。重新规划批次 {batch}（{command}）后，其床位表即显示此次释放。",
    ),
    # the stages of a run, as the progress bars name them
    "running_prepare": ("Reading the roster, placing homes", "读取名单、定位住址"),
    "running_cluster": ("Gathering homes into pickup points", "汇集上车点"),
    "running_reachable": ("Finding whom a bus can reach", "判断车辆能否到达"),
    "running_reserve_beds": ("Reserving quarantine beds", "预留隔离床位"),
    "running_route": ("Planning the buses", "规划车辆路线"),
    "running_allocate_beds": ("Giving out quarantine rooms", "分配隔离房间"),
    "running_write": ("Writing papers, lists and the map", "写出单据、名单和地图"),
    "ledger_recorded": (
        "Batch {batch} recorded in the ledger {ledger}",
        "批次 {batch} 已记入台账 {ledger}",
    ),
}


def label(key: str, lang: Lang, **values: object) -> str:
    """The heading or word ``key`` in ``lang``, its ``{placeholders}`` filled."""
    english, chinese = LABELS[key]
    return (chinese if lang == "zh" else english).format(**desk_values(values))


def counted(noun: str, count: int, lang: Lang) -> str:
    """``count`` things of ``noun`` (``rows``, ``errors``, ``warnings``) in
    ``lang``: 1 row, 2 rows in English; 1 行, 2 行 in Chinese."""
    return label(by_count(f"count_{noun}", count, LABELS), lang, count=count)


def stage_label(stage: str, lang: Lang) -> str:
    """The desk's word for the stage that left a worker out (``route``: 排车);
    a stage a hand-edited plan.json names of its own, as written."""
    key = f"stage_{stage}"
    return label(key, lang) if key in LABELS else stage


#: Codecs by the names a desk knows them by (Python's spelling, as
#: `codecs.lookup` gives it): Notepad and Excel call GB18030, a superset of
#: GBK that the reader tries for both, "GBK" or "ANSI".
_ENCODING_NAMES: Mapping[str, str] = {
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "utf-32": "UTF-32",
    "utf-32-le": "UTF-32",
    "utf-32-be": "UTF-32",
    "gb18030": "GBK/GB18030",
    "gbk": "GBK/GB18030",
    "gb2312": "GBK/GB18030",
    "big5": "Big5",
    "cp950": "Big5",
    "big5hkscs": "Big5-HKSCS",
}


def file_kind(encoding: str, separator: str, lang: Lang) -> str:
    """How a table file was read, in the desk's words rather than the
    decoder's (``utf_16`` with tabs: Excel "Unicode text": UTF-16,
    tab-separated; ``xlsx``: Excel workbook)."""
    if encoding == "xlsx":
        return label("file_workbook", lang)
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        codec = encoding.lower()
    if codec == "utf-8-sig":
        name = label("encoding_utf8_bom", lang)
    else:
        name = _ENCODING_NAMES.get(codec, codec.upper())
    if separator != "\t":
        return name
    # Excel's and WPS's "Unicode text" is UTF-16 with tabs; other tab text is not it.
    key = "encoding_unicode_text" if name == "UTF-16" else "encoding_tab_separated"
    return label(key, lang, encoding=name)


#: The keys of a column's former headings, by the key of its heading now:
#: a workbook written before its heading's words changed still reads as
#: returnbus wrote it (`headings_ever`).
FORMER_KEYS: Mapping[str, tuple[str, ...]] = {
    "pickup_stop": ("stop",),
    "dormitory": ("dormitory_former",),
}


def headings_ever(keys: Sequence[str], lang: Lang) -> list[list[str]]:
    """Each way returnbus has headed the columns ``keys`` in ``lang``: their
    labels now (the first), and with a column's former words
    (`FORMER_KEYS`), alone or with another's."""
    ways: list[list[str]] = [[]]
    for key in keys:
        words = dict.fromkeys(label(k, lang) for k in (key, *FORMER_KEYS.get(key, ())))
        ways = [[*way, said] for way in ways for said in words]
    return ways


def labels(keys: Sequence[str], lang: Lang) -> list[str]:
    """Headings for ``keys`` in ``lang``."""
    return [label(key, lang) for key in keys]
