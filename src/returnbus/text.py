"""Words the desk reads, in Chinese (the default) and English.

A `Text` is a sentence made from an entry of `CATALOGUE` and its values.  It
is a ``str`` holding the English, so logs, ``plan.json`` and code that reads
reasons see what they always saw; `say` gives it in the desk's language.
Values that are themselves `Text` are said in the same language.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Collection, Mapping, Sequence
from numbers import Integral
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
        "fails the GB 11643 check (18 characters, last one a check digit), and is no"
        " Hong Kong or Taiwan ID number either",
        "未通过 GB 11643 校验（应为 18 位，末位为校验码），也不是有效的香港或台湾身份证号",
    ),
    "id_action": (
        "check the ID number against the card; the worker is still planned",
        "请对照身份证核对号码；该员工仍会安排",
    ),
    "id_scientific_action": (
        "Excel turned the ID number into scientific notation and lost its last digits:"
        " format the column as text and type the number again; the worker is still planned",
        "Excel 把身份证号变成了科学计数法，末几位已丢失：请把该列设为文本格式后重新填写；"
        "该员工仍会安排",
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
    "gender_bad": ("not 男/女 or M/F", "不是男/女"),
    "gender_action": (
        "write M (男) or F (女); the worker is planned with sex unknown",
        "请填写男或女；该员工按性别不明安排",
    ),
    "health_bad": ("not green/yellow/red (绿/黄/红)", "不是绿/黄/红"),
    "health_action": (
        "write the health-code colour: green (绿), yellow (黄) or red (红)",
        "请填写健康码颜色：绿、黄或红",
    ),
    "remark_left_out": (
        'the remark "{remark}" in brackets is left out: read as what comes before it',
        "括号内的备注“{remark}”未读入，按括号前的内容读取",
    ),
    "remark_action": (
        "check the remark: if it changes what the cell says, correct the cell;"
        " the worker is still planned",
        "请核对该备注：如它改变了该格的内容，请改正该格；该员工仍会安排",
    ),
    "risk_bad": ("not low/medium/high (低/中/高)", "不是低/中/高"),
    "risk_action": (
        "write the origin area's risk level: low (低), medium (中) or high (高)",
        "请填写来源地风险等级：低、中或高",
    ),
    # A desk's own screening column: no screening rule, so a flag is only warned of.
    "flag_close_contact": (
        "the roster marks the worker a close contact; this column is no screening rule,"
        " so they are planned as their health code and risk level say",
        "名单标明为密切接触者；本列不是筛查条件，仍按健康码和风险等级排车",
    ),
    "flag_close_contact_action": (
        "check the worker with the health office before departure; if they must not ride,"
        " write red (红) in the health code (健康码) column",
        "请在发车前与卫生部门核实；不得乘车的，请在健康码列填写“红”",
    ),
    "flag_fever": (
        "37.3 °C or more: a fever; this column is no screening rule, so the worker is"
        " planned as their health code and risk level say",
        "达到 37.3℃：发热；本列不是筛查条件，仍按健康码和风险等级排车",
    ),
    "flag_fever_action": (
        "check the worker with the health office before departure (temperatures are taken"
        " at the bus); if they must not ride, write red (红) in the health code (健康码) column",
        "请在发车前与卫生部门核实（上车前另行测温）；不得乘车的，请在健康码列填写“红”",
    ),
    "flag_risk_area": (
        "from a medium- or high-risk area by this column, but the origin risk is not medium"
        " or high; this column is no screening rule, so the worker is planned as low risk",
        "此列标明来自中高风险地区，风险等级却不是中或高；本列不是筛查条件，仍按低风险排车",
    ),
    "flag_risk_area_action": (
        "check the worker with the health office before departure; if so, write medium (中)"
        " or high (高) in the origin risk (风险等级) column, and they are quarantined on arrival",
        "请在发车前与卫生部门核实；属实的，请在风险等级列填写中或高，到达后隔离",
    ),
    "flag_unread": (
        "{rows} of this column cannot be read as yes/no or a temperature in °C;"
        " this column is no screening rule",
        "本列有 {rows}无法读作“是/否”或摄氏度体温；本列不是筛查条件",
    ),
    "flag_unread_action": (
        "nobody is held back by it: screening is by the health code and origin risk level;"
        " check these workers with the health office before departure if needed",
        "不会因此不排车：筛查只看健康码和风险等级；如有需要，请在发车前与卫生部门核实这些员工",
    ),
    "mode_bad": ("not bus/self (包车/自行)", "不是包车/自行"),
    "mode_action": (
        "write bus (包车) for a seat on a bus or self (自行) for self-return",
        "乘坐包车请填包车，自行返岗请填自行",
    ),
    "no_home": ("no home address and no coordinates", "没有家庭住址，也没有坐标"),
    "no_home_action": (
        "add the home address (province, city, county, township, village) or lat/lon",
        "请补充家庭住址（省、市、县、乡镇、村）或经纬度",
    ),
    "coords_not_numbers": (
        "coordinates {lat!r}, {lon!r} are not numbers",
        "坐标“{lat}”、“{lon}”不是数字",
    ),
    "coords_pair_read": (
        "the cell holds both coordinates, {cell!r}: read as the latitude and the longitude",
        "该单元格同时填了纬度和经度“{cell}”：已按纬度、经度读取",
    ),
    "coords_pair_and_more": (
        "the cell holds both coordinates, {cell!r}, and the other coordinate column"
        " says otherwise: which is meant cannot be told",
        "该单元格同时填了纬度和经度“{cell}”，另一坐标列却填了别的值：无法判断以哪个为准",
    ),
    "coords_pair_action": (
        "split them: {lat} in the latitude column, {lon} in the longitude column",
        "请分开填写：纬度列填 {lat}，经度列填 {lon}",
    ),
    "coords_action": (
        "write decimal degrees (lat 29.29, lon 106.25) or leave both empty",
        "请填写十进制度数（纬度 29.29，经度 106.25），或两项都留空",
    ),
    "coord_system_bad": ("not wgs84, gcj02 or bd09", "不是 WGS84、GCJ02 或 BD09"),
    "coord_system_action": (
        "write WGS84 (GPS), GCJ02 (高德/腾讯) or BD09 (百度)",
        "请填写 WGS84（GPS）、GCJ02（高德/腾讯）或 BD09（百度）",
    ),
    "outside_china": ("({lat}, {lon}) is outside China", "（{lat}, {lon}）不在中国境内"),
    "coords_swapped": (
        "latitude and longitude look swapped: put the latitude (about 20-50) in lat",
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
    "duplicate_case": (
        "worker id differs from {others} only in letter case (rows {rows}): one worker"
        " typed twice, or two?",
        "工号与 {others} 只差字母大小写（第 {rows} 行）：是同一人录入了两次，还是两个人？",
    ),
    "duplicate_case_action": (
        "if one worker, delete the extra row; if two, give them ids that differ by more"
        " than letter case",
        "若是同一人，请删去多余的行；若是两个人，请改用不只差字母大小写的工号",
    ),
    "fields_more": (
        "the row has {count} cells where the header has {width}",
        "本行有 {count} 个单元格，表头只有 {width} 列",
    ),
    "edit_cells_more": (
        "the row has {count} cells where the header has {width}: {value!r} stands past the"
        " header's last column, so the row's cells cannot be told apart",
        "本行有 {count} 个单元格，表头只有 {width} 列：表头最后一列之后还有“{value}”，"
        "无法确定各单元格对应哪一列",
    ),
    "fields_fewer": (
        "the row has only {count} cells where the header has {width}",
        "本行只有 {count} 个单元格，表头有 {width} 列",
    ),
    "fields_fewer_one": (
        "the row has only {count} cell where the header has {width}",
        "本行只有 {count} 个单元格，表头有 {width} 列",
    ),
    "row_repeats_header": (
        "the row repeats the header (row {header}): left out, it is no worker",
        "本行重复了表头（第 {header} 行）：不是员工，已跳过",
    ),
    "row_repeats_header_action": (
        "delete the row (two lists pasted one under the other?)",
        "请删除该行（是否把两份名单上下粘贴在了一起？）",
    ),
    "roster_no_rows": (
        "the roster has a header (row {header}) but no worker below it",
        "名单只有表头（第 {header} 行），下面没有员工",
    ),
    "roster_no_rows_action": (
        "fill in the workers below the header, or give the roster that holds them",
        "请在表头下方填写员工，或给出含有员工的名单文件",
    ),
    "dormitories_no_rows": (
        "the dormitories file has a header (row {header}) but no dormitory below it",
        "宿舍文件只有表头（第 {header} 行），下面没有宿舍",
    ),
    "dormitories_no_rows_action": (
        "fill in one dormitory a row below the header, or name the file that holds them"
        " in the scenario's dormitories",
        "请在表头下方每行填写一处宿舍，或在方案文件的 dormitories 中写明含有宿舍的文件",
    ),
    "employers_no_rows": (
        "the employers file has a header (row {header}) but no employer below it",
        "企业文件只有表头（第 {header} 行），下面没有企业",
    ),
    "employers_no_rows_action": (
        "fill in one employer a row below the header, or name the file that holds them"
        " in the scenario's employers",
        "请在表头下方每行填写一家企业，或在方案文件的 employers 中写明含有企业的文件",
    ),
    "fields_full_width": (
        "the row is separated by full-width commas (，): read as its {count} cells",
        "本行用全角逗号（，）分隔：已按 {count} 个单元格读取",
    ),
    "fields_full_width_action": (
        "check the row reads as it should, and type its commas in English (,) next time",
        "请核对该行内容，今后请用半角逗号（,）分隔",
    ),
    "fields_tab_action": (
        "a tab inside a cell, or cells pasted a column too far right, put a value past the"
        " header's last column; correct the row in Excel or a text editor",
        "单元格内的制表符（Tab），或粘贴时错开了一列，使数值超出了表头的最后一列；"
        "请在 Excel 或文本编辑器中修正该行",
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
    "batch_as_text_action": (
        "write the batch as the scenario names it (2, 第二批, 3月17日), in a cell formatted"
        " as text",
        "请按方案文件中的批次名称填写（如 2、第二批、3月17日），并把单元格设为文本格式",
    ),
    "as_text_action": (
        "format the column as text and type the value again",
        "请把该列设为文本格式后重新录入",
    ),
    "id_date": ("Excel turned it into a date", "被 Excel 转换成了日期"),
    "cell_time": ("Excel took it for a time or a duration", "被 Excel 当成了时间或时长"),
    "row_problem": ("{column}: {problem} ({action})", "{column}：{problem}（{action}）"),
    # The column a row's problem is in (`headed_column`): in English said to be
    # one, and what it holds where the roster heads it in Chinese.
    "column_headed": ('column "{header}"', "“{header}”列"),
    "column_headed_holding": ('column "{header}" ({holds})', "“{header}”列（{holds}）"),
    "column_holds_worker_id": ("worker id", "工号"),
    "column_holds_name": ("name", "姓名"),
    "column_holds_gender": ("sex", "性别"),
    "column_holds_phone": ("mobile number", "手机号"),
    "column_holds_id_number": ("ID number", "身份证号"),
    "column_holds_employer": ("employer", "用工单位"),
    "column_holds_home_address": ("home address", "家庭住址"),
    "column_holds_health_code": ("health code", "健康码"),
    "column_holds_origin_risk": ("origin's risk level", "来源地风险等级"),
    "column_holds_travel_mode": ("travel mode", "返岗方式"),
    "column_holds_group": ("keep-together group", "同行组"),
    "column_holds_batch": ("batch", "返岗批次"),
    "column_holds_lat": ("latitude", "纬度"),
    "column_holds_lon": ("longitude", "经度"),
    "column_holds_coord_system": ("coordinate system", "坐标系"),
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
    # A home no bus is sent for: the problem, then what to do, apart for check's
    # report (its own column) and `joined` in a plan's reason (which has none).
    "too_coarse": (
        "home address {found}; a bus needs at least {needed} level",
        "家庭住址{found}；包车接送至少需要定位到{needed}级",
    ),
    "too_coarse_why": (
        "home address {found} ({why}); a bus needs at least {needed} level",
        "家庭住址{found}（{why}）；包车接送至少需要定位到{needed}级",
    ),
    "too_coarse_action": (
        "add the county and township (县, 乡镇) to the address, or lat/lon",
        "请在地址中写明县和乡镇，或填写经纬度",
    ),
    "outside_area": ("home is outside the planning area", "家庭住址不在规划范围内"),
    "outside_area_action": (
        "arrange self-return or add its area to rules.planning_area",
        "请安排自行返岗，或将该地区加入 rules.planning_area",
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
        "the largest bus takes {most} under the seating policy",
        "同行组过大：同行组“{group}”有 {size} 人，而按座位政策最大的车只能坐 {most} 人",
    ),
    "group_too_big_action": ("split the group in the roster", "请在名单中拆分该组"),
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
    "too_far_detour": (
        "too far for a bus under the detour rule: the ride alone takes {minutes:,.0f} min, "
        "over the {cap:,.0f} min it allows ({factor:g} x the direct {direct:,.0f} min + "
        "{extra} min); arrange self-return or raise rules.max_detour_factor or "
        "rules.max_detour_minutes",
        "绕行超限：单独乘车需 {minutes:,.0f} 分钟，超过绕行规则允许的 {cap:,.0f} 分钟"
        "（直达 {direct:,.0f} 分钟的 {factor:g} 倍加 {extra} 分钟）；"
        "请安排自行返岗，或调高 rules.max_detour_factor 或 rules.max_detour_minutes",
    ),
    "outside_hours": (
        "no timetable picks them up between {pickup_from} and {pickup_until} and arrives "
        "between {opens} and {closes} within the night-driving rules; widen rules.pickup_from/"
        "pickup_until or rules.arrive_from/arrive_until, or arrange self-return",
        "无法在 {pickup_from}-{pickup_until} 接人并在 {opens}-{closes} 送达（含夜间行车规定）；"
        "请放宽 rules.pickup_from/pickup_until 或 rules.arrive_from/arrive_until，或安排自行返岗",
    ),
    # outside_hours as a plan.json written before pickup hours (2aadbc1) keeps
    # it: the receiving hours only, which a plan read back says as it was.
    "outside_hours_arrival": (
        "cannot arrive within the receiving hours {opens}-{closes}; "
        "widen rules.arrive_from/arrive_until or rules.earliest_departure",
        "无法在接收时段 {opens}-{closes} 内到达；"
        "请放宽 rules.arrive_from/arrive_until 或 rules.earliest_departure",
    ),
    "too_far_from_depot": (
        "too far from the depot: from leaving the depot to the last drop-off takes "
        "{hours:.1f} h, over the {cap:g} h a duty may last; raise rules.max_route_minutes "
        "or arrange self-return",
        "离车场过远：从车场出发到最后送达需 {hours:.1f} 小时，超过每班 {cap:g} 小时的上限；"
        "请调高 rules.max_route_minutes 或安排自行返岗",
    ),
    "too_far_from_depot_empty": (
        "too far from the depot: even with the drivers resting a night at the first pickup, "
        "the empty run there from the depot alone takes {hours:.1f} h, over the {cap:g} h "
        "a duty may last; raise rules.max_route_minutes or arrange self-return",
        "离车场过远：即使司机在第一个上车点休息一晚，仅从车场空驶到该点就需 {hours:.1f} 小时，"
        "超过每班 {cap:g} 小时的上限；请调高 rules.max_route_minutes 或安排自行返岗",
    ),
    "loaded_run_over_duty": (
        "ride longer than a duty: from the first pickup to the last drop-off takes "
        "{hours:.1f} h, over the {cap:g} h a duty may last (no rest on the way splits it); "
        "raise rules.max_route_minutes or arrange self-return",
        "载客行程超过每班时长：从第一个上车点到最后送达需 {hours:.1f} 小时，超过每班 "
        "{cap:g} 小时的上限（途中休息不能分班）；请调高 rules.max_route_minutes 或安排自行返岗",
    ),
    "too_few": (
        "too few riders for a bus: only {riders} could be grouped, below the minimum of "
        "{minimum}; arrange self-return, lower rules.min_riders, or add them to a later batch",
        "人数不足以开一辆车：只凑到 {riders} 人，低于最少 {minimum} 人；"
        "请安排自行返岗、调低 rules.min_riders，或编入后续批次",
    ),
    "too_few_last": (
        "too few riders for a bus: only {riders} could be grouped, below the minimum of "
        "{minimum}; arrange self-return or lower rules.min_riders (no batch of the campaign "
        "leaves later)",
        "人数不足以开一辆车：只凑到 {riders} 人，低于最少 {minimum} 人；"
        "请安排自行返岗或调低 rules.min_riders（本次行动没有更晚的批次）",
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
    "fleet_held": (
        "no bus left: other batches of the ledger hold {held} of the fleet's buses"
        " ({buses} in all) on these days and this plan uses the rest ({free}); see"
        " returnbus ledger show, then add buses to [[fleet]]"
        " or move these workers to a later batch",
        "没有空余车辆：台账中其他批次这几天占用了车队 {buses} 辆车中的 {held} 辆，"
        "其余 {free} 辆均已排满；请用 returnbus ledger show 查看，然后在 [[fleet]] 中增加车辆，"
        "或编入后续批次",
    ),
    "fleet_held_last": (
        "no bus left: other batches of the ledger hold {held} of the fleet's buses"
        " ({buses} in all) on these days and this plan uses the rest ({free}); see"
        " returnbus ledger show, then add buses to [[fleet]]"
        " (no batch of the campaign leaves later)",
        "没有空余车辆：台账中其他批次这几天占用了车队 {buses} 辆车中的 {held} 辆，"
        "其余 {free} 辆均已排满；请用 returnbus ledger show 查看，然后在 [[fleet]] 中增加车辆"
        "（本次行动没有更晚的批次）",
    ),
    "fleet_all_held": (
        "no bus left: other batches of the ledger hold every bus of the fleet ({buses} in all)"
        " on these days; see returnbus ledger show, then add buses to [[fleet]]"
        " or move these workers to a later batch",
        "没有空余车辆：台账中其他批次这几天占用了车队全部 {buses} 辆车；"
        "请用 returnbus ledger show 查看，然后在 [[fleet]] 中增加车辆，或编入后续批次",
    ),
    "fleet_all_held_last": (
        "no bus left: other batches of the ledger hold every bus of the fleet ({buses} in all)"
        " on these days; see returnbus ledger show, then add buses to [[fleet]]"
        " (no batch of the campaign leaves later)",
        "没有空余车辆：台账中其他批次这几天占用了车队全部 {buses} 辆车；"
        "请用 returnbus ledger show 查看，然后在 [[fleet]] 中增加车辆（本次行动没有更晚的批次）",
    ),
    "fleet_used_last": (
        "every bus of the fleet is in use ({buses} in all); "
        "add buses to [[fleet]] (no batch of the campaign leaves later)",
        "车队全部 {buses} 辆车均已排满；请在 [[fleet]] 中增加车辆（本次行动没有更晚的批次）",
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
    "too_few_within_reach_last": (
        "too few riders for a bus: at most {riders} of the riders left behind can share one "
        "with them, below the minimum of {minimum} of the smallest bus still free; arrange "
        "self-return, add smaller buses, lower rules.min_riders or set "
        "rules.run_under_minimum = true (no batch of the campaign leaves later)",
        "人数不足以开一辆车：未上车的人中能与其同车的最多只有 {riders} 人，"
        "低于尚有空闲的最小车型的最少 {minimum} 人；"
        "请安排自行返岗、增加小型车、调低 rules.min_riders 或"
        "设置 rules.run_under_minimum = true（本次行动没有更晚的批次）",
    ),
    "nearest_bus": (
        "the nearest bus, {bus}, passes {km:,.0f} km away but {why}",
        "最近的车 {bus} 在 {km:,.0f} 公里外经过，但{why}",
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
    "no_bed_last": (
        "no quarantine room left for {who}; add dormitory rooms, or record the worker's sex "
        "if it is missing (no batch of the campaign leaves later)",
        "没有可供{who}使用的隔离房间；请增加宿舍房间，或补充员工性别（本次行动没有更晚的批次）",
    ),
    "no_bed_late": (
        "their bus arrives on {day}, later than the beds were reserved for, and no quarantine "
        "room at {dorm}, where it stops, is free for {who} for the {nights} from then "
        "({why}); add rooms there for that stay, let the bus arrive earlier (widen "
        "rules.pickup_from/pickup_until), or move the worker to a later batch",
        "所乘车辆 {day} 才到达，晚于预留床位的日期，其停靠的宿舍 {dorm} 没有可供{who}"
        "自当日起连住 {nights}的隔离房间（{why}）；请为这段时间增加该宿舍的房间、"
        "让车辆更早到达（放宽 rules.pickup_from/pickup_until），或编入后续批次",
    ),
    "no_bed_late_last": (
        "their bus arrives on {day}, later than the beds were reserved for, and no quarantine "
        "room at {dorm}, where it stops, is free for {who} for the {nights} from then "
        "({why}); add rooms there for that stay, or let the bus arrive earlier (widen "
        "rules.pickup_from/pickup_until) (no batch of the campaign leaves later)",
        "所乘车辆 {day} 才到达，晚于预留床位的日期，其停靠的宿舍 {dorm} 没有可供{who}"
        "自当日起连住 {nights}的隔离房间（{why}）；请为这段时间增加该宿舍的房间，"
        "或让车辆更早到达（放宽 rules.pickup_from/pickup_until）（本次行动没有更晚的批次）",
    ),
    "no_bed_moved": (
        "their bus {bus} now arrives on {day}, not on {was} as when their bed was given, and no "
        "quarantine room at {dorm}, where it stops, is free for {who} for the {nights} "
        "from then ({why}); add rooms there for that stay, or move the worker to a later batch",
        "所乘车辆 {bus} 现在 {day} 到达，而不是分配床位时的 {was}，其停靠的宿舍 {dorm} 没有可供"
        "{who}自当日起连住 {nights}的隔离房间（{why}）；请为这段时间增加该宿舍的房间，"
        "或编入后续批次",
    ),
    "no_bed_moved_last": (
        "their bus {bus} now arrives on {day}, not on {was} as when their bed was given, and no "
        "quarantine room at {dorm}, where it stops, is free for {who} for the {nights} "
        "from then ({why}); add rooms there for that stay (no batch of the campaign leaves "
        "later)",
        "所乘车辆 {bus} 现在 {day} 到达，而不是分配床位时的 {was}，其停靠的宿舍 {dorm} 没有可供"
        "{who}自当日起连住 {nights}的隔离房间（{why}）；请为这段时间增加该宿舍的房间"
        "（本次行动没有更晚的批次）",
    ),
    # The stay of a late rider's bed, counted (1 night, 2 nights).
    "night_count": ("{count} nights", "{count} 晚"),
    "night_count_one": ("{count} night", "{count} 晚"),
    "late_dorm_not_open": (
        "it takes guests from the night of {date} only",
        "该宿舍 {date} 当晚起才能入住",
    ),
    "late_dorm_closed": (
        "it takes guests up to the night of {date} only",
        "该宿舍只能住到 {date} 当晚",
    ),
    "late_rooms_taken": (
        "its other rooms are held by other batches or by this one, or being cleaned",
        "其余房间已被其他批次或本批次占用，或正在清洁",
    ),
    "men": ("men", "男性"),
    "women": ("women", "女性"),
    "unknown_sex": ("workers of unknown sex", "性别不明的员工"),
    "stop_closed": (
        "their pickup point was closed (edits) and no other stop within {radius} m has a "
        "free seat and riders getting off where they do; agree another pickup with them and "
        "add it as an edit",
        "其上车点已关闭，{radius} 米内没有与其在同一地点下车、且车上有空座的其他上车点；"
        "请与本人商定新的上车点并作为修改录入",
    ),
    "stop_closed_bedless": (
        "their pickup point was closed (edits); bound for quarantine with no bed yet, they "
        "board no other bus's stop before a bed is found, and a new stop for them would "
        "stand where the closed one did; agree another pickup with them and add it as an "
        "edit (a move onto a bus to the dormitories)",
        "其上车点已关闭（修改）；需隔离且尚无床位，在分配床位前不能加入其他车辆的上车点，"
        "而为其新设的上车点将位于已关闭的上车点处；请与本人商定新的上车点，"
        "并作为修改录入（移到前往宿舍的车辆）",
    ),
    "home_at_closed_stop": (
        "they live where a pickup point was closed (edits; or their keep-together group "
        "meets there), and no other stop within {radius} m could take them: a new stop "
        "there would open the closed one again; agree another pickup with them and add it "
        "as an edit (a move onto a bus)",
        "其住址（或其同行组的集合地点）处的上车点已关闭（修改），{radius} 米内没有其他上车点"
        "可以接上本人：在该处新设上车点等于重开已关闭的上车点；请与本人商定其他上车点，"
        "并作为修改录入（移到某辆车）",
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
    # == input errors (`returnbus.errors.InputError`): what cannot be used, and
    # what to do.  Values that are the user's own (a cell, a path) are placeholders.
    # -- the command line
    "check_no_roster": ("no roster to check", "没有给出要检查的名单"),
    "check_no_roster_action": (
        "give the roster, or the scenario whose roster to check: "
        "returnbus check roster.csv, or returnbus check scenario.toml",
        "请给出名单，或给出方案文件以检查其中的名单："
        "returnbus check roster.csv，或 returnbus check scenario.toml",
    ),
    "check_two_scenarios": (
        "two scenario files, {given} and --scenario {option}: check reads one",
        "给出了两个方案文件：{given} 和 --scenario {option}；check 只读一个方案文件",
    ),
    "check_two_scenarios_action": (
        "give one: returnbus check {given}, to check the roster it names; or "
        "returnbus check roster.csv --scenario {option}, to check another roster with it",
        "请只给一个：returnbus check {given}，检查其中写明的名单；或 "
        "returnbus check roster.csv --scenario {option}，用该方案文件检查另一份名单",
    ),
    # `check S.toml --scenario X`, X no scenario: a roster given after --scenario, or a typo.
    "check_scenario_swapped": (
        "--scenario {option} is not a scenario file (.toml), and {given} is",
        "--scenario 后的 {option} 不是方案文件（.toml），而 {given} 是方案文件",
    ),
    "check_scenario_swapped_action": (
        "give the roster first and the scenario after --scenario:"
        " returnbus check {option} --scenario {given}",
        "请先写名单，再在 --scenario 后写方案文件：returnbus check {option} --scenario {given}",
    ),
    "check_scenario_not_found": (
        "--scenario {option}: file not found",
        "找不到 --scenario 后的文件 {option}",
    ),
    "check_scenario_not_found_action": (
        "check the path; or leave --scenario out: returnbus check {given} checks the roster"
        " it names",
        "请检查路径；或去掉 --scenario：returnbus check {given} 即检查其中写明的名单",
    ),
    "lang_bad": ("--lang {value!r} is not zh or en", "--lang “{value}”不是 zh 或 en"),
    "lang_action": ("use --lang zh or --lang en", "请用 --lang zh（中文）或 --lang en（英文）"),
    "scheduler_local": (
        "--scheduler is for --executor dask",
        "--scheduler 只能与 --executor dask 一起用",
    ),
    "scheduler_local_action": (
        "add --executor dask, or drop --scheduler",
        "请加上 --executor dask，或去掉 --scheduler",
    ),
    "executor_bad": (
        "--executor {value!r} is not local or dask",
        "--executor “{value}”不是 local 或 dask",
    ),
    "executor_action": (
        "use --executor local (the default) or --executor dask",
        "请用 --executor local（默认）或 --executor dask",
    ),
    "replan_no_scenario": (
        "the scenario of the earlier plan is not there",
        "找不到上次规划所用的方案文件",
    ),
    "replan_no_scenario_action": ("give it with --scenario", "请用 --scenario 指定方案文件"),
    "announced_unknown": (
        "announced buses {buses} are not in the earlier plan",
        "已通知的车辆 {buses} 不在上次的规划中",
    ),
    "announced_unknown_one": (
        "announced bus {buses} is not in the earlier plan",
        "已通知的车辆 {buses} 不在上次的规划中",
    ),
    "announced_unknown_action": (
        "use the bus ids of the earlier plan's plan.json or manifests",
        "请使用上次规划的 plan.json 或乘车人员名单中的车辆编号",
    ),
    "replan_other_batch": (
        "--batch {wanted} is not the batch of the earlier plan ({batch})",
        "--batch {wanted} 不是上次规划的批次（{batch}）",
    ),
    "replan_other_batch_action": ("give --batch {batch}", "请改为 --batch {batch}"),
    "additions_no_batch_rows": (
        "the additions hold no row of batch {batch}, only rows of the batches {batches}:"
        " they are likely another batch's late roster",
        "补录名单中没有批次 {batch} 的行，只有批次 {batches} 的行：可能是其他批次的补录名单",
    ),
    "additions_no_batch_rows_one": (
        "the additions hold no row of batch {batch}, only rows of the batch {batches}:"
        " they are likely another batch's late roster",
        "补录名单中没有批次 {batch} 的行，只有批次 {batches} 的行：可能是其他批次的补录名单",
    ),
    "additions_no_batch_rows_action": (
        "re-plan that batch's latest folder with it (returnbus ledger show names it),"
        " or give batch {batch}'s late roster",
        "请用它重新规划该批次的最新文件夹（returnbus ledger show 可查到），"
        "或改用批次 {batch} 的补录名单",
    ),
    "additions_other_batches": (
        "the additions hold rows of other batches than {batch}",
        "补录名单中有批次 {batch} 以外的行",
    ),
    "additions_other_batches_action": (
        "give --batch {batch} to take only that batch's rows, or remove the others",
        "请加 --batch {batch} 只取该批次的行，或删除其他批次的行",
    ),
    "drop_list_is_roster": (
        "this is a roster of the batch (the scenario's, or the late one of --add), not a"
        " drop list: read as one, every worker in it would drop out",
        "这是本批次的员工名单（方案文件中的名单或 --add 的补录名单），不是退出名单："
        "按退出名单读取，其中每个人都会被当作退出",
    ),
    "drop_list_is_roster_action": (
        "give --drop the list of those who dropped out only; nothing was re-planned or recorded",
        "请在 --drop 后给出只含退出人员的名单；本次没有重新规划，也没有记入台账",
    ),
    # A drop list with no id at all: a header alone, or rows with names only.
    "drop_list_empty": (
        "the drop list names no worker: no worker id under its column {column}",
        "退出名单中没有任何人：{column} 列下没有工号",
    ),
    "drop_list_empty_action": (
        "fill in the ids of the workers who dropped out under {column} and save the file,"
        " or re-plan without --drop; nothing was re-planned or recorded",
        "请在 {column} 列下填写退出员工的工号并保存，或去掉 --drop 重新规划；"
        "本次没有重新规划，也没有记入台账",
    ),
    # A drop list none of whose ids is of the batch: another list, or another batch's.
    "drop_list_foreign": (
        "none of the {count} worker ids of this drop list is in the roster of batch {batch}:"
        " it is likely another file, or another batch's list",
        "退出名单的 {count} 个工号中没有批次 {batch} 名单上的人："
        "可能给错了文件，或是其他批次的退出名单",
    ),
    "drop_list_foreign_one": (
        "the {count} worker id of this drop list is not in the roster of batch {batch}:"
        " it is likely another file, or another batch's list",
        "退出名单的 {count} 个工号中没有批次 {batch} 名单上的人："
        "可能给错了文件，或是其他批次的退出名单",
    ),
    "drop_list_foreign_action": (
        "give this batch's drop list, or correct its ids as the warnings above say,"
        " and re-plan; nothing was re-planned or recorded",
        "请改用本批次的退出名单，或按上面的提醒改正工号后重新规划；本次没有重新规划，也没有记入台账",
    ),
    "replan_untrusted": (
        "the earlier plan cannot be trusted: {problems}",
        "上次的规划结果不可信：{problems}",
    ),
    # {buses}: `named_buses` (bus B1, buses B1, B2).
    "kept_bus_no_beds": (
        "{count} riders of the kept {buses} now need a quarantine bed, and the"
        " dormitories have none free for them",
        "保留车辆 {buses} 上有 {count} 人现需隔离床位，而宿舍已没有空床",
    ),
    "kept_bus_no_beds_one": (
        "{count} rider of the kept {buses} now needs a quarantine bed, and the"
        " dormitories have none free for them",
        "保留车辆 {buses} 上有 {count} 人现需隔离床位，而宿舍已没有空床",
    ),
    "kept_room_gone_no_bed": (
        "{count} riders of the kept {buses} ({workers}) had beds in rooms the"
        " dormitories file no longer has, and the dormitories the bus goes to have no"
        " other bed free for them",
        "保留车辆 {buses} 上有 {count} 人（{workers}）原定的房间已不在宿舍表中，"
        "而该车所去的宿舍已没有其他空床",
    ),
    "kept_room_gone_no_bed_one": (
        "{count} rider of the kept {buses} ({workers}) had a bed in a room the"
        " dormitories file no longer has, and the dormitories the bus goes to have no"
        " other bed free for them",
        "保留车辆 {buses} 上有 {count} 人（{workers}）原定的房间已不在宿舍表中，"
        "而该车所去的宿舍已没有其他空床",
    ),
    "kept_room_gone_no_bed_action": (
        "put the rooms back in dormitories.csv, add beds to the dormitories the bus goes to,"
        " or unlock the bus (--edits: unlock) so that its riders are planned anew",
        "请在 dormitories.csv 中恢复这些房间，或为该车所去的宿舍增加床位，"
        "或解锁该车（--edits：解锁），让其乘客重新规划",
    ),
    # {riders}: `rider_count`; {buses}: `named_buses`.
    "moved_no_bed": (
        "{riders} moved onto {buses} ({workers}) would go to quarantine with"
        " it, and its dormitories have no bed free for them",
        "调到车辆 {buses} 的 {riders}（{workers}）须随该车去隔离，而该车所去的宿舍已没有空床",
    ),
    "moved_no_bed_action": (
        "move them to a bus going to work (edits: move), or add beds to dormitories.csv",
        "请把他们调到返岗上班的车辆（改动表：移动），或在 dormitories.csv 中增加床位",
    ),
    "kept_bus_no_beds_action": (
        "unlock the bus (--edits: unlock) so its riders can be planned anew, or add beds"
        " to dormitories.csv",
        "请解锁该车（--edits：解锁），让其乘客重新规划，或在 dormitories.csv 中增加床位",
    ),
    "replan_fleet_gone": (
        "the earlier plan runs buses of type {types}, which the scenario's fleet no longer has",
        "上次的排车方案用了车型 {types}，而方案文件的车辆中已没有该车型",
    ),
    "replan_fleet_gone_action": (
        "put the [[fleet]] table of {types} back, or plan the batch again with plan",
        "请把车型 {types} 的 [[fleet]] 表加回，或用 plan 重新规划该批次",
    ),
    "replan_superseded": (
        "{said}; re-planning from it would undo what changed since (drop-outs, locked buses):"
        " re-plan from the later folder",
        "{said}；从它重新规划会撤销此后的改动（退出人员、锁定车辆）：请从较新的文件夹重新规划",
    ),
    "replan_ledger_gone": (
        "the ledger the earlier plan was recorded in, {path}, is not there: a new ledger"
        " would know no bed or bus other batches hold, and would give them again",
        "记录上次排车方案的台账 {path} 不在了：新建的台账不知道其他批次占用的床位和车辆，"
        "会再次分配它们",
    ),
    "replan_ledger_gone_action": (
        "put the ledger back, or name with --ledger where it is now (--force starts a new"
        " ledger all the same)",
        "请把台账放回原处，或用 --ledger 指定它现在的位置（加 --force 则仍新建台账）",
    ),
    # A re-plan told (--ledger) to record in another ledger than the earlier plan's.
    "replan_ledger_new": (
        "--ledger names the ledger {named}, which does not exist, while the earlier plan was"
        " recorded in the ledger {recorded}, which holds batches {batches} too: a new ledger"
        " would know none of their beds and buses, and would give them again",
        "--ledger 指定的台账 {named} 不存在，而上次的排车方案记在台账 {recorded}，"
        "其中还记有批次 {batches}：新建的台账不知道其占用的床位和车辆，会再次分配",
    ),
    "replan_ledger_new_one": (
        "--ledger names the ledger {named}, which does not exist, while the earlier plan was"
        " recorded in the ledger {recorded}, which holds batch {batches} too: a new ledger"
        " would know none of its beds and buses, and would give them again",
        "--ledger 指定的台账 {named} 不存在，而上次的排车方案记在台账 {recorded}，"
        "其中还记有批次 {batches}：新建的台账不知道其占用的床位和车辆，会再次分配",
    ),
    "replan_ledger_new_action": (
        "leave --ledger out to record the re-plan in {recorded}, or name with --ledger the"
        " ledger the campaign's batches are recorded in (--force starts a new ledger all"
        " the same)",
        "请去掉 --ledger，把重新规划记入 {recorded}；或用 --ledger 指定本次返岗各批次所记的"
        "台账（加 --force 则仍新建台账）",
    ),
    # A plan told (--ledger) to record in a ledger not there yet, beside one that is.
    "plan_ledger_new": (
        "--ledger names the ledger {named}, which does not exist, while the ledger beside"
        " the scenario, {beside}, holds batches {batches}: a new ledger would know none of"
        " their beds and buses, and would give them again; nothing was planned",
        "--ledger 指定的台账 {named} 不存在，而方案文件旁的台账 {beside} 记有批次 {batches}："
        "新建的台账不知道其占用的床位和车辆，会再次分配；本次未做任何规划",
    ),
    "plan_ledger_new_one": (
        "--ledger names the ledger {named}, which does not exist, while the ledger beside"
        " the scenario, {beside}, holds batch {batches}: a new ledger would know none of"
        " its beds and buses, and would give them again; nothing was planned",
        "--ledger 指定的台账 {named} 不存在，而方案文件旁的台账 {beside} 记有批次 {batches}："
        "新建的台账不知道其占用的床位和车辆，会再次分配；本次未做任何规划",
    ),
    "plan_ledger_new_action": (
        "leave --ledger out to record the batch in {beside}, or name with --ledger the"
        " ledger the campaign's batches are recorded in (--force starts a new ledger all"
        " the same)",
        "请去掉 --ledger，把本批次记入 {beside}；或用 --ledger 指定本次返岗各批次所记的"
        "台账（加 --force 则仍新建台账）",
    ),
    "replan_ledger_new_gone": (
        "--ledger names the ledger {named}, which does not exist, and the ledger the earlier"
        " plan was recorded in, {recorded}, is not there either: a new ledger would know no"
        " bed or bus other batches hold, and would give them again",
        "--ledger 指定的台账 {named} 不存在，记录上次排车方案的台账 {recorded} 也不在了："
        "新建的台账不知道其他批次占用的床位和车辆，会再次分配它们",
    ),
    "replan_ledger_new_unreadable": (
        "--ledger names the ledger {named}, which does not exist, and the ledger the earlier"
        " plan was recorded in, {recorded}, cannot be read ({said}): a new ledger would know"
        " no bed or bus other batches hold, and would give them again",
        "--ledger 指定的台账 {named} 不存在，记录上次排车方案的台账 {recorded} 又无法读取"
        "（{said}）：新建的台账不知道其他批次占用的床位和车辆，会再次分配它们",
    ),
    "replan_ledger_unreadable_action": (
        "restore that ledger from a backup, or name a sound copy of it with --ledger"
        " (--force starts a new ledger all the same)",
        "请从备份恢复该台账，或用 --ledger 指定它完好的副本（加 --force 则仍新建台账）",
    ),
    "replan_other_ledger": (
        "the earlier plan was recorded in the ledger {recorded}; this re-plan is recorded in"
        " the ledger {named} (--ledger) instead, and {recorded} does not learn of it: it"
        " goes on holding batch {batch}'s beds and buses as it records them. From now on,"
        " plan, re-plan and show the campaign with --ledger {named}; if {recorded} is the"
        " campaign's ledger, re-plan from {folder} again without --ledger",
        "上次的排车方案记在台账 {recorded}；本次重新规划改记入 --ledger 指定的台账 {named}，"
        "{recorded} 不会记下本次重新规划，仍按其所记保留批次 {batch} 的床位和车辆。"
        "此后规划、重新规划和查看本次返岗，请都加 --ledger {named}；"
        "若 {recorded} 才是本次返岗的台账，请去掉 --ledger，从 {folder} 再重新规划一次",
    ),
    "replan_untrusted_action": (
        "re-plan from the folder a plan run wrote, unchanged (plan the batch again if "
        "it was edited), or give --force to go on anyway",
        "请用规划生成的、未经改动的文件夹重新规划（若已改动，请重新规划该批次），"
        "或加 --force 强制继续",
    ),
    "replan_breaks_rule": (
        "the re-plan breaks a rule, so nothing was replaced: {problems}",
        "重新规划的结果违反规则，原结果未被替换：{problems}",
    ),
    "replan_breaks_rule_action": (
        "undo what causes it: an edit (a move onto a full or far bus, a lock), or a change"
        " to the scenario since the earlier plan (a dormitory removed, a bus count lowered);"
        " or plan the batch anew with plan",
        "请撤销引起问题的改动：修改文件中的调车、锁定等，或上次规划后方案文件的改动"
        "（删除宿舍、减少车辆数量等）；也可用 plan 重新规划该批次",
    ),
    "out_folder": ("--out names a folder", "--out 指定的是文件夹"),
    "out_special": (
        "--out names {what}, not a file to write",
        "--out 指定的是{what}，不是可写入的文件",
    ),
    "out_table": ("--out must end in .csv or .xlsx", "--out 的文件名必须以 .csv 或 .xlsx 结尾"),
    "out_table_action": (
        "give a file name ending .csv or .xlsx",
        "请给出以 .csv 或 .xlsx 结尾的文件名",
    ),
    "synth_would_replace": (
        "synth would write over this {name}, which holds other data",
        "synth 会覆盖这个内容不同的 {name}",
    ),
    "synth_new_folder": (
        "give synth --out a new or empty folder",
        "请给 synth 的 --out 一个新的或空的文件夹",
    ),
    "out_is_input": (
        "--out is a file this command reads: writing would replace it",
        "--out 是本命令读取的文件：写入会把它覆盖",
    ),
    "out_is_input_action": (
        "give --out another file name (issues.csv, geocoded.xlsx, changes.csv)",
        "请给 --out 另一个文件名（如 issues.csv、geocoded.xlsx、changes.csv）",
    ),
    "out_unwritable": ("cannot write here: {why}", "无法写入此处：{why}"),
    "out_unwritable_action": (
        "give --out a place in a folder you may write to, where no file is in the way",
        "请把 --out 指向有写入权限、且没有同名文件挡路的位置",
    ),
    "coord_system_option_bad": (
        "--coord-system {value!r} is not wgs84, gcj02 or bd09",
        "--coord-system “{value}”不是 wgs84、gcj02 或 bd09",
    ),
    "coord_system_option_action": (
        "give wgs84 (GPS), gcj02 (Amap, Tencent maps) or bd09 (Baidu maps)",
        "请填写 wgs84（GPS）、gcj02（高德、腾讯地图）或 bd09（百度地图）",
    ),
    "no_address_column": (
        "no address column, and no row has coordinates",
        "没有家庭住址列，也没有任何一行填了坐标",
    ),
    "no_address_column_action": (
        "add a home address column headed one of: {headers}",
        "请添加家庭住址列，表头用以下之一：{headers}",
    ),
    "day_not_in_month": (
        "{day} does not exist: month {month} of {year} has {days} days",
        "{day} 这一天不存在：{year} 年 {month} 月共 {days} 天",
    ),
    "day_no_month": (
        "{day} does not exist: there is no month {month}",
        "{day} 这一天不存在：没有 {month} 月",
    ),
    "day_missing_action": (
        "correct the date to a day on the calendar (year-month-day, like 2020-03-17)",
        "请改成日历上有的日期（年-月-日，如 2020-03-17）",
    ),
    "date_option_no_such_day": ("--date: {day}", "--date：{day}"),
    "date_option_bad": ("--date {value!r} is not a date", "--date “{value}”不是日期"),
    "date_option_action": ("write it like 2020-03-25", "请按 2020-03-25 的格式填写"),
    "dask_missing": (
        "--executor dask needs Dask's distributed package, which is not installed",
        "--executor dask 需要 Dask 的 distributed 软件包，但尚未安装",
    ),
    "dask_missing_action": (
        "install it with: pip install 'returnbus[dask]'",
        "请安装：pip install 'returnbus[dask]'",
    ),
    "dask_unreachable": (
        "cannot reach the Dask scheduler at {scheduler} ({error})",
        "无法连接 Dask 调度器 {scheduler}（{error}）",
    ),
    "dask_unreachable_action": (
        "check the address (tcp://host:8786) and that the scheduler runs",
        "请核对地址（tcp://主机:8786），并确认调度器正在运行",
    ),
    # -- the desk's edits to a plan
    "edit_action_bad": (
        "{value!r} is not move, lock, close, unlock or restore",
        "“{value}”不是移动、锁定、关闭、解锁或恢复",
    ),
    "edit_action_missing": (
        "the row names ids but no action",
        "本行填写了编号，但没有填写操作",
    ),
    "edit_action_action": (
        "write one of the actions: {words}",
        "请填写以下操作之一：{words}",
    ),
    "edit_needs": ("{action} needs a {field}", "“{action}”需要填写 {field}"),
    "edit_needs_action": (
        "fill in {field} on this row, or delete the row",
        "请在这一行填写 {field}，或删除这一行",
    ),
    "edit_column_missing": (
        "{action} needs the column {names}, which the header row lacks",
        "“{action}”需要 {names} 列，表头行中没有",
    ),
    "log_table_rows_hidden_read": (
        "{file}: rows {rows} are hidden in the workbook (filtered out?) and are read all"
        " the same; delete the rows not meant, or show them to check them",
        "{file}：工作簿中第 {rows} 行被隐藏（被筛选掉了？），仍照常读取；"
        "不该有的行请删除，或取消隐藏后核对",
    ),
    "log_table_rows_hidden_read_one": (
        "{file}: row {rows} is hidden in the workbook (filtered out?) and is read all"
        " the same; delete it if not meant, or show it to check it",
        "{file}：工作簿中第 {rows} 行被隐藏（被筛选掉了？），仍照常读取；"
        "不该有的行请删除，或取消隐藏后核对",
    ),
    "table_rows_hidden": (
        "rows {rows} are hidden in the workbook (filtered out?), yet would be read as"
        " the rows shown",
        "工作簿中第 {rows} 行被隐藏（被筛选掉了？），但仍会和显示的行一样被读取",
    ),
    "table_rows_hidden_one": (
        "row {rows} is hidden in the workbook (filtered out?), yet would be read as the rows shown",
        "工作簿中第 {rows} 行被隐藏（被筛选掉了？），但仍会和显示的行一样被读取",
    ),
    "table_rows_hidden_action": (
        "show every row (clear the filter), delete the rows not meant, save, and run"
        " again; or copy the rows meant onto a new workbook",
        "请显示所有行（清除筛选），删除不该有的行，保存后再运行；或把需要的行复制到新的工作簿中",
    ),
    "edit_move": ("move", "移动"),
    "edit_lock": ("lock", "锁定"),
    "edit_close": ("close", "关闭"),
    "edit_unlock": ("unlock", "解锁"),
    "edit_restore": ("restore", "恢复"),
    # -- best known costs beside a benchmark instance (solve-vrplib)
    "best_no_cost": (
        "no 'Cost' line: a solution file ends with one, such as 'Cost 27591'",
        "没有“Cost”行：解文件以此行结尾，如“Cost 27591”",
    ),
    "best_cost_not_number": (
        "'{line}' gives no cost greater than 0",
        "“{line}”没有给出大于 0 的费用",
    ),
    "bks_no_column": (
        "the header has no '{column}' column (a bks.csv has instance,customers,bks,source_note)",
        "表头没有“{column}”列（bks.csv 的表头为 instance,customers,bks,source_note）",
    ),
    "bks_not_listed": ("'{instance}' is not listed", "未列出算例“{instance}”"),
    "best_not_text": (
        "not a text file (a best-known file is plain text in UTF-8)",
        "不是文本文件（已知最优解文件应为 UTF-8 编码的纯文本）",
    ),
    "best_known_action": (
        "correct the file or take it again as published; or name the best known cost's"
        " file with --best FILE (the instance's .sol file, or a bks.csv listing it)",
        "请改正该文件，或从发布处重新获取；也可用 `--best 文件` 指定已知最优费用所在的文件"
        "（算例的 .sol 文件，或列有该算例的 bks.csv）",
    ),
    # -- benchmark instances
    "instance_not_found": ("instance file not found", "找不到算例文件"),
    "instance_folder": ("this is a folder, not an instance file", "这是文件夹，不是算例文件"),
    "instance_not_text": (
        "not a text file (an instance is plain text in UTF-8)",
        "不是文本文件（算例应为 UTF-8 编码的纯文本）",
    ),
    "instance_not_utf8": (
        "not UTF-8 text: it reads as {encoding} text, and an instance is read as UTF-8"
        " (or plain ASCII)",
        "不是 UTF-8 编码的文本：按 {encoding} 编码才能读出，而算例须为 UTF-8（或纯 ASCII）文本",
    ),
    "instance_not_utf8_action": (
        "save the file as UTF-8 (in Notepad: File, Save As, Encoding: UTF-8) and run again",
        "请把文件另存为 UTF-8 编码（记事本：文件 → 另存为 → 编码选 UTF-8），然后重新运行",
    ),
    "instance_unreadable": (
        "not a readable {family} instance",
        "无法读取的 {family} 算例",
    ),
    "instance_empty": ("the file is empty", "文件是空的"),
    "instance_dos_end": (
        "'{line}' holds a DOS end-of-file mark (Ctrl-Z, shown as ?) and the file goes on after it",
        "“{line}”中有 DOS 文件结束符（Ctrl-Z，显示为 ?），而其后文件还有内容",
    ),
    "instance_dos_end_action": (
        "the file may be two files joined, or a copy cut short and continued: take it again"
        " from where it was published, or delete the mark if the rest belongs to the instance",
        "文件可能是两个文件拼接而成，或是截断后又续写的副本：请从发布处重新获取；"
        "若其后内容确属该算例，请删去这个结束符",
    ),
    "instance_unreadable_action": (
        "give a CVRPLIB .vrp file or a Solomon .txt file, as published",
        "请给出按原样发布的 CVRPLIB .vrp 文件或 Solomon .txt 文件",
    ),
    "instance_incomplete": (
        "incomplete {family} instance: missing or bad {section}",
        "{family} 算例不完整：{section} 缺失或有误",
    ),
    "instance_missing": ("the instance has no {name}", "算例中没有 {name}"),
    "instance_missing_action": (
        "add the {name} the published files have; a file without it may have been cut short:"
        " take it again from where it was published",
        "请按已发布算例补上 {name}；缺少它的文件可能被截断了，请从发布处重新获取",
    ),
    "instance_not_number": (
        "'{value}' in {section} is not a number",
        "{section} 中的“{value}”不是数字",
    ),
    "instance_not_number_action": (
        "write a number here in the digits 0-9, as the published files do (a point for"
        " decimals, no units, thousands separators or underscores)",
        "请按已发布算例的做法在此用半角数字 0-9 写数字（小数用点号，不带单位、千位分隔符或下划线）",
    ),
    "instance_row_length": (
        "a {section} row has {found} values where {count} are expected",
        "{section} 的这一行有 {found} 个值，应为 {count} 个",
    ),
    "instance_row_length_action": (
        "write {count} values on each {section} row, as the published files do; a short"
        " last row means the file was cut short: take it again from where it was published",
        "请按已发布算例的做法，在 {section} 的每一行写 {count} 个值；最后一行不全说明文件被截断了，"
        "请从发布处重新获取",
    ),
    "instance_line_unread": (
        "'{line}' is neither a specification (KEY : value) nor a row of a section",
        "“{line}”既不是说明行（KEY : value），也不是某一数据段中的一行",
    ),
    "instance_line_unread_action": (
        "write the specifications as KEY : value above the first section, and each section"
        " as its name (ending in _SECTION) on a line of its own, then its rows; a line cut"
        " off means the file was cut short: take it again from where it was published",
        "请在第一个数据段之前按 KEY : value 写说明行；每个数据段先单独一行写段名（以 _SECTION"
        " 结尾），再写各行数据；某一行被截断说明文件不完整，请从发布处重新获取",
    ),
    "instance_spec_in_section": (
        "'{line}' is a specification inside {section}_SECTION",
        "“{line}”是说明行，却写在 {section}_SECTION 段中",
    ),
    "instance_spec_in_section_action": (
        "move the specifications above the first section, as the published files have them",
        "请按已发布算例的做法，把说明行移到第一个数据段之前",
    ),
    "instance_spec_and_section": (
        "{name} is given both as a specification (line {first}) and as a section",
        "{name} 既作为说明行给出（第 {first} 行），又作为数据段给出",
    ),
    "instance_spec_and_section_action": (
        "keep one: CAPACITY : Q when every vehicle carries Q, CAPACITY_SECTION with one row"
        " per vehicle for a fleet mix",
        "只保留一种：所有车辆载重相同时写 CAPACITY : Q；混合车队写 CAPACITY_SECTION，每辆车一行",
    ),
    "instance_weights_count": (
        "EDGE_WEIGHT_SECTION holds {found} values where {places} locations need {needed} in {form}",
        "EDGE_WEIGHT_SECTION 有 {found} 个值，而 {places} 个地点按 {form} 应有 {needed} 个",
    ),
    "instance_weights_count_action": (
        "give the weight of every pair of locations: n x n values for FULL_MATRIX, the n(n-1)/2"
        " below the diagonal, row by row, for LOWER_ROW (above it for UPPER_ROW), n(n+1)/2 with"
        " the diagonal for LOWER_DIAG_ROW and UPPER_DIAG_ROW (n: the locations, DEMAND_SECTION's"
        " rows)",
        "请给出每两个地点之间的权重：FULL_MATRIX 共 n x n 个值；LOWER_ROW 逐行给出对角线以下的"
        " n(n-1)/2 个值（UPPER_ROW 为对角线以上）；LOWER_DIAG_ROW 和 UPPER_DIAG_ROW 连同对角线共"
        " n(n+1)/2 个值（n 为地点数，即 DEMAND_SECTION 的行数）",
    ),
    "instance_numbering": (
        "{section} row numbered {found} where {count} comes next",
        "{section} 的这一行编号为 {found}，而下一个编号应为 {count}",
    ),
    "instance_numbering_action": (
        "number the locations in order, one row each, as the published files do",
        "请按已发布算例的做法，按顺序为每个地点编号，每个地点一行",
    ),
    "instance_vehicle_numbering_action": (
        "number the vehicles 1, 2, ... in order, one row each, in every vehicle section alike",
        "请在每个车辆数据段中按顺序为车辆编号 1、2……，每辆车一行，各段一致",
    ),
    "instance_type": (
        "TYPE {kind} is not read here: only {types}",
        "不支持 TYPE {kind}：只支持 {types}",
    ),
    "instance_dimension": (
        "DIMENSION says {dimension} locations, the sections give {places}",
        "DIMENSION 写的是 {dimension} 个地点，而各段给出 {places} 个",
    ),
    "instance_window_inverted": (
        "the ready time {ready} is later than the due date {due}",
        "最早时间 {ready} 晚于最晚时间 {due}",
    ),
    "instance_window_inverted_action": (
        "swap the READY TIME and DUE DATE columns of this row",
        "请对调这一行的 READY TIME 与 DUE DATE",
    ),
    # {places}: `location_count`.
    "instance_too_small": (
        "the instance has {places}: a depot and a customer at least are needed",
        "算例只有 {places}：至少需要一个车场和一个客户",
    ),
    "location_count": ("{count} locations", "{count} 个地点"),
    "location_count_one": ("{count} location", "{count} 个地点"),
    "instance_negative_demand": (
        "location {place} has a negative demand ({demand})",
        "地点 {place} 的需求为负数（{demand}）",
    ),
    "instance_demand_over": (
        "no vehicle can serve location {place}: its demand {demand} is over the largest"
        " capacity, {capacity}",
        "没有车辆能服务地点 {place}：其需求 {demand} 超过最大载重 {capacity}",
    ),
    "instance_demand_over_action": (
        "give a CAPACITY of at least the largest demand",
        "请把 CAPACITY 设为不小于最大需求",
    ),
    "instance_fleet_short": (
        "the fleet carries {fleet} in all ({vehicles} vehicles), the demands add up to {demand}",
        "车队总载重 {fleet}（{vehicles} 辆车），而需求合计 {demand}",
    ),
    "instance_fleet_short_action": (
        "give more vehicles or larger capacities: NUMBER and CAPACITY in a Solomon file,"
        " VEHICLES and CAPACITY_SECTION in a fleet mix, VEHICLES and CAPACITY in a CVRP file"
        " (or leave VEHICLES out for as many as needed)",
        "请增加车辆或加大载重：Solomon 文件中的 NUMBER 与 CAPACITY，"
        "混合车队文件中的 VEHICLES 与 CAPACITY_SECTION，CVRP 文件中的 VEHICLES 与 CAPACITY"
        "（或删去 VEHICLES，车辆不限）",
    ),
    "instance_window_unreachable": (
        "no vehicle reaches location {place} in its window: leaving the depot at {opens},"
        " it arrives at {arrival} at the earliest, after the window closes at {due}",
        "没有车辆能在时间窗内到达地点 {place}：车辆 {opens} 从车场出发，最早 {arrival} 到达，"
        "晚于时间窗关闭的 {due}",
    ),
    "instance_window_unreachable_action": (
        "check this row's coordinates and DUE DATE, and the depot's READY TIME (location 0)",
        "请检查这一行的坐标和 DUE DATE，以及车场（地点 0）的 READY TIME",
    ),
    "instance_window_no_return": (
        "no vehicle serving location {place} is back before the depot closes at {closes}:"
        " it returns at {back} at the earliest",
        "服务地点 {place} 的车辆最早 {back} 才能回到车场，晚于车场关闭的 {closes}",
    ),
    "instance_window_no_return_action": (
        "check this row's window, service time and coordinates, and the depot's DUE DATE"
        " (location 0)",
        "请检查这一行的时间窗、服务时间和坐标，以及车场（地点 0）的 DUE DATE",
    ),
    "instance_negative_demand_action": (
        "give every demand as 0 or more",
        "请把每个需求写成 0 或正数",
    ),
    "instance_sizes_differ": (
        "section {section} is {found} where {places} locations (the demands' count) "
        "need a row each",
        "{section} 段的大小是 {found}，而 {places} 个地点（按需求数计）各需一行",
    ),
    "instance_sizes_differ_action": (
        "give every location a row in each section (DIMENSION says how many)",
        "请在每一段为每个地点各写一行（DIMENSION 说明地点数）",
    ),
    "instance_edge_weight": (
        "EDGE_WEIGHT_TYPE {kind} is not read here",
        "不支持 EDGE_WEIGHT_TYPE {kind}",
    ),
    "instance_edge_weight_action": (
        "give EDGE_WEIGHT_TYPE: EUC_2D (to the nearest whole number), FLOOR_2D (rounded down),"
        " CEIL_2D (rounded up), EXACT_2D (unrounded), or EXPLICIT with EDGE_WEIGHT_FORMAT:"
        " FULL_MATRIX, LOWER_ROW, UPPER_ROW, LOWER_DIAG_ROW or UPPER_DIAG_ROW; other types"
        " (GEO's latitudes and longitudes among them) are not read",
        "请写 EDGE_WEIGHT_TYPE: EUC_2D（四舍五入取整）、FLOOR_2D（向下取整）、"
        "CEIL_2D（向上取整）、EXACT_2D（不取整），或 EXPLICIT 并配 EDGE_WEIGHT_FORMAT:"
        " FULL_MATRIX、LOWER_ROW、UPPER_ROW、LOWER_DIAG_ROW 或 UPPER_DIAG_ROW；"
        "其他类型（包括按经纬度计算的 GEO）不支持",
    ),
    "instance_depots": (
        "DEPOT_SECTION lists depot {depots}: only single-depot instances with the depot"
        " first (location 1) are read",
        "DEPOT_SECTION 列出的车场为 {depots}：只支持单车场、且车场排在第一位（地点 1）的算例",
    ),
    "instance_depots_action": (
        "give one depot, location 1, in DEPOT_SECTION",
        "请在 DEPOT_SECTION 中只给出一个车场，即地点 1",
    ),
    "instance_is_solution": (
        "this is a solution file (routes, 'Route #1: …', and their cost), not an instance",
        "这是解文件（各行为路线“Route #1: …”及总成本），不是算例",
    ),
    "instance_is_solution_action": (
        "give the instance it solves instead: the .vrp file of the same name published beside"
        " it (for Solomon's sets, the .txt file)",
        "请改为给出它所求解的算例：与之同名、一同发布的 .vrp 文件（Solomon 算例为 .txt 文件）",
    ),
    "instance_depot_empty": (
        "DEPOT_SECTION lists no depot",
        "DEPOT_SECTION 中没有列出车场",
    ),
    "instance_depot_empty_action": (
        "write the depot's number, 1, on the line after DEPOT_SECTION, then -1 on the next"
        " to end the list, as the published files do; if the file was cut short there, take"
        " it again from where it was published",
        "请按已发布算例的做法，在 DEPOT_SECTION 的下一行写车场编号 1，再下一行写 -1 结束列表；"
        "如果文件在此处被截断，请从发布处重新获取",
    ),
    "instance_not_whole": (
        "'{value}' in {section} is not a whole number",
        "{section} 中的“{value}”不是整数",
    ),
    "instance_not_whole_action": (
        "give this value as a whole number, as the published files do",
        "请按已发布算例的做法，把这个值写成整数",
    ),
    "instance_time_too_fine": (
        "'{value}' is finer than a tenth",
        "“{value}”精确到了 0.1 以下",
    ),
    "instance_time_too_fine_action": (
        "times are counted in tenths, as distances are: give this {column} with one decimal"
        " at most, {tenth} here (a ready or service time rounded up, a due date down: every"
        " plan found then keeps the times as they are now)",
        "时间与距离一样按 0.1 计：请把这个 {column} 写成最多一位小数，这里写 {tenth}"
        "（最早时间和服务时间向上取、最晚时间向下取，求出的排车方案就都守得住现在的时间）",
    ),
    "instance_demand_not_whole_action": (
        "loads are counted in whole units: give every demand and the capacity in a unit that"
        " makes each whole (all of them x 10, say)",
        "载重按整数计：请换用能使每个需求和载重都成为整数的单位（例如全部乘以 10）",
    ),
    "instance_too_large": (
        "'{value}' in {section} is larger than {largest:,} either way",
        "{section} 中的“{value}”超出正负 {largest:,}",
    ),
    "instance_too_large_action": (
        "give the values in a larger unit, at most {largest:,} each",
        "请换用更大的单位，使每个值不超过 {largest:,}",
    ),
    "instance_spec_misspelt": (
        "{key} is no VRPLIB specification, and would be left out: is it {meant}?",
        "{key} 不是 VRPLIB 的说明项，会被忽略：是否应为 {meant}？",
    ),
    "instance_spec_misspelt_action": (
        "write {meant}, as the published files do, or remove the line",
        "请按已发布算例写成 {meant}，或删去这一行",
    ),
    "instance_section_line_values": (
        "'{values}' after {section}, on its line, would be left out",
        "{section} 同一行后面的“{values}”会被忽略",
    ),
    "instance_section_line_values_action": (
        "write {section} alone on its line and the rows on the lines below it, as the published"
        " files do",
        "请按已发布算例的做法，让 {section} 单独占一行，数据写在下面各行",
    ),
    "instance_count_below_one": (
        "{key} is {value}: it must be 1 or more",
        "{key} 为 {value}：应不小于 1",
    ),
    "instance_count_below_one_action": (
        "give {key} as the published files do: a whole number, 1 or more",
        "请按已发布算例的做法，把 {key} 写成不小于 1 的整数",
    ),
    "instance_negative_value": (
        "'{value}' in {section} is negative",
        "{section} 中的“{value}”是负数",
    ),
    "instance_negative_value_action": (
        "give distances, capacities and costs as 0 or more",
        "请把距离、载重和成本写成 0 或正数",
    ),
    "instance_negative_time_action": (
        "times count from the depot's opening at 0: give every ready time, due date and"
        " service time as 0 or more",
        "时间从车场开门（0）算起：请把每个最早时间、最晚时间和服务时间写成 0 或正数",
    ),
    "instance_costs_too_large": (
        "a cost per distance of {unit} over the longest distance, {distance}, is more than"
        " the solver can add up",
        "单位距离成本 {unit} 乘以最长距离 {distance} 超出求解器能累加的范围",
    ),
    "instance_costs_too_large_action": (
        "give the costs per distance or the coordinates in a larger unit",
        "请换用更大的单位给出单位距离成本或坐标",
    ),
    "instance_section_unread": (
        "{section} is not read here (only {sections}): the routes would ignore it",
        "这里不读取 {section}（只读取 {sections}）：线路会忽略它",
    ),
    "instance_spec_unread": (
        "{key} (a limit on each route's length) is not read here: the routes would ignore it",
        "这里不读取 {key}（每条线路的长度上限）：线路会忽略它",
    ),
    "instance_unread_action": (
        "solve-vrplib solves CVRP and HFVRP files without time windows or route limits,"
        " and Solomon .txt files with time windows; remove the section only if it does not"
        " matter",
        "solve-vrplib 求解不带时间窗和线路上限的 CVRP、HFVRP 文件，以及带时间窗的 Solomon .txt"
        " 文件；仅当该段无关紧要时才可删去",
    ),
    "instance_spec_twice": (
        "{key} is given twice (first on line {first})",
        "{key} 写了两次（第一次在第 {first} 行）",
    ),
    "instance_spec_twice_action": (
        "keep one line for each specification",
        "每项说明只保留一行",
    ),
    "instance_section_twice_action": (
        "keep one copy of the section, with a row for each location",
        "请只保留这一段的一份，每个地点一行",
    ),
    "instance_solomon_line": (
        "'{found}' where a Solomon file has the line {expected}",
        "这一行是“{found}”，而 Solomon 文件在此处应为 {expected} 一行",
    ),
    "instance_solomon_ended": (
        "the file ends where a Solomon file has the line {expected}",
        "文件在此结束，而 Solomon 文件在此处还应有 {expected} 一行",
    ),
    "instance_solomon_ended_fleet": (
        "the file ends where a Solomon file has the line with two numbers: how many vehicles"
        " and the capacity of each",
        "文件在此结束，而 Solomon 文件在此处还应有一行，写车辆数与每辆车的载重两个数",
    ),
    "instance_solomon_layout_action": (
        "lay the file out as the published Solomon files: the name; VEHICLE; NUMBER CAPACITY;"
        " the two numbers; CUSTOMER; the column heads (CUST NO. ... SERVICE TIME); then one"
        " row per location, the depot (0) first. A file that ends early was cut short: take"
        " it again from where it was published",
        "请按已发布的 Solomon 文件排版：名称；VEHICLE；NUMBER CAPACITY；车辆数与载重两个数；"
        "CUSTOMER；列标题（CUST NO. … SERVICE TIME）；然后每个地点一行，车场（0）在先。"
        "文件提前结束说明它被截断了，请从发布处重新获取",
    ),
    "instance_no_vehicles": (
        "the fleet has {vehicles} vehicles: at least one is needed",
        "车队有 {vehicles} 辆车：至少需要一辆",
    ),
    "instance_no_vehicles_action": (
        "give the NUMBER of vehicles as 1 or more",
        "请把车辆数（NUMBER）写成 1 或更多",
    ),
    "instance_vehicles_stated": (
        "VEHICLES says {stated} vehicles, CAPACITY_SECTION lists {capacities}",
        "VEHICLES 写的是 {stated} 辆车，而 CAPACITY_SECTION 列出 {capacities} 辆",
    ),
    "instance_vehicles_stated_action": (
        "give one CAPACITY_SECTION row for each vehicle, as VEHICLES says",
        "请按 VEHICLES 的数目，在 CAPACITY_SECTION 中为每辆车各写一行",
    ),
    "instance_vehicles_differ": (
        "the vehicle sections differ in length: "
        "{capacities} capacities, {fixed} fixed costs, {unit} unit costs",
        "各车辆数据段长度不一致：载重 {capacities} 个，固定成本 {fixed} 个，单位成本 {unit} 个",
    ),
    "instance_vehicles_differ_action": (
        "give {section} one row for each vehicle of CAPACITY_SECTION, numbered as there",
        "请在 {section} 中为 CAPACITY_SECTION 的每辆车各写一行，编号与其一致",
    ),
    "instance_fleet_empty": (
        "CAPACITY_SECTION lists no vehicle",
        "CAPACITY_SECTION 中没有列出任何车辆",
    ),
    "instance_fleet_empty_action": (
        "give each vehicle a row of CAPACITY_SECTION: its number and its capacity (1 100)",
        "请在 CAPACITY_SECTION 中为每辆车写一行：车辆编号和载重（如 1 100）",
    ),
    "instance_costs_without_fleet": (
        "{section} gives each vehicle a cost, but CAPACITY (line {line}) is one number,"
        " not a CAPACITY_SECTION of the vehicles: the costs would be left out",
        "{section} 为每辆车给出了成本，但 CAPACITY（第 {line} 行）只是一个数，"
        "不是逐车的 CAPACITY_SECTION：这些成本会被忽略",
    ),
    "instance_costs_without_fleet_action": (
        "for a fleet mix, replace CAPACITY : Q by a CAPACITY_SECTION, one row per vehicle"
        " (its number and capacity, 1 100), numbered as {section};"
        " to solve a CVRP, remove {section}",
        "混合车队：请把 CAPACITY : Q 改为 CAPACITY_SECTION，每辆车一行"
        "（车辆编号和载重，如 1 100），编号与 {section} 一致；按 CVRP 求解：请删去 {section}",
    ),
    "instance_hfvrp_without_fleet": (
        "TYPE (line {line}) is HFVRP, a fleet mix, but CAPACITY is one number,"
        " not a CAPACITY_SECTION of the vehicles",
        "TYPE（第 {line} 行）为 HFVRP（混合车队），"
        "但 CAPACITY 只是一个数，不是逐车的 CAPACITY_SECTION",
    ),
    "instance_hfvrp_without_fleet_action": (
        "for a fleet mix, replace CAPACITY : Q by a CAPACITY_SECTION, one row per vehicle"
        " (its number and capacity, 1 100); to solve a CVRP, write TYPE : CVRP",
        "混合车队：请把 CAPACITY : Q 改为 CAPACITY_SECTION，每辆车一行"
        "（车辆编号和载重，如 1 100）；按 CVRP 求解：请写 TYPE : CVRP",
    ),
    "instance_cvrp_with_fleet": (
        "TYPE is CVRP, every vehicle of one capacity, but CAPACITY_SECTION (line {line})"
        " gives each vehicle its own: a fleet mix, whose costs are counted otherwise",
        "TYPE 为 CVRP（所有车辆载重相同），但 CAPACITY_SECTION（第 {line} 行）"
        "逐车给出载重：这是混合车队，费用的算法不同",
    ),
    "instance_cvrp_with_fleet_action": (
        "for a fleet mix, write TYPE : HFVRP (its cost: fixed plus per-distance, divided"
        " by 100); to solve a CVRP, replace the CAPACITY_SECTION by CAPACITY : Q"
        " (and VEHICLES : N for a fleet of N)",
        "混合车队：请写 TYPE : HFVRP（费用按固定费用加里程费用计，再除以 100）；"
        "按 CVRP 求解：请把 CAPACITY_SECTION 改为 CAPACITY : Q（车辆有限时再写 VEHICLES : N）",
    ),
    "instance_vehicle_no_capacity": (
        "vehicle {vehicle} has capacity 0 in CAPACITY_SECTION: it can carry nothing",
        "CAPACITY_SECTION 中第 {vehicle} 辆车载重为 0：它什么也装不了",
    ),
    "instance_vehicle_no_capacity_action": (
        "give the vehicle its capacity, 1 or more, or remove its row from every vehicle"
        " section and number the rest 1, 2, ...",
        "请写出该车的载重（至少为 1），或在各车辆数据段中删去它的行，其余车辆按 1、2……重新编号",
    ),
    # -- a written plan
    "no_plan": ("no plan.json here", "这里没有 plan.json"),
    "no_plan_folder": ("there is no such folder", "没有这个文件夹"),
    "no_plan_but_below": (
        "no plan.json here: the plans are in its folders {folders}",
        "这里没有 plan.json；排车方案在其下的文件夹 {folders} 中",
    ),
    "no_plan_folder_action": (
        "check the folder's name: give the folder a plan run wrote (returnbus ledger show"
        " names each batch's)",
        "请核对文件夹名称，给出规划运行生成的文件夹（returnbus ledger show 列出各批次的文件夹）",
    ),
    "not_plan_file": ("{name} is not a plan.json", "{name} 不是排车方案文件 plan.json"),
    "not_plan_file_action": (
        "give the folder a plan run wrote, or the plan.json in it",
        "请给出规划运行生成的文件夹或其中的 plan.json",
    ),
    "plan_special": ("this is {what}, not a plan", "这是{what}，不是排车方案"),
    "no_plan_action": ("give the folder a plan run wrote", "请给出规划运行生成的文件夹"),
    "plan_unreadable": (
        "not a plan returnbus can read ({error})",
        "不是 returnbus 能读取的规划结果（{error}）",
    ),
    "plan_not_json": (
        "not a plan returnbus can read: the JSON breaks at line {line}, column {column}",
        "不是 returnbus 能读取的规划结果：JSON 在第 {line} 行第 {column} 列出错",
    ),
    "plan_field_missing": (
        "not a plan returnbus can read: it has no '{field}'",
        "不是 returnbus 能读取的规划结果：缺少“{field}”",
    ),
    "plan_value_edited": (
        "a value is of the wrong kind or out of range: the file was edited",
        "某个值的类型或范围不对：文件被改动过",
    ),
    "plan_mistyped": (
        "{where} is {value}, where a plan holds {expected}: the file was edited",
        "{where} 的值为 {value}，而规划结果此处应为 {expected}：文件被改动过",
    ),
    "json_text": ("text", "文字"),
    "json_whole_number": ("a whole number", "整数"),
    "json_number": ("a number", "数字"),
    "json_true_false": ("true or false", "true 或 false"),
    "json_date": ("a date", "日期"),
    "json_date_time": ("a date and time", "日期时间"),
    "json_null": ("null", "null"),
    "json_list": ("a list", "列表"),
    "json_object": ("an object", "对象"),
    "json_or": ("{first} or {last}", "{first}，或{last}"),
    "json_one_of": ("one of {values}", "{values} 之一"),
    "plan_unreadable_action": (
        "give the plan.json a plan run wrote, unedited",
        "请给出规划运行生成、未经改动的 plan.json",
    ),
    # -- online geocoders
    "geocoder_key_refused": (
        "the online geocoder '{name}' refused the API key",
        "在线地理编码服务“{name}”拒绝了 API 密钥",
    ),
    "geocoder_key_refused_action": (
        "check the key (--api-key or RETURNBUS_GEOCODER_KEY)",
        "请核对密钥（--api-key 或 RETURNBUS_GEOCODER_KEY）",
    ),
    "geocoder_quota": (
        "the online geocoder '{name}' refused: the key's quota is used up",
        "在线地理编码服务“{name}”拒绝请求：密钥的调用额度已用完",
    ),
    "geocoder_quota_action": (
        "wait for the quota, or raise it",
        "请等额度恢复，或提高额度",
    ),
    "geocoder_unreachable": (
        "the online geocoder '{name}' cannot be reached (no network, or the service is down) ",
        "无法连接在线地理编码服务“{name}”（没有网络，或服务已停止）",
    ),
    "geocoder_unreachable_action": ("check the network", "请检查网络"),
    "geocoder_failed": (
        "the online geocoder '{name}' failed",
        "在线地理编码服务“{name}”出错",
    ),
    "geocoder_failed_action": (
        "check the network, the API key and the quota",
        "请检查网络、API 密钥和调用额度",
    ),
    "geocoder_offline_action": (
        "or run without --online: the offline gazetteer shipped with returnbus places "
        "addresses to the township",
        "或者不加 --online 运行：returnbus 自带的离线地名库可定位到乡镇",
    ),
    "geocoder_unknown": ("unknown online geocoder {value!r}", "未知的在线地理编码服务“{value}”"),
    "geocoder_unknown_action": (
        "use one of {names}, or the offline geocoder",
        "请使用 {names} 之一，或使用离线定位",
    ),
    "geocoder_needs_key": (
        "the {name} geocoder needs an API key",
        "{name} 地理编码服务需要 API 密钥",
    ),
    "geocoder_needs_key_action": (
        "get a web-service key from {name} and give it with --api-key KEY, "
        "or set the environment variable RETURNBUS_GEOCODER_KEY",
        "请向 {name} 申请 Web 服务密钥，在命令中加上 --api-key 密钥，"
        "或设置环境变量 RETURNBUS_GEOCODER_KEY",
    ),
    "geocache_unreadable": (
        "cannot read the geocoder cache",
        "无法读取地理编码缓存",
    ),
    "geocache_not_file": (
        "this is {what}, not a geocoder cache file",
        "这是{what}，不是地理编码缓存文件",
    ),
    "geocache_unreadable_os": (
        "cannot read the geocoder cache: {why}",
        "无法读取地理编码缓存：{why}",
    ),
    "geocache_unwritable": (
        "cannot write the geocoder cache: {why}",
        "无法写入地理编码缓存：{why}",
    ),
    "geocache_path_action": (
        "give --cache a file name in a folder you may read and write (the default is"
        " .returnbus-cache/geocode.json)",
        "请用 --cache 指定一个位于可读写文件夹中的文件名（默认为 .returnbus-cache/geocode.json）",
    ),
    "geocache_unreadable_action": (
        "delete the file to start a new cache",
        "请删除该文件，重新建立缓存",
    ),
    # -- the roster's columns
    "rows_fail_alike": (
        "every one of the {rows} rows fails the same way: {problem}",
        "全部 {rows} 行都有同样的问题：{problem}",
    ),
    "rows_fail_alike_action": (
        "when every row fails alike, check the file's encoding "
        "(--encoding), its header row and [roster.columns]",
        "所有行都出同样的错时，请检查文件编码（--encoding）、表头行和 [roster.columns]",
    ),
    "roster_field_unknown": (
        "unknown roster field {field!r} in [roster.columns]",
        "[roster.columns] 中有未知的名单字段“{field}”",
    ),
    "roster_field_unknown_action": ("fields are: {fields}", "可用的字段有：{fields}"),
    "no_headers": (
        "no known column headers in the first 10 rows",
        "前 10 行中找不到可识别的表头",
    ),
    "no_headers_in_sheet": (
        "no known column headers in the first 10 rows of the sheet {sheet!r}",
        "工作表“{sheet}”的前 10 行中找不到可识别的表头",
    ),
    "no_headers_in_sheet_action": (
        "the workbook also has {sheets}: name the roster's with"
        ' [roster] sheet = "..." in the scenario (--sheet for check and geocode),'
        " or move it first",
        '工作簿中还有工作表 {sheets}：请在方案文件中用 [roster] sheet = "..." 指定名单所在的工作表'
        "（check 和 geocode 用 --sheet），或把它移到最前",
    ),
    "no_headers_action": (
        "name the columns like worker_id, name, phone, home_address, health_code, or 工号,"
        " 姓名, 手机号, 家庭住址, 健康码 (see the README), or map them in [roster.columns]",
        "请把列名写成工号、姓名、手机号、家庭住址、健康码等（见 README），"
        "或在 [roster.columns] 中指定对应关系",
    ),
    "csv_separator": (
        "the file's columns are separated by {separator}, not by commas",
        "文件的各列用{separator}分隔，而不是逗号",
    ),
    "csv_full_width_commas": (
        "the header's columns are separated by full-width commas (，), which a CSV file"
        " does not read as separators",
        "表头各列用全角逗号（，）分隔，CSV 文件不把它当作分隔符",
    ),
    "csv_full_width_commas_action": (
        "retype the commas of the header and of every row in English (,), with the input"
        " method in English mode, or fill the list in Excel and save it as CSV",
        "请切换到英文输入法，把表头和各行中的逗号改为半角逗号（,），或在 Excel 中填写后另存为 CSV",
    ),
    "separator_semicolon": ("semicolons (;)", "分号（;）"),
    "separator_tab": ("tabs", "制表符（Tab）"),
    "csv_separator_action": (
        "save it as comma-separated CSV (in Excel or WPS: Save As, CSV UTF-8), "
        "or as an XLSX workbook",
        "请另存为逗号分隔的 CSV（Excel 或 WPS 中“另存为”，选 CSV UTF-8（逗号分隔）），"
        "或另存为 XLSX 工作簿",
    ),
    "and": ("{items} and {last}", "{items}和{last}"),
    "columns_both": ("columns {columns} both give the {field}", "列 {columns} 都是 {field}"),
    "columns_both_action": (
        'delete or rename one, or name the one to use in [roster.columns] ({field} = "...")',
        '请删除或改名其中一列，或在 [roster.columns] 中指定要用的一列（{field} = "..."）',
    ),
    "columns_missing": ("missing required columns: {names}", "缺少必需的列：{names}"),
    "columns_missing_one": ("missing required column: {names}", "缺少必需的列：{names}"),
    "column_wanted": ("{field} ({chinese})", "{chinese}（或 {field}）"),
    "columns_missing_action": (
        "add the column, or map your header to it in [roster.columns] of the scenario",
        "请添加该列，或在方案文件的 [roster.columns] 中把您的表头对应到该列",
    ),
    "roster_not_found": ("roster file not found", "找不到名单文件"),
    "check_path": ("check the path", "请核对文件路径"),
    "workbook_damaged": (
        "the workbook is damaged and cannot be read",
        "工作簿已损坏，无法读取",
    ),
    "save_again_action": (
        "open it in Excel or WPS, save it again as .xlsx (or CSV), and run again",
        "请用 Excel 或 WPS 打开，重新另存为 .xlsx（或 CSV）后再运行",
    ),
    # -- the scenario file
    "setting_add": ("add `{key} = ...` to [{table}]", "请在 [{table}] 中添加 `{key} = ...`"),
    "type_bool": ("true or false", "true/false"),
    "type_int": ("a whole number", "整数"),
    "type_float": ("a number", "数字"),
    "type_str": ("text in quotes", "加引号的文字"),
    "type_list": ("a list [...]", "列表 [...]"),
    "type_dict": ("a table", "表"),
    "type_datetime": ("a date and time", "日期时间"),
    "type_date": ("a date", "日期"),
    "type_time": ("a time", "时刻"),
    "setting_type": (
        "expected {kind}, got {got} {value}",
        "应为{kind}，实际填的是{got} {value}",
    ),
    "setting_type_action": ("write it as {kind}", "请写成{kind}"),
    "setting_not_finite": (
        "must be a finite number, got {value}",
        "必须是有限的数字，现为 {value}",
    ),
    "setting_below": (
        "must be at least {minimum}, got {value}",
        "不能小于 {minimum}，现为 {value}",
    ),
    "setting_above": (
        "must be at most {maximum}, got {value}",
        "不能大于 {maximum}，现为 {value}",
    ),
    "setting_below_unit": (
        "must be at least {minimum} {unit}, got {value} {unit}",
        "不能小于 {minimum} {unit}，现为 {value} {unit}",
    ),
    "setting_above_unit": (
        "must be at most {maximum} {unit}, got {value} {unit}",
        "不能大于 {maximum} {unit}，现为 {value} {unit}",
    ),
    "setting_unit_action": (
        "check the value: the setting is in {unit}",
        "请核对数值：该设置以{unit}为单位",
    ),
    "unit_slip_km_action": (
        "the setting is in {unit}: for {value} km write {meant}",
        "该设置以{unit}为单位：如指 {value} 公里，请写 {meant}",
    ),
    "unit_slip_hours_action": (
        "the setting is in {unit}: for {value} hours write {meant}",
        "该设置以{unit}为单位：如指 {value} 小时，请写 {meant}",
    ),
    "unit_slip_seconds_action": (
        "the setting is in {unit}: for {value} seconds write {meant}",
        "该设置以{unit}为单位：如指 {value} 秒，请写 {meant}",
    ),
    "unit_yuan_per_km": ("yuan per km", "元/公里"),
    "unit_yuan_per_hour": ("yuan per hour", "元/小时"),
    "unit_yuan": ("yuan", "元"),
    "unit_minutes": ("minutes", "分钟"),
    "unit_seconds": ("seconds", "秒"),
    "unit_km": ("km", "公里"),
    "unit_metres": ("metres", "米"),
    "unit_kmh": ("km/h", "公里/小时"),
    "unit_days": ("days", "天"),
    "unit_seats": ("seats", "座"),
    "cost_fixed_small": (
        "{value} yuan for a bus's hire is far below what a hire costs (hundreds or"
        " thousands of yuan): the cost is in yuan; it is planned with as written",
        "每辆车 {value} 元的费用远低于包车的一般价格（数百至数千元）：该费用以元为单位；"
        "现按所填数值规划",
    ),
    "cost_per_km_large": (
        "{value} yuan per km is far above what a bus costs a km (a few yuan): is it"
        " the hire's fixed cost? It is planned with as written",
        "每公里 {value} 元远高于客车每公里的一般费用（几元）：是否把整趟固定费用填到了这里？"
        "现按所填数值规划",
    ),
    "setting_small_unit": (
        "{value} {unit} is unusually small for this setting; it is used as written",
        "{value} {unit} 对该设置项而言异常小，现按所填数值规划",
    ),
    "log_setting_odd": (
        "{scenario}, key {key!r}: {said}",
        "文件 {scenario}，设置项 {key}：{said}",
    ),
    "setting_above_action": ("check the value and its unit", "请核对数值及其单位"),
    "seed_range_action": (
        "write a whole number from 0 to {maximum}: any seed in that range gives the same"
        " plan each time it is planned",
        "请填写 0 到 {maximum} 之间的整数：该范围内的任一种子，每次规划都得出同样的排车方案",
    ),
    "setting_choice": ("{value!r} is not one of {allowed}", "“{value}”不是 {allowed} 之一"),
    "setting_choice_action": (
        "write one of {allowed}, as written here, in quotes",
        "请照此写法填写 {allowed} 之一，并加引号",
    ),
    "setting_strings": ("expected a list of strings", "应为文字列表"),
    "setting_strings_action": (
        'write it like ["贵州省", "四川省"]',
        '请写成 ["贵州省", "四川省"] 的样子',
    ),
    "setting_double_brackets": (
        "written as [[{table}]], a list of tables: this one is a single table",
        "写成了 [[{table}]]（表的列表）：这里只能有一个表",
    ),
    "setting_double_brackets_action": (
        "write its line as [{table}], with single brackets (only tables that may repeat,"
        " such as [[fleet]] and [[batch]], take double ones)",
        "请把这一行写成 [{table}]，用单方括号（只有可以有多个的表，如 [[fleet]]、[[batch]]，"
        "才用双方括号）",
    ),
    "setting_tables": ("expected a list of tables ([[...]])", "应为表的列表（[[...]]）"),
    "setting_tables_action": (
        "write each one as its own table under a [[...]] line, as the sample scenario does",
        "请按示例方案文件的写法，每一项单独写成一个 [[...]] 表",
    ),
    "setting_file_not_found": ("file not found: {path}", "找不到文件：{path}"),
    "setting_file_escaped": (
        "file not found: {path} (a backslash \\ in double quotes starts an escape in TOML:"
        " \\r is read as a line end, \\t as a tab)",
        "找不到文件：{path}（双引号中的反斜杠 \\ 在 TOML 里是转义符："
        "\\r 被读成回车，\\t 被读成制表符）",
    ),
    "setting_file_action": (
        "check the file name and that it sits next to the scenario",
        "请核对文件名，并确认该文件与方案文件在同一文件夹",
    ),
    "setting_file_empty": ("the file name is empty", "文件名为空"),
    "setting_file_empty_action": (
        'write the name of {kind} that sits next to the scenario, like {key} = "{example}"',
        '请写出与方案文件同在一个文件夹的{kind}的文件名，如 {key} = "{example}"',
    ),
    "setting_file_name_unusable": (
        "no file can have the name {path}: {why}",
        "文件名 {path} 无法使用：{why}",
    ),
    "setting_file_name_unusable_action": (
        "rename {kind} to a short name of letters, digits or Chinese characters and write"
        " that name here",
        "请把{kind}改成由字母、数字或汉字组成的简短文件名，并在此处写上该文件名",
    ),
    "file_name_unusable": ("no file can have this name: {why}", "无法使用这个文件名：{why}"),
    "file_name_unusable_action": (
        "save the file under a short name of letters, digits or Chinese characters, in a"
        " folder of such names (not through a link), and give that name",
        "请把文件另存为由字母、数字或汉字组成的简短文件名，放在同样命名的文件夹中"
        "（不要经由链接），再给出该文件名",
    ),
    "file_name_has_nul": ("it holds a NUL character (\\x00)", "其中含有空字符（\\x00）"),
    "setting_file_special": ("{path} is {what}, not a file", "{path} 是{what}，不是文件"),
    "setting_file_special_action": (
        "give the name of {kind} here",
        "请在此处写出{kind}的文件名",
    ),
    "setting_file_folder": ("{path} is a folder, not a file", "{path} 是文件夹，不是文件"),
    "setting_file_folder_action": (
        "give the name of {kind}, not of its folder",
        "请写出{kind}的文件名，而不是文件夹",
    ),
    "file_kind_roster": ("the roster file (CSV or XLSX)", "名单文件（CSV 或 XLSX）"),
    "file_kind_employers": ("the employers file (CSV or XLSX)", "企业名单文件（CSV 或 XLSX）"),
    "file_kind_dormitories": (
        "the dormitories file (CSV or XLSX)",
        "宿舍名单文件（CSV 或 XLSX）",
    ),
    "not_lat_lon": (
        "({lat}, {lon}) is not a latitude/longitude pair",
        "（{lat}, {lon}）不是有效的纬度/经度",
    ),
    "not_lat_lon_action": (
        "give latitude (-90 to 90) then longitude (-180 to 180) in degrees; Jiangjin is"
        " about 29.3, 106.3",
        "请先填纬度（-90 到 90）再填经度（-180 到 180），单位为度；江津约为 29.3, 106.3",
    ),
    "site_swapped_action": (
        "latitude and longitude look swapped: put the latitude (about 20-50) in lat and"
        " the longitude (about 75-135) in lon",
        "经纬度似乎填反了：纬度（约 20-50）应填在 lat，经度（约 75-135）应填在 lon",
    ),
    "depot_far": (
        "the depot lies {hours:.1f} h by road ({km:,.0f} km) from the destination"
        " {destination}, beyond a duty and a ride together ({most:.1f} h): no bus could"
        " bring anyone",
        "车场距目的地 {destination} 车程 {hours:.1f} 小时（{km:,.0f} 公里），超过一个班次加一趟"
        "乘车的时长（{most:.1f} 小时）：没有车能接送任何人",
    ),
    "depot_far_action": (
        "check the [depot] lat and lon (latitude first); if they are right, raise"
        " rules.max_route_minutes or rules.max_ride_minutes",
        "请核对 [depot] 的 lat 和 lon（纬度在前）；若无误，请调高 rules.max_route_minutes"
        " 或 rules.max_ride_minutes",
    ),
    "setting_unknown": ("unknown setting", "未知的设置项"),
    "setting_elsewhere": (
        "a setting of {tables}, written under another table's header",
        "这是 {tables} 的设置项，却写在了别的表标题下",
    ),
    "setting_elsewhere_action": (
        "move the line {key} = … under the header {tables}: a setting belongs to the"
        " nearest table header above it",
        "请把“{key} = …”这一行移到 {tables} 标题下：设置项属于它上方最近的表标题",
    ),
    "batch_table_about": (
        "a [[batch]] table (one per batch; this file has none) gives one batch of the"
        " roster's 返岗批次 column its id and departure, and, if its destination or buses"
        " differ, its own [batch.destination] and [[batch.fleet]]; a scenario of one batch"
        " needs none: [scenario] departure, [destination] and [[fleet]] serve it",
        "[[batch]] 表（每个批次一个；本文件还没有）为名单“返岗批次”列中的一个批次填写 id"
        " 和出发时间，若该批次的目的地或车辆不同，还可填写它自己的 [batch.destination] 和"
        " [[batch.fleet]]；只有一个批次时不需要它：用 [scenario] 的 departure、[destination]"
        " 和 [[fleet]] 即可",
    ),
    "setting_misspelled": (
        "unknown setting: did you mean `{key}`?",
        "未知的设置项：是不是 `{key}`？",
    ),
    "setting_rename": ("correct its name to `{key}`", "请把名称改为 `{key}`"),
    "setting_lookalike": (
        "unknown setting: its name holds {letters}: did you mean `{key}`?",
        "未知的设置项：名称中的{letters}：是不是 `{key}`？",
    ),
    "setting_lookalike_unknown": (
        "unknown setting: its name holds {letters}",
        "未知的设置项：名称中的{letters}",
    ),
    "setting_lookalike_action": (
        "type the name again with the input method in English mode: `{key}`",
        "请把输入法切换到英文模式，重新输入名称：`{key}`",
    ),
    "lookalike_letter": (
        "{letter} ({code}), a {script} letter, not the Latin {latin}",
        "“{letter}”（{code}）是{script}，不是拉丁字母 {latin}",
    ),
    "script_cyrillic": ("Cyrillic", "西里尔字母"),
    "script_greek": ("Greek", "希腊字母"),
    "script_full_width": ("full-width", "全角字母"),
    "script_other": ("not Latin", "非拉丁字母"),
    "setting_unknown_action": (
        "check the spelling against the README's scenario keys",
        "请对照 README 中的方案设置项核对拼写",
    ),
    "scenario_not_found": ("scenario file not found", "找不到方案文件"),
    "scenario_not_found_action": (
        "check the path; `returnbus synth --out FOLDER` writes a sample scenario.toml"
        " to start from",
        "请检查路径；可用 `returnbus synth --out 文件夹` 生成示例 scenario.toml 作为起点",
    ),
    "scenario_given_table": (
        "this is a table (a roster, say), not a scenario file",
        "这是表格文件（例如名单），不是方案文件",
    ),
    "scenario_given_table_action": (
        'give the scenario.toml that names it (roster = "{name}"); `returnbus synth --out'
        " FOLDER` writes a sample scenario.toml to start from",
        '请给出引用它的方案文件 scenario.toml（其中写 roster = "{name}"）；'
        "可用 `returnbus synth --out 文件夹` 生成示例 scenario.toml 作为起点",
    ),
    "scenario_special": (
        "this is {what}, not a scenario file",
        "这是{what}，不是方案文件",
    ),
    "scenario_special_action": (
        "give the path of the scenario.toml itself",
        "请给出 scenario.toml 文件本身的路径",
    ),
    "scenario_empty": ("the scenario file is empty", "方案文件是空的"),
    "scenario_empty_action": (
        "give the scenario.toml a plan was made from, or write the settings in it"
        " (`returnbus synth --out FOLDER` writes a sample scenario.toml to start from)",
        "请给出规划所用的 scenario.toml，或在其中写上各项设置"
        "（可用 `returnbus synth --out 文件夹` 生成示例 scenario.toml 作为起点）",
    ),
    "scenario_folder": ("this is a folder, not a scenario file", "这是文件夹，不是方案文件"),
    "scenario_folder_action": (
        "give the scenario.toml in it: {path}",
        "请给出其中的 scenario.toml：{path}",
    ),
    "scenario_no_permission": (
        "the scenario file cannot be read (no permission)",
        "无法读取方案文件（没有权限）",
    ),
    "scenario_unreadable": (
        "the scenario file cannot be read: {why}",
        "无法读取方案文件：{why}",
    ),
    "scenario_no_permission_action": (
        "copy the file to a folder of your own, or ask whoever owns it to let you read it",
        "请把文件复制到自己的文件夹，或请文件的所有者开放读取权限",
    ),
    "scenario_encoding": (
        "is neither UTF-8 nor GBK/GB18030 text",
        "既不是 UTF-8 也不是 GBK/GB18030 编码的文字",
    ),
    "scenario_encoding_action": (
        "open it in Notepad and save it again with the encoding UTF-8",
        "请用记事本打开，另存为时把“编码”选为 UTF-8",
    ),
    # TOML syntax errors: the line is named by the error itself.
    "toml_full_width": (
        "character {column}, {sign!r}, is a full-width sign",
        "第 {column} 个字符“{sign}”是全角符号",
    ),
    "toml_full_width_action": (
        "type the half-width {ascii!r} instead (switch the input method to English)",
        "请改用半角的“{ascii}”（把输入法切换到英文）",
    ),
    "toml_control": (
        "character {column} is an invisible control character, {sign}: {line}",
        "第 {column} 个字符是看不见的控制字符 {sign}：{line}",
    ),
    "toml_control_action": (
        "delete it (it may have come with text pasted from another program):"
        " retype the line if it cannot be seen in the editor",
        "请删除它（可能随从其他程序粘贴的文字带入）；在编辑器里看不到时，请重新输入这一行",
    ),
    "toml_twice": ("{key!r} is given twice", "“{key}”写了两次"),
    "toml_twice_action": (
        "keep one: delete or merge the other (a table there may be several of, "
        "like a bus type, is written [[fleet]])",
        "请只保留一处，删去或合并另一处（可以有多个的表，如车型，要写成 [[fleet]]）",
    ),
    "toml_no_equals": (
        "a setting's name must be followed by =: {line}",
        "设置项名后面应是 =：{line}",
    ),
    "toml_no_equals_action": (
        "write one setting a line, as name = value, like seats = 45 (no spaces in the name)",
        "请每行写一项，写成“名称 = 值”，如 seats = 45（名称中不能有空格）",
    ),
    "toml_unclosed_string": (
        "a quoted text is not closed on its line",
        "引号中的文字到行尾还没有结束",
    ),
    "toml_unclosed_string_action": (
        'end the text with a half-width quote ", as it begins',
        '请在文字末尾补上半角引号 "，与开头的引号一致',
    ),
    # A Windows path in double quotes: TOML takes each \ there for an escape.
    "toml_backslash": (
        "a backslash \\ in double quotes starts an escape in TOML: {line}",
        "双引号中的反斜杠 \\ 在 TOML 里是转义符：{line}",
    ),
    "toml_backslash_action": (
        "write a path with / (like D:/returns/roster.csv), or in single quotes"
        " (like 'D:\\returns\\roster.csv')",
        "路径请改用“/”分隔（如 D:/返岗/roster.csv），或改用半角单引号括起来"
        "（如 'D:\\返岗\\roster.csv'）",
    ),
    "toml_unclosed_header": ("the table name is not closed with ]", "表名缺少右方括号 ]"),
    "toml_unclosed_header_action": (
        "write it like [depot] or [[fleet]]",
        "请写成 [depot] 或 [[fleet]] 的样子",
    ),
    "toml_unclosed_list": ("the list is not closed with ]", "列表缺少右方括号 ]"),
    "toml_unclosed_list_action": (
        "separate the items with half-width commas and end the list with ], "
        'like ["贵州省", "四川省"]',
        '请用半角逗号分隔各项，并以 ] 结尾，如 ["贵州省", "四川省"]',
    ),
    "toml_bad_value": (
        "the value at character {column} is not a number, true/false or quoted text",
        "第 {column} 个字符起的值不是数字或 true/false，也不是加了引号的文字",
    ),
    "toml_bad_value_action": (
        'put text in half-width double quotes, like name = "江津汽车站"; '
        "write numbers and true/false as they are",
        '文字要加半角双引号，如 name = "江津汽车站"；数字和 true/false 直接写',
    ),
    "toml_after_value": (
        "{extra!r} follows the value {value}: {line}",
        "值 {value} 后面多了“{extra}”：{line}",
    ),
    "toml_after_value_action": (
        "a setting has one value: a number without a unit, thousands comma or space"
        " (3200, not 3,200 or 3200元; a note goes after a #, as seats = 45  # 座),"
        ' or text in half-width double quotes, whole: name = "45座客车"',
        "每项设置只有一个值：数字不带单位、千位逗号或空格（写 3200，不写 3,200 或 3200元；"
        "说明写在 # 后面，如 seats = 45  # 座），文字则整个加上半角双引号，"
        '如 name = "45座客车"',
    ),
    "toml_bad_line": ("this line is not understood: {line}", "这一行无法识别：{line}"),
    "toml_bad_line_action": (
        "each line is a table name like [rules], a setting like seats = 45, or a comment after #",
        "每行应是表名（如 [rules]）、一项设置（如 seats = 45），或以 # 开头的注释",
    ),
    "toml_number_too_long": (
        "this line has a number of {digits} digits: too long to read",
        "这一行有一个 {digits} 位的数字，太长，无法读取",
    ),
    "toml_number_too_long_action": (
        "write the setting's value in its unit as the README gives it (minutes, km, yuan);"
        " no setting takes a number that long",
        "请按 README 所给的单位（分钟、公里、元）填写该项设置的值；没有哪项设置需要这么长的数字",
    ),
    "toml_too_deep": (
        "lists or tables are nested here too deep to read (brackets within brackets)",
        "此处的列表或表嵌套过深，无法读取（括号套括号）",
    ),
    "toml_too_deep_action": (
        "write each setting as the README gives it; no setting nests more than a few"
        " levels: delete what was pasted in here",
        "请按 README 填写每项设置；没有哪项设置嵌套超过几层：请删除粘贴进来的内容",
    ),
    "number_long": ("{start}… ({digits} digits)", "{start}…（共 {digits} 位）"),
    "toml_syntax": (
        "this line is not valid TOML: {line} ({detail})",
        "这一行不符合 TOML 格式：{line}（{detail}）",
    ),
    "toml_syntax_action": (
        "compare it with the scenario example in the README",
        "请对照 README 中的方案文件示例修改这一行",
    ),
    "close_contacts_mixed": (
        "close contacts carried to quarantine must ride with riders bound for "
        "quarantine only, but quarantine_cohorts is mixed",
        "送往隔离的密切接触者只能与去隔离的人同车，但 quarantine_cohorts 设为了 mixed（混坐）",
    ),
    "close_contacts_mixed_action": (
        'set [rules] quarantine_cohorts = "separate" (or "whole_bus"), or close_contacts = "hold"',
        '请在 [rules] 中设置 quarantine_cohorts = "separate"（或 "whole_bus"），'
        '或设置 close_contacts = "hold"',
    ),
    "min_riders_over_seats": (
        "bus type {bus} needs at least {minimum} riders but seats only "
        "{seats} under the {policy} seating policy",
        "车型 {bus} 至少要 {minimum} 人才发车，但按 {policy} 座位政策只能坐 {seats} 人",
    ),
    "min_riders_over_seats_action": (
        "lower its min_riders to {seats} or less, or relax [seating] policy",
        "请把它的 min_riders 调到 {seats} 或以下，或放宽 [seating] policy",
    ),
    "policy_rated_half": ("half the rated seats", "核载的一半"),
    "policy_window": ("window seats only", "只坐靠窗座位"),
    "policy_one_per_row": ("one rider a row", "每排一人"),
    "policy_full": ("every seat", "坐满"),
    # A policy as the scenario file sets it (its key), with its words.
    "policy_named": ("{key} ({words})", "{key}（{words}）"),
    "bus_seats_nobody": (
        "bus type {bus} ({seats} seats) can carry no rider under the {policy} seating policy",
        "车型 {bus}（{seats} 座）按 {policy} 座位政策一个乘客也不能坐",
    ),
    "bus_seats_nobody_action": (
        "check its seats, or relax [seating] policy",
        "请核对它的 seats，或放宽 [seating] policy",
    ),
    "reserved_seats_over": (
        "must be 0 to {most}, got {reserved}: bus type {bus} seats only {seats} "
        "under the {policy} seating policy, and would keep none for riders",
        "应在 0 到 {most} 之间，现为 {reserved}：车型 {bus} 按 {policy} 座位政策只能坐 {seats} 人，"
        "预留后就没有乘客座位了",
    ),
    "reserved_seats_action": (
        "lower reserved_seats to {most} or less (the seats kept for an escort "
        "or health worker on each bus)",
        "请把 reserved_seats（每车为随车人员或医护预留的座位）调到 {most} 或以下",
    ),
    "batch_ids_repeat": ("two [[batch]] tables have the same id", "有两个 [[batch]] 表的 id 相同"),
    "batch_ids_repeat_action": (
        "give each batch its own id, as the roster's batch column (返岗批次) writes it",
        "请给每个批次不同的 id，与名单“返岗批次”列的写法一致",
    ),
    # Said in the desk's words, not "ISO 8601": the parts in their order; the hint shows them.
    "departure_bad": (
        "{value!r} is not a date and time in the form year-month-day, the letter T,"
        " hour:minute:second and the time zone",
        "“{value}”不是所需格式的日期时间：年-月-日、字母 T、时:分:秒、时区",
    ),
    "departure_no_offset": ("needs a UTC offset", "需要带时区（如 +08:00）"),
    "placed_off_address": (
        "the coordinates lie {km:,.0f} km from {division}, which the address names:"
        " the bus would go to the coordinates, the papers name the address",
        "坐标距住址所在的{division} {km:,.0f} 公里：车会开到坐标处，单据上却写住址的地名",
    ),
    # The value of check's warning: the distance, not the home's point.
    "placed_off_address_km": ("{km:,.0f} km", "{km:,.0f} 公里"),
    "placed_off_address_action": (
        "correct whichever is wrong, the coordinates or the address",
        "请改正有误的一项：坐标或住址",
    ),
    # A self-returner's home placed in no province: the rule binds them as if
    # from outside, when in doubt (`screen.quarantine_cause`); check says so first.
    "self_return_home_unknown": (
        "returns by themselves and the home address cannot be placed in a province:"
        " bound for quarantine on arrival as if from outside {province}",
        "自行返岗，家庭住址无法定位到省份：按来自{province}以外处理，到达后须隔离",
    ),
    "self_return_home_unknown_action": (
        "correct or complete the home address: its province, county and township",
        "请更正或补全家庭住址：写明省、县和乡镇",
    ),
    "departure_not_beijing": (
        "the departure {when} is in UTC{offset}, not Beijing time (+08:00): the plan's"
        " times, the papers and the rules' hours (pickups, arrivals, no driving at night)"
        " all follow that clock; write +08:00 in scenario.toml if Beijing time is meant",
        "出发时间 {when} 的时区是 UTC{offset}，不是北京时间（+08:00）：排车方案和单据上的时刻、"
        "各项规则的钟点（上车、到达、夜间禁行）都按这个时区；若指北京时间，请在 scenario.toml"
        " 中写 +08:00",
    ),
    "departure_action": (
        'write it like "2020-03-17T05:00:00+08:00"',
        '请按 "2020-03-17T05:00:00+08:00" 的格式填写',
    ),
    "year_outside": (
        "the year {year} is outside {first}-{last}",
        "年份 {year} 不在 {first}-{last} 之间",
    ),
    "departure_year_action": (
        "check the year of the departure: it must fall between {first} and {ahead} years from now",
        "请核对出发时间的年份：应在 {first} 年到今后 {ahead} 年之间",
    ),
    "layout_bad": ("{value!r} is not a seat layout", "“{value}”不是座位布局"),
    "layout_action": (
        'write the seats left and right of the aisle, like "2+2" (a coach) or "2+1"',
        '请填写过道左右的座位数，如 "2+2"（大客车）或 "2+1"',
    ),
    "layout_disagrees": (
        "layout {left}+{right} has {seats} seats a row, but seats_per_row is {per_row}",
        "布局 {left}+{right} 每排 {seats} 座，但 seats_per_row 为 {per_row}",
    ),
    "layout_disagrees_action": (
        "give one of them, or make them agree",
        "请只填其中一项，或使两者一致",
    ),
    "bus_type_id_blank": ("the bus type has no id", "车型没有编号"),
    "bus_type_id_blank_action": (
        'give it a short id of its own, like id = "C45"',
        '请给它一个独有的简短编号，如 id = "C45"',
    ),
    "no_buses": ("no buses", "没有车辆"),
    "no_buses_action": ("add at least one [[{key}]] table", "请至少添加一个 [[{key}]] 表"),
    "no_bus_counted": (
        "every bus type has count = 0: no worker could ride",
        "所有车型的数量（count）都是 0：没有人能乘车",
    ),
    "no_bus_counted_action": (
        "give at least one bus type a count of buses available",
        "请至少为一种车型填写可用车辆数",
    ),
    "bus_ids_repeat": (
        "the bus type ids {ids} are given to more than one [[{key}]]",
        "车型 id {ids} 用在了不止一个 [[{key}]] 中",
    ),
    "bus_ids_repeat_one": (
        "the bus type id {ids} is given to more than one [[{key}]]",
        "车型 id {ids} 用在了不止一个 [[{key}]] 中",
    ),
    "bus_ids_repeat_action": ("give each [[{key}]] its own id", "请给每个 [[{key}]] 不同的 id"),
    "tianditu_key": ("is needed for the tianditu base map", "使用天地图底图时必须填写"),
    "tianditu_key_action": ("get a key at tianditu.gov.cn", "请到 tianditu.gov.cn 申请密钥"),
    "announced_bad": (
        '{value!r} is not "all", "none" or a list of bus ids',
        '“{value}”不是 "all"、"none" 或车辆编号列表',
    ),
    "announced_action": (
        'write announced = "all", or a list like ["B3fa9c2", "B01c534"]',
        '请写 announced = "all"，或写成 ["B3fa9c2", "B01c534"] 这样的列表',
    ),
    "not_before": ("is not before {later}", "不早于 {later}"),
    "times_action": (
        'write them like "{first}" and "{last}"',
        '请写成 "{first}" 和 "{last}" 这样',
    ),
    "ride_over_route": ("is longer than max_route_minutes", "比 max_route_minutes 还长"),
    "ride_over_route_action": (
        "a ride is part of the route: lower it or raise max_route_minutes",
        "乘车时间是行程的一部分：请调低它，或调高 max_route_minutes",
    ),
    "detour_below_stop": (
        "leaves no rider a ride: with max_detour_factor 1, a ride may be only {extra} min "
        "longer than the direct trip, but it includes the {stop} min stop at the rider's own "
        "pickup",
        "会使所有人都无法乘车：max_detour_factor 为 1 时，乘车时间只能比直达多 {extra} 分钟，"
        "而乘车时间包含在本人上车点停靠的 {stop} 分钟",
    ),
    "detour_below_stop_action": (
        "raise max_detour_minutes to at least {stop}, or max_detour_factor above 1",
        "请把 max_detour_minutes 调高到至少 {stop}，或把 max_detour_factor 调到大于 1",
    ),
    "time_bad": ("{value!r} is not a time of day", "“{value}”不是时刻"),
    "time_action": ('write it like "08:00"', '请按 "08:00" 的格式填写'),
    "short_detour_below": (
        "is below detour_factor ({factor:g}): short legs wind at least as much as long ones",
        "小于 detour_factor（{factor:g}）：短途的绕行系数应不小于长途",
    ),
    "short_detour_action": (
        "raise short_detour_factor to detour_factor or more, or lower detour_factor",
        "请把 short_detour_factor 调到不小于 detour_factor，或调低 detour_factor",
    ),
    "speed_bands_bad": (
        "bands must go up in up_to_km and the last one must have no up_to_km",
        "各速度段的 up_to_km 须递增，且最后一段不填 up_to_km",
    ),
    "speed_bands_action": (
        "end the list with a band that only sets kmh",
        "请以只填 kmh 的一段结尾",
    ),
    # -- employers and dormitories
    "employer_id_blank": ("no employer id", "没有填写企业编号"),
    "employer_id_blank_action": (
        "give each employer an id of its own (such as E01)",
        "请为每个企业填写自己的编号（如 E01）",
    ),
    "employer_name_blank": ("no employer name", "没有填写企业名称"),
    "employer_name_blank_action": (
        "write the employer's name as the roster's employer column writes it",
        "请填写企业名称，写法与名单中企业（用工单位）一栏一致",
    ),
    "employer_repeated": (
        "employer {employer!r} is also on row {row}",
        "企业编号“{employer}”在第 {row} 行也出现过",
    ),
    "employer_repeated_action": (
        "give each employer one row and an id of its own",
        "每个企业只占一行，并使用自己的编号",
    ),
    "employer_called_alike": (
        "{called!r} already names the employer on row {row}: rosters and dormitories"
        " find an employer by its id or its name, so it must name only one",
        "“{called}”已是第 {row} 行企业的编号或名称：花名册和宿舍表按编号或名称找企业，"
        "一个名称只能指一个企业",
    ),
    "employer_called_alike_action": (
        "give each employer a name of its own, such as '{called} plant 2',"
        " and use that name or the id in the roster",
        "给每个企业起不同的名称（如“{called}二厂”），花名册中写这个名称或编号",
    ),
    "dorm_id_blank": ("the dormitory has no id", "宿舍没有编号"),
    "dorm_id_blank_action": (
        "give every dormitory an id of its own (D1, 一号楼)",
        "请为每个宿舍填写各自的编号（如 D1、一号楼）",
    ),
    "dorm_repeated": (
        "dormitory {dorm!r} is also on row {row}",
        "宿舍“{dorm}”在第 {row} 行也出现过",
    ),
    "dorm_repeated_action": (
        "give each dormitory one row and an id of its own",
        "每个宿舍只占一行，并使用自己的编号",
    ),
    "dorm_employer_unknown": (
        "employer {employer!r} is not in the employers file",
        "企业“{employer}”不在企业名单中",
    ),
    "dorm_employer_unknown_action": (
        "write the employer's id or name as in employers.csv, or leave it empty",
        "请按 employers.csv 填写企业编号或名称，或留空",
    ),
    "dorm_dates_reversed": (
        "available until {until}, before it is available from {since}",
        "停用日期 {until} 早于启用日期 {since}",
    ),
    "dorm_dates_reversed_action": (
        "swap the two dates, or correct the one that is wrong",
        "请对调两个日期，或更正填错的那个",
    ),
    "dorm_year_outside": (
        "{day} is outside the years {first}-{last}",
        "{day} 不在 {first}-{last} 年之间",
    ),
    "dorm_year_outside_action": (
        "check the year; leave the cell empty when the dormitory has no such date",
        "请核对年份；宿舍没有该日期时请留空",
    ),
    "room_too_many_beds": (
        "{beds} beds in one room (at most {most})",
        "一个房间 {beds} 张床（最多 {most} 张）",
    ),
    "room_too_many_beds_action": (
        "write the beds of one room, 1 to {most} (a shared room holds "
        "at most {people} people anyway), not of the whole dormitory",
        "请填写单个房间的床位数，1 到 {most}（多人间最多也只住 {people} 人），不是整栋宿舍的",
    ),
    "room_too_big": (
        "a room of {area:,.0f} m2 (at most {most:,})",
        "房间面积 {area:,.0f} 平方米（最多 {most:,}）",
    ),
    "room_too_big_action": (
        "write the floor area of one room in m2, not of the whole dormitory",
        "请填写单个房间的面积（平方米），不是整栋宿舍的",
    ),
    "room_too_small": (
        "a room of {area} m2 is too small for anyone at {each} m2 each",
        "房间面积 {area} 平方米，按每人 {each} 平方米连一人都住不下",
    ),
    "room_too_small_action": (
        "check the area, or leave the dormitory out",
        "请核对面积，或不使用该宿舍",
    ),
    "no_rooms": ("no rooms given", "没有填写房间"),
    "no_rooms_action": (
        "write how many rooms (rooms, 房间数) or their numbers (room_numbers, 房间号)",
        "请填写房间数（房间数）或房间号（房间号）",
    ),
    "room_list_empty": (
        "{value!r} lists no room, only separators",
        "“{value}”只有分隔符，没有房间号",
    ),
    "room_list_empty_action": (
        "write the room numbers, like 101-120, 201; or clear the cell and write how many rooms"
        " (rooms, 房间数)",
        "请填写房间号，如 101-120、201；或清空该格，改填房间数",
    ),
    "room_twice": ("rooms {rooms} listed twice", "房间号 {rooms} 重复"),
    "room_twice_one": ("room {rooms} listed twice", "房间号 {rooms} 重复"),
    "room_twice_action": (
        "list each room once (a range 101-112 already holds every room in it)",
        "每个房间只写一次（范围 101-112 已包含其中每个房间）",
    ),
    "rooms_disagree": (
        "{count_column!r} says {rooms}, but {list_column!r} lists {listed}: the two disagree",
        "“{count_column}”为 {rooms}，但“{list_column}”列出了 {listed}，两者不符",
    ),
    "rooms_disagree_action": (
        "keep the one that is right and clear the other: clear {count_column!r} to use the"
        " room numbers in {list_column!r}, or clear {list_column!r} to number {rooms}"
        " 001, 002, ...",
        "请保留正确的一项、清空另一项：清空“{count_column}”则使用“{list_column}”中的房间号；"
        "清空“{list_column}”则按 001、002……为 {rooms}编号",
    ),
    # Rooms counted (1 room, 2 rooms).
    "room_count": ("{count} rooms", "{count} 间"),
    "room_count_one": ("{count} room", "{count} 间"),
    "dorm_too_many_rooms": (
        "{count} rooms in one dormitory (at most {most:,})",
        "一个宿舍 {count} 个房间（最多 {most:,} 个）",
    ),
    "dorm_too_many_rooms_action": (
        "check the count; give a very large site as several dormitories",
        "请核对数量；特别大的场所请分成几个宿舍填写",
    ),
    "dorm_not_placed": ("the address cannot be placed", "无法按地址定位"),
    "dorm_not_placed_action": (
        "write the county and township in the address, or give lat and lon",
        "请在地址中写明县和乡镇，或填写经纬度",
    ),
    "site_far": (
        "this place lies {hours:.1f} h by road ({km:,.0f} km) from the destination "
        "{destination}, beyond the longest ride ({most:.1f} h): no bus could bring "
        "a rider to it",
        "此地距目的地 {destination} 车程 {hours:.1f} 小时（{km:,.0f} 公里），"
        "超过最长乘车时间（{most:.1f} 小时）：没有车能把人送到这里",
    ),
    "site_far_action": (
        "check this row's lat and lon (latitude first); if they are right, check the"
        " [destination] (or the batch's) and rules.max_ride_minutes in scenario.toml",
        "请核对本行的纬度和经度（纬度在前）；若无误，请核对 scenario.toml 中的 [destination]"
        "（或该批次的）和 rules.max_ride_minutes",
    ),
    "site_far_coordinates_action": (
        "check this row's coordinates: both figures, and which is the latitude (a cell"
        " of both is read latitude first, unless a figure over 90 or the column's other"
        " rows show longitude first); if they are right, check the [destination] (or the"
        " batch's) and rules.max_ride_minutes in scenario.toml",
        "请核对本行的经纬度：两个数字，以及哪个是纬度（同一格中的两个数按纬度在前读取，"
        "除非其中一个大于 90，或本列其他行表明经度在前）；若无误，请核对 scenario.toml 中的"
        " [destination]（或该批次的）和 rules.max_ride_minutes",
    ),
    "site_far_address_action": (
        "check this row's address (it was placed where it says, having no lat and lon),"
        " or write the place's lat and lon; if it is right, check the [destination] (or"
        " the batch's) and rules.max_ride_minutes in scenario.toml",
        "请核对本行的地址（本行没有经纬度，按地址定位），或填写该处的经纬度；若无误，"
        "请核对 scenario.toml 中的 [destination]（或该批次的）和 rules.max_ride_minutes",
    ),
    "cell_not": ("{value!r} is not {what}", "“{value}”不是{what}"),
    "cell_write": ("write {what}", "请填写{what}"),
    "what_yes_no": ("yes or no (是/否)", "是或否"),
    "dorm_date_serial": (
        "{value} is Excel's number for the date {day}, not a date",
        "“{value}”是 Excel 表示日期 {day} 的序号，不是日期",
    ),
    "dorm_date_serial_action": (
        "write the date as {day} (format the column as text or as a date in Excel)",
        "请写成 {day}（在 Excel 中把该列设为文本或日期格式）",
    ),
    "what_date": ("a date like {example}", "日期（如 {example}）"),
    "what_beds": ("a whole number of beds (1 or more)", "床位数（至少为 1 的整数）"),
    "what_area": ("an area in m2 (more than 0)", "面积（平方米，大于 0）"),
    "what_room_list": (
        "a list like 101-120 (at most 10,000)",
        "房间号列表，如 101-120（最多 10,000 个）",
    ),
    "what_rooms": ("a whole number of rooms (1 or more)", "房间数（至少为 1 的整数）"),
    "what_lat": ("a latitude", "纬度"),
    "what_lon": ("a longitude", "经度"),
    "give_lat_lon": ("give lat and lon", "请填写纬度和经度"),
    "what_lat_lon": (
        "a latitude and a longitude (29.29,106.25)",
        "纬度和经度（如 29.29,106.25）",
    ),
    "coords_order_unknown": (
        "{cell!r}: either figure could be the latitude, and the column's other rows"
        " do not tell which comes first",
        "“{cell}”：两个数都可能是纬度，该列其他行也不能说明哪个在前",
    ),
    "coords_order_unknown_action": (
        "put the latitude and the longitude in columns of their own, headed 纬度 and 经度",
        "请把纬度和经度分开，分别填在标题为“纬度”和“经度”的两列",
    ),
    "coords_given_twice": (
        "the row gives its place twice: {cell!r} here, and {lat!r}, {lon!r} in the"
        " latitude and longitude columns; which is meant cannot be told",
        "本行的位置填了两处：此处为“{cell}”，纬度、经度列为“{lat}”、“{lon}”；无法判断以哪个为准",
    ),
    "coords_given_twice_action": (
        "keep the right one and empty the other",
        "请保留正确的一处，清空另一处",
    ),
    "dorm_sex_bad": ("{value!r} is not 男, 女, M, F or any", "“{value}”不是男、女、M、F 或 any"),
    "dorm_sex_bad_action": (
        "write M (男) or F (女) for a building of one sex, any (不限) (or leave it empty)"
        " for either",
        "单一性别的楼请填男或女，不限性别请填不限（或留空）",
    ),
    # -- reading tables (rosters, dormitories, edits)
    "special_device": ("a device (such as /dev/null)", "设备（如 /dev/null）"),
    "special_pipe": ("a named pipe", "命名管道"),
    "special_socket": ("a socket", "套接字"),
    "a_folder": ("a folder", "文件夹"),
    "not_regular_file": (
        "this is {what}, not a file: it holds nothing to read",
        "这是{what}，不是文件，其中没有可读取的内容",
    ),
    "not_regular_file_action": ("give the path of the file itself", "请给出文件本身的路径"),
    "folder_not_file": ("this is a folder, not a file", "这是文件夹，不是文件"),
    "folder_not_file_action": ("give the file", "请给出文件"),
    "file_not_found": ("file not found", "找不到文件"),
    "file_near_rename_action": (
        "this folder holds {names}: if that is the one, rename it {wanted} (Windows hides"
        " extensions, such as the .txt Notepad adds), or give its name instead",
        "同一文件夹中有 {names}：若就是它，请把它改名为 {wanted}（Windows 会隐藏扩展名，"
        "如记事本另存时多加的 .txt），或改用它的文件名",
    ),
    "file_near_other_kind_action": (
        "this folder holds {names}: if that is the one, give its name instead of {wanted}"
        " (renaming it would not change what kind of file it is)",
        "同一文件夹中有 {names}：若就是它，请改用它的文件名，而不是 {wanted}"
        "（只改扩展名不会改变文件的格式）",
    ),
    "file_unreadable": ("cannot read the file: {error}", "无法读取文件：{error}"),
    "file_unreadable_action": (
        "close it in any program that has it open, check that you may read it (or copy"
        " it to a folder of your own), then run again",
        "请在打开它的程序中关闭它，确认有读取权限（或把它复制到自己的文件夹中），再运行",
    ),
    "cell_too_long": (
        "a cell of {length:,} characters (at most {most:,})",
        "单元格有 {length:,} 个字符（最多 {most:,} 个）",
    ),
    "cell_too_long_action": (
        "shorten it to at most {most} characters: text was probably pasted into the wrong cell",
        "请缩短到 {most} 个字符以内：可能把文字粘贴到了错误的单元格",
    ),
    "xlsx_not_workbook": (
        "named .xlsx but is not a workbook (a CSV file renamed?)",
        "文件名是 .xlsx，但不是工作簿（可能是改了扩展名的 CSV 文件？）",
    ),
    "xlsx_not_workbook_action": (
        "save it from Excel as .xlsx, or give it its real name (.csv)",
        "请用 Excel 另存为 .xlsx，或改回真实的扩展名（.csv）",
    ),
    "workbook_locked_or_old": (
        "a workbook saved with a password, or in an old format (.xls, WPS .et), which"
        " cannot be read",
        "这是设了密码的工作簿，或旧格式（.xls、WPS .et）的工作簿，无法读取",
    ),
    "workbook_locked_action": (
        "open it in Excel or WPS, remove the password if it has one, and save it as .xlsx or CSV",
        "请用 Excel 或 WPS 打开，如设有密码请先取消密码，再另存为 .xlsx 或 CSV",
    ),
    "text_is_workbook": (
        "named {suffix}, but it is an Excel workbook (.xlsx), not text",
        "文件名是 {suffix}，但它是 Excel 工作簿（.xlsx），不是文本文件",
    ),
    "text_is_workbook_action": (
        "rename it to .xlsx, or open it in Excel or WPS and save it as CSV UTF-8",
        "请把扩展名改为 .xlsx，或用 Excel 或 WPS 打开后另存为 CSV UTF-8 格式",
    ),
    "text_is_zip": (
        "named {suffix}, but it is a compressed file (an OpenDocument sheet, a Word"
        " document or an archive), not a table",
        "文件名是 {suffix}，但它是压缩格式的文件（OpenDocument 表格、Word 文档或压缩包），不是表格",
    ),
    "text_is_zip_action": (
        "open it in the program that made it and save the list as .xlsx or CSV UTF-8",
        "请用生成它的程序打开，把名单另存为 .xlsx 或 CSV UTF-8 格式",
    ),
    "file_no_bytes": ("the file is empty (0 bytes)", "文件是空的（0 字节）"),
    "workbook_cut_short": (
        "the workbook is cut short: its end is missing (a copy or download not finished)",
        "工作簿不完整：文件末尾缺失（可能是复制或下载没有完成）",
    ),
    "file_copy_again_action": (
        "copy it again from where it came from (or save it again in Excel or WPS)",
        "请从原处重新复制该文件（或在 Excel 或 WPS 中重新保存）",
    ),
    "xls_old": ("old .xls workbooks are not supported", "不支持旧版 .xls 工作簿"),
    "xls_old_action": (
        "open it in Excel or WPS and save as .xlsx or CSV",
        "请用 Excel 或 WPS 打开，另存为 .xlsx 或 CSV",
    ),
    "csv_unreadable": ("not a readable CSV file: {error}", "无法读取的 CSV 文件：{error}"),
    "stray_quote": (
        'a quote mark (") opens a cell here and is closed only {lines} '
        "further on, so the lines between would be read as one cell",
        '此处有引号（"）开始一个单元格，却到 {lines}之后才结束，中间各行会被读成一个单元格',
    ),
    # Lines of a file counted (1 line, 2 lines).
    "line_count": ("{count} lines", "{count} 行"),
    "line_count_one": ("{count} line", "{count} 行"),
    "stray_quote_action": (
        'remove the stray " (or close it) in a text editor, then run again',
        '请用文本编辑器删除多余的 "（或补上配对的引号），再运行',
    ),
    "encoding_wrong": (
        "cannot be read as {encoding} from this line on",
        "从这一行起无法按 {encoding} 编码读取",
    ),
    "encoding_no_such": (
        "there is no text encoding {encoding!r}",
        "没有名为“{encoding}”的文字编码",
    ),
    "encoding_wrong_action": (
        "drop --encoding, or the scenario's [roster] encoding, to detect it",
        "请去掉 --encoding 或方案文件 [roster] 中的 encoding，让程序自动识别编码",
    ),
    "roster_encoding_action": (
        'delete this line (or write encoding = "") to detect it; Notepad\'s "ANSI" is gbk'
        " on a Chinese Windows",
        '请删去这一行（或写成 encoding = ""），让程序自动识别编码；记事本的“ANSI”'
        "在中文 Windows 上就是 gbk",
    ),
    "encoding_mixed": (
        "the file is marked as UTF-8, but from this line on it is not (rows pasted in"
        " from a file in another encoding, such as GBK)",
        "文件标明为 UTF-8 编码，但从这一行起不是（可能是从 GBK 等其他编码的文件中粘贴进来的行）",
    ),
    "encoding_mixed_action": (
        "copy those rows again from their own file in Excel or WPS, then save the whole"
        " file as CSV UTF-8",
        "请在 Excel 或 WPS 中从原文件重新复制这些行，再把整个文件另存为 CSV UTF-8 格式",
    ),
    "encoding_mixed_unmarked": (
        "the file is in {first} up to this line, but this line is in {then} (rows pasted"
        " in from a file in another encoding)",
        "文件在这一行之前是 {first} 编码，这一行却是 {then} 编码（可能是从其他编码的文件中"
        "粘贴进来的行）",
    ),
    "encoding_unknown": ("cannot tell the text encoding", "无法识别文件的文字编码"),
    "encoding_unknown_action": (
        "save it as CSV UTF-8, or give --encoding",
        "请另存为 CSV UTF-8 格式，或用 --encoding 指定编码",
    ),
    "encoding_utf16_unmarked": (
        "the text is UTF-16 without a byte-order mark, an encoding that is not read: it"
        " cannot be told for sure from others",
        "这是不带字节顺序标记（BOM）的 UTF-16 文字，这种编码无法可靠识别，因此不读取",
    ),
    "encoding_utf16_unmarked_action": (
        "open it in Notepad and save it with the encoding UTF-8, or save it from Excel or"
        " WPS as CSV UTF-8, as a GBK CSV or as an .xlsx workbook",
        "请用记事本打开，另存为时把“编码”选为 UTF-8；或用 Excel 或 WPS 另存为 CSV UTF-8、"
        "GBK 编码的 CSV 或 .xlsx 工作簿",
    ),
    "xlsx_not_zip": (
        "not an .xlsx workbook inside (an old .xls, or another file renamed .xlsx)",
        "文件内容不是 .xlsx 工作簿（可能是旧的 .xls，或改了扩展名的其他文件）",
    ),
    "xlsx_unreadable": (
        "not a readable .xlsx workbook: {error}",
        "无法读取的 .xlsx 工作簿：{error}",
    ),
    "no_sheet": ("no sheet named {sheet!r}", "没有名为“{sheet}”的工作表"),
    "no_sheet_action": ("sheets are: {sheets}", "现有工作表：{sheets}"),
    "sheet_is_chart": (
        "the sheet {sheet!r} is a chart sheet, which holds no rows",
        "工作表“{sheet}”是图表工作表，其中没有数据行",
    ),
    "no_sheet_of_rows": (
        "the workbook holds only chart sheets ({charts}), no sheet of rows",
        "工作簿中只有图表工作表（{charts}），没有数据行的工作表",
    ),
    "no_sheet_of_rows_action": (
        "give the workbook that holds the list itself (its rows), or save the list's sheet"
        " as .xlsx or CSV",
        "请给出包含名单本身（数据行）的工作簿，或把名单所在的工作表另存为 .xlsx 或 CSV",
    ),
    "no_readable_sheet": (
        "the workbook has no sheet that can be read",
        "工作簿中没有可读取的工作表",
    ),
    "sheet_damaged": (
        "the workbook's sheet is damaged and cannot be read",
        "工作表已损坏，无法读取",
    ),
    "cell_infinite": (
        "the cell holds an infinite number, which no spreadsheet can hold: the file was"
        " written by another program",
        "单元格中是一个无穷大的数，电子表格无法保存这样的数：该文件是由其他程序生成的",
    ),
    "cell_nan": (
        "the cell holds a value that is not a number (NaN), which no spreadsheet can hold:"
        " the file was written by another program",
        "单元格中是一个“非数字”（NaN）值，电子表格无法保存这样的值：该文件是由其他程序生成的",
    ),
    "cell_not_finite_action": (
        "type the value again in Excel or WPS (in a cell formatted as text, for a phone, an"
        " ID number or an id) and save the file",
        "请在 Excel 或 WPS 中重新录入该单元格（手机号、身份证号、工号等请先设为文本格式），再保存",
    ),
    "formula_unsaved": (
        "cell {cell} holds a formula whose value was never saved",
        "单元格 {cell} 是公式，但其计算结果从未保存",
    ),
    "formula_unsaved_action": (
        "open the file in Excel or WPS and save it, then run again",
        "请用 Excel 或 WPS 打开并保存该文件，再运行",
    ),
    "file_empty": ("the file is empty", "文件是空的"),
    "header_needs": ("the header row needs: {fields}", "表头行需要包含：{fields}"),
    "header_stand_in": (
        "{fields} may instead be one column holding both: {instead}",
        "{fields}也可合为一列填写：{instead}",
    ),
    "two_columns": (
        "two columns could be the {field}: {first!r} and {then!r}",
        "有两列都可能是 {field}：“{first}”和“{then}”",
    ),
    "two_columns_action": (
        "keep one of them, or rename the other",
        "请保留其中一列，或给另一列改名",
    ),
    "table_columns_missing": ("missing columns {names}", "缺少列：{names}"),
    "table_columns_missing_one": ("missing column {names}", "缺少列：{names}"),
    # -- the campaign ledger
    "bed_held_twice": (
        "bed {bed} of room {room} in dormitory {dorm} would be held by "
        "workers {first} (batch {first_batch}) and {then} "
        "(batch {then_batch}) on the night of {night}; nothing was recorded",
        "宿舍 {dorm} {room} 房间的 {bed} 号床在 {night} 当晚会同时分给 "
        "{first}（批次 {first_batch}）和 {then}（批次 {then_batch}）；本次未做任何记录",
    ),
    "bed_held_twice_action": (
        "another run changed the ledger meanwhile: plan the batch again",
        "期间有另一次运行改动了台账：请重新规划该批次",
    ),
    "bed_given_twice_action": (
        "the plan gives this bed to two of its own workers (a fault of the planner, or its "
        "plan.json edited by hand): plan the batch again, and if it recurs, send the folder "
        "to the maintainers",
        "该排车方案把这张床同时分给了本批次的两人（规划程序的故障，或 plan.json 经手工改动）："
        "请重新规划该批次；如再次出现，请把该输出文件夹发给维护人员",
    ),
    "no_bed_held": (
        "worker {worker} holds no bed in the ledger",
        "台账中员工 {worker} 没有床位",
    ),
    # `ledger show` lists no worker ids: it names each batch's folder, whose
    # bed list does.
    "no_bed_held_action": (
        "check the worker id against the bed list (dormitory_allocation.csv) in the folder"
        " of their batch, which `returnbus ledger show` names",
        "请对照其批次输出文件夹（`returnbus ledger show` 列出）中的床位表"
        " dormitory_allocation.csv 核对工号",
    ),
    "no_bed_held_meant_action": (
        "did you mean {meant!r}? It holds a bed and differs from {typed!r} only in letter"
        " case, width or spaces, and ids are matched exactly: give --worker {meant}",
        "是否指“{meant}”？该员工有床位，与“{typed}”仅大小写、全角半角或空格不同，"
        "而工号须完全一致：请用 --worker {meant}",
    ),
    "release_outside": (
        "worker {worker}'s bed runs from {start} to {end}; {on} is not within it",
        "员工 {worker} 的床位从 {start} 到 {end}；{on} 不在此期间",
    ),
    "release_outside_action": (
        "give a date after the first night and before the last morning",
        "请填写入住首晚之后、最后一天早上之前的日期",
    ),
    "release_again": (
        "worker {worker}'s bed was released already, from the morning of {released} (it was"
        " planned until {planned}); releasing it on {on} again changes nothing",
        "员工 {worker} 的床位已提前释放，自 {released} 早上起空出（原定至 {planned}）；"
        "再次按 {on} 释放不会改动任何内容",
    ),
    "release_again_action": (
        "nothing to do; if batch {batch}'s bed list does not show the release yet, re-plan the"
        " batch ({command}). To free the bed sooner still, give a date after {start}"
        " and before {released}",
        "无须操作；如批次 {batch} 的床位表尚未显示此次释放，请重新规划该批次（{command}）。"
        "如要更早空出，请填写 {start} 之后、{released} 之前的日期",
    ),
    "release_later": (
        "worker {worker}'s bed was released early already, from the morning of {released} (it"
        " was planned until {planned}); a release cannot be moved later, to {on}: nothing was"
        " changed",
        "员工 {worker} 的床位已提前释放，自 {released} 早上起空出（原定至 {planned}）；"
        "释放日期不能改晚到 {on}：台账未做任何改动",
    ),
    "release_later_action": (
        "the bed may have been given to another batch since {released}, so the release stands"
        " (a re-plan of batch {batch} keeps it too): if the worker must stay longer, arrange"
        " their bed with the dormitory. To free it sooner still, give a date after {start}"
        " and before {released}; if batch {batch}'s bed list does not show the release yet,"
        " re-plan the batch ({command})",
        "该床位自 {released} 起可能已分给其他批次，故此次释放保持不变（重新规划批次 {batch} "
        "也不会撤销）：如该员工须继续隔离，请与宿舍另行安排床位。如要更早空出，请填写 {start}"
        " 之后、{released} 之前的日期；如批次 {batch} 的床位表尚未显示此次释放，请重新规划该批次"
        "（{command}）",
    ),
    # The command that re-plans a batch from the folder the ledger records for it.
    "replan_folder_command": (
        "returnbus replan {folder} --out NEW_FOLDER",
        "returnbus replan {folder} --out 新文件夹",
    ),
    # An older ledger records no folder: the command alone.
    "replan_command_bare": ("returnbus replan", "returnbus replan"),
    "release_at_end": (
        "worker {worker}'s bed already ends on the morning of {end}: there is nothing to"
        " release, and nothing was changed",
        "员工 {worker} 的床位本就在 {end} 早上到期：无须释放，台账未做任何改动",
    ),
    "release_at_end_action": (
        "on {end} the worker leaves the bed as planned, with nothing to record; to free it"
        " sooner, give a date after {start} and before {end}",
        "员工于 {end} 早上按原定离开床位，无须记录；如要提前空出，"
        "请填写 {start} 之后、{end} 之前的日期",
    ),
    "ledger_busy": (
        "another run held the ledger for over {seconds:.0f} seconds",
        "另一次运行占用台账已超过 {seconds:.0f} 秒",
    ),
    "ledger_busy_action": (
        "wait for it to finish, then run the command again",
        "请等它结束后再运行该命令",
    ),
    "ledger_unlockable": ("cannot lock the ledger: {why}", "无法锁定台账：{why}"),
    "ledger_unlockable_action": (
        "keep the ledger in a folder you may write to",
        "请把台账放在有写入权限的文件夹中",
    ),
    "ledger_special": ("this is {what}, not a ledger file", "这是{what}，不是台账文件"),
    "ledger_special_action": (
        "give the ledger file a plan run wrote (ledger.sqlite), or the name of a new one",
        "请给出规划运行写出的台账文件（ledger.sqlite），或一个新文件名",
    ),
    "ledger_folder": ("is a folder, not a ledger file", "这是文件夹，不是台账文件"),
    "ledger_folder_action": ("give a file name", "请给出文件名"),
    "ledger_folder_holds_action": (
        "give the ledger file, not its folder: {ledger}",
        "请给出台账文件，而不是文件夹：{ledger}",
    ),
    "no_ledger": ("no ledger here", "这里没有台账"),
    "no_ledger_action": (
        "plan a batch first, or check the path",
        "请先规划一个批次，或核对路径",
    ),
    "ledger_unopenable": ("cannot open the ledger: {error}", "无法打开台账：{error}"),
    "ledger_unopenable_action": (
        "check that the ledger's folder exists and may be written, or give another --ledger",
        "请确认台账所在文件夹存在且可写入，或换一个 --ledger",
    ),
    "ledger_read_only": (
        "the ledger cannot be written: this account may not write the file or its folder",
        "台账无法写入：当前账户没有台账文件或其所在文件夹的写入权限",
    ),
    "ledger_read_only_action": (
        "let this account write the ledger file and its folder, or copy the ledger to a folder"
        " you may write to and give that copy (--ledger)",
        "请给当前账户开通台账文件及其所在文件夹的写入权限，或把台账复制到有写入权限的文件夹，"
        "并用 --ledger 指定该副本",
    ),
    "ledger_unfinished": (
        "a run stopped while writing to the ledger; its half-done write must be undone before the"
        " ledger can be read, and that needs the ledger and its folder to be writable",
        "有一次运行在写入台账时中断；须先撤销这次未完成的写入才能读取台账，这需要台账及其所在文件夹可写入",
    ),
    "ledger_unfinished_action": (
        "let this account write the ledger file and its folder, then run this command again:"
        " it undoes the half-done write and changes nothing else",
        "请给当前账户开通台账文件及其所在文件夹的写入权限，然后重新运行本命令：它只撤销未完成的写入，"
        "不改动其他内容",
    ),
    "ledger_locked": (
        "another program kept the ledger locked for over {seconds:.0f} seconds",
        "另一个程序锁住台账已超过 {seconds:.0f} 秒",
    ),
    "ledger_locked_action": (
        "close any other program that has the ledger open (an SQLite viewer, a sync or backup"
        " tool), then run again; nothing was written",
        "请关闭打开了台账的其他程序（如 SQLite 查看工具、同步或备份软件）后重新运行；"
        "未写入任何内容",
    ),
    "ledger_io_error": (
        "the ledger file could not be read or written: the disk or the file system refused",
        "无法读写台账文件：磁盘或文件系统拒绝了操作",
    ),
    "ledger_io_error_action": (
        "check that the disk is attached and sound, and that {journal} beside the ledger, if"
        " there, is a plain file; or restore the ledger from a backup; then run again",
        "请检查磁盘是否已连接且完好，台账旁的 {journal}（如有）是否为普通文件；"
        "或从备份恢复台账；然后重新运行",
    ),
    "ledger_disk_full": (
        "the disk holding the ledger is full: nothing was written to it",
        "存放台账的磁盘已满：台账未写入任何内容",
    ),
    "ledger_disk_full_action": (
        "free some space on that disk (or copy the ledger to another disk and give that copy"
        " with --ledger), then run again",
        "请在该磁盘上腾出空间（或把台账复制到其他磁盘，并用 --ledger 指定该副本），然后重新运行",
    ),
    "ledger_in_use": ("the ledger cannot be used now ({error})", "台账暂时无法使用（{error}）"),
    "ledger_in_use_action": (
        "another returnbus run may hold it: wait for it to finish and try again",
        "可能有另一次 returnbus 运行正在使用：请等它结束后重试",
    ),
    "ledger_foreign": (
        "not a returnbus ledger, or a damaged one ({why}); nothing was written to it",
        "不是 returnbus 台账，或台账已损坏（{why}）；未写入任何内容",
    ),
    "ledger_foreign_action": (
        "give the ledger file a plan run wrote (restore it from a backup if damaged), "
        "or a new file name",
        "请给出规划运行生成的台账文件（若已损坏，请从备份恢复），或换一个新文件名",
    ),
    "ledger_unreadable": ("cannot read the ledger: {why}", "无法读取台账：{why}"),
    "ledger_unreadable_action": (
        "ask whoever owns the ledger to let you read and write it, then run again (another"
        " ledger would know none of the beds and buses this campaign holds)",
        "请让台账的所有者为您开放读写权限，再运行（换用其他台账将不知道本次行动已占用的床位和车辆）",
    ),
    "ledger_not_sqlite": ("not an SQLite file", "不是 SQLite 文件"),
    "ledger_sqlite_refused": ("SQLite cannot read its contents", "SQLite 无法读取其内容"),
    "ledger_integrity": ("integrity check: {answer}", "完整性检查：{answer}"),
    "ledger_no_answer": ("integrity check: no answer", "完整性检查无结果"),
    "ledger_other_tables": ("it holds other tables", "其中有其他数据表"),
    "ledger_newer": (
        "the ledger was written by {writer} (ledger schema {schema}; this"
        " returnbus {version} reads schema {mine} and older); nothing was written to it",
        "该台账由{writer}写入（台账结构版本 {schema}；本机 returnbus {version}"
        " 只能读取 {mine} 及更早版本）；未写入任何内容",
    ),
    "ledger_writer_named": (
        "returnbus {written_by}, a newer returnbus",
        "更新版本的 returnbus {written_by} ",
    ),
    "ledger_writer_unnamed": ("a newer returnbus", "更新版本的 returnbus "),
    "ledger_newer_action": (
        "update returnbus on this computer to the version that wrote the ledger (pip install"
        " --upgrade returnbus, or ask whoever installed it), then run again; keep the ledger"
        " as it is (an older copy would lose the batches recorded since)",
        "请把本机的 returnbus 更新到写入该台账的版本（pip install --upgrade returnbus，"
        "或请安装人员更新），然后重新运行；台账请保持原样（换用旧副本会丢失此后记录的批次）",
    ),
    "ledger_schema_unknown": (
        "the ledger says it has ledger schema {schema!r}, which this returnbus {version} does"
        " not know (it reads schemas 1 to {mine}): it is the ledger of another version of"
        " returnbus, or not a returnbus ledger; nothing was written to it",
        "该台账标明台账结构版本“{schema}”，本机 returnbus {version} 不认识这一版本（只能读取"
        " 1 至 {mine}）：它是其他版本 returnbus 的台账，或不是 returnbus 台账；未写入任何内容",
    ),
    "ledger_schema_unknown_action": (
        "if a returnbus on another computer wrote this ledger, update returnbus here to that"
        " version (pip install --upgrade returnbus, or ask whoever installed it) and run again,"
        " keeping the ledger as it is; otherwise give the ledger file a plan run wrote, or a"
        " new file name",
        "如果该台账由其他电脑上的 returnbus 写入，请把本机的 returnbus 更新到该版本（pip install"
        " --upgrade returnbus，或请安装人员更新）后重新运行，台账请保持原样；否则请给出规划运行"
        "生成的台账文件，或换一个新文件名",
    ),
    "ledger_other_app": ("it says it is {app!r}", "它标明自己属于“{app}”"),
    "ledger_other_scenario": (
        "this ledger belongs to the scenario {scenario!r}, not {mine!r}; nothing was written to it",
        "该台账属于方案文件“{scenario}”，不是“{mine}”；未写入任何内容",
    ),
    "ledger_other_scenario_action": (
        "give each scenario its own ledger (--ledger), or check which scenario you meant",
        "请为每个方案文件使用各自的台账（--ledger），或核对要用的方案文件",
    ),
    "ledger_other_depot": (
        "this ledger belongs to the scenario {scenario!r} with its depot at {depot}, not"
        " {mine}; nothing was written to it",
        "该台账属于车场在 {depot} 的方案文件“{scenario}”，而本次车场在 {mine}；未写入任何内容",
    ),
    "ledger_other_depot_action": (
        "a campaign keeps one depot: put it back in [depot], or give a new ledger (--ledger)"
        " for a campaign from the new depot",
        "同一批返岗工作只有一个车场：请在 [depot] 中改回原车场，"
        "或为新车场的工作另用台账（--ledger）",
    ),
    "ledger_bad_date": (
        "table {table}, row {row}: {value!r} is not a date",
        "数据表 {table} 第 {row} 行：“{value}”不是日期",
    ),
    "ledger_bad_date_action": (
        "the ledger was edited or damaged: restore it from a backup, or plan that batch again",
        "台账被改动或已损坏：请从备份恢复，或重新规划该批次",
    ),
    # -- what the system says of a file (`system_said`)
    "os_no_permission": ("no permission", "没有权限"),
    "os_not_found": ("it does not exist", "不存在"),
    "os_disk_full": ("the disk is full", "磁盘已满"),
    "os_read_only": ("the disk is read-only", "磁盘为只读"),
    "os_busy": (
        "it is in use (a mount point, or open in another program)",
        "正被占用（挂载点，或被其他程序打开）",
    ),
    "os_other_disk": ("it is on another disk", "位于另一个磁盘"),
    "os_not_empty": ("the folder is not empty", "文件夹不是空的"),
    "os_is_folder": ("it is a folder", "这是文件夹"),
    "os_not_folder": (
        "a part of the path is a file, not a folder",
        "路径中有一段是文件而不是文件夹",
    ),
    "os_name_too_long": ("the name is too long", "名称过长"),
    "os_link_loop": ("a link that leads back to itself", "指向自身的链接"),
    "os_in_the_way": ("a file of that name is in the way", "已有同名文件挡住了路径"),
    # -- outputs
    "out_uncreatable": ("cannot create the output folder: {why}", "无法创建输出文件夹：{why}"),
    "out_writable_action": (
        "choose an --out you may write to",
        "请把 --out 设为有写入权限的位置",
    ),
    "out_file": ("--out names a file, not a folder", "--out 指定的是文件，不是文件夹"),
    "out_file_action": ("give a folder for the outputs", "请给出存放输出结果的文件夹"),
    # {files}: `file_count`.
    "out_not_a_plan": (
        "this folder holds {files} and is not a returnbus plan (it has no {index});"
        " a plan run replaces its --out folder, and would delete whatever it holds",
        "此文件夹中有 {files}，且不是 returnbus 排车方案（没有 {index}）；"
        "规划会替换整个 --out 文件夹，这些文件将被删除",
    ),
    "file_count": ("{count} files", "{count} 个文件"),
    "file_count_one": ("{count} file", "{count} 个文件"),
    "out_not_a_plan_action": (
        "give --out a new or empty folder, or move these files elsewhere first",
        "请把 --out 设为新的或空的文件夹，或先把这些文件移到别处",
    ),
    "out_busy": (
        "another returnbus run is writing to this folder",
        "另一次 returnbus 运行正在写入此文件夹",
    ),
    "verify_being_written": (
        "a returnbus run is writing a plan into this folder now: its files may be"
        " half the old plan's and half the new one's",
        "一次 returnbus 运行正在向此文件夹写入排车方案："
        "其中的文件可能一半属于旧的排车方案、一半属于新的",
    ),
    "verify_being_written_action": (
        "run verify again when that run has finished",
        "请等那次运行结束后再运行 verify",
    ),
    "out_busy_action": (
        "wait for it to finish, or give another --out",
        "请等它结束，或换一个 --out",
    ),
    "out_unreplaceable": (
        "the plan is written but could not take the output folder's place: {why}",
        "排车方案已写好，但无法替换输出文件夹：{why}",
    ),
    "out_unreplaceable_action": (
        "close any window or program using the folder and plan again, or choose "
        "another --out (the new files wait in {staged} beside it)",
        "请关闭正在使用该文件夹的窗口或程序后重新规划，或换一个 --out"
        "（新文件暂存在旁边的 {staged}）",
    ),
    "lock_uncreatable": ("{name} cannot be made there", "无法在此创建 {name}"),
    "out_beside_unwritable": (
        "cannot write beside the output folder: {why}",
        "无法在输出文件夹旁写入：{why}",
    ),
    "ledger_in_out": (
        "the ledger cannot live in the output folder, which each run replaces",
        "台账不能放在输出文件夹里，每次运行都会替换该文件夹",
    ),
    "ledger_in_out_action": (
        "keep the ledger beside the scenario (the default) or give --ledger elsewhere",
        "请把台账放在方案文件旁（默认位置），或用 --ledger 指定其他位置",
    ),
    # -- the planning area
    "area_unknown": (
        "{name!r} is not a province, prefecture or county in the gazetteer",
        "“{name}”不是地名库中的省、市或县",
    ),
    "area_unknown_action": (
        "write the full name as in the 2026 divisions, e.g. 贵州省, 遵义市 or 桐梓县",
        "请按 2026 年行政区划写全称，如贵州省、遵义市或桐梓县",
    ),
    # -- re-planning: late additions and the desk's edits
    "late_roster_gone": (
        "an earlier re-plan added the workers of this late roster, and it is not here:"
        " re-plans read it again so that its workers keep their seats",
        "先前的重新规划加入了这份补报名单中的人员，但文件已不在此处：每次重新规划都要再读它，"
        "这些人才能保留座位",
    ),
    "late_roster_gone_action": (
        "put the file back where it was (its workers who no longer come: --drop)",
        "请把文件放回原处（其中不再来的人员用 --drop 列出）",
    ),
    # The reason of a late addition whose id the roster had, in a plan.json
    # written before such additions were refused (additions_clash, 70eb627).
    "late_clash": (
        "already in the roster: a late addition needs an id of its own",
        "名单中已有此工号：补报人员需要使用自己的工号",
    ),
    "additions_clash": (
        "{count} worker ids of the additions are already in the batch or repeated: {ids}",
        "补录名单中有 {count} 个工号已在本批次中或重复：{ids}",
    ),
    "additions_clash_one": (
        "{count} worker id of the additions is already in the batch or repeated: {ids}",
        "补录名单中有 {count} 个工号已在本批次中或重复：{ids}",
    ),
    "additions_clash_action": (
        "add only new workers, each with an id (工号) of their own (one since copied "
        "into the roster: take them out of the late roster); "
        "to change a worker already planned, use --edits",
        "只补录新员工，每人使用自己的工号（已抄进名单的人员，请从补录名单中删去）；"
        "要调整已安排的员工，请用 --edits",
    ),
    "edit_moved_twice": (
        "worker {worker!r} is also moved on row {row}",
        "员工“{worker}”在第 {row} 行也有调整",
    ),
    "edit_lock_unlock": (
        "bus {bus!r} is also unlocked on row {row}",
        "车辆“{bus}”在第 {row} 行又被解锁",
    ),
    "edit_restore_dropped": (
        "worker {worker!r} is restored and also on the drop list",
        "员工“{worker}”既要恢复，又在退出名单中",
    ),
    "edit_restore_nothing": (
        "worker {worker!r} did not drop out nor lose a closed stop in the earlier plan",
        "员工“{worker}”在上次规划中既没有退出，也没有因上车点关闭而失去座位",
    ),
    "edit_problem_action": (
        "use the bus and pickup point ids of plan.json or the manifests, "
        "and give each worker, bus and stop one edit",
        "请使用 plan.json 或乘车人员名单中的车辆和上车点编号，每个员工、车辆和上车点只改一次",
    ),
    "edit_id_meant_action": (
        "did you mean {meant!r}? It differs from {typed!r} only in letter case, and ids are "
        "matched exactly: write it as {meant!r} and re-plan",
        "是否指“{meant}”？它与“{typed}”仅大小写不同，而编号须完全一致：请改写为“{meant}”后重新规划",
    ),
    "edit_number_meant_action": (
        "did you mean {meant!r}? {typed!r} is only the number it ends in, and ids are"
        " matched exactly: write it as {meant!r} and re-plan",
        "是否指“{meant}”？“{typed}”只是它末尾的数字，而编号须完全一致：请改写为“{meant}”后重新规划",
    ),
    "edit_bus_unknown": (
        "bus {bus!r} is not in the earlier plan",
        "车辆“{bus}”不在上次的规划中",
    ),
    "edit_bus_retired": (
        "bus {bus!r} no longer runs: an earlier re-plan took it off when none of its riders"
        " was left on it",
        "车辆“{bus}”已不再运行：之前的重新规划中它已没有乘客，已被撤下",
    ),
    "edit_point_unknown": (
        "pickup point {point!r} is not in the earlier plan",
        "上车点“{point}”不在上次的规划中",
    ),
    "edit_point_kept": (
        "pickup point {point!r} is a stop of bus {bus}, which keeps its stops (announced,"
        " or receiving a move)",
        "上车点“{point}”属于车辆 {bus}，该车保留原有上车点（已通知，或有人调入）",
    ),
    "edit_point_locked": (
        "pickup point {point!r} is a stop of bus {bus}, which is locked",
        "上车点“{point}”属于车辆 {bus}，该车已锁定",
    ),
    "edit_point_kept_action": (
        "a bus announced or receiving a move keeps its stops: to close this one, add an"
        " unlock row for the bus (announced) or delete the row moving a worker onto it;"
        " else leave the stop open",
        "已通知或有人调入的车辆保留原有上车点：要关闭此上车点，请加一行“解锁”该车（已通知的车辆），"
        "或删去调入该车的那一行；否则请不要关闭它",
    ),
    "edit_point_locked_action": (
        "a locked bus keeps its stops: to close this one, unlock the bus (add an unlock row,"
        " or delete the row locking it); else leave the stop open",
        "锁定的车辆保留原有上车点：要关闭此上车点，请先解锁该车（加一行“解锁”，或删去锁定它的那一行）；"
        "否则请不要关闭它",
    ),
    "edit_restore_nothing_action": (
        "restore brings back a worker the earlier plan left out for dropping out or for a"
        " closed stop: check the id against unassigned.csv, or delete the row",
        "“恢复”只用于上次规划中因退出或上车点关闭而未安排的员工：请对照 unassigned.csv 核对工号，"
        "或删去这一行",
    ),
    "edit_move_dropped": (
        "worker {worker!r} dropped out: restore them first",
        "员工“{worker}”已退出：请先恢复",
    ),
    "edit_move_dropped_action": (
        "add a restore row for them (restore, worker_id) to bring them back onto a bus,"
        " or take them off the --drop list",
        "请加一行“恢复”该员工让其重新乘车，或把其从 --drop 名单中删去",
    ),
    "edit_move_not_rider": (
        "worker {worker!r} is not on a bus in the earlier plan, nor in its roster",
        "员工“{worker}”不在上次规划的任何车辆上，名单中也没有该员工",
    ),
    "edit_move_not_rider_action": (
        "a move changes the bus of a rider of the earlier plan: add a worker it does not"
        " have with --add (a late roster), or check the id against plan.json or the"
        " manifests",
        "调整只能改变上次规划中乘客的车辆：上次规划中没有的员工请用 --add（补录名单）加入，"
        "或对照 plan.json 或乘车人员名单核对工号",
    ),
    "edit_move_self_return": (
        "worker {worker!r} returns by themselves (the roster's travel mode): not on a bus"
        " in the earlier plan",
        "员工“{worker}”自行返岗（名单中的返岗方式）：不在上次规划的任何车辆上",
    ),
    "edit_move_self_return_action": (
        "to give them a seat, write bus (包车) as their travel mode in the roster and re-plan"
        " without this row: they are placed as late additions are; or check the id",
        "如需安排乘车，请在名单中把其返岗方式改为“包车”，删去这一行后重新规划："
        "系统会像补录人员一样为其安排；或核对工号",
    ),
    "edit_move_turned_away": (
        "worker {worker!r} was left without a bus by the earlier plan (unassigned.csv says why)",
        "员工“{worker}”在上次规划中未被安排乘车（原因见 unassigned.csv）",
    ),
    "edit_move_turned_away_action": (
        "a move cannot seat them: where the reason can be corrected in the roster (their"
        " row, their address), correct it and re-plan without this row; or check the id",
        "调整无法为其安排座位：若原因可在名单中更正（该行内容、住址），请更正后删去这一行重新规划；"
        "或核对工号",
    ),
    "edit_move_splits_group": (
        "worker {worker!r} rides with keep-together group {group!r}: {others} would stay behind",
        "员工“{worker}”与同行组“{group}”同乘一车：{others} 会被留在原车",
    ),
    "edit_move_splits_group_action": (
        "move every rider of the group to the same bus (a row each), or none of them",
        "请把同行组的所有乘车人员调到同一辆车（每人一行），或都不调",
    ),
    "move_ride_too_long": (
        "worker {worker} would ride bus {bus} for {minutes:,.0f} min, over the {cap:,.0f} min"
        " their trip allows (the ride cap and the detour rule)",
        "员工 {worker} 乘坐车辆 {bus} 需 {minutes:,.0f} 分钟，超过其行程允许的 {cap:,.0f} 分钟"
        "（乘车时长上限和绕行规则）",
    ),
    "move_ride_too_long_action": (
        "choose a bus that passes nearer the worker's home or goes more directly to where"
        " they get off",
        "请选择离该员工家更近、或更直接去其下车点的车辆",
    ),
    "move_bus_full": (
        "bus {bus} has no free seat for worker {worker}",
        "车辆 {bus} 没有空座给员工 {worker}",
    ),
    "move_bus_full_action": (
        "move someone off it first, or choose another bus",
        "请先把别人调下该车，或换一辆车",
    ),
    "move_other_cohort": (
        "worker {worker} is {cohort}, and bus {bus} carries the other cohort",
        "员工 {worker} {cohort}，而车辆 {bus} 载的是另一类乘客",
    ),
    "cohort_quarantine": ("bound for quarantine", "要去隔离"),
    "cohort_work": ("going to work", "要去上班"),
    "move_other_cohort_action": (
        "choose a bus of the worker's own cohort",
        "请选择与该员工同类乘客的车辆",
    ),
    "move_closed_place": (
        "bus {bus} would pick worker {worker} up at its stop {stop}, which stands where "
        "stop {closed} was closed (edits): nobody boards at a closed place",
        "车辆 {bus} 会在上车点 {stop} 接员工 {worker}，而该上车点与已关闭的上车点 {closed}"
        "位于同一地点（修改）：已关闭的地点不再有人上车",
    ),
    "move_closed_place_action": (
        "a moved worker boards at the bus's stop nearest their home: agree a pickup "
        "elsewhere with them and move them onto a bus that stops there, or delete this row",
        "被调整的员工在该车离其住址最近的上车点上车：请与本人商定其他地点的上车点，"
        "并调整到在该处停靠的车辆，或删除此行",
    ),
    "move_not_there": (
        "bus {bus} does not go where worker {worker} gets off ({where})",
        "车辆 {bus} 不去员工 {worker} 下车的地方（{where}）",
    ),
    "alight_bed": ("their quarantine bed", "其隔离床位"),
    "alight_employer": ("their employer", "其所在企业"),
    "move_not_there_action": (
        "choose a bus that stops at the worker's employer or dormitory",
        "请选择在该员工所在企业或宿舍停靠的车辆",
    ),
    # -- batches of a campaign
    "no_row_in_batches": (
        "no roster row names a batch of scenario.toml ({ids})",
        "名单中没有任何一行填写了 scenario.toml 中的批次（{ids}）",
    ),
    "no_row_in_batches_action": (
        "write one of the [[batch]] ids in the batch (返岗批次) column",
        "请在“返岗批次”列填写某个 [[batch]] 的 id",
    ),
    "batch_rows": ("{batch} ({rows} rows)", "{batch}（{rows} 行）"),
    "batch_rows_one": ("{batch} ({rows} row)", "{batch}（{rows} 行）"),
    "no_batch": ("(no batch)", "（无批次）"),
    "none": ("none", "无"),
    "several_batches": (
        "the roster holds several batches: {listing}",
        "名单中有多个批次：{listing}",
    ),
    "several_batches_action": (
        "plan one batch at a time with --batch, e.g. --batch {batch}",
        "请用 --batch 每次规划一个批次，例如 --batch {batch}",
    ),
    "batch_no_rows": (
        "no roster rows in batch {wanted!r}; the batches are: {listing}",
        "名单中没有批次“{wanted}”的行；现有批次：{listing}",
    ),
    "batch_no_rows_action": (
        "give --batch one of the batches the roster's batch column (返岗批次) names",
        "请让 --batch 使用名单“返岗批次”列中的某个批次",
    ),
    "batch_no_table": (
        "batch {batch!r} has no [[batch]] table (there are: {ids})",
        "批次“{batch}”没有对应的 [[batch]] 表（现有：{ids}）",
    ),
    "batch_no_table_action": (
        "add a [[batch]] table with its id and departure, or correct the roster's batch",
        "请添加含 id 和出发时间的 [[batch]] 表，或更正名单中的批次",
    ),
    # -- geocoding notes (the note column of `returnbus geocode`)
    "geo_no_place": ("no place name recognised", "未识别出地名"),
    "geo_latin_only": (
        "no place name in Chinese characters (pinyin and English are not read); write the"
        " province, city, county and township in Chinese",
        "住址没有汉字地名（拼音、英文无法识别）；请用汉字写省、市、区县、乡镇",
    ),
    "geo_township_no_county": (
        "township '{written}' named without its county; add the county",
        "乡镇“{written}”未写所属区县；请补上区县",
    ),
    "geo_district_no_city": (
        "former district '{written}' named without its city; add the city",
        "原区名“{written}”未写所属城市；请补上城市",
    ),
    "geo_short_form_no_city": (
        "short form '{written}' of a district named without its city; add the city",
        "区名简称“{written}”未写所属城市；请补上城市",
    ),
    "geo_empty": ("empty address", "住址为空"),
    "geo_names_places": ("'{written}' names {count} places", "“{written}”可指 {count} 个地方"),
    "geo_read_as": (
        "{what}; read as the {level}; if another is meant, add its province and city",
        "{what}；按{level}定位；如指别处，请补上省、市",
    ),
    "geo_not_placed": ("{what}; not placed", "{what}；未定位"),
    "geo_placed_at": ("{what}; placed at {level} level", "{what}；定位到{level}级"),
    "geo_abolished": ("township {name} is listed as abolished", "乡镇 {name} 已撤销"),
    "geo_old_name": ("old {what} name {written} -> {name}", "旧{what}名 {written} → {name}"),
    "geo_short_form": (
        "short form {written} of a district -> {name}",
        "区名简称 {written} → {name}",
    ),
    "geo_former_township": (
        "former township {written} (abolished) -> nearest township {name}",
        "原乡镇 {written}（已撤销）→ 最近的乡镇 {name}",
    ),
    "geo_township_name": ("township name {written} -> {name}", "乡镇名 {written} → {name}"),
    "geo_one_character": (
        "{written} read as {name} (one character differs); check the address",
        "{written} 按 {name} 定位（差一个字）；请核对地址",
    ),
    "geo_lookalike": (
        "{written} read as {name} (a character typed as its lookalike); check the address",
        "{written} 按 {name} 定位（有一个字写成了形近字）；请核对地址",
    ),
    "geo_one_character_maybe": (
        "{written} may be {names} with one character typed wrong; check the address",
        "{written} 可能写错一个字：也许是 {names}；请核对地址",
    ),
    "geo_divided": (
        "former {what} {written} is now divided among {names}; placed at {level} level",
        "原{what}级区划 {written} 现分属 {names}；定位到{level}级",
    ),
    "geo_divided_part": (
        "former {what} {written}, since divided -> {name}",
        "原{what}级区划 {written} 已拆分 → {name}",
    ),
    "geo_only_township": (
        "no county named; the only such township in {scope}",
        "未写区县；按 {scope} 内唯一同名乡镇定位",
    ),
    "geo_no_coordinate": (
        "no coordinate for {level}; {used}'s point used",
        "{level}没有坐标；用{used}的坐标",
    ),
    "geo_township_elsewhere": (
        "township '{written}' is not in {here}; placed at {level} level",
        "乡镇“{written}”不在 {here}；定位到{level}级",
    ),
    "geo_county_elsewhere": (
        "county '{written}' is not in {here}; placed at {level} level",
        "区县“{written}”不在{here}；定位到{level}级",
    ),
    "geo_county_seat": (
        "the county seat (县城) is written: {name}'s point is its seat; placed at county level",
        "写的是县城：{name} 的坐标即其县城所在地；定位到县级",
    ),
    "geo_county_seat_no_point": (
        "the county seat (县城) of {name} is written; placed at county level",
        "写的是 {name} 的县城；定位到县级",
    ),
    "geo_town_gate_seat": (
        "{name} has no {written} today: read as its county seat, {name}'s point; placed at"
        " county level",
        "{name} 现已没有{written}：按县城定位，即 {name} 的坐标；定位到县级",
    ),
    "geo_town_gate_seat_no_point": (
        "{name} has no {written} today: read as its county seat; placed at county level",
        "{name} 现已没有{written}：按县城定位；定位到县级",
    ),
    "geo_zone_not_found": (
        "zone '{written}' of {here} not found in the gazetteer; placed at {level} level",
        "地名库中没有 {here} 的“{written}”；定位到{level}级",
    ),
    "geo_new_area_seat": (
        "{written} is a new area, no division: placed at {name}, which holds its seat",
        "{written} 是新区，不是行政区划：按其管委会所在的 {name} 定位",
    ),
    "geo_new_area_whole": (
        "{written} is a new area, no division: placed at {name}, which holds all of it",
        "{written} 是新区，不是行政区划：按包含其全境的 {name} 定位",
    ),
    "geo_new_area_now": (
        "{written} (a former new area) is now part of {name}",
        "{written}（原新区）现属 {name}",
    ),
    "geo_zone_read_as": ("zone {written} -> {name}", "开发区 {written} → {name}"),
    "geo_two_counties": (
        "two counties written, {first} and {second}, neither within the other; "
        "placed at {level} level",
        "写了两个互不相属的区县 {first}、{second}；定位到{level}级",
    ),
    "geo_county_passed_over": (
        "two counties written, {first} and {second}; the township after them lies in"
        " {second}: {first}, written first, was passed over",
        "写了两个区县 {first}、{second}；其后的乡镇属于 {second}，先写的 {first} 未采用",
    ),
    "geo_county_passed_over_after": (
        "two counties written, {first} and {second}; the township after them lies in"
        " {first}: {second}, written second, was passed over",
        "写了两个区县 {first}、{second}；其后的乡镇属于 {first}，后写的 {second} 未采用",
    ),
    "geo_former_prefecture_seat": (
        "{written} read as the level above {name}: it was the seat of {former}, which held {name}",
        "{written} 按 {name} 的上级读：它曾是 {name} 所属的 {former} 的驻地",
    ),
    "geo_only_province": ("address names only a province", "住址只写到省"),
    "geo_no_county": (
        "address names no county; placed at prefecture level",
        "住址没有写区县；定位到市级",
    ),
    "geo_no_prefecture_of": (
        "no prefecture or county of {here} recognised; placed at province level",
        "未识别出 {here} 的市、区县；定位到省级",
    ),
    "geo_no_county_of": (
        "no county of {here} recognised; placed at prefecture level",
        "未识别出 {here} 的区县；定位到市级",
    ),
    "geo_no_township_of": (
        "no township of {here} recognised; placed at county level",
        "未识别出 {here} 的乡镇；定位到县级",
    ),
    "geo_no_township": (
        "address names no township; placed at county level",
        "住址没有写乡镇；定位到县级",
    ),
    "geo_roster_coordinates": ("roster coordinates used", "使用名单中的坐标"),
    "geo_online": (
        "online geocoder {source}, match level {level}",
        "在线地理编码 {source}，匹配级别 {level}",
    ),
    "geo_online_cached": ("{name} (cached)", "{name}（缓存）"),
    "geo_online_none": ("{name} found no match", "{name} 未找到匹配"),
    "geo_online_coarse": ("{name} match too coarse ({level})", "{name} 的匹配太粗（{level}）"),
    "geo_offline": ("{why}; offline: {note}", "{why}；离线定位：{note}"),
    "geo_offline_only": ("{why}; offline", "{why}；离线定位"),
    # -- --verbose: the planner's detail, counted
    # {rows}: `row_count`; {riders}: `rider_count`.
    "log_batch_counted": (
        "roster: {rows}, {accepted} accepted; screen: {riders}, {self_return} self-return,"
        " {turned_away} turned away",
        "名单：{rows}，收录 {accepted} 人；筛查：乘车 {riders}，自行返岗 {self_return} 人，"
        "不予安排 {turned_away} 人",
    ),
    # {buses}: `bus_count`; {beds}: `bed_count`; {status}: a `log_beds_*`.
    "log_plan_counted": (
        "plan: {buses}, {on_board} on board, {not_routed} not routed, {beds} ({status})",
        "排车方案：用车 {buses}，车上 {on_board} 人，未排上车 {not_routed} 人，"
        "隔离床位 {beds}（{status}）",
    ),
    "log_beds_optimal": ("optimal", "最优"),
    "log_beds_feasible": ("feasible", "可行"),
    "log_beds_unsolved": ("unsolved", "未求解"),
    "log_planned_again": (
        "buses out beyond {day} where other batches hold more: planned again",
        "车辆在 {day} 之后仍在外，而其他批次在那几天占用更多车辆：已重新排车",
    ),
    # {riders}: `rider_count`.
    "log_late_homeless": (
        "{riders} of late buses have no free bed: left out",
        "晚发车辆上有 {riders}没有空余床位：不予安排",
    ),
    "log_online_cached": (
        "online geocoder {name}: {answers} cached answers",
        "在线地理编码 {name}：已缓存 {answers} 条结果",
    ),
    "log_online_cached_one": (
        "online geocoder {name}: {answers} cached answer",
        "在线地理编码 {name}：已缓存 {answers} 条结果",
    ),
    # -- warnings logged on the console while a run goes on
    "log_one_process": (
        "working in one process: worker processes failed to start ({error})",
        "改为单进程运行：无法启动工作进程（{error}）",
    ),
    "log_far_move": (
        "Worker {worker} boards bus {bus} at {stop}, {km:,.0f} km from home: check the move.",
        "员工 {worker} 在 {stop} 登上车辆 {bus}，离家 {km:,.0f} 公里：请核对这次调整。",
    ),
    "log_beds_room_gone": (
        "{count} beds of the earlier plan are in rooms the dormitories file no longer has"
        " ({rooms}): their workers are given beds anew; returnbus diff lists them.",
        "上次排车方案中有 {count} 个床位所在的房间已不在宿舍表中（{rooms}）：已为这些人重新安排"
        "床位；returnbus diff 可列出他们。",
    ),
    "log_beds_room_gone_one": (
        "{count} bed of the earlier plan is in a room the dormitories file no longer has"
        " ({rooms}): its worker is given a bed anew; returnbus diff lists them.",
        "上次排车方案中有 {count} 个床位所在的房间已不在宿舍表中（{rooms}）：已为这些人重新安排"
        "床位；returnbus diff 可列出他们。",
    ),
    "log_unlock_not_locked": (
        "Edits, row {row}: bus {bus} was not locked (nor announced), so the unlock changed"
        " nothing. Check the bus id if another bus was meant.",
        "改动表第 {row} 行：车辆 {bus} 并未锁定（也未通知），解锁未作任何改动。"
        "如要解锁的是另一辆车，请核对车号。",
    ),
    "log_closed_place_served": (
        "Stop {point} is closed, but {count} other stops stand at the same place and still"
        " pick up there (nobody new boards there): {stops}. Close them too (edits) if the"
        " place cannot be reached.",
        "上车点 {point} 已关闭，但同一地点还有 {count} 个上车点仍在该处接人"
        "（不再有新的人员在该处上车）：{stops}。如该处无法到达，请一并关闭（修改）。",
    ),
    "log_closed_place_served_one": (
        "Stop {point} is closed, but {count} other stop stands at the same place and still"
        " picks up there (nobody new boards there): {stops}. Close it too (edits) if the"
        " place cannot be reached.",
        "上车点 {point} 已关闭，但同一地点还有 {count} 个上车点仍在该处接人"
        "（不再有新的人员在该处上车）：{stops}。如该处无法到达，请一并关闭（修改）。",
    ),
    "log_unlock_retired": (
        "Edits, row {row}: bus {bus} no longer runs (an earlier re-plan took it off), so the"
        " unlock changed nothing. Check the bus id if another bus was meant.",
        "改动表第 {row} 行：车辆 {bus} 已不再运行（之前的重新规划已将其撤下），解锁未作任何改动。"
        "如要解锁的是另一辆车，请核对车号。",
    ),
    "log_kept_bus_sent": (
        "Bus {bus} keeps its stops (locked or announced): its {count} riders sent to"
        " quarantine for sharing it still get off at the dormitory, though nobody bound"
        " there rides it now. Unlock it (edits: unlock) to send them to work.",
        "车辆 {bus} 保持原有站点（已锁定或已通知）：因同车而须隔离的 {count} 名乘客仍在"
        "宿舍下车，尽管车上已没有本须隔离的人。解锁该车（改动表：unlock）即可让他们直接返岗。",
    ),
    "log_kept_bus_sent_one": (
        "Bus {bus} keeps its stops (locked or announced): its {count} rider sent to"
        " quarantine for sharing it still gets off at the dormitory, though nobody bound"
        " there rides it now. Unlock it (edits: unlock) to send them to work.",
        "车辆 {bus} 保持原有站点（已锁定或已通知）：因同车而须隔离的 {count} 名乘客仍在"
        "宿舍下车，尽管车上已没有本须隔离的人。解锁该车（改动表：unlock）即可让他们直接返岗。",
    ),
    "log_ledger_waiting": (
        "Another run is using the ledger {path}: waiting for it to finish...",
        "另一个任务正在使用台账 {path}：等待其完成……",
    ),
    "log_finished_writing": (
        "Finished writing {folder}, which an interrupted run had recorded.",
        "已写完 {folder}：被中断的任务已把它记入台账。",
    ),
    "log_folder_not_recorded_plan": (
        "{folder} does not hold the plan of batch {batch} that the ledger records "
        "(planned at {planned_at}): plan the batch again to replace it.",
        "{folder} 中不是台账记录的批次 {batch} 的排车方案（规划于 {planned_at}）："
        "请重新规划该批次以替换。",
    ),
    "log_plan_over_replan": (
        "batch {batch} was last re-planned ({folder}): this fresh plan drops its"
        " drop-outs, late additions and edits; to keep them, re-plan from that folder"
        " (returnbus replan)",
        "批次 {batch} 最近一次是重新规划的（{folder}）：这次从头规划会丢掉其中的退出、补录"
        "和调度改动；要保留它们，请从该文件夹重新规划（returnbus replan）",
    ),
    "log_plan_over_copied_ledger": (
        "this ledger, {ledger}, records batch {batch} as planned in {folder} (at"
        " {planned_at}), but that folder's plan was recorded in the ledger {theirs}: this"
        " ledger is a copy of it (copied with the scenario folder?). This run records the"
        " batch in {ledger} alone; {theirs} goes on holding it as planned in {folder}. To"
        " keep the campaign in one ledger, plan with --ledger {theirs}",
        "本台账 {ledger} 记录批次 {batch} 规划在 {folder}（规划于 {planned_at}），但该文件夹"
        "的排车方案记在台账 {theirs}：本台账是它的副本（或随方案文件夹一起复制而来）。"
        "本次规划只记入 {ledger}；{theirs} 仍按规划在 {folder} 保留该批次。"
        "要让本次返岗只用一个台账，请加 --ledger {theirs} 规划",
    ),
    "log_plan_over_other_folder": (
        "batch {batch} was planned in {folder} (at {planned_at}): this plan replaces it in the"
        " ledger, and that folder is superseded, its beds and buses no longer held; if you"
        " meant another batch, name it with --batch",
        "批次 {batch} 已规划在 {folder}（规划于 {planned_at}）：本次规划将在台账中取代它，"
        "该文件夹的排车方案即被取代，其床位和车辆不再保留；若要规划的是另一批次，请用 --batch 指定",
    ),
    "out_of_other_batch": (
        "the ledger {ledger} records batch {other}'s plan (planned at {at}) in this folder:"
        " planning batch {batch} here would replace that batch's papers and lists, while"
        " the ledger went on holding its beds and buses; nothing was planned",
        "台账 {ledger} 记录批次 {other} 的排车方案（规划于 {at}）就在此文件夹：把批次 {batch}"
        " 规划到这里会替换该批次的单据和名单，而台账仍为它保留床位和车辆；本次未做任何规划",
    ),
    "out_of_other_batch_action": (
        "give batch {batch} a folder of its own (--out); to plan batch {other} again, name it"
        " with --batch {other}",
        "请为批次 {batch} 另给一个文件夹（--out）；"
        "若要重新规划的是批次 {other}，请用 --batch {other}",
    ),
    "out_of_other_batch_replan_action": (
        "give the re-plan of batch {batch} a folder of its own (--out)",
        "请为批次 {batch} 的重新规划另给一个文件夹（--out）",
    ),
    "out_of_other_ledger": (
        "this folder holds batch {batch}'s plan (planned at {at}), which the ledger {theirs}"
        " records as the batch's; this run records in the ledger {ledger}: planning here"
        " would replace those papers and lists, while {theirs} went on holding their beds"
        " and buses",
        "此文件夹中是批次 {batch} 的排车方案（规划于 {at}），"
        "台账 {theirs} 把它记为该批次的排车方案；"
        "本次运行记入台账 {ledger}：规划到这里会替换这些单据和名单，"
        "而 {theirs} 仍为它们保留床位和车辆",
    ),
    "out_of_other_campaign": (
        "this folder holds a plan of another campaign (batch {batch}, recorded in the ledger"
        " {theirs}); this run records in the ledger {ledger}: planning here would replace"
        " that campaign's papers and lists",
        "此文件夹中是另一次返岗的排车方案（批次 {batch}，记在台账 {theirs}）；"
        "本次运行记入台账 {ledger}：规划到这里会替换那次返岗的单据和名单",
    ),
    "out_of_unreadable_ledger": (
        "this folder holds batch {batch}'s plan, recorded in the ledger {theirs}, which cannot"
        " be read ({said}): whether that ledger still records it as the batch's cannot be"
        " told; this run records in the ledger {ledger}: planning here would replace those"
        " papers and lists",
        "此文件夹中是批次 {batch} 的排车方案，记在台账 {theirs}，而该台账无法读取（{said}）："
        "无法判断它是否仍把它记为该批次的排车方案；本次运行记入台账 {ledger}："
        "规划到这里会替换这些单据和名单",
    ),
    "out_of_unreadable_ledger_action": (
        "restore the ledger {theirs} from a backup (and plan with --ledger {theirs} to keep the"
        " campaign in one ledger), or give this plan a folder of its own (--out); to replace"
        " that plan all the same, add --force",
        "请从备份恢复台账 {theirs}（并加 --ledger {theirs}，使本次返岗只用一个台账），"
        "或为本次规划另给一个文件夹（--out）；如确要替换该排车方案，请加 --force",
    ),
    "nothing_planned": ("nothing was planned", "本次未做任何规划"),
    "out_of_other_ledger_action": (
        "give this plan a folder of its own (--out); to keep the campaign in one ledger, plan"
        " with --ledger {theirs}; to replace that plan all the same, add --force",
        "请为本次规划另给一个文件夹（--out）；要让本次返岗只用一个台账，请加 --ledger {theirs}；"
        "如确要替换该排车方案，请加 --force",
    ),
    "out_of_other_campaign_action": (
        "give this plan a folder of its own (--out); to replace that plan all the same, add"
        " --force",
        "请为本次规划另给一个文件夹（--out）；如确要替换该排车方案，请加 --force",
    ),
    "log_replacing_other_ledgers": (
        "{folder}: {said}; replaced as --force asks.",
        "{folder}：{said}；已按 --force 替换。",
    ),
    "log_replacing_superseded": (
        "{folder} holds an earlier plan of batch {batch}: the ledger records the one in"
        " {current} (planned at {planned_at}); this run replaces the earlier one.",
        "{folder} 中是批次 {batch} 较早的排车方案，台账记录的是 {current} 中的排车方案"
        "（规划于 {planned_at}）；本次运行将替换这个较早的排车方案。",
    ),
    "log_replacing_unrecorded": (
        "{folder} holds a plan of batch {batch} that the ledger does not record; "
        "this run replaces it.",
        "{folder} 中批次 {batch} 的排车方案未记入台账；本次运行将替换它。",
    ),
    "log_sheet_not_workbook": (
        "the roster {file} is not a workbook: [roster] sheet = {sheet!r} applies to"
        " XLSX workbooks only, and is ignored",
        "名单 {file} 不是工作簿：[roster] sheet = “{sheet}”只对 XLSX 工作簿有效，已忽略",
    ),
    "log_sheet_option_not_workbook": (
        "the roster {file} is not a workbook: --sheet {sheet!r} applies to"
        " XLSX workbooks only, and is ignored",
        "名单 {file} 不是工作簿：--sheet “{sheet}”只对 XLSX 工作簿有效，已忽略",
    ),
    "log_dormitories_not_found": (
        "{scenario}, key 'scenario.dormitories': file not found: {path}; the roster is"
        " checked without it, but plan needs it",
        "文件 {scenario}，设置项 scenario.dormitories：找不到文件 {path}；名单照常检查，"
        "但规划（plan）需要这个宿舍文件",
    ),
    "log_drop_no_id": (
        "{file}, rows {rows}: no worker id in the column {column}, so nobody is dropped"
        " for them (their workers keep their seats): fill in their ids and re-plan",
        "{file} 第 {rows} 行：{column} 列没有工号，这些行不会让任何人退出（仍占座位）："
        "请填写工号后重新规划",
    ),
    "log_drop_no_id_one": (
        "{file}, row {rows}: no worker id in the column {column}, so nobody is dropped"
        " for it (its worker keeps their seat): fill in the id and re-plan",
        "{file} 第 {rows} 行：{column} 列没有工号，这些行不会让任何人退出（仍占座位）："
        "请填写工号后重新规划",
    ),
    "log_table_read_unheaded": (
        "{file} has no header: its one column, {column}, is read from its first row on",
        "{file} 没有表头：已从第一行起读取其唯一的一列（{column} 列）",
    ),
    # A drop list pasted from Excel without a header, a title typed above its ids.
    "log_table_title_passed": (
        "{file} has no header: rows {rows} ({titles}) hold no id but a title, and were"
        " passed over; its one column, {column}, is read from row {first} on. If one"
        " of them is an id, put a header row above the list: {names}",
        "{file} 没有表头：第 {rows} 行（{titles}）不是编号而是标题，已跳过；"
        "已从第 {first} 行起读取其唯一的一列（{column} 列）。若其中有编号，"
        "请在名单上方加一行表头：{names}",
    ),
    "log_table_title_passed_one": (
        "{file} has no header: row {rows} ({titles}) holds no id but a title, and was"
        " passed over; its one column, {column}, is read from row {first} on. If it"
        " is an id, put a header row above the list: {names}",
        "{file} 没有表头：第 {rows} 行（{titles}）不是编号而是标题，已跳过；"
        "已从第 {first} 行起读取其唯一的一列（{column} 列）。若其中有编号，"
        "请在名单上方加一行表头：{names}",
    ),
    # A list without a header holding only a title (退出人员 3月16日): its date is no id.
    "table_title_only": (
        "the list names no {names}: it holds only a title, rows {rows} ({titles}),"
        " and nothing under it",
        "名单中没有任何{names}：只有标题，即第 {rows} 行（{titles}），下面没有内容",
    ),
    "table_title_only_one": (
        "the list names no {names}: it holds only a title, row {rows} ({titles}),"
        " and nothing under it",
        "名单中没有任何{names}：只有标题，即第 {rows} 行（{titles}），下面没有内容",
    ),
    "table_title_only_action": (
        "type the ids under the title, one a row (a header above them: {names}), and save"
        " the file; or check that it is the file meant. Nothing was re-planned or recorded",
        "请在标题下逐行填写编号（可在其上方加一行表头：{names}）并保存，"
        "或检查是否给错了文件；本次没有重新规划，也没有记入台账",
    ),
    "log_table_header_repeated": (
        "{file}, rows {rows}: the header again (row {header}), left out: two lists pasted"
        " one under the other? Delete the rows",
        "{file} 第 {rows} 行：重复了表头（第 {header} 行），已跳过："
        "是否把两份名单上下粘贴在了一起？请删除该行",
    ),
    "log_table_header_repeated_one": (
        "{file}, row {rows}: the header again (row {header}), left out: two lists pasted"
        " one under the other? Delete the row",
        "{file} 第 {rows} 行：重复了表头（第 {header} 行），已跳过："
        "是否把两份名单上下粘贴在了一起？请删除该行",
    ),
    "log_drop_repeated": (
        "{file}, rows {rows}: worker {worker} is listed on each, and is dropped once;"
        " delete the repeated rows, or correct the id if one row meant another worker",
        "{file} 第 {rows} 行：工号 {worker} 重复出现，只按一人退出；"
        "请删除重复的行，如其中一行本指另一名员工，请改正其工号",
    ),
    "log_edits_none": (
        "{file} holds no edit below its header: nothing is edited",
        "{file} 的表头下没有任何改动：不做改动",
    ),
    "log_edits_notes_only": (
        "{file}, rows {rows}: no action and no id, only other columns (a note): no edit,"
        " left out; fill in the action and ids if an edit was meant there",
        "{file} 第 {rows} 行没有操作也没有编号，只有其他列（如备注）：不是改动，已跳过；"
        "如本意是做改动，请填写操作和编号",
    ),
    "log_edits_notes_only_one": (
        "{file}, row {rows}: no action and no id, only other columns (a note): no edit,"
        " left out; fill in the action and ids if an edit was meant there",
        "{file} 第 {rows} 行没有操作也没有编号，只有其他列（如备注）：不是改动，已跳过；"
        "如本意是做改动，请填写操作和编号",
    ),
    "log_edits_repeated": (
        "{file}, rows {rows}: the same edit as row {first}, applied once; delete the repeated rows",
        "{file} 第 {rows} 行与第 {first} 行是同一改动，只按一次处理；请删除重复的行",
    ),
    "log_edits_repeated_one": (
        "{file}, row {rows}: the same edit as row {first}, applied once; delete the repeated row",
        "{file} 第 {rows} 行与第 {first} 行是同一改动，只按一次处理；请删除重复的行",
    ),
    "log_edit_unused_id": (
        "{file}, row {row}: {action} takes no {column}: {value!r} was not read. For another"
        " edit, write it on a row of its own with its action; else delete it",
        "{file} 第 {row} 行：{action}不用填{column}，其中的“{value}”未读取；"
        "如要另做一项改动，请另起一行并写明操作，否则请删除",
    ),
    "log_table_sheet_chosen": (
        "{file}: read the sheet {sheet!r}, the first whose header names the columns needed"
        " (the first sheet, {first!r}, has none)",
        "{file}：读取的是工作表“{sheet}”，它是第一个表头含所需列的工作表（第一个工作表“{first}”没有）",
    ),
    "log_empty_sheets_passed": (
        "{file}: the sheets {sheets} before it are empty and were passed over; the sheet"
        " {sheet!r} was read",
        "{file}：前面的工作表 {sheets} 是空的，已跳过；读取的是工作表“{sheet}”",
    ),
    "log_empty_sheets_passed_one": (
        "{file}: the sheet {sheets} before it is empty and was passed over; the sheet"
        " {sheet!r} was read",
        "{file}：前面的工作表 {sheets} 是空的，已跳过；读取的是工作表“{sheet}”",
    ),
    "log_chart_sheets_passed": (
        "{file}: the chart sheets {charts} hold no rows and were passed over; the sheet"
        " {sheet!r} was read",
        "{file}：图表工作表 {charts} 中没有数据行，已跳过；读取的是工作表“{sheet}”",
    ),
    "log_chart_sheets_passed_one": (
        "{file}: the chart sheet {charts} holds no rows and was passed over; the sheet"
        " {sheet!r} was read",
        "{file}：图表工作表 {charts} 中没有数据行，已跳过；读取的是工作表“{sheet}”",
    ),
    "log_sheets_hidden": (
        "{file}: the hidden sheets {sheets} were NOT read (Excel does not show them);"
        " the sheet {sheet!r} was: to read a hidden one, show it and put its rows there,"
        " or name it ([roster] sheet, --sheet)",
        "{file}：隐藏的工作表 {sheets} 没有读取（Excel 中看不到它们）；读取的是工作表“{sheet}”："
        "如需读取隐藏的表，请取消隐藏并把其中的行移到该表，或指定工作表（[roster] sheet、--sheet）",
    ),
    "log_sheets_hidden_one": (
        "{file}: the hidden sheet {sheets} was NOT read (Excel does not show it);"
        " the sheet {sheet!r} was: to read the hidden one, show it and put its rows there,"
        " or name it ([roster] sheet, --sheet)",
        "{file}：隐藏的工作表 {sheets} 没有读取（Excel 中看不到它们）；读取的是工作表“{sheet}”："
        "如需读取隐藏的表，请取消隐藏并把其中的行移到该表，或指定工作表（[roster] sheet、--sheet）",
    ),
    "log_roster_footers": (
        "{file}: the last rows {rows} are read as the list's total, signature or note"
        " lines, not as workers, and left out: if one is a worker, give it its id, phone,"
        " home and health code",
        "{file}：末尾的行 {rows} 是名单的合计、签名或备注行，不是员工，已跳过："
        "如其中有员工，请补全其工号、手机号、住址和健康码",
    ),
    "log_roster_footers_one": (
        "{file}: the last row {rows} is read as the list's total, signature or note"
        " line, not as a worker, and left out: if it is a worker, give it its id, phone,"
        " home and health code",
        "{file}：末尾的行 {rows} 是名单的合计、签名或备注行，不是员工，已跳过："
        "如其中有员工，请补全其工号、手机号、住址和健康码",
    ),
    "log_site_coords_pair": (
        "{file}, row {row}: {said}; {action}",
        "{file}，第 {row} 行：{said}；{action}",
    ),
    "log_newer_beside": (
        "{file} (changed {file_time}) is read, as named, but {other} beside it was changed"
        " later ({other_time}): if {other} is the list meant, name it instead, and delete"
        " or rename the one not meant",
        "按所填读取 {file}（修改于 {file_time}），但旁边的 {other} 修改时间更晚"
        "（{other_time}）：如要用的是 {other}，请改为填写它，并删除或改名不用的那个",
    ),
    "log_newer_beside_key": (
        "{file} (changed {file_time}) is read, as {key} of {scenario} names it, but {other}"
        " beside it was changed later ({other_time}): if {other} is the list meant, name it"
        " in {key} instead, and delete or rename the one not meant",
        "按方案文件 {scenario} 中 {key} 所填读取 {file}（修改于 {file_time}），但旁边的"
        " {other} 修改时间更晚（{other_time}）：如要用的是 {other}，请在 {key} 中改为填写它，"
        "并删除或改名不用的那个",
    ),
    "log_table_footers": (
        "{file}: the last rows {rows} are read as the list's total, signature or note"
        " lines and left out: if one is meant to be read, fill in its every column",
        "{file}：末尾的行 {rows} 是合计、签名或备注行，已跳过：如其中有要读取的行，请填全各列",
    ),
    "log_table_footers_one": (
        "{file}: the last row {rows} is read as the list's total, signature or note"
        " line and left out: if it is meant to be read, fill in its every column",
        "{file}：末尾的行 {rows} 是合计、签名或备注行，已跳过：如其中有要读取的行，请填全各列",
    ),
    "log_columns_hidden": (
        "{file}: the sheet {sheet!r} hides the columns {columns}, which are read all"
        " the same: show them in Excel and check what the plan is made from",
        "{file}：工作表“{sheet}”隐藏了列 {columns}，这些列仍照常读取：请在 Excel 中取消隐藏，"
        "核对据以安排的内容",
    ),
    "log_columns_hidden_one": (
        "{file}: the sheet {sheet!r} hides the column {columns}, which is read all"
        " the same: show it in Excel and check what the plan is made from",
        "{file}：工作表“{sheet}”隐藏了列 {columns}，这些列仍照常读取：请在 Excel 中取消隐藏，"
        "核对据以安排的内容",
    ),
    "log_table_sheets_unread": (
        "{file}: only the sheet {sheet!r} was read; the sheets {sheets} have such a header"
        " too and were NOT read: put every row on one sheet (or delete the others), then"
        " run again",
        "{file}：只读取了工作表“{sheet}”；工作表 {sheets} 也有这样的表头，但没有读取："
        "请把所有行放在同一个工作表中（或删除其他工作表），再运行",
    ),
    "log_table_sheets_unread_one": (
        "{file}: only the sheet {sheet!r} was read; the sheet {sheets} has such a header"
        " too and was NOT read: put every row on one sheet (or delete the other), then"
        " run again",
        "{file}：只读取了工作表“{sheet}”；工作表 {sheets} 也有这样的表头，但没有读取："
        "请把所有行放在同一个工作表中（或删除其他工作表），再运行",
    ),
    "log_control_removed": (
        "{file} row {row}, column {column}: control characters removed",
        "{file} 第 {row} 行，{column} 列：已删除控制字符",
    ),
    # -- verify: plan rules
    "contact_travels_held": (
        "close contact {worker} travels, but close contacts are held",
        "密接人员 {worker} 被安排出行，但密接人员应暂缓返岗",
    ),
    "contact_travels_free": (
        "close contact {worker} travels without quarantine",
        "密接人员 {worker} 出行后没有安排隔离",
    ),
    "bus_contacts_with_workers": (
        "bus {bus}: close contacts ride with riders going to work",
        "车辆 {bus}：密接人员与返岗上班的乘客同车",
    ),
    "fleet_type_unknown": (
        "bus type {bus_type} is not in the fleet",
        "车型 {bus_type} 不在车队中",
    ),
    "fleet_type_overused": (
        "{count} buses of type {bus_type} used, only {available} available",
        "车型 {bus_type} 用了 {count} 辆，只有 {available} 辆可用",
    ),
    "fleet_type_overused_one": (
        "{count} bus of type {bus_type} used, only {available} available",
        "车型 {bus_type} 用了 {count} 辆，只有 {available} 辆可用",
    ),
    "bus_no_stops": ("bus {bus}: no stops", "车辆 {bus}：没有上车点"),
    "bus_ride_over_cap": (
        "bus {bus}: ride of {minutes:,.0f} min over the {cap} min cap",
        "车辆 {bus}：乘车 {minutes:,.0f} 分钟，超过 {cap} 分钟上限",
    ),
    "bus_route_over_cap": (
        "bus {bus}: route of {minutes:,.0f} min over the {cap} min cap",
        "车辆 {bus}：全程 {minutes:,.0f} 分钟，超过 {cap} 分钟上限",
    ),
    "bus_detour": (
        "bus {bus}: {worker} rides {minutes:,.0f} min, over the detour rule's {cap:,.0f} min "
        "({factor:g} x the direct {direct:,.0f} min + {extra} min)",
        "车辆 {bus}：{worker} 乘车 {minutes:,.0f} 分钟，超过绕行规则的 {cap:,.0f} 分钟"
        "（直达 {direct:,.0f} 分钟 × {factor:g} + {extra} 分钟）",
    ),
    "bus_departs_early": (
        "bus {bus}: departs at {at}, too early",
        "车辆 {bus}：{at} 发车，时间过早",
    ),
    "bus_arrives_outside": (
        "bus {bus}: arrives at {point} at {at}, outside {start}-{end}",
        "车辆 {bus}：{at} 到达 {point}，不在 {start}-{end} 接收时段内",
    ),
    "bus_pickup_outside": (
        "bus {bus}: picks up at {point} at {at}, outside the pickup hours {start}-{end}",
        "车辆 {bus}：{at} 在上车点 {point} 接人，不在 {start}-{end} 接人时段内",
    ),
    "bus_off_once": (
        "bus {bus}: not every rider gets off exactly once",
        "车辆 {bus}：并非每位乘客都恰好下车一次",
    ),
    "bus_wrong_dropoff": (
        "bus {bus}: {worker} gets off at {point}, not at their dormitory or employer",
        "车辆 {bus}：{worker} 在 {point} 下车，不是其宿舍或所在企业",
    ),
    "bus_too_many_dropoffs": (
        "bus {bus}: {count} drop-offs, over {cap}",
        "车辆 {bus}：{count} 个下车点，超过 {cap} 个",
    ),
    "bus_cohorts_mixed": (
        "bus {bus}: carries riders bound for quarantine and riders going to work",
        "车辆 {bus}：需隔离的乘客与返岗上班的乘客同车",
    ),
    "bus_whole_bus_to_work": (
        "bus {bus}: {count} riders going to work ({workers}) share it with {bound}, bound for"
        " quarantine; under quarantine_cohorts = whole_bus everyone on it goes to quarantine",
        "车辆 {bus}：{count} 名返岗上班的乘客（{workers}）与须隔离的 {bound} 同车；"
        "按整车隔离（quarantine_cohorts = whole_bus），全车乘客都须隔离",
    ),
    "bus_whole_bus_to_work_one": (
        "bus {bus}: {count} rider going to work ({workers}) shares it with {bound}, bound for"
        " quarantine; under quarantine_cohorts = whole_bus everyone on it goes to quarantine",
        "车辆 {bus}：{count} 名返岗上班的乘客（{workers}）与须隔离的 {bound} 同车；"
        "按整车隔离（quarantine_cohorts = whole_bus），全车乘客都须隔离",
    ),
    "bus_sharing_nobody_bound": (
        "bus {bus}: {count} riders are sent to quarantine for sharing it ({workers}), but"
        " nobody on it is bound there on their own account: they go to work",
        "车辆 {bus}：{count} 名乘客因同车随行被送去隔离（{workers}），但车上没有本人须隔离的"
        "乘客：他们应直接返岗",
    ),
    "bus_sharing_nobody_bound_one": (
        "bus {bus}: {count} rider is sent to quarantine for sharing it ({workers}), but"
        " nobody on it is bound there on their own account: they go to work",
        "车辆 {bus}：{count} 名乘客因同车随行被送去隔离（{workers}），但车上没有本人须隔离的"
        "乘客：他们应直接返岗",
    ),
    "sharing_rides_no_bus": (
        "worker {worker} is sent to quarantine for sharing a bus, but rides none",
        "员工 {worker} 因同车随行被送去隔离，但没有乘坐任何车辆",
    ),
    "sharing_not_sent": (
        "worker {worker} is listed as sent to quarantine for sharing a bus"
        " (quarantine_for_sharing), but is not among those sent there (quarantine_required)",
        "员工 {worker} 被列为因同车随行须隔离（quarantine_for_sharing），"
        "但不在需隔离名单（quarantine_required）中",
    ),
    "sharing_not_whole_bus": (
        "{count} workers are sent to quarantine for sharing a bus ({workers}), but"
        " quarantine_cohorts is {cohorts}: only whole_bus sends anyone for that",
        "有 {count} 人因同车随行被送去隔离（{workers}），但 quarantine_cohorts 为 {cohorts}："
        "只有整车隔离（whole_bus）才会因此送人隔离",
    ),
    "sharing_not_whole_bus_one": (
        "{count} worker is sent to quarantine for sharing a bus ({workers}), but"
        " quarantine_cohorts is {cohorts}: only whole_bus sends anyone for that",
        "有 {count} 人因同车随行被送去隔离（{workers}），但 quarantine_cohorts 为 {cohorts}："
        "只有整车隔离（whole_bus）才会因此送人隔离",
    ),
    "bus_night_one_driver": (
        "bus {bus}: drives between {start} and {end} without two drivers relaying",
        "车辆 {bus}：在 {start} 至 {end} 之间行驶，但没有两名司机轮换",
    ),
    "bus_driving_one_driver": (
        "bus {bus}: {minutes:,.0f} min of driving with one driver, over {cap} min",
        "车辆 {bus}：一名司机驾驶 {minutes:,.0f} 分钟，超过 {cap} 分钟",
    ),
    "bus_far_one_driver": (
        "bus {bus}: {km:,.0f} km one way with one driver",
        "车辆 {bus}：单程 {km:,.0f} 公里，只有一名司机",
    ),
    "bus_no_rest": (
        "bus {bus}: {minutes:,.0f} min of driving on end by {at},"
        " over {cap:,.0f} min without a rest",
        "车辆 {bus}：到 {at} 已连续驾驶 {minutes:,.0f} 分钟，超过 {cap:,.0f} 分钟未休息",
    ),
    "bus_over_capacity": (
        "bus {bus}: {count} riders, over its capacity of {capacity} under the seating policy",
        "车辆 {bus}：乘客 {count} 人，超过座位政策下的核载 {capacity} 人",
    ),
    "bus_under_minimum": (
        "bus {bus}: {count} riders, under the minimum of {minimum}",
        "车辆 {bus}：乘客 {count} 人，少于最低 {minimum} 人",
    ),
    "bus_under_minimum_one": (
        "bus {bus}: {count} rider, under the minimum of {minimum}",
        "车辆 {bus}：乘客 {count} 人，少于最低 {minimum} 人",
    ),
    "bus_seat_map_bad": (
        "bus {bus}: seat map does not give each rider one seat of their own",
        "车辆 {bus}：座位图没有给每位乘客各安排一个座位",
    ),
    # {stop}: the stop a leg drives to, numbered from 1 as on the driver's sheet
    "bus_leg_time": (
        "bus {bus}: the leg to stop {stop} takes {actual:,.0f} s in the plan, the travel model"
        " says {expected} s",
        "车辆 {bus}：驶往第 {stop} 站的一段在排车方案中用时 {actual:,.0f} 秒，"
        "行程模型为 {expected} 秒",
    ),
    "bus_leg_speed": (
        "bus {bus}: the leg to stop {stop} implies {kmh:.0f} km/h",
        "车辆 {bus}：驶往第 {stop} 站的一段车速需达 {kmh:.0f} 公里/小时",
    ),
    "bus_distance": (
        "bus {bus}: {km:,.3f} km in the plan, {recomputed:,.3f} km recomputed",
        "车辆 {bus}：排车方案中为 {km:,.3f} 公里，重新计算为 {recomputed:,.3f} 公里",
    ),
    "worker_placed_twice": (
        "worker {worker} is placed {count} times",
        "员工 {worker} 被安排了 {count} 次",
    ),
    "unassigned_repeats": (
        "unassigned entry {entry} repeats",
        "未安排记录 {entry} 重复出现",
    ),
    "worker_placed_and_unassigned": (
        "worker {worker} is both placed and unassigned ({stage})",
        "员工 {worker} 既已安排，又在未安排名单中（{stage}）",
    ),
    "worker_unassigned_no_reason": (
        "worker {worker} is unassigned without a reason",
        "员工 {worker} 未安排，但没有写明原因",
    ),
    "workers_accounted": (
        "{total} workers accounted for, the roster has {expected}",
        "排车方案计入 {total} 名员工，名单有 {expected} 名",
    ),
    "workers_accounted_one": (
        "{total} worker accounted for, the roster has {expected}",
        "排车方案计入 {total} 名员工，名单有 {expected} 名",
    ),
    "bed_unknown_dorm": (
        "worker {worker} has a bed in unknown dormitory {dorm}",
        "员工 {worker} 的床位在未知宿舍 {dorm}",
    ),
    "bed_wrong_day": (
        "worker {worker}: bed from the night of {start}, but the bus arrives at "
        "{arrives}: the bed is from the night of {night}",
        "员工 {worker}：床位从 {start} 晚起，但车辆于 {arrives} 到达，床位应从 {night} 晚起",
    ),
    "bed_missing": (
        "worker {worker} must be quarantined but has no bed",
        "员工 {worker} 需要隔离，但没有床位",
    ),
    "bed_nights": (
        "worker {worker}: a bed for {nights} nights, not the quarantine",
        "员工 {worker}：床位 {nights} 晚，与隔离天数不符",
    ),
    "bed_nights_one": (
        "worker {worker}: a bed for {nights} night, not the quarantine",
        "员工 {worker}：床位 {nights} 晚，与隔离天数不符",
    ),
    "bed_release_bad": (
        "worker {worker}: a bed from {start} released early on {on}, which is not "
        "within the quarantine or not the morning the bed ends",
        "员工 {worker}：自 {start} 起的床位记为 {on} 提前释放，但该日不在隔离期内"
        "或不是床位结束的那天上午",
    ),
    "bed_dorm_not_open": (
        "worker {worker}: dormitory {dorm} opens only on {date}",
        "员工 {worker}：宿舍 {dorm} {date} 才开放",
    ),
    "bed_dorm_closed": (
        "worker {worker}: dormitory {dorm} closes on {date}",
        "员工 {worker}：宿舍 {dorm} {date} 关闭",
    ),
    "bed_dorm_employer": (
        "worker {worker}: dormitory {dorm} is for {employer}'s workers only",
        "员工 {worker}：宿舍 {dorm} 仅供 {employer} 的员工入住",
    ),
    "room_unknown": ("dormitory {dorm} has no room {room}", "宿舍 {dorm} 没有 {room} 房间"),
    "room_over": (
        "room {dorm}/{room} holds {count}, over its {capacity}",
        "房间 {dorm}/{room} 住 {count} 人，超过 {capacity} 人",
    ),
    "room_mixed": (
        "room {dorm}/{room} mixes sexes (or someone of unknown sex)",
        "房间 {dorm}/{room} 男女混住（或有性别不明的人）",
    ),
    # -- verify: the folder's files, the ledger and the roster
    "index_unreadable": (
        "{index} is missing or unreadable: the folder cannot be checked file by file",
        "{index} 缺失或无法读取：无法逐个核对文件夹中的文件",
    ),
    "index_other_plan": (
        "plan.json is not the plan {index} was written for",
        "plan.json 不是 {index} 所对应的排车方案",
    ),
    "file_missing": (
        "{name} is missing: copy it back from a copy of this folder, or plan the batch again",
        "{name} 缺失：请从本文件夹的备份中拷回，或重新规划该批次",
    ),
    "file_not_of_plan": (
        "{name} is not part of this plan, but could be taken for one of its papers:"
        " move it out of the folder",
        "{name} 不属于本排车方案，却可能被当作本排车方案的单据：请把它移出本文件夹",
    ),
    "file_locked": (
        "{name} cannot be read: close the program that holds it",
        "{name} 无法读取：请关闭占用它的程序",
    ),
    "file_changed": (
        "{name} was changed after the plan was written: do not hand it out; copy it back"
        " from a copy of this folder, or plan the batch again",
        "{name} 在排车方案生成后被改动过：请勿照发；请从本文件夹的备份中拷回，或重新规划该批次",
    ),
    "ledger_gone": (
        "the ledger this plan was recorded in, {path}, is not there: the plan was not checked"
        " against it (that it records this plan and holds its beds as the plan does, and that"
        " the buses out on its days are within its fleet); put the ledger back where it was"
        " and verify again",
        "记录此排车方案的台账 {path} 不在了：未与它核对（是否记录此排车方案、床位是否与"
        "排车方案一致、其各天在外的车辆是否在车队之内）；请把台账放回原处后重新核对",
    ),
    "recorded_ledger_refused": (
        "{said}. It is the ledger the plan in {folder} was recorded in (its outputs.json names it)",
        "{said}。这是 {folder} 中排车方案所记入的台账（其 outputs.json 中写明）",
    ),
    "recorded_ledger_verify_action": (
        "restore the ledger from a backup to where it was, then verify again",
        "请从备份把台账恢复到原处，然后重新核对",
    ),
    "recorded_ledger_replan_action": (
        "restore the ledger from a backup to where it was, or name a sound copy of it with"
        " --ledger",
        "请从备份把台账恢复到原处，或用 --ledger 指定它完好的副本",
    ),
    "ledger_no_plan": (
        "the ledger {path} records no plan of batch {batch}: plan the batch again",
        "台账 {path} 没有记录批次 {batch} 的排车方案：请重新规划该批次",
    ),
    "ledger_other_plan": (
        "the ledger {path} records another plan of batch {batch} (planned at {at}, in {folder})",
        "台账 {path} 记录的是批次 {batch} 的另一个排车方案（规划于 {at}，位于 {folder}）",
    ),
    "ledger_plan_unnamed": (
        "the ledger {path} records a plan of batch {batch} (planned at {at}) but not which"
        " folder holds it, as an older returnbus recorded it: whether it is this folder's"
        " plan cannot be told, so this folder's beds are not checked against the ledger's",
        "台账 {path} 记录了批次 {batch} 的一个排车方案（规划于 {at}），但由较早版本的 returnbus"
        " 记录，未记下其所在文件夹：无法判断是否即本文件夹的排车方案，"
        "因此未将本文件夹的床位与台账核对",
    ),
    "ledger_folder_changed": (
        "{said}: this folder was changed behind it; plan the batch again",
        "{said}：本文件夹已被另行改动；请重新规划该批次",
    ),
    "ledger_fleet_overdrawn": (
        "the ledger {path} holds {buses} of type {bus_type} {days}, and this plan's "
        "fleet has {fleet}: {batches}. Plan one of these batches again (returnbus plan "
        "SCENARIO --batch BATCH) so that it leaves the others' buses alone, or add buses "
        "of this type to the fleet",
        "台账 {path} 记录 {days}有 {buses} {bus_type} 车型的车辆在用，而本排车方案的车队"
        "只有 {fleet} 辆：{batches}。请重新规划其中一个批次（returnbus plan SCENARIO "
        "--batch 批次），使其不占用其他批次的车辆，或在车队中增加该车型的车辆",
    ),
    "bus_count": ("{count} buses", "{count} 辆"),
    "bus_count_one": ("{count} bus", "{count} 辆"),
    "rider_count": ("{count} riders", "{count} 人"),
    "rider_count_one": ("{count} rider", "{count} 人"),
    # Buses named after their noun (bus B1, buses B1, B2); the Chinese names them alone.
    "named_buses": ("buses {buses}", "{buses}"),
    "named_buses_one": ("bus {buses}", "{buses}"),
    # Sheets named after their noun (the sheet S2, the sheets S2, S3); the Chinese names them alone.
    "named_sheets": ("the sheets {sheets}", "{sheets}"),
    "named_sheets_one": ("the sheet {sheets}", "{sheets}"),
    # Rows counted (1 row, 2 rows).
    "row_count": ("{count} rows", "{count} 行"),
    "row_count_one": ("{count} row", "{count} 行"),
    "room_clash": (
        "room {room} of dormitory {dorm} holds batch {batch} (workers {workers}) {nights} "
        "and batch {other_batch} (workers {other_workers}) {other_nights}, but a room stays "
        "empty for cleaning (quarantine.cleaning_days = {cleaning}) after one batch leaves "
        "it before the next moves in",
        "宿舍 {dorm} 的 {room} 房间既住批次 {batch}（员工 {workers}，{nights}），又住批次 "
        "{other_batch}（员工 {other_workers}，{other_nights}），但一个批次离开后，房间须空置"
        "清洁（quarantine.cleaning_days = {cleaning} 天）才能住进下一批次",
    ),
    "stay_nights": (
        "from the night of {first} to the morning of {last}",
        "{first} 晚入住，{last} 上午离开",
    ),
    "ledger_room_clash": (
        "the ledger {path}: {clash}. Plan one of these batches again (returnbus plan "
        "SCENARIO --batch BATCH) so that it takes other rooms, or, if the earlier batch's "
        "workers left the room sooner, say so (returnbus ledger release LEDGER --worker "
        "WORKER --date DATE)",
        "台账 {path}：{clash}。请重新规划其中一个批次（returnbus plan SCENARIO --batch "
        "批次），使其改用其他房间；如较早批次的员工已提前离开该房间，请登记"
        "（returnbus ledger release 台账 --worker 工号 --date 日期）",
    ),
    "room_clash_refused": (
        "{clash}; nothing was recorded",
        "{clash}；本次未做任何记录",
    ),
    "room_clash_refused_action": (
        "this plan itself gives the room too soon (it keeps a bed of an older plan, or its "
        "dates were changed by hand): plan the batch afresh (returnbus plan SCENARIO "
        "--batch BATCH), which takes only rooms free with their cleaning days",
        "是本排车方案自身过早安排了该房间（沿用了旧排车方案的床位，或日期经手工改动）："
        "请重新规划该批次（returnbus plan SCENARIO --batch 批次），"
        "新的排车方案只会选用清洁期已过的房间",
    ),
    "ledger_show_overdrawn": (
        "{held} buses of type {bus_type} are out {days}, and the fleet has {fleet}: {batches}",
        "{days}有 {held} 辆 {bus_type} 车型的车辆在用，而车队只有 {fleet} 辆：{batches}",
    ),
    "ledger_show_overdrawn_one": (
        "{held} bus of type {bus_type} is out {days}, and the fleet has {fleet}: {batches}",
        "{days}有 {held} 辆 {bus_type} 车型的车辆在用，而车队只有 {fleet} 辆：{batches}",
    ),
    "ledger_show_overdrawn_action": (
        "plan one of the batches named again (returnbus plan SCENARIO --batch BATCH) so that "
        "it leaves the others' buses alone, or add buses of these types to the fleet",
        "请重新规划所列批次之一（returnbus plan SCENARIO --batch 批次），使其不占用其他批次"
        "的车辆，或在车队中增加这些车型的车辆",
    ),
    "ledger_batch_buses": (
        "batch {batch}: {count} ({buses})",
        "批次 {batch}：{count} 辆（{buses}）",
    ),
    "day_one": ("on {day}", "{day} 当天"),
    "days_from": ("every day from {first} to {last}", "{first} 至 {last} 每天"),
    "ledger_beds_differ": (
        "the ledger {path} holds {beds} of batch {batch} otherwise than this plan "
        "({workers}); worker {worker}: ledger {held}, plan {planned}. A bed released early "
        "(returnbus ledger release) since the plan was written is one cause: re-plan the "
        "batch (returnbus replan {folder} --out NEW_FOLDER) so that its bed list shows what "
        "the ledger holds",
        "台账 {path} 记录的批次 {batch} 有 {beds}与本排车方案不同（{workers}）；"
        "员工 {worker}：台账为 {held}，排车方案为 {planned}。排车方案写出后提前释放了床位"
        "（returnbus ledger release）即会如此：请重新规划该批次"
        "（returnbus replan {folder} --out 新文件夹），使床位表与台账一致",
    ),
    "bed_count": ("{count} beds", "{count} 个床位"),
    "bed_count_one": ("{count} bed", "{count} 个床位"),
    "ledger_superseded": (
        "{said}: this folder is superseded and its beds and buses are not held",
        "{said}：本文件夹的排车方案已被取代，其床位和车辆不再保留",
    ),
    "verify_superseded": (
        "{said}; hand out the papers and lists of the folder the ledger records, not this one's",
        "{said}；请改发台账所记文件夹中的单据和名单，不要再发本文件夹的",
    ),
    "roster_rows": (
        "{roster} has {rows} with data after its header, but the plan accounts for "
        "{total} (on a bus, returning alone or unassigned)",
        "{roster} 表头之后有 {rows}数据，但排车方案计入 {total} 人（乘车、自行返岗或未安排）",
    ),
    "roster_rows_batch": (
        "{roster} has {rows} with data after its header for batch {batch}, but the plan "
        "accounts for {total} (on a bus, returning alone or unassigned)",
        "{roster} 表头之后有批次 {batch} 的 {rows}数据，但排车方案计入 {total} 人"
        "（乘车、自行返岗或未安排）",
    ),
    "roster_rows_lost": ("rows not accounted for: {rows}", "排车方案未计入的行：{rows}"),
    "roster_rows_unknown": ("rows not in the roster: {rows}", "名单中没有的行：{rows}"),
    "roster_rows_line_breaks": (
        "cells holding line breaks also make the counts differ",
        "单元格内的换行也会使行数不一致",
    ),
    "replan_other_scenario": (
        "it is a plan of the scenario {previous!r}, not {current!r}",
        "上次的排车方案出自方案文件“{previous}”，不是“{current}”",
    ),
    # -- verify: papers
    "paper_unreadable": (
        "{name} cannot be read, so it is not held against plan.json ({error})",
        "{name} 无法读取，未能与 plan.json 核对（{error}）",
    ),
    "contents_damaged": ("its contents are damaged", "内容已损坏"),
    "folder_unreadable": ("{name} cannot be read ({error})", "{name} 无法读取（{error}）"),
    "paper_of_no_bus": (
        "{name}: a paper of a bus plan.json does not have",
        "{name}：plan.json 中没有这辆车，却有它的单据",
    ),
    "book_no_sheet": ("{book}: no sheet for bus {bus}", "{book}：没有车辆 {bus} 的工作表"),
    "book_sheet": ("{book}, sheet {title}", "{book} 工作表 {title}"),
    "sheet_of_no_bus": (
        "{name}: not a paper of a bus of plan.json",
        "{name}：不是 plan.json 中任何车辆的单据",
    ),
    "where_on_bus": ("on bus {bus}", "在车辆 {bus} 上"),
    "where_self_return": ("on no bus (they return on their own)", "不乘车（自行返岗）"),
    "where_unassigned": ("on no bus (unassigned)", "不乘车（未安排）"),
    "where_unknown": ("on no bus (plan.json does not have them)", "不乘车（plan.json 中没有此人）"),
    "worker_is": ("worker {worker} is {where}", "员工 {worker} {where}"),
    "no_rider_named": (
        "no rider of that name on the manifests",
        "乘车人员名单上没有这个名字的乘客",
    ),
    "what_seat": ("seat", "座位"),
    "what_stop": ("stop", "上车点"),
    "what_pickup_time": ("pickup time", "上车时间"),
    "manifest_header_bad": (
        "{name}: its header is not the manifest's",
        "{name}：表头不是乘车人员名单的表头",
    ),
    "manifest_listed_twice": (
        "{name}: worker {worker} is listed more than once on bus {bus}",
        "{name}：员工 {worker} 在车辆 {bus} 上列了不止一次",
    ),
    "paper_listed_elsewhere": (
        "{name}: worker {worker} is listed, but plan.json has them {where}",
        "{name}：列有员工 {worker}，但 plan.json 中此人{where}",
    ),
    "manifest_differs": (
        "{name}: worker {worker}'s {what} on bus {bus} is {says}, plan.json says {planned}",
        "{name}：员工 {worker} 在车辆 {bus} 上的{what}为 {says}，plan.json 中为 {planned}",
    ),
    "paper_not_listed": (
        "{name}: worker {worker} rides bus {bus} in plan.json but is not listed",
        "{name}：plan.json 中员工 {worker} 乘坐车辆 {bus}，但未列出",
    ),
    "registration_no_seat": ("{name}: it has no seat column", "{name}：没有座位列"),
    "seat_map_bad": ("{name}: it is not a seat map", "{name}：不是座位图"),
    "seat_listed_times": (
        "{name}: seat {seat} on bus {bus} is listed {count} times",
        "{name}：车辆 {bus} 的座位 {seat} 列了 {count} 次",
    ),
    "seat_names_nobody": (
        "{name}: seat {seat} names {who}, but plan.json seats nobody there on bus {bus} ({whom})",
        "{name}：座位 {seat} 写的是 {who}，但 plan.json 中车辆 {bus} 的这个座位没有人（{whom}）",
    ),
    "seat_names_other": (
        "{name}: seat {seat} names {who}, but plan.json seats worker {worker} there on bus "
        "{bus} ({named} on its manifest)",
        "{name}：座位 {seat} 写的是 {who}，但 plan.json 中车辆 {bus} 的这个座位是员工 {worker}"
        "（乘车人员名单上为 {named}）",
    ),
    "seat_not_listed": (
        "{name}: worker {worker} rides bus {bus} in seat {seat} in plan.json but is not listed",
        "{name}：plan.json 中员工 {worker} 坐车辆 {bus} 的 {seat} 座，但未列出",
    ),
    "driver_header_bad": (
        "{name}: its header is not the driver's sheet's",
        "{name}：表头不是司机行车单的表头",
    ),
    # The stop's number as the sheet's 序号 column gives it: "3", or "2·3" for
    # points at one place and time (not "the 2·3rd stop").
    "driver_stop": ("{name}: stop {stop} of bus {bus}", "{name}：车辆 {bus} 序号 {stop} 的上车点"),
    "boarding_count": (
        "{where} boards {count} riders, plan.json {planned} ({workers})",
        "{where} 上车 {count} 人，plan.json 中为 {planned} 人（{workers}）",
    ),
    "boarding_count_one": (
        "{where} boards {count} rider, plan.json {planned} ({workers})",
        "{where} 上车 {count} 人，plan.json 中为 {planned} 人（{workers}）",
    ),
    "boarding_not_listed": (
        "{where}: worker {worker} boards here in plan.json but is not listed",
        "{where}：plan.json 中员工 {worker} 在此上车，但未列出",
    ),
    "boarding_other": (
        "{where} boards {who}, but plan.json does not board them there ({whom})",
        "{where} 上车的有 {who}，但 plan.json 中此人不在这里上车（{whom}）",
    ),
    "bed_list_header_bad": (
        "{name}: its header is not the bed list's",
        "{name}：表头不是床位表的表头",
    ),
    "bed_listed_times": (
        "{name}: worker {worker} is listed {count} times ({where})",
        "{name}：员工 {worker} 列了 {count} 次（{where}）",
    ),
    "bed_differs": (
        "{name}: worker {worker}'s bed is {told}, plan.json says {planned} (they are {where})",
        "{name}：员工 {worker} 的床位为 {told}，plan.json 中为 {planned}（此人{where}）",
    ),
    "bed_none": ("none", "无"),
    "bed_told": (
        "{dorm} room {room} bed {bed}, {start} to {end}, batch {batch}, bus {bus}",
        "{dorm} {room} 房 {bed} 床，{start} 至 {end}，批次 {batch}，车辆 {bus}",
    ),
    "edited_list_not_plans": (
        "{name} was edited since the plan was written, and puts {count} workers where"
        " plan.json does not (the first: {first}): it is not this plan's list; do not hand"
        " it out: put back the list this plan wrote, or plan the batch again",
        "{name} 在排车方案生成后被改动过，且有 {count} 名员工与 plan.json 所排不符（第一条："
        "{first}）：这不是本排车方案的名单，请勿照发；请换回本排车方案生成的名单，或重新规划该批次",
    ),
    "edited_list_not_plans_one": (
        "{name} was edited since the plan was written, and puts {count} worker where"
        " plan.json does not ({first}): it is not this plan's list; do not hand"
        " it out: put back the list this plan wrote, or plan the batch again",
        "{name} 在排车方案生成后被改动过，且有 {count} 名员工与 plan.json 所排不符（第一条："
        "{first}）：这不是本排车方案的名单，请勿照发；请换回本排车方案生成的名单，或重新规划该批次",
    ),
    "unassigned_listed_elsewhere": (
        "{name}: worker {worker} (row {row}) is listed, but plan.json has them {where}",
        "{name}：列有员工 {worker}（第 {row} 行），但 plan.json 中此人{where}",
    ),
    "unassigned_stage_differs": (
        "{name}: worker {worker} (row {row}) is unassigned at {stage}, plan.json says "
        "{planned} (on no bus)",
        "{name}：员工 {worker}（第 {row} 行）未安排的环节为 {stage}，plan.json 中为 {planned}"
        "（不乘车）",
    ),
    "unassigned_not_listed": (
        "{name}: worker {worker} (row {row}) is unassigned in plan.json (on no bus) "
        "but is not listed",
        "{name}：plan.json 中员工 {worker}（第 {row} 行）未安排（不乘车），但未列出",
    ),
    "self_return_not_listed": (
        "{name}: worker {worker} returns on their own in plan.json (on no bus) but is not listed",
        "{name}：plan.json 中员工 {worker} 自行返岗（不乘车），但未列出",
    ),
    "arrival_no_bed": (
        "{name}: worker {worker} is listed, but plan.json gives them no bed (they are {where})",
        "{name}：列有员工 {worker}，但 plan.json 中此人没有床位（此人{where}）",
    ),
    "arrival_by_bus": (
        "{name}: worker {worker} arrives by bus {bus}, but plan.json has them {where}",
        "{name}：员工 {worker} 乘车辆 {bus} 到达，但 plan.json 中此人{where}",
    ),
    "arrival_alone": (
        "{name}: worker {worker} arrives on their own, but plan.json has them {where}",
        "{name}：员工 {worker} 自行到达，但 plan.json 中此人{where}",
    ),
    "arrival_differs": (
        "{name}: worker {worker} (bus {bus}) arrives {date} room {room} bed {bed}, "
        "plan.json says {planned_date} room {planned_room} bed {planned_bed}",
        "{name}：员工 {worker}（车辆 {bus}）到达为 {date} {room} 房 {bed} 床，"
        "plan.json 中为 {planned_date} {planned_room} 房 {planned_bed} 床",
    ),
    "arrival_reason_not_plans": (
        '{name} row {row}: worker {worker} is quarantined, it says, for "{says}", but'
        ' plan.json holds "{planned}"',
        "{name} 第 {row} 行：员工 {worker} 的隔离原因写为“{says}”，但 plan.json 中为“{planned}”",
    ),
    # A plan.json written before it kept each one's cause knows only this much.
    "arrival_reason_differs": (
        '{name} row {row}: worker {worker} is quarantined, it says, for "{says}", but in'
        " plan.json they are bound there on their own account (health code, origin's risk,"
        " screening or keep-together group), not for sharing a bus",
        "{name} 第 {row} 行：员工 {worker} 的隔离原因写为“{says}”，但 plan.json 中此人"
        "本人须隔离（健康码、来源地风险、筛查或同行组），并非同车随行",
    ),
    "arrival_not_listed": (
        "{name}: worker {worker} has a bed in plan.json (and is {where}) but is not listed",
        "{name}：plan.json 中员工 {worker} 有床位（此人{where}），但未列出",
    ),
    "to_call_extra": (
        "{name}: worker {worker} is listed, but plan.json does not list them to call "
        "(they are {where})",
        "{name}：列有员工 {worker}，但 plan.json 中此人不在待联系名单上（此人{where}）",
    ),
    "to_call_missing": (
        "{name}: worker {worker} is to be called in plan.json (they are {where}) but is not listed",
        "{name}：plan.json 中员工 {worker} 需要联系（此人{where}），但未列出",
    ),
    "to_call_bus_differs": (
        "{name}: worker {worker} boards {says}, plan.json says another bus: {planned} ({where})",
        "{name}：员工 {worker} 的上车信息为 {says}，plan.json 中为另一辆车：{planned}（{where}）",
    ),
    "to_call_differs": (
        "{name}: worker {worker} boards {says}, plan.json says {planned} ({where})",
        "{name}：员工 {worker} 的上车信息为 {says}，plan.json 中为 {planned}（{where}）",
    ),
    "to_call_travel_differs": (
        "{name}: worker {worker}'s travel says {says}, but plan.json has them {where}",
        "{name}：员工 {worker} 的返岗方式为 {says}，但 plan.json 中此人{where}",
    ),
    "no_bus": ("no bus", "不乘车"),
    "list_header_bad": ("{name}: its header is not the list's", "{name}：表头不是该名单的表头"),
    "book_no_list": ("{name}: no sheet of the {list} list", "{name}：没有{list}名单的工作表"),
    "book_no_later_list": (
        "{name}: no sheet of the {list} list, though the returnbus that wrote its plan writes one",
        "{name}：没有{list}名单的工作表，而写出其排车方案的 returnbus 会写此表",
    ),
    # As their sheets are titled (`labels.LABELS`'s sheet_*), not their keys.
    "list_unassigned": ("Unassigned", "未安排"),
    "list_self_return": ("Self-return", "自行返岗"),
    "list_arrivals": ("Dormitory arrivals", "宿舍到达"),
    "list_to_call": ("To call", "待联系"),
    # -- verify: its own lines
    "verify_ok": ("every rule holds", "所有规则均满足"),
    "verify_ok_superseded": (
        "every rule holds, but this folder is superseded: do not hand out its papers",
        "所有规则均满足，但本文件夹的排车方案已被取代：请勿分发其中的单据",
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


def listed(parts: Sequence[str]) -> Text:
    """Items of a list, one after the other (``,`` in English, ``、`` in Chinese)."""
    return Text("_listed", parts=tuple(parts))


def by_count(key: str, count: int, keys: Collection[str] = CATALOGUE) -> str:
    """``key``, or its ``{key}_one`` form when ``count`` is 1 and ``keys`` has
    one: English agrees in number (1 row, 2 rows) where Chinese does not change."""
    one = f"{key}_one"
    return one if count == 1 and one in keys else key


def each_said(english: str, chinese: str) -> Text:
    """Words that are no sentence of the catalogue yet differ by language (the
    headers a column may have): ``english`` in English, ``chinese`` in Chinese
    (either may be a `Text`, said in its language)."""
    return Text(_EACH, en=english, zh=chinese)


def headed_column(header: str, field: str = "") -> Text:
    """A roster column as a row's problem names it, ``header`` as the roster
    heads it and ``field`` what it holds.  English says it is a column, and
    what it holds where the header is not English (column "健康码" (health
    code): missing), so that no English sentence opens with a bare Chinese
    word; Chinese says a Chinese header bare (健康码：缺失), and an English one
    (health_code, mobile) by what it holds, as the desk heads it."""
    holds = f"column_holds_{field}"
    if holds not in CATALOGUE:
        return each_said(Text("column_headed", header=header), header)
    if header.isascii():
        return each_said(Text("column_headed", header=header), Text(holds))
    return each_said(Text("column_headed_holding", header=header, holds=Text(holds)), header)


def first_ids(ids: Sequence[str], most: int = 10) -> Text:
    """The first ``most`` of ``ids``, listed in the desk's language, then
    "..." when there are more (a message gives the count of all)."""
    return listed([*ids[:most], *(["..."] if len(ids) > most else [])])


#: What the system said of a file, by its errno, for the desk.
_SYSTEM_SAYS = {
    errno.EACCES: "os_no_permission",
    errno.EPERM: "os_no_permission",
    errno.ENOENT: "os_not_found",
    errno.ENOSPC: "os_disk_full",
    errno.EDQUOT: "os_disk_full",
    errno.EROFS: "os_read_only",
    errno.EBUSY: "os_busy",
    errno.EXDEV: "os_other_disk",
    errno.ENOTEMPTY: "os_not_empty",
    errno.EISDIR: "os_is_folder",
    errno.ENOTDIR: "os_not_folder",
    errno.ENAMETOOLONG: "os_name_too_long",
    errno.ELOOP: "os_link_loop",
    errno.EEXIST: "os_in_the_way",
}


def system_said(error: OSError) -> str:
    """Why the system refused a file, in the catalogue's words where known
    (the system's own English otherwise)."""
    key = _SYSTEM_SAYS.get(error.errno or 0)
    return Text(key) if key else (error.strerror or type(error).__name__)


#: A word every shell (cmd, PowerShell, sh) reads as one as written: a path
#: of these characters (Chinese among the \w) is typed without quotes.
_PLAIN_WORD = re.compile(r"[\w@+=:,./\\-]+")


def typed(path: object) -> str:
    """``path`` as a desk types it into a command: in double quotes when it
    holds a space or a character a shell reads (cmd, PowerShell and sh each
    take a double-quoted path as one word)."""
    text = str(path)
    return text if _PLAIN_WORD.fullmatch(text) else f'"{text}"'


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
    (or when the catalogue no longer knows its key).  A reason written by an
    earlier returnbus is read as this one would write it (`_as_of_now`,
    `_ACTION_APART`), so that it is said whole in either language."""
    if not doc or not _known(doc):
        return english
    try:
        said = _text_from(doc)
    except (KeyError, IndexError, ValueError):
        # Values this catalogue cannot say (a shape `_as_of_now` does not
        # know, a part of a key since gone): the words the plan was written
        # with, whole, not a plan refused or a sentence with a hole.
        return english
    # The reason itself only: a new plan's is `joined` with its action, whose
    # parts (read below) are these keys too.
    action = _ACTION_APART.get(said.key)
    return joined([said, Text(action)]) if action else said


def _known(doc: Mapping[str, Any]) -> bool:
    key = doc.get("key")
    return isinstance(key, str) and _RENAMED.get(key, key) in (*CATALOGUE, *_SEPARATORS, _EACH)


def _text_from(doc: Mapping[str, Any]) -> Text:
    """The sentence ``doc`` of plan.json; KeyError for a key the catalogue
    does not know, or values it does not take."""
    if not _known(doc):
        raise KeyError(doc.get("key"))
    args = {k: _arg_from(v) for k, v in doc.get("args", {}).items()}
    key, args = _as_of_now(_RENAMED.get(doc["key"], doc["key"]), args)
    return Text(key, **args)


#: Keys plan.json may hold under a name the catalogue has since changed.
_RENAMED: Mapping[str, str] = {"long_number_batch_action": "batch_as_text_action"}


#: Reasons whose values plan.json held otherwise before: the stay of a late
#: rider without a bed was a bare number of nights, the message saying the
#: noun; it is now a counted phrase (1 night, 2 nights), the noun in it.
_NIGHTS_COUNTED = ("no_bed_late", "no_bed_late_last", "no_bed_moved", "no_bed_moved_last")

#: Reasons that said what to do themselves, before it moved to an entry of its
#: own (check's report gives it its own column): a reason of plan.json so
#: keyed, not `joined` with its action as a new plan writes it, is given it.
_ACTION_APART: Mapping[str, str] = {
    "too_coarse": "too_coarse_action",
    "too_coarse_why": "too_coarse_action",
    "outside_area": "outside_area_action",
    "group_too_big": "group_too_big_action",
}


def _as_of_now(key: str, args: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The key and values of a sentence of plan.json as this catalogue takes
    them, for a plan written before they changed shape."""
    nights = args.get("nights")
    if key in _NIGHTS_COUNTED and isinstance(nights, int):
        return key, args | {"nights": Text(by_count("night_count", nights), count=nights)}
    if key == "outside_hours" and "pickup_from" not in args:
        return "outside_hours_arrival", args
    column = args.get("column")
    if key == "row_problem" and isinstance(column, str) and not isinstance(column, Text):
        # The roster's header alone, which English opened with (健康码: missing),
        # or before ca870e4 the field's key (health_code), which is what it holds.
        return key, args | {"column": headed_column(column, column)}
    return key, args


#: key -> (English, Chinese) separator of `joined` and `listed`.
_SEPARATORS: Mapping[str, tuple[str, str]] = {"_joined": ("; ", "；"), "_listed": (", ", "、")}
#: The key of `each_said`: its values are the words in each language.
_EACH = "_each"


#: Placeholders holding a count of things (workers, buses, rows): a whole
#: number of them is said grouped by thousands, "1,234 人", as the km and
#: the plan's figures are (`desk_values`).  Not a row's or a batch's number,
#: nor a value echoed as the desk wrote it: those are said as written (the
#: rows' numbers a sentence names are given as text, "2、408", untouched).
COUNTED = frozenset({"count", "rows", "workers", "riders", "buses", "beds", "taken"})


def desk_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` for a sentence or a label: each whole number a `COUNTED`
    placeholder holds grouped by thousands ("1,234"); others as they are."""
    return {k: f"{v:,}" if k in COUNTED and _whole(v) else v for k, v in values.items()}


def _whole(value: object) -> bool:
    """Whether ``value`` is a whole number (numpy's too), not a truth value."""
    return not isinstance(value, bool) and isinstance(value, Integral)


def _render(key: str, args: Mapping[str, Any], lang: Lang) -> str:
    if key == _EACH:
        return say(args[lang], lang)
    if key in _SEPARATORS:
        english, chinese = _SEPARATORS[key]
        return (chinese if lang == "zh" else english).join(say(p, lang) for p in args["parts"])
    english, chinese = CATALOGUE[key]
    values = {k: say(v, lang) if isinstance(v, Text) else v for k, v in args.items()}
    return (chinese if lang == "zh" else english).format(**desk_values(values))


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
        return _text_from(value["text"])
    if isinstance(value, list):
        return tuple(_arg_from(v) for v in value)
    return value
