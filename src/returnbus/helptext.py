"""The command line's ``--help`` in Chinese, the desk's language.

The commands are written with English help (Typer takes it from the
options and docstrings); `in_language` puts the Chinese beside each text
into a built command before it runs, unless the command line asks for
``--lang en``.  Each English text is its own key, so a help text changed or
added without its Chinese fails the test that every text has one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.console import Console
from rich.text import Text
from typer import rich_utils

from .linebreak import FillingConsole

#: Typer's panel titles and marks, in Chinese.
_PANELS = {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "REQUIRED_LONG_STRING": "[必填]",
    "DEFAULT_STRING": "[默认：{}]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "DEPRECATED_STRING": "（已弃用）",
}
_ENGLISH_PANELS = {name: getattr(rich_utils, name) for name in _PANELS}
#: Typer's maker of the console its help and errors are drawn on (None if a
#: release of Typer renames it: the help is then drawn as Typer draws it).
_TYPER_CONSOLE = getattr(rich_utils, "_get_rich_console", None)
#: The kinds of value an option takes, as Typer shows them, in Chinese.
_KINDS = {
    "<path>": "<路径>",
    "<str>": "<文字>",
    "<int>": "<整数>",
    "<int range>": "<整数>",
    "<float>": "<数字>",
    "<float range>": "<数字>",
}
#: The kinds Typer names after a bound ("<int range>") in English: the bound
#: itself is shown beside the kind ([x>=1]), so the kind says only what is
#: written, as the Chinese does.
_ENGLISH_KINDS = {"<int range>": "<int>", "<float range>": "<float>"}

CHINESE: dict[str, str] = {
    "Plan buses, pickup points and quarantine beds to bring workers back to a district.": (
        "为复工返岗规划包车、上车点和隔离床位。"
    ),
    "Print the version and exit.": "显示版本号后退出。",
    "Show this message and exit.": "显示本说明后退出。",
    "Plan one batch: roster, geocode, screen, cluster, route, beds, then write the outputs.\n\n"
    "The same inputs and settings give the same plan. Beds and buses that other\n"
    "batches hold in the ledger stay theirs; the batch is then recorded in the\n"
    "ledger (planning it again replaces its earlier entries).": (
        "规划一个批次：读名单、定位住址、筛查、合并上车点、排车、分配床位，然后写出全部文件。\n\n"
        "同样的输入和设置得出同样的排车方案。台账里其他批次占用的床位和车辆仍归它们；"
        "本批次随后记入台账（再次规划会替换它先前的记录）。"
    ),
    "The scenario file (scenario.toml) naming the roster and settings.": (
        "方案文件（scenario.toml），写明名单和各项设置。"
    ),
    "Folder for plan.json, summary.json, map.html, manifests/ ...": (
        "输出文件夹：plan.json、summary.json、map.html、manifests/ 等。"
    ),
    "Safety time limit of the routing search, in seconds (overrides "
    "solver.time_limit_seconds); the search normally ends on its iteration budget.": (
        "排车搜索的保险时限，单位秒（覆盖 solver.time_limit_seconds）；"
        "搜索通常在迭代次数用完时结束。"
    ),
    "Routing random seed (overrides solver.seed).": "排车随机种子（覆盖 solver.seed）。",
    "PyVRP iterations per sector of the routing search (overrides solver.iterations; "
    "by default a budget by the batch's size).": (
        "排车搜索每个扇区的 PyVRP 迭代次数（覆盖 solver.iterations；默认按批次规模定）。"
    ),
    "The batch to plan (as the roster's batch column (返岗批次) writes it, e.g. 第二批 or 2); "
    "needed when the roster holds several.": (
        "要规划的批次（名单的“返岗批次”，如 第二批 或 2）；名单含多个批次时必填。"
    ),
    "The campaign ledger (SQLite) of the beds and buses other batches hold; this batch is "
    "recorded in it (default: ledger.sqlite beside the scenario).": (
        "整个返岗行动的台账（SQLite），记录其他批次占用的床位和车辆；本批次也记入其中"
        "（默认：方案文件旁的 ledger.sqlite）。"
    ),
    "The campaign ledger (SQLite) of the beds and buses other batches hold; the batch is "
    "recorded in it (default: the ledger the earlier plan was recorded in, else "
    "ledger.sqlite beside the scenario).": (
        "整个返岗行动的台账（SQLite），记录其他批次占用的床位和车辆；本批次也记入其中"
        "（默认：先前排车方案记入的台账，没有时用方案文件旁的 ledger.sqlite）。"
    ),
    "Processes that share the routing search (0: every core; default: solver.workers or "
    "every core). The plan is the same whatever the number.": (
        "分担排车搜索的进程数（0：每个 CPU 核一个；默认：solver.workers 或每核一个）。"
        "进程数不影响排车方案。"
    ),
    "Where the sub-searches run: 'local' (processes on this machine, the default) "
    "or 'dask' (a Dask cluster: --scheduler, or a local one). The plan is the same.": (
        "分区搜索在哪里运行：local（本机进程，默认）或 dask（Dask 集群：--scheduler，"
        "或在本机启动一个）。排车方案相同。"
    ),
    "With --executor dask: the scheduler's address (tcp://host:8786); "
    "without it a local Dask cluster of --workers processes is started.": (
        "与 --executor dask 一起用：调度器地址（tcp://host:8786）；"
        "不给则在本机启动一个 --workers 个进程的 Dask 集群。"
    ),
    "Language of the papers, lists, map and messages: zh or en (default: the "
    "scenario's \\[output] lang, else zh).": (
        "单据、名单、地图和提示信息的语言：zh（中文）或 en（英文）"
        "（默认：方案文件的 \\[output] lang，未设时为中文）。"
    ),
    "Language of this command's messages: zh or en (default: the plan's own, "
    "its \\[output] lang).": (
        "本命令提示信息的语言：zh（中文）或 en（英文）（默认：排车方案自己的 \\[output] lang）。"
    ),
    "Language of this command's messages and of the sheets --out writes for the desk: zh "
    "or en (default: the later plan's \\[output] lang).": (
        "本命令提示信息及 --out 写给调度台的工作表的语言：zh（中文）或 en（英文）"
        "（默认：后一个排车方案的 \\[output] lang）。"
    ),
    "Language of this command's messages: zh (default) or en.": (
        "本命令提示信息的语言：zh（默认，中文）或 en（英文）。"
    ),
    "Language of the messages and of the --out file: zh or en (default: the "
    "scenario's \\[output] lang, else zh).": (
        "提示信息和 --out 文件的语言：zh（中文）或 en（英文）"
        "（默认：方案文件的 \\[output] lang，未设时为中文）。"
    ),
    "Language of the messages and of the geocode_note column: zh (default) or en.": (
        "提示信息和 geocode_note 列的语言：zh（默认，中文）或 en（英文）。"
    ),
    "Also write registration forms with full ID numbers, for the police only.": (
        "另写一份含完整身份证号的登记表，仅供公安使用。"
    ),
    "Show debugging detail (never personal data).": "显示调试细节（不含个人信息）。",
    "Plan a batch again after drop-outs, additions or edits, changing as little as "
    "possible.\n\n"
    "Re-plans add up: what made the earlier plan stands (drop-outs stay out,\n"
    "locked buses stay locked, closed stops stay closed) until an edit says\n"
    "otherwise (unlock, restore). Locked buses and those marked announced\n"
    "(\\[replan] announced) keep their riders, stops and times except for\n"
    "drop-outs and the desk's moves; a moved worker boards the receiving bus\n"
    "at its nearest stop and no one else changes bus; other buses keep their\n"
    "ids and stops; additions go into free seats first, then onto new buses.\n"
    "The new plan is checked as `verify` does before it replaces anything.\n"
    "Lists who changed bus, stop, pickup time, drop-off, arrival or seat.": (
        "有人退出、新增或调度台改动后重新规划一个批次，尽量少改。\n\n"
        "重新规划逐次累积：先前排车方案的依据继续有效（退出的人不再上车，锁定的车仍锁定，"
        "关闭的上车点仍关闭），直到改动另有说明（解锁、恢复）。锁定的车和已通知的车"
        "（\\[replan] announced）除退出者和调度台的调动外保持乘客、站点和时间不变；"
        "被调走的人在接收车辆最近的站点上车，其他人不换车；其余车辆保持车号和站点；新增的人先坐空座，"
        "再上新车。新排车方案先按 verify 的标准检查，通过后才替换。列出换车、换站点、"
        "上车时间、下车点、到达时间或座位有变的人。"
    ),
    "The output folder of the earlier plan.": "先前排车方案的输出文件夹。",
    "Folder for the new plan.": "新排车方案的输出文件夹。",
    "Workers who dropped out: a CSV or XLSX with a worker_id (工号) column, or a single "
    "column of ids pasted from Excel, with or without its header (a title row above it "
    "is passed over).": (
        "退出的人员：含 worker_id（工号）列的 CSV 或 XLSX；从 Excel 粘贴的单独一列工号也可读取，"
        "有无表头均可（其上方的标题行会跳过）。"
    ),
    "Late additions: roster rows in any accepted roster format (CSV, XLSX, or a list "
    "pasted from Excel into a text file, tab-separated).": (
        "新增人员：任何可读名单格式的名单行（CSV、XLSX，或从 Excel 粘贴到文本文件中、"
        "以制表符分隔的名单）。"
    ),
    "The desk's edits, a CSV or XLSX: an action column (move, lock, close, unlock, "
    "restore; transfer, 调车 and 换车 are read as move) and the ids each needs: move "
    "worker_id onto bus_id; lock or unlock bus_id; close point_id; restore worker_id. "
    "E.g. the header action,worker_id,bus_id and a row move,W00204,B18e16e.": (
        "调度台的改动，CSV 或 XLSX：“操作”列填 移动、锁定、关闭、解锁 或 恢复"
        "（或英文 move、lock、close、unlock、restore；调车、换车 和 transfer 按 移动 读取），"
        "再填各自要的编号：移动 填 工号 和 车号"
        "（把该员工调上该车），锁定、解锁 填 车号，关闭 填 上车点，恢复 填 工号。"
        "例：表头 操作,工号,车号，一行 移动,W00204,B18e16e。"
    ),
    "The scenario, if not where the earlier plan was made from.": (
        "方案文件，若不是先前排车方案所用的那个。"
    ),
    "Take only this batch's rows from --add (needed when the file holds several batches; "
    "it must be the earlier plan's batch).": (
        "只取 --add 中这一批次的行（文件含多个批次时必填；须是先前排车方案的批次）。"
    ),
    "Re-plan from a folder whose files were changed since it was written, that comes "
    "from another scenario, or that the ledger has since replaced; or into a folder "
    "holding a plan another ledger records (with a warning).": (
        "即使文件夹里的文件写出后被改过、来自另一个方案文件，或在台账中已被更新的排车方案取代，"
        "或要写入的文件夹中是另一个台账记录的排车方案，也照样重新规划（会给出警告）。"
    ),
    "Plan into a folder that holds a plan another ledger records, or one of another "
    "campaign, replacing it (with a warning); or start a new --ledger while the "
    "scenario's own records other batches.": (
        "即使文件夹中是另一个台账记录的排车方案，或另一次返岗的排车方案，也照样规划并替换它"
        "（会给出警告）；或在方案文件旁的台账已记有其他批次时，仍按 --ledger 新建台账。"
    ),
    "Plan the bundled Jiangjin sample (sample_data/jiangjin), regenerated if absent.": (
        "规划随附的江津示例（sample_data/jiangjin），缺失时重新生成。"
    ),
    "Output folder.": "输出文件夹。",
    "Compare two plans: every worker whose bus, stop, pickup time, drop-off,\n"
    "arrival or seat changed, buses added or removed, every worker whose quarantine\n"
    "bed changed, and the figures side by side (a re-plan, or two what-ifs).": (
        "比较两个排车方案：车辆、站点、上车时间、下车点、到达时间或座位有变的每个人，增减的车辆，隔离床位有变的每个人，"
        "以及两边的数字对照（重新规划前后，或两种假设）。"
    ),
    "A plan's output folder (or its plan.json).": "一个排车方案的输出文件夹（或其 plan.json）。",
    "Another plan of the same batch.": "同一批次的另一个排车方案。",
    "Write the workers who changed to this CSV or XLSX (buses, figures and beds beside it).": (
        "把有变动的人员写入这个 CSV 或 XLSX（车辆、数字和隔离床位另写在旁边）。"
    ),
    "Write a synthetic scenario: scenario.toml, roster, employers, dormitories. No real "
    "people.\n\n"
    "With --batches K the roster's 返岗批次 column spreads the workers over K\n"
    "batches four days apart, each with its own \\[\\[batch]] table.": (
        "写出一套合成的方案文件：scenario.toml 及其名单、企业、宿舍。没有真实人员。\n\n"
        "给出 --batches K 时，名单的“返岗批次”列把人员分到相隔四天的 K 个批次，"
        "每批有自己的 \\[\\[batch]] 表。"
    ),
    "Folder to write the scenario into.": "写入方案文件的文件夹。",
    "How many roster rows to make.": "名单行数。",
    "Random seed: the same seed gives the same files.": "随机种子：同一种子得出同样的文件。",
    "Spread the roster over this many batches.": "把名单分成这么多个批次。",
    "Check a written plan: capacity, ride and duration caps, times, each worker once,\n"
    "beds; and, given its folder, that every file in it belongs to that plan unchanged,\n"
    "that its manifests, registration forms, seat maps, driver's sheets, bed list and\n"
    "the desk's lists (while unedited) say what the plan says, worker by worker, that\n"
    "the ledger records this plan of the batch and holds its beds as the plan does, that\n"
    "no other batch holds its rooms on its nights or the cleaning days around them, and\n"
    "that the buses all batches hold on its days are within its fleet.": (
        "检查写出的排车方案：载客量、乘车和行程时长上限、时间、每人只出现一次、床位；"
        "给出文件夹时，还检查其中每个文件都属于该排车方案且未被改动，"
        "乘车人员名单、乘客信息登记表、座位图、司机行车单、床位表和调度台名单（未编辑时）"
        "逐人与排车方案一致，"
        "台账记录的正是本批次的这个排车方案、其床位与之一致，"
        "其房间在其入住期间及前后清洁期内未被其他批次占用，"
        "以及其出车日各批次占用的车辆不超出其车队。"
    ),
    "plan.json, or the output folder holding it.": "plan.json，或包含它的输出文件夹。",
    "The roster the plan was made from: its rows (in a roster of several batches, those "
    "of the plan's batch) are counted without the roster reader, and each must be "
    "accounted for in the plan.": (
        "排车方案所依据的名单：不经名单读取程序直接清点其行（多批次名单只数本批次的行），"
        "每一行都须在排车方案中有着落。"
    ),
    "Check a roster without planning: every problem with its row, column and what to do."
    "\n\nPhones and ID numbers are masked in what is printed and written.": (
        "只检查名单、不做规划：列出每个问题所在的行、列和处理办法。\n\n"
        "显示和写出的内容中，电话和身份证号都已打码。"
    ),
    "The roster, CSV or XLSX, or the scenario.toml whose roster to check (default: the one "
    "the --scenario names).": (
        "要检查的名单（CSV 或 XLSX），或写明该名单的方案文件 scenario.toml"
        "（默认：--scenario 中写明的名单）。"
    ),
    "A scenario.toml: its employers, column mapping and rules are checked too.": (
        "一个 scenario.toml：同时检查其中的企业、列名对应和规则。"
    ),
    "Also write every issue to this CSV or XLSX file.": "另把每个问题写入这个 CSV 或 XLSX 文件。",
    "Text encoding of a CSV roster (default: the scenario's \\[roster] encoding, else "
    "detected: UTF-8, GBK/GB18030, ...).": (
        "CSV 名单的文字编码（默认：方案文件的 \\[roster] encoding；没有时自动识别："
        "UTF-8、GBK/GB18030 等）。"
    ),
    "Sheet of an XLSX roster (default: the scenario's \\[roster] sheet, else the first "
    "sheet not hidden).": (
        "XLSX 名单的工作表（默认：方案文件的 \\[roster] sheet；没有时用第一个未隐藏的）。"
    ),
    "Text encoding of a CSV roster (detected when not given: UTF-8, GBK/GB18030, ...).": (
        "CSV 名单的文字编码（不给则自动识别：UTF-8、GBK/GB18030 等）。"
    ),
    "Sheet of an XLSX roster (the first sheet not hidden when not given).": (
        "XLSX 名单的工作表（不给则用第一个未隐藏的）。"
    ),
    "Geocode a roster: adds lat, lon (WGS-84), precision, division and a note to each "
    "worker.\n\nThe list's total, signature and note lines and a header pasted again are\n"
    "left out, with a warning. Offline by default, with the gazetteer shipped in\n"
    "the package.": (
        "为名单定位住址：给每位员工的行加上 lat、lon（WGS-84）、精度、行政区划和备注。\n\n"
        "名单末尾的合计、签名、备注行和重复粘贴的表头不是员工，跳过并提示。"
        "默认离线，使用软件自带的地名库。"
    ),
    "A roster with at least a worker id and an address column.": ("至少含工号列和住址列的名单。"),
    "Output file, .csv or .xlsx.": "输出文件，.csv 或 .xlsx。",
    "Use an online geocoder (amap, baidu or nominatim). Off by default: it sends "
    "addresses over the network.": (
        "使用在线地理编码服务（amap 高德、baidu 百度或 nominatim）。默认关闭：它会把住址发到网上。"
    ),
    "The online geocoder's key.": "在线地理编码服务的密钥。",
    "Cache file for online answers, so each address is asked once.": (
        "在线查询结果的缓存文件，每个住址只查询一次。"
    ),
    "System of lat/lon columns without a coord_system (坐标系) column: wgs84, gcj02 or bd09.": (
        "没有“坐标系”列时经纬度列所用的坐标系：wgs84、gcj02 或 bd09。"
    ),
    "Solve a benchmark instance with the planner's routing engine.\n\n"
    "Costs follow the instance family's convention (CVRPLIB: rounded Euclidean;\n"
    "Solomon: distances truncated to one decimal; HFVRP: fixed plus per-distance\n"
    "cost over unrounded distances, divided by 100, as its bks.csv). Routes list\n"
    "customer numbers as in the instance's solution files (depot 0); in a fleet\n"
    "mix, Route #k is driven by the file's vehicle k, as there. With a best\n"
    "known cost (--best, or the .sol or bks.csv published beside the\n"
    "instance), also the gap to it: 100 x (found - best) / best.": (
        "用规划器的排车引擎求解一个基准算例。\n\n"
        "成本按算例族的惯例计算（CVRPLIB：欧氏距离取整；Solomon：距离截到一位小数；"
        "HFVRP：固定成本加按未取整距离的里程成本，除以 100，同其 bks.csv）。"
        "线路按算例解文件的客户编号列出（车场为 0）；混合车队中，Route #k 由文件中的第 k 辆车"
        "行驶，与解文件相同。有已知最优费用时（--best，或与算例一同发布的 .sol 或 bks.csv），"
        "还给出与之的差距：100 × (所得 − 最优) / 最优。"
    ),
    "A CVRPLIB .vrp file (CVRP or HFVRP) or a Solomon .txt file.": (
        "一个 CVRPLIB .vrp 文件（CVRP 或 HFVRP）或 Solomon .txt 文件。"
    ),
    "Search time in seconds.": "搜索时间，单位秒。",
    "Random seed.": "随机种子。",
    "Also stop after this many iterations (repeatable runs).": (
        "迭代这么多次后也停止（便于重复运行得到同样结果）。"
    ),
    "How many searches run at once, each in its own process (0: one per core); the best is kept.": (
        "同时进行的搜索数，各用一个进程（0：每核一个）；保留最好的。"
    ),
    "Print one JSON object instead of text.": "输出一个 JSON 对象，而不是文字。",
    "The best known cost's file: a solution file ending in 'Cost 27591', or a"
    " bks.csv listing the instance (default: the .sol, else the bks.csv, beside it).": (
        "已知最优费用所在的文件：以“Cost 27591”结尾的解文件，或列有该算例的 bks.csv"
        "（默认：算例旁的 .sol，没有则用旁边的 bks.csv）。"
    ),
    "The campaign ledger: planned batches and the quarantine beds and buses they hold.": (
        "返岗行动台账：已规划的批次及其占用的隔离床位和车辆。"
    ),
    "List the planned batches, the beds in use per dormitory and night, and\n"
    "the buses out per type and day, by batch (a bus is out from leaving the\n"
    "depot until it is back and its crew rested); with --scenario, against\n"
    "the fleet, naming the days over it.": (
        "列出已规划的批次、各宿舍每晚占用的床位，以及每天各车型在用的车辆（按批次；"
        "车辆从离开车场到返回且司机休息完毕都算在用）；给出 --scenario 时对照车队，"
        "并列出超出车队的日期。"
    ),
    "The campaign's scenario: each day's buses are shown against its fleet (a batch's "
    "own \\[\\[batch.fleet]] where it has one), and the days over it named.": (
        "本次返岗的方案文件：每日在用车辆对照其车队（批次有自己的 \\[\\[batch.fleet]] 时"
        "用批次的），并列出超出车队的日期。"
    ),
    "The ledger file (ledger.sqlite).": "台账文件（ledger.sqlite）。",
    "Language of this command's messages: zh (default) or en. The scenario's "
    "papers, lists and map follow its \\[output] lang.": (
        "本命令提示信息的语言：zh（默认，中文）或 en（英文）。单据、名单和地图的语言"
        "由方案文件的 \\[output] lang 设定。"
    ),
    "Print one JSON object: batches, nightly occupancy, vehicles by day, and the fleet "
    "by type and day.": (
        "输出一个 JSON 对象：批次、每晚床位占用、每天车辆，以及按车型、日期的车队占用。"
    ),
    "Free a worker's quarantine bed early.\n\n"
    "A room holds one batch at a time: another batch is given it (this bed\n"
    "with it) once every bed of it is free and the room is cleaned.": (
        "提前释放某人的隔离床位。\n\n"
        "一个房间同时只住一个批次：房间内床位全部空出并清洁后，才分给其他批次（包括此床位）。"
    ),
    "The worker id (工号) whose bed is freed.": "释放床位的人员工号。",
    "The morning the worker leaves the bed (YYYY-MM-DD).": (
        "该人员离开床位的那天上午（YYYY-MM-DD）。"
    ),
}


def in_language(command: Any, *, english: bool) -> Any:
    """``command`` (a built click command: Typer carries its own copy of
    click in newer releases, so it is not typed here) and its subcommands
    with help texts in Chinese, unless ``english``; Typer's help panels are
    titled alike."""
    for name, chinese in _PANELS.items():
        setattr(rich_utils, name, _ENGLISH_PANELS[name] if english else chinese)
    context = command.context_class
    formatter = getattr(context.formatter_class, "english", context.formatter_class)
    context.formatter_class = formatter if english else _usage_in_chinese(formatter)
    _name_kinds(command, english=english)
    _fold_long_words()
    _help_console(english=english)
    if not english:
        for item in _helped(command):
            item.help = CHINESE.get(item.help, item.help)
    _summaries_on_one_line(command)
    return command


def _summaries_on_one_line(command: Any) -> None:
    """Each subcommand's line in its group's list: the first paragraph of
    its help, its line breaks as spaces (Typer's Rich list keeps a
    docstring's breaks, which cut the sentence short in the column)."""
    for each in _commands(command):
        if each is not command and each.help and not each.short_help:
            first = each.help.split("\n\n", 1)[0]
            each.short_help = " ".join(first.split())


def _name_kinds(command: Any, *, english: bool) -> None:
    """Each parameter's kind of value in the help's language (in English,
    "<int>" for Typer's "<int range>"); a flag takes none, so it shows none.
    (An argument's metavar would rename it in the usage line: its kind is
    said in its own column only.)"""
    for each in _commands(command):
        context = each.context_class(each)
        helping = each.get_help_option(context)
        if not english and each.options_metavar == "[OPTIONS]":
            each.options_metavar = "[选项]"
        if not english and getattr(each, "subcommand_metavar", None) == "COMMAND [ARGS]...":
            each.subcommand_metavar = "命令 [参数]..."
        for param in (*each.params, *([helping] if helping else [])):
            if param.metavar is not None:
                continue
            if getattr(param, "is_flag", False):
                param.metavar = ""
                continue
            kind = param.display_type_rich(ctx=context)
            if english and kind not in _ENGLISH_KINDS:
                continue  # Typer's own words, as Typer shows them
            kind = (_ENGLISH_KINDS if english else _KINDS).get(kind, kind)
            if param.param_type_name == "argument":
                param.display_type_rich = lambda ctx, kind=kind: kind
            else:
                param.metavar = kind


def help_texts(command: Any) -> Iterator[str]:
    """Every help text of ``command`` and its subcommands."""
    return (item.help for item in _helped(command))


def _helped(command: Any) -> Iterator[Any]:
    """``command``, its subcommands, their parameters and help options: each
    that has a help text."""
    for each in _commands(command):
        helping = each.get_help_option(each.context_class(each))
        for item in (each, *each.params, *([helping] if helping else [])):
            if getattr(item, "help", None):
                yield item


def _commands(command: Any) -> Iterator[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


def _usage_in_chinese(formatter: Any) -> Any:
    """Click's help formatter with its usage line headed in Chinese
    (``english``: the formatter it came from)."""

    class Chinese(formatter):  # type: ignore[misc]
        english = formatter

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    return Chinese


def _help_console(*, english: bool) -> None:
    """Typer's help (and its errors) drawn on a `FillingConsole` unless
    ``english``: Typer's own console breaks lines at spaces only, so a
    Chinese sentence with a file name in it was one long word, folded
    wherever its column ended ("输出文件夹：plan.json、su" / "mmary.json").
    English help keeps Typer's console, unchanged.

    Typer has no setting for that console: this replaces its private
    ``rich_utils._get_rich_console``, here only (tests/test_cli.py fails
    if Typer renames it)."""
    if _TYPER_CONSOLE is None:
        return
    rich_utils._get_rich_console = _TYPER_CONSOLE if english else _filling_console


def _filling_console(stderr: bool = False) -> Console:
    """Typer's help console, as Typer sets it up, filling Chinese lines."""
    assert _TYPER_CONSOLE is not None  # set only when Typer has one
    return FillingConsole.filling(_TYPER_CONSOLE(stderr=stderr))


def _fold_long_words() -> None:
    """Let Typer's help texts break inside a word: a Chinese sentence has no
    spaces, and Rich cuts a word too long for its column with an ellipsis
    (in English too: a settings key, or a line with Chinese words in it)."""
    make = getattr(rich_utils, "_make_rich_text", None)
    if make is None or getattr(make, "folds", False):
        return

    def folding(*args: Any, **kwargs: Any) -> Any:
        text = make(*args, **kwargs)
        if isinstance(text, Text):
            text.overflow = "fold"
        return text

    folding.folds = True  # type: ignore[attr-defined]
    rich_utils._make_rich_text = folding
