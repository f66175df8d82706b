"""Every word `gongshi` prints, in Simplified Chinese and in the plan's own vocabulary.

One home for the wording, so an officer reads the same terms in every command
and a test (`tests/test_messages.py`) can keep English from creeping back in.
Each message is a `str.format` template; YAML field names, file names, option
names and values typed by the officer appear in quotes or as they are written,
everything else is Chinese. Code that reports a problem formats one of these;
it never writes its own sentence.
"""

from __future__ import annotations

# --- where and what -------------------------------------------------------------

WARNING = "警告："
ERROR = "错误："
LINE = "第{line}行"

# --- reading a YAML file (yamlsrc) ------------------------------------------------

FILE_MISSING = "文件不存在"
FILE_UNREADABLE = "无法读取：{reason}"
FILE_TOO_BIG = "文件有 {size:,} 字节，超过上限 {limit:,} 字节"
FILE_NOT_UTF8_GBK = "文件不是 UTF-8 编码（看起来是 Windows 编辑器保存的 GBK 编码）；请另存为 UTF-8 编码"
FILE_NOT_UTF8 = "文件不是 UTF-8 编码；请另存为 UTF-8 编码"
FILE_EMPTY = "文件是空的"
YAML_SYNTAX = "YAML 格式错误：{detail}"
YAML_ALIAS = "不允许使用 YAML 别名 '*{anchor}'；请把内容完整写出"
YAML_TOO_DEEP = "内容嵌套超过 {depth} 层"
YAML_COLUMN = "（第{column}列）"
YAML_UNCLOSED = "{what}（第{column}列）没有闭合"
YAML_OPENED_BRACKET = "这里的 '{bracket}'"
YAML_OPENED_QUOTE = "这里的引号"
YAML_NEEDS_SPACE = "应写作 '字段名: 内容'，冒号后要有一个空格（第{column}列）"
YAML_SECOND_DOCUMENT = "这里开始了第二个文档（'---'）；一个数据文件只能有一个文档"
YAML_HINT_COLON = "；内容中含有 ': ' 时请加引号，或改用 '|' 多行写法"
YAML_HINT_TAB = "；请用空格缩进，不要用制表符"
YAML_HINT_INDENT = "；请检查这一行的缩进"
YAML_PROBLEM = "这里的写法无法识别"
OFFICIAL_NAME_UNKNOWN = "“{name}”不是方案中的{word}或单位；名称须与同一文件夹中 plan.yaml 的{word}名录或单位名录的写法完全一致"
YAML_BLOCK_NOT_INDENTED = "'{key}: |' 下面的文字没有缩进；请在这一行起的每一行文字前加两个空格（比上一行的字段名多缩进两格），直到下一个字段"
# PyYAML's own words for what it found, in Chinese; anything else is "cannot be read here".
YAML_PROBLEMS = {
    "mapping values are not allowed here": "这里不能出现 ': '",
    "found character '\\t' that cannot start any token": "这里有制表符",
    "found character": "这里有无法识别的字符",
    "expected <block end>, but found '<block mapping start>'": "这一行的缩进与上下文不一致",
    "expected <block end>, but found '<block sequence start>'": "这一行的缩进与上下文不一致",
    "expected <block end>, but found '-'": "列表项“- ”的缩进与上下文不一致",
    "expected <block end>, but found '<scalar>'": "这一行的缩进与上下文不一致",
    "expected <block end>, but found '?'": "这一行的缩进与上下文不一致",
    "found undefined tag handle": "这里有未定义的 YAML 标记",
    "found unexpected end of stream": "文件在这里意外结束",
    "found unknown escape": "双引号中有无法识别的转义符 '\\'",
    "expected ',' or ']', but got '<stream end>'": "列表的 ']' 没有闭合",
    "expected ',' or '}', but got '<stream end>'": "'}' 没有闭合",
    "expected ',' or ']', but got": "方括号中的列表写法有误",
    "expected ',' or '}', but got": "花括号中的写法有误",
    "found duplicate anchor": "YAML 锚点重复",
    "expected alphabetic or numeric character, but found": "YAML 锚点或别名的名称有误",
}
YAML_TAG = "不允许使用 YAML 标记 '{tag}'；请直接写内容"
YAML_TAG_MISFIT = "内容与 YAML 标记 '!!{tag}' 不符；请去掉标记直接写内容"
KEY_NOT_PLAIN = "字段名只能是普通文字"
KEY_BAD_CHARACTER = "字段名含有{what}；请重新输入"
DUPLICATE_KEY = "字段重复（第{line}行已经写过）"
BAD_CHARACTER = "含有 U+{code:04X}（{what}）；请删除它或重新输入这段文字"
INVISIBLE = {
    "\u000b": "从 Word 粘贴带来的手动换行符",
    "\u000c": "从 Word 粘贴带来的分页符",
    "\u200b": "零宽空格",
    "\u200c": "零宽非连接符",
    "\u200d": "零宽连接符",
    "\u2028": "Unicode 行分隔符",
    "\u2029": "Unicode 段分隔符",
    "\u2060": "零宽不折行符",
    "\ufeff": "文字中间的字节顺序标记",
}
CONTROL_CHARACTER = "控制字符"
INVALID_CHARACTER = "无效字符"

# --- one field (schema.check_value) -----------------------------------------------

REQUIRED_MISSING = "缺少必填字段"
EMPTY = "不能为空"
EXPECTED_MAPPING = "应为若干“字段名: 内容”，实际是{got}"
EXPECTED_TEXT = "应为文字，实际是{got}"
EXPECTED_WHOLE_NUMBER = "应为整数，实际是{got}"
EXPECTED_BOOL = "应为 true 或 false，实际是{got}"
EXPECTED_LIST = "应为列表（每项以“- ”开头），实际是{got}"
TOO_LONG = "文字有 {chars:,} 个字，超过上限 {limit:,} 个字"
AT_LEAST = "不能小于 {minimum}，实际是 {got}"
NOT_ONE_OF = "应为以下之一：{words}；实际是 '{got}'"
DID_YOU_MEAN = "是否应为 '{name}'？"
KIND_MAPPING = "若干“字段名: 内容”"
KIND_LIST = "列表"
KIND_NOTHING = "空值"
EXPECTED_DATE = "应为日期，写作 年-月-日（如 2026-12-01），实际是{got}"
DATE_WRITE_AS = "日期请写作 {iso}（年-月-日，月和日各两位），不要写作 '{got}'"
DATE_NO_MONTH = "'{got}' 不是有效日期：没有 {month} 月"
DATE_NO_DAY = "'{got}' 不是有效日期：{year}年{month}月只有 {days} 天"
UNKNOWN_FIELD = "未知字段；{hint}"
KNOWN_FIELDS = "可用的字段：{names}"

# --- files and folders ------------------------------------------------------------

IS_A_FOLDER = "这是一个文件夹；{kind}文件直接放在 {folder}/ 下"
WRONG_SUFFIX = "{kind}文件以 .yaml 结尾；请改名，或移出 {folder}/"
KIND_NOTICE = "公示"
KIND_DRAFT = "公示草稿"
UNKNOWN_DATA_FOLDER = (
    "gongshi 不读取这个文件夹，其中的文件不会发布（data/ 中只能有这些文件夹：{known}）；请改回原名，或移出 data/{hint}"
)
WITHDRAWN_BEFORE_START = (
    "撤回日期 {date} 早于公示开始日期 {start}；撤回日期应是撤下公示的当天（不早于 {start}）。"
    "尚未在网站上公开过的公示不必撤回，直接删除文件或改为草稿（移到 data/drafts/）即可；已经公开过的公示不能删除，请改正撤回日期"
)
ELSEWHERE_AFTER_START = "在其他渠道发布的日期 {date} 晚于公示开始日期 {start}；公示期从最先发布之日算起，请把 'start' 改为 {date}，或改正发布日期"
START_NOT_WORKDAY = "{start}（{weekday}）不是工作日（按国务院办公厅节假日安排）；公示应从工作日开始，下一个工作日是 {next}"
NAME_START_DIFFERS = "文件名 {file} 写的开始日期是 {named}，文件中的 'start' 是 {start}；请改正其中之一，使两者一致"
NAME_TASK_DIFFERS = "文件名 {file} 写的是第{named}项整改任务，文件中的 'task' 是 {task}；请改正其中之一，使两者一致"
KIND_PROGRESS = "年度整改进展"
NO_DATA_FOLDER = "找不到 data/ 文件夹；请在项目文件夹中运行 gongshi，或用 --root 指定项目文件夹"
SITE_FILE_MISSING = "文件不存在；请从随附的 data/site.yaml 复制一份"
CONTACT_NEEDS_ONE = "'phone'、'email'、'address' 至少填写一项，以便群众反映异议"
CONTACT_PHONE_FORM = "联系电话“{phone}”中没有可拨打的号码；请写出完整号码，如 0477-8581234"
CONTACT_EMAIL_FORM = "电子邮箱“{email}”不是有效的邮箱地址（应有“@”和域名，不含空格）；请改正，或留空"
HOTLINE_NUMBER_FORM = "热线号码“{number}”只能由数字和 '-' 组成，如 12345、0477-12369；热线名称请写在 'name' 中"
HOTLINE_TWICE = "热线号码 {number} 已在第 {line} 行列出；每条热线只写一次"
NO_PLAN = "没有找到整改方案；请添加 data/plans/<方案编号>/plan.yaml"
PLAN_FOLDER_NAME = "方案文件夹名只能由小写字母、数字和 '-' 组成"
SHARED_SLUG = "网址名 '{slug}' 在这里是“{name}”，在方案 '{other_plan}' 中却是“{other}”"
SHARED_NAME = "“{name}”在这里的网址名 'slug' 是 '{slug}'，在方案 '{other_plan}' 中却是 '{other}'"

# --- plans ---------------------------------------------------------------------------

TASK_TITLE_NOT_OWN = (
    "标题“{title}”不是第{no}项整改任务自己的文字；请从本项的“问题”“整改目标”或所属问题的标题中原样摘取连续的一段"
)
TASK_TITLE_TOO_LONG = "标题有 {chars} 个字，超过 {limit} 个字；请摘取更短的一段，说明整改什么即可（涉及的{word}由网站显示在标题后的括号中）"
TASK_TITLE_TWICE = "标题“{title}”已是第{no}项整改任务的标题；每项任务的标题应各不相同，请再多取几个字加以区分"

SLUG_FORM = "'{slug}' 只能由小写字母、数字和 '-' 组成"
SLUG_TAKEN = "'{slug}' 已在第{line}行使用"
NAME_TAKEN = "“{name}”已在第{line}行列出"
INSPECTION_END_BEFORE_START = "{end} 早于开始日期 {start}"
GIVE_PARAGRAPH = "至少写一段"
GIVE_MEASURE = "至少写一条整改措施"
GIVE_TASK = "至少写一项整改任务"
NO_ACCEPTANCE_UNIT = "没有写出牵头验收的单位"
NOTICE_NO_ACCEPTANCE_UNIT = (
    "第{task}项整改任务没有验收单位（方案未列），验收销号须由排名第一位的验收单位牵头；"
    "请先在 {file} 第{line}行起的这项任务中填写 'acceptance_units'，再为它建立公示"
)
EXPECTED_CHAPTER = "应为第{expected}章，实际是 {got}"
EXPECTED_PROBLEM = "应为第{expected}个问题，实际是 {got}"
EXPECTED_TASK = "应为第{expected}项整改任务，实际是 {got}"
TASK_TWICE = "第{no}项整改任务已在第{line}行写过"
PROBLEM_NOT_IN_CHAPTERS = "问题 {no} 不在 {file} 的 'chapters' 中"
PROBLEM_OUT_OF_ORDER = "问题 {no} 排在问题 {last} 之后；请按方案的顺序排列整改任务"
PROBLEM_WITHOUT_TASK = "问题 {no} 在 tasks.yaml 中没有整改任务"
UNKNOWN_UNIT_IN_PLAN = "单位“{unit}”不在 {file} 的 'units' 中{hint}"
UNIT_UNUSED = "“{unit}”没有被任何整改任务提到"

# --- 验收销号公示 (notices) ------------------------------------------------------------

NOTICE_FILE_NAME = (
    "文件名只能由小写字母、数字和 '-' 组成，以字母或数字开头（如 2026-11-23-task12.yaml）；"
    "它就是这份公示在网站上的地址"
)
UNKNOWN_PLAN = "没有编号为 '{plan}' 的整改方案（已有方案：{known}）"
NONE = "无"
NO_TASK = "方案 '{plan}' 没有第{task}项整改任务（整改任务为第{span}项）"
SCOPE_EMPTY = "是空列表；整项任务公示时请删去 'scope'"
LISTED_TWICE = "“{name}”重复列出"
UNKNOWN_BANNER = "方案 '{plan}' 没有{word}“{name}”{hint}（{word}：{known}）"
NOT_A_BANNER_OF_TASK = "“{name}”不是第{task}项整改任务涉及的{word}（涉及：{listed}）"
TASK_NAMES_NO_BANNER = "第{task}项整改任务不涉及具体{word}；请删去 '{field}'"
WORKDAYS_TOO_FEW = "公示期应当不少于{minimum}个工作日，实际是 {got}"
ACCEPTANCE_UNIT_NOT_OF_TASK = "“{unit}”不是第{task}项整改任务的验收单位{hint}（验收单位：{allowed}）"
CO_UNIT_IS_LEAD = "“{unit}”已写在 'acceptance.unit'；'co_units' 只写其他配合验收的单位"
ACCEPTANCE_AFTER_START = "验收销号意见的日期（{date}）晚于公示开始日期（{start}）"
COMPLETED_AFTER_APPLIED = "完成整改日期（{completed}）晚于申请验收日期 'applied'（{applied}）"
APPROVED_BEFORE_ACCEPTANCE = "市生态环境保护委员会同意日期（{approved}）早于验收销号意见的日期（{date}）"
APPROVED_AFTER_START = "市生态环境保护委员会同意日期（{approved}）晚于公示开始日期（{start}）；应当先经同意再公示"
APPLIED_LATE = (
    "申请验收日期（{applied}）在完成整改（{completed}）后第{days}个工作日；"
    "整改完成后应当在10个工作日内提出验收申请"
)
OUTCOME_PENDING_RESOLVED = "待核实的异议没有核实日期；核实后请把 'outcome' 改为 异议成立 或 异议不成立"
RESOLVED_REQUIRED = "'outcome' 为 {outcome} 时必须填写：核实结论的日期"
RECEIVED_BEFORE_START = "{received} 早于公示开始日期（{start}）"
OBJECTIONS_ORDER = "异议应按收到日期先后填写；{received} 早于 {previous}（'{where}'）"
RESOLVED_BEFORE_RECEIVED = "{resolved} 早于收到异议的日期（{received}）"
CLOSED_OUT_IN_WINDOW = "{closed_out} 不在公示期满之后；公示期到 {end} 届满"
CLOSED_OUT_UPHELD = "第{index}条异议（第{line}行）经核实成立，整改任务应重新整改，不能凭这份公示销号"
CLOSED_OUT_PENDING = "第{index}条异议（第{line}行）尚在核实；请先记录核实结果"
CLOSED_OUT_BEFORE_RESOLVED = "{closed_out} 早于第{index}条异议（第{line}行）的核实日期（{resolved}）"
RECEIVED_AFTER_CLOSE_OUT = (
    "第{index}条异议收到于 {received}，在销号（{closed_out}）之后；请作为新的问题处理，不要记在这份公示上"
)
WINDOWS_OVERLAP = (
    "公示期 {start} 至 {end} 与公示 '{other}'（{other_start} 至 {other_end}）重叠，"
    "都是第{task}项整改任务（{shared}）"
)
BOTH_WHOLE_TASK = "两份公示都是整项任务"
ONE_WHOLE_TASK = "其中一份是整项任务"
BOTH_COVER = "都涉及{names}"

# --- 年度整改进展 (progress reports) ---------------------------------------------------

REPORT_FILE_NAME = "文件名应为{rule}"
REPORT_RULE_ONE_PLAN = "报告所属年度，如 2025.yaml"
REPORT_RULE_SEVERAL = "<年度>-<方案编号>.yaml，如 {example}"
REPORT_NEEDS_PLAN = "本网站有多个整改方案：文件名请写作 <年度>-<方案编号>.yaml，如 {example}"
REPORT_UNKNOWN_PLAN = "文件名中的方案编号有误：{problem}"  # problem: model.plan_by_id's UNKNOWN_PLAN
REPORT_TWICE = "方案 '{plan}' 的 {year} 年度整改进展已在 {first} 中"
REPORT_PUBLISHED_YEAR = "{year} 年度的整改进展应在 {year} 年或 {next} 年发布，而不是 {published}"
REPORT_TASKS_EMPTY = "是空列表；请填写每项尚未销号的整改任务"
REPORT_PLAN_DIFFERS = "'{plan}' 与文件名中的方案（'{named}'）不一致"
STATUS_FROM_NOTICES = "；验收销号的状态来自 data/notices/ 和整改时限，不由年度整改进展填写"
TASK_ALREADY_REPORTED = "第{task}项整改任务已在第{line}行填写"
NO_MEASURE = "第{task}项整改任务没有第{no}条整改措施（整改措施为第{span}条）"
MEASURE_ALREADY_REPORTED = "第{no}条整改措施已在第{line}行填写"
MEASURES_EMPTY = "是空列表；请填写每条整改措施的进展"
BANNER_PROGRESS_NO_TEXT = (
    "缺少进展情况；请填写该{word}的进展情况 'progress'，或逐条填写该{word}各项整改措施的进展 'measures'（no 为措施序号，"
    "progress 为进展情况），至少填写其中一项"
)
REPORT_ENTRY_NO_STATUS = (
    "缺少进展状态；请填写整项任务的进展状态（已完成、达到序时进度或进展滞后）和各条整改措施的进展，"
    "或只填写已报回的分{word}进展 'banners'（整项任务的进展状态在填写前显示为本年度未报告）"
)
REQUESTED_AFTER_PUBLISHED = "{requested} 晚于本报告的发布日期（{published}）"
FOUND_AFTER_PUBLISHED = "{found} 晚于本报告的发布日期（{published}）"

# --- working-day calendar ---------------------------------------------------------------

CALENDAR_NOT_FOLDER = "应为存放 <年份>.yaml 文件的文件夹"
CALENDAR_FILE_NAME = "文件名应为 <4位年份>.yaml"
CALENDAR_IS_FOLDER = "这是一个文件夹"
CALENDAR_NAME_RULE = "{what}；节假日安排文件以年份命名，如 {example}"
CALENDAR_SOURCE_YEAR = "没有写明 {year} 年；请写本年度通知的名称，如 {title}"
CALENDAR_NO_HOLIDAYS = "没有列出任何日期；请列出通知中的每个放假日"
CALENDAR_WORKDAY_WEEKDAY = "{day} 是{weekday}；'workdays' 只列调休上班的星期六和星期日"
CALENDAR_BOTH = "{day} 也列在 'holidays' 中（第{line}行）；一天要么放假，要么上班"
CALENDAR_OTHER_YEAR = "{day} 不在 {year} 年；本文件只写 {year} 年"
CALENDAR_TWICE = "{day} 重复列出（第{line}行已列）"
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
CALENDAR_KNOWN_LIBRARY = "chinese-calendar 收录了 {first}–{last} 年"
CALENDAR_KNOWN_FILES = "，{folder}/ 另有 {years} 年"
CALENDAR_ADD = "请根据国务院办公厅的节假日安排（{title}）添加 {file}"
CALENDAR_GAP = "没有 {year} 年的官方工作日安排：{known}；{add}"
CALENDAR_STALE_BEGUN = "没有 {year} 年的官方工作日安排，而该年已经开始：{add}"
CALENDAR_STALE_SOON = (
    "官方工作日安排只到 {until}，距 {today} 还有 {left} 天，尚无 {year} 年的安排：通知发布后{add}"
)
WINDOW_AT_LEAST_ONE = "公示期至少 1 个工作日，实际是 {days}"

# --- command line ---------------------------------------------------------------------

CLI_DATE = "{name}：应为日期，写作 年-月-日（如 2026-12-01），实际是 '{got}'"
CLI_DATE_WRITE_AS = "{name}：日期请写作 {iso}（年-月-日），不要写作 '{got}'"
CLI_EPOCH = "SOURCE_DATE_EPOCH：应为自 1970 年起的秒数，实际是 '{got}'"
CLI_EPOCH_RANGE = "SOURCE_DATE_EPOCH：{got} 秒超出可表示的日期范围；请改为自 1970 年起的秒数，或删除该环境变量"
CLI_OK = "检查通过：{plans}个整改方案，{tasks}项整改任务，{notices}份验收销号公示，{reports}份年度整改进展"
CLI_KEPT = "保留手写页面 content/{path}"
CLI_BUILT = "已生成网站 {target}（数据截至 {day}）"
CLI_BUILD_WAITING = "该项目的另一次生成正在进行，等待其完成后再生成……"
CLI_READY_WAITING = "该项目的另一次生成或发布正在进行，等待其完成后再检查并发布……"
CLI_BUILD_FAILED = "生成网站失败，原网站保持不变：{detail}"
CLI_WINDOW = "{start} 起 {days} 个工作日 → {end} 届满"
CLI_WORKDAYS = "工作日："
CLI_NOT_WORKDAY = "--start：{day}（{weekday}）不是工作日；下一个工作日是 {next}"
CLI_GAP = "--start：{gap}"
CLI_EXISTS = "{path}：文件已存在；请直接修改它，或换一个 --start 或 --scope"
CLI_WROTE = "已写出 {path}"
CLI_PERIOD = "公示期：{start} 至 {end}（共{days}个工作日）"
CLI_NEXT = "下一步：填写标有“待填写”的字段，运行 gongshi check；填完后运行 gongshi notice ready {path} 发布"
CLI_DRAFTS_OK = "草稿：{count}份（在 data/drafts/ 中，不发布），其中{ready}份已填写完整，可用 gongshi notice ready 发布"
CLI_DRAFTS = "草稿（在 data/drafts/ 中，不发布）："
CLI_DRAFT_READY = "已填写完整，{start} 开始；运行 gongshi notice ready {path} 发布"
CLI_DRAFT_TODO = "还有{count}处待改；运行 gongshi check 查看"
CLI_READY_NOT_DRAFT = "{path}：不是 data/drafts/ 中的草稿文件；请给出 gongshi notice new 写出的文件"
CLI_READY_EXISTS = "{path}：文件已存在，草稿未移动；请改用另一个文件名，或删去其中一份"
CLI_READY_REFUSED = "{path}：草稿未移动；请按上面各行修改后再运行 gongshi notice ready"
CLI_READY_PAST = (
    "{path}：开始日期 {start} 已过（今天是 {today}），草稿未移动；公示期从在网站上公开之日起计算，"
    "请把 'start' 和文件名中的日期改为 {earliest} 或以后的工作日；此前已在其他渠道发布的，请填写 'published_elsewhere'"
)
CLI_READY_MOVED = "已移到 {path}：{start} 起在网站上公示（开始日期之前不出现在网站上）"
CLI_SEVERAL_PLANS = "--plan：本网站有 {count} 个整改方案（{known}）；请指定一个"
# A plan, task or 旗区 an option names that the data does not have: the option, then model.NotFound's sentence.
CLI_OPTION = "{option}：{problem}"
CLI_AS_OF = "数据截至 {day}"
CLI_QUEUED = "待发布（开始日期之前不出现在网站上）："
CLI_OPEN = "公示中："
CLI_AWAITING = "公示期满，待记录销号："
CLI_OBJECTIONS = "异议核实中："
CLI_NONE = "  无"
CLI_QUEUED_DETAIL = "{start} 开始，{end} 届满"
CLI_OPEN_DETAIL = "{end} 届满，还剩{left}个工作日"
CLI_AWAITING_DETAIL = "{end} 已届满"
CLI_OBJECTION_DETAIL = "收到异议：{days}"
CLI_SEARCH_MISSING = "生成搜索索引：没有安装 Pagefind（pip install 'pagefind-bin-extended==1.4.0'）"
CLI_SEARCH_CANNOT_RUN = "生成搜索索引：无法运行 Pagefind（{path}）：{reason}"
CLI_SEARCH_FAILED = "生成搜索索引：Pagefind 出错：{said}"
# Shown by the search page above the results when a query names a task number no plan has
# (overrides/search.html; written into the search bundle by generator/search.py).
SEARCH_NO_SUCH_TASK = "方案共有{count}项整改任务，没有第{no}项"
SEARCH_NO_SUCH_TASK_PLANS = "本站{plans}个方案分别有{counts}项整改任务，都没有第{no}项"

# Help texts of the commands and options.
HELP_MAIN = "gongshi（公示）：把整改方案的年度整改进展和验收销号公示发布为静态网站。"
HELP_ROOT = "项目文件夹，其中有 data/、content/ 和 mkdocs.yml（默认：当前文件夹）。"
HELP_CHECK = "检查 data/ 下的全部数据，以及 content/、overrides/ 中会让构建卡住的特殊文件；无问题时退出码为 0，有问题时逐行列出，退出码为 1。"
HELP_BUILD = "生成网站到 site/（全部成功后才整体替换）。"
HELP_AS_OF = "计算状态所依据的日期（默认：北京时间今天）。"
HELP_BUILD_AS_OF = "数据截至日期：正式网站只能是今天（北京时间）；其他日期请同时加 --preview。"
HELP_PREVIEW = "生成预览网站（可按任何日期，默认生成到 preview/<日期>/），不是正式网站，不能写到正式网站目录中。"
HELP_REBUILD_RECORD = "正式网站的公开记录丢失或损坏、又没有备份时，按 data/ 中的数据重建公开记录（会记入网站的公开记录）。"
HELP_CLEAN = "删除被终止的生成留下的临时目录、被终止的命令在 data/ 和 输出/ 中留下的一小时前的临时文件，以及 preview/ 中的预览网站（不删除正式网站和其他文件）。"
HELP_SITE_DIR = "网站输出到哪个文件夹（默认：site/）。"
HELP_SERVE = "本地预览网站；data/、content/ 或 overrides/ 改动后自动重新生成。"
HELP_DEV_ADDR = "预览网站的地址和端口；地址中有冒号时写在方括号中，如 [::1]:8000（只写地址时端口为8000）。"
# Metavar of `gongshi progress import`'s files (click would say FILES...).
METAVAR_WORKBOOKS = "表格文件..."
HELP_WORKDAYS = "计算从开始日期起若干个工作日（默认10个）的公示期在哪一天届满。"
HELP_DAYS = "公示期的工作日数。"
HELP_JSON = "以 JSON 输出：'start'、'days'、'end'、'workdays'。"
HELP_EXPORT = "以 JSON 输出开放数据。"
HELP_EXPORT_TASKS = "全部整改方案的全部整改任务及其在该日期的状态，与按该日期生成的网站上的 api/tasks.json 相同。"
HELP_NOTICE = "验收销号公示：新建一份公示，或列出每份公示的进度。"
HELP_NOTICE_NEW = "写出草稿 data/drafts/<开始日期>-task<N>[-<旗县（市、区）网址名>].yaml，列出要填写的全部字段；草稿不发布，不会覆盖已有文件。"
HELP_NOTICE_READY = "草稿填写完整后，把它从 data/drafts/ 移到 data/notices/ 发布；有任何问题则不移动。"
HELP_TASK = "整改任务在方案中的序号。"
HELP_START = "公示开始日期（工作日）。"
HELP_SCOPE = "本次公示涉及的旗县（市、区），可重复；默认：整项任务。"
HELP_PLAN = "方案编号（网站有多个整改方案时必须指定）。"
HELP_NOTICE_LIST = "公示队列：待发布、公示中、期满待销号、异议核实中，以及 data/drafts/ 中的草稿。"

# click's own words (usage, option lists, errors), by click's English text.
CLICK = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing {param_type} '{param_hint}'.": "缺少{param_type} '{param_hint}'。",
    "argument": "参数",
    "option": "选项",
    "parameter": "参数",
    "Invalid value: {message}": "取值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的取值无效：{message}",
    "No such option: {name}": "没有选项：{name}",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不需要取值。",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个取值。",
    "Positional arguments": "参数",
    "{value!r} is not a valid boolean. Recognized values: {states}": "'{value}' 不是 true 或 false。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "unknown error": "未知错误",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "{name} {filename!r} is not readable.": "{name} '{filename}' 不可读。",
    "{name} {filename!r} is not writable.": "{name} '{filename}' 不可写。",
    "{name} {filename!r} is not executable.": "{name} '{filename}' 不可执行。",
    "Did you mean {possibility}?": "是否应为 {possibility}？",
    "(Possible options: {possibilities})": "（可用的选项：{possibilities}）",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个取值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个取值。",
    "Got unexpected extra argument ({args})": "多出了参数（{args}）",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}）",
    "{value!r} is not a valid {number_type}.": "'{value}' 不是有效的数字。",
    "{value!r} is not a valid boolean.": "'{value}' 不是 true 或 false。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value} is smaller than the minimum valid value {min}.": "{value} 小于最小值 {min}。",
    "{value} is larger than the maximum valid value {max}.": "{value} 大于最大值 {max}。",
    "{value!r} is not {choice}.": "'{value}' 不是 {choice}。",
    "{value!r} is not one of {choices}.": "'{value}' 不是 {choices} 之一。",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "Aborted!": "已中止。",
    "Directory {name} does not exist.": "文件夹 {name} 不存在。",
    "File {name} is a directory.": "{name} 是文件夹。",
    "Directory {name} is a file.": "{name} 是文件，不是文件夹。",
    "Path {name} does not exist.": "路径 {name} 不存在。",
    "{name} {filename!r} does not exist.": "{name} '{filename}' 不存在。",
    "{name} {filename!r} is a directory.": "{name} '{filename}' 是文件夹。",
    "{name} {filename!r} is a file.": "{name} '{filename}' 是文件，不是文件夹。",
    "Directory": "文件夹",
    "File": "文件",
    "Path": "路径",
    "integer": "整数",
    "text": "文字",
    "boolean": "布尔值",
    "float": "小数",
    "directory": "文件夹",
    "file": "文件",
    "path": "路径",
}

# --- the plan's own text (plan_text) ---------------------------------------------------

DEADLINE_SHAPES = (
    "'2025年12月底'、'2025年底前'、'2025年9月30日前'、'2025年上半年'、'2025年12月底取得阶段性成效，长期坚持' 或 '立行立改，长期坚持'"
)
DEADLINE_UNREADABLE = "无法识别整改时限 '{text}'；请按方案原文书写，如 {shapes}"
DEADLINE_MONTH = "'{text}' 中没有 {month} 月"
DEADLINE_NO_SUCH_DAY = "'{text}' 中的日期不存在；请核对方案原文"
UNITS_EMPTY_PART = "'{text}' 中两个 '，' 之间是空的"
UNITS_LEAD_FIRST = "'{part}'：牵头单位应写在最前面"
UNITS_UNREADABLE = "无法识别 '{text}' 中的 '{part}'；各部分之间用 '，' 分隔，单位名称之间用 '、' 分隔"
UNITS_TWICE = "'{text}' 两次写到 '{name}'"
UNITS_JOINT_LEAD = "'{part}'：几个单位一起牵头时应写作 共同牵头"
UNITS_EXCEPT = "'{part}'：只有 各{word} 可以写 （除…）"
UNITS_NOT_BANNER = "'{part}'：'{name}' 不是方案中的{word}{hint}（{word}：{known}）"
NUMERAL_OUT_OF_RANGE = "{n} 无法写成方案的中文序号（只能是 1–99）"

# --- what MkDocs says during `gongshi build` -----------------------------------------------

MKDOCS_SAID = "MkDocs 报告：{message}"
MKDOCS_ABORTED = "生成网站失败：MkDocs 发现 {count} 个问题（见上），原网站保持不变"
MKDOCS_LINK = "页面 '{page}' 中的链接 '{link}' 指向不存在的页面"
MKDOCS_FAILED = "生成网站失败：MkDocs 出错：{detail}"
MKDOCS_STOPPED = "生成网站失败：MkDocs 中止（退出码 {code}）"

# --- the publish check (site_checks.py, build.py) ----------------------------

PUBLISH_LOADS = "site/{rel}：从其他网站加载 {url}"
PUBLISH_MALFORMED = "site/{rel}：格式不正确：{detail}"
PUBLISH_SHOWS = "site/{rel}：在开始日期之前出现了{label}"
WITHHELD_NOTICE = "待发布的公示 {source}"
WITHHELD_REPORT = "尚未发布的年度整改进展 {source}"
PLUGIN_DATA_PROBLEMS = "gongshi：data/ 中有 {count} 个问题"
PLUGIN_NOT_LIVE = (
    "mkdocs build 不能生成正式网站 {path}（它不核对公开记录，也不能整体替换网站）；"
    "正式网站请用 gongshi build 生成；预览请用 gongshi build --preview，或 mkdocs build -d 正式网站以外的目录"
)


# --- The site folder (sitedir.py) and the public record (publication_record.py) -------------------------------

SITE_DIR_PROJECT = "{option} {path}：不能是项目目录或其上级目录，否则生成的网站会替换整个项目；请使用默认的 site/ 或另一个空目录"
SITE_DIR_OWNED = (
    "{option} {path}：不能是、包含或位于项目的 {name}/ 目录，否则生成的网站会替换其中的文件；请使用默认的 site/ 或另一个空目录"
)
SITE_DIR_PARENT_FILE = "{option} {path}：上级路径 {parent} 是文件而不是目录；请换一个目录"
SITE_DIR_NOT_DIR = "{option} {path}：已存在且不是目录；请换一个目录，或先移走它"
SITE_DIR_MOUNT = (
    "{option} {path}：是一个挂载点，无法整体替换；请在其中新建一个子目录作为网站目录，或把网站服务器指向挂载点内的子目录"
)
SITE_DIR_FOREIGN = (
    "{option} {path}：目录中已有其他文件，不是 gongshi 生成的网站，为避免删除这些文件而拒绝生成；请换一个空目录，或先移走其中的文件"
)
SITE_DIR_OLDER = (
    "{path}：正式网站已按 {live} 生成，不能用更早的日期 {day} 替换（已公开的公示会消失）；"
    "预览较早日期的网站请用 gongshi build --preview --as-of {day}（生成到 preview/{day}/）；"
    "如果正式网站是误按将来的日期生成的（例如用 make site AS_OF=… 预览时写进了 site/），待发布的公示可能已提前公开："
    "请从备份恢复网站目录，没有备份时运行 gongshi build --rebuild-record 按今天重新生成（会记入网站的公开记录）"
)
SITE_DIR_INSIDE_LIVE = (
    "{option} {path}：位于正式网站 {live} 之中，网站服务器会把其中的文件公开；请换一个正式网站以外的目录"
)
SITE_DIR_PREVIEW_IS_LIVE = (
    "{option} {path}：是正式网站的目录，预览不能写到这里（会把尚未开始的公示提前公开）；"
    "请省略 --site-dir（预览生成到 preview/<日期>/），或指定正式网站以外的目录"
)
LIVE_AS_OF_NOT_TODAY = (
    "--as-of {day}：正式网站只能按今天（{today}）生成，按其他日期生成会提前公开尚未开始的公示或撤下已公开的内容；"
    "预览某一天的网站请用 gongshi build --preview --as-of {day}（生成到 preview/{day}/），或 make site AS_OF={day}"
)
LIVE_AFTER_TODAY = (
    "{source}：日期 {day} 晚于今天（北京时间 {today}），正式网站不能按将来的日期生成；"
    "请删除该设置，或用 gongshi build --preview --as-of {day} 预览"
)
PREVIEW_BUILT = "已生成预览网站 {target}（数据截至 {day}）；预览不是正式网站，请勿部署"
CLEANED = "已删除 {count} 个被终止的生成或命令留下的临时目录、临时文件和预览目录"
RECORD_NOTICE_GONE = (
    "data/notices/{id}.yaml：这份验收销号公示已于{start}起在网站上公开，数据中却找不到该文件；"
    "已公开的公示不能删除或改名，请恢复该文件（原样放回 data/notices/）；要撤下这份公示，"
    "请在文件中填写 'withdrawn'（撤回日期 'date' 和原因 'reason'），网址保留，页面改为撤回说明"
)
RECORD_NOTICE_REDATED = "网站已公开这份公示自{start}起公示，不能改为{new}；请改回{start}"
RECORD_NOTICE_BACKDATED = (
    "网站按{live}生成时没有这份公示，开始日期却是{start}，发布后会显示为早已开始公示；"
    "公示期从在网站上公开之日起计算，请把 'start' 和文件名中的日期改为 {earliest} 或以后的工作日；"
    "如果本公示此前已在其他渠道（报纸等）发布，请填写 'published_elsewhere'（渠道 'channel' 和发布日期 'date'）"
)
RECORD_REPORT_GONE = (
    "data/progress/：{plan} 的{year}年度整改进展已于{published}在网站上公开，数据中却找不到该文件；"
    "已公开的年度进展不能悄悄删除或改名，请恢复该文件"
)
RECORD_REPORT_REDATED = "网站已于{published}公开这份年度进展，不能改为{new}；请改回{published}"
RECORD_REPORT_BACKDATED = (
    "网站按{live}生成时没有这份年度进展，发布日期却是{published}；"
    "请把 'published' 改为今天或以后的日期"
)
RECORD_WITHDRAWAL_CHANGED = (
    "网站已公开这份公示于{date}撤回，撤回记录不能改为{new}；请把 'withdrawn' 的 'date' 改回{date}（撤回原因可以补充说明）"
)
RECORD_WITHDRAWAL_REMOVED = "（已删除）"
RECORD_WITHDRAWAL_BACKDATED = (
    "网站按{live}生成时这份公示尚未撤回，撤回日期却是{date}，发布后会显示为早已撤回；请把 'date' 改为{live}或以后的日期"
)
RECORD_EVENT_GONE = (
    "data/events/{id}.yaml：这条记录已于{recorded}起在网站上公开，数据中却找不到该文件；"
    "已公开的延期整改和问题反弹不能删除或改名，请恢复该文件（原样放回 data/events/）"
)
RECORD_EVENT_CHANGED = (
    "这条记录已于{recorded}起在网站上公开（{was}），不能改为（{now}）；请改回原样，需要更正时另建一条记录说明"
)
RECORD_EVENT_WORDS = "{plan} 第{task}项 {kind} {scope} 日期{date} 公开于{recorded}"
RECORD_WHOLE_TASK = "整项任务"
RECORD_FEED_EVENT_GONE = (
    "data/events/{id}.yaml：现有网站（上一版本的 gongshi 生成）的订阅中已公开 {plan} 的这条记录，数据中却找不到该文件；"
    "已公开的延期整改和问题反弹不能删除或改名，请恢复该文件（原样放回 data/events/）后再生成"
)
RECORD_CONTENT_CHANGED = (
    "网站自{since}起公开的 '{field}' 是「{was}」，数据中却改成了「{now}」；已公开的内容不能悄悄改写，请改回原样；"
    "确有错误需要更正时，请另建一条记录说明（例如再次延期另建一条延期整改记录），"
    "或由负责人运行 gongshi build --rebuild-record 公开更正（会记入网站的公开记录）"
)
RECORD_FIELD_ABSENT = "（未填写）"
RECORD_WINDOW_MOVED = (
    "网站已公开公示 {id} 的公示期为{start}至{was}，按现在的工作日安排却到{now}结束；"
    "已公开的公示期不能悄悄改动，请核对 data/calendar/ 中的文件（'corrects' 所依据的通知是否确实改变了这几天）；"
    "确需按更正通知改动时，由负责人运行 gongshi build --rebuild-record 公开更正（会记入网站的公开记录）"
)
RECORD_WINDOW_LOG = "{source} 的公示期由「{start}至{was}」更正为「{start}至{now}」"
RECORD_CONTENT_LOG = "{source} 的 '{field}' 由「{was}」更正为「{now}」"
RECORD_CORRECTING = "注意：按 --rebuild-record 的要求，更正已公开的内容（{changes}），并记入网站的公开记录"
RECORD_EVENT_BACKDATED = (
    "网站按{live}生成时没有这条记录，公开日期却是{recorded}，发布后会显示为早已公开；"
    "请填写 'recorded: {live}'（或以后的日期）作为在网站上公开的日期，'date' 仍写发现反弹或批复的日期"
)
RECORD_FILE_MISSING = "{path}：正式网站的公开记录文件不存在"
RECORD_FILE_DAMAGED = "{path}：正式网站的公开记录文件已损坏或被改动，无法读取"
RECORD_FILE_DISAGREES = "{path}：与 {marker} 记录的公开内容不一致（文件被删改过）"
RECORD_MARKED_PREVIEW = (
    "{path}：正式网站目录中的网站标记为按 {day} 生成的预览（预览被复制进了正式网站目录，或标记被改动），"
    "其中没有正式网站的公开记录"
)
RECORD_RECOVER = (
    "{problem}；无法核对已公开的公示、年度进展和延期、反弹记录，为免改写公开记录而拒绝生成。"
    "请从备份恢复整个网站目录后重新生成；没有备份时，确认 data/ 中已公开的记录都在之后，"
    "运行 gongshi build --rebuild-record 按数据重建公开记录（会记入网站的公开记录）"
)
RECORD_NEWER_FORMAT = (
    "{path}：公开记录是更新版本的 gongshi 写的（格式 {format}），本版本无法核对；请把 gongshi 更新到生成该网站的版本后再生成"
)
RECORD_REBUILDING = "注意：按 --rebuild-record 的要求，不核对原有的公开记录（{reason}），按 data/ 中的数据重建公开记录，并记入网站的公开记录"
RECORD_REBUILT_OLDER = "正式网站曾按较晚的日期 {live} 生成，改按 {day} 重新生成"
RECORD_FILLED = (
    "注意：现有网站由上一版本的 gongshi 生成，公开记录中还没有延期整改和问题反弹；本次按数据补记{count}条，以后生成时逐条核对"
)

# --- Failures of the machine, not the data (cli.py) ------------------------------------------------

OS_ERRORS = {
    "ENOSPC": "磁盘已满，请清理磁盘空间后重新生成",
    "EDQUOT": "磁盘配额已用完，请清理磁盘空间后重新生成",
    "EROFS": "所在的文件系统是只读的，请换一个可写的目录",
    "EACCES": "没有读写权限，请检查该目录的权限或换一个目录",
    "EPERM": "不允许修改（可能设置了不可修改属性），请检查该目录或换一个目录",
    "ENOTDIR": "路径中有一部分是文件而不是目录，请检查路径",
    "EISDIR": "这是一个目录而不是文件，请检查路径",
    "EBUSY": "正被占用（可能是挂载点），请换一个目录",
    "ENOENT": "不存在，请检查路径",
    "EXDEV": "与网站目录不在同一文件系统上，请换一个目录",
}
OS_ERROR_OTHER = "系统错误（{reason}），请检查该路径"
OS_ERROR_WHERE = "系统"
SERVE_ADDR_FORM = (
    "--dev-addr {addr}：应为“地址:端口”（端口为1–65535），例如 127.0.0.1:8000；"
    "地址中有冒号时写在方括号中，例如 [::1]:8000"
)
SERVE_PORT_BUSY = "--dev-addr {addr}：端口 {port} 已被占用；请关闭占用它的程序，或换一个端口，例如 --dev-addr {other}"
SERVE_ADDR_IPV6_BRACKETS = (
    "--dev-addr {addr}：地址中有冒号又要写端口时，请把地址写在方括号中，例如 [{host}]:{port}；只写地址时也请加方括号，例如 [{addr}]"
)
SERVE_ADDR_UNUSABLE = "--dev-addr {addr}：不能在这个地址和端口上预览；请用本机地址和1024以上的端口，例如 127.0.0.1:8000"

# --- Files that are not ordinary files, folders that are files (yamlsrc) ----------------------------

SPECIAL_FILE = "这不是普通文件（或指向普通文件的链接），而是{what}，没有读取；请删除它，{replace}"
SPECIAL_REPLACE_YAML = "换成用文本编辑器保存的 UTF-8 文本文件"
SPECIAL_REPLACE_WORKBOOK = "换成用 Excel 或 WPS 保存的 .xlsx 文件"
SPECIAL_REPLACE_PAGE = "换成普通的网页文件（如用文本编辑器保存的 .md 文件）或图片等文件"
LINK_LOOP = "这个文件夹经由链接又回到了它自身所在的位置，构建会无休止地读下去；请删除形成循环的链接"
SPECIAL_FOLDER = "一个文件夹"
SPECIAL_FIFO = "一个命名管道"
SPECIAL_SOCKET = "一个套接字"
SPECIAL_DEVICE = "一个设备文件"
SPECIAL_OTHER = "一个特殊文件"
FILE_BROKEN_LINK = "这是一个链接，但它指向的文件不存在；请删除该链接，换成真正的文件"
FILE_TOO_BIG_GROWING = "文件在读取时超过上限 {limit:,} 字节（可能正被写入）；请等写入完成后再检查"
DATA_NOT_FOLDER = "这不是文件夹（而是一个文件或失效的链接）；{kind}文件应放在文件夹 {folder}/ 中，请把这个文件移走或改名，再建立该文件夹"
OS_ERRORS.update(
    {
        "ELOOP": "链接层层相连、指不到真正的文件，请删除该链接，换成真正的文件",
        "EIO": "磁盘读写出错，请检查磁盘或把文件复制到别处后重试",
        "ENAMETOOLONG": "路径太长，请缩短文件夹或文件名",
        "ENXIO": "这不是普通文件（可能是设备或套接字），请删除它，换成真正的文件",
        "EMFILE": "同时打开的文件太多，请稍后重新运行",
        "EFBIG": "文件大小超过了系统的限制（文件大小上限或磁盘配额），请清理磁盘空间或请管理员放宽限制后重新生成",
    }
)
KIND_EVENTS = "问题反弹、延期整改记录"
PLANS_NOT_FOLDER = "这不是文件夹（而是一个文件或失效的链接）；整改方案应放在 data/plans/<方案编号>/plan.yaml，请把这个文件移走或改名，再建立该文件夹"
CALENDAR_YEAR_RANGE_FIX = (
    "{year} 不在本日历可收录的年份内（{first}–{last}）；请检查文件名中的年份是否写错，"
    "改为该范围内的年份，或删除这个文件"
)
CALENDAR_GAP_OUT_OF_RANGE = (
    "日期在 {year} 年，超出了可收录节假日安排的年份（{first}–{last}）：{known}；"
    "这个年份很可能写错了，请检查并改正日期"
)

# --- The project's own files (build.py) ---------------------------------------------------------------

PROJECT_NO_MKDOCS_YML = "{root}/mkdocs.yml：文件不存在；请在项目文件夹中运行 gongshi（或用 --root 指定），或从项目仓库恢复 mkdocs.yml"
PROJECT_NO_CONTENT = "{root}/content：文件夹不存在（其中有手写的页面）；请从项目仓库恢复 content/ 文件夹"
PROJECT_MKDOCS_YML_BROKEN = "{where}：MkDocs 无法读取这个配置文件；请对照项目仓库中的 mkdocs.yml 改正最近的修改"
FILE_NOT_UTF8_UTF16 = "文件不是 UTF-8 编码（看起来是记事本的“Unicode”，即 UTF-16 编码）；请另存为 UTF-8 编码"
AS_OF_OUT_OF_RANGE = (
    "{source}：数据截至日期 {day} 不在 {first}–{last} 年之间，不可能是本网站的日期；"
    "请检查 --as-of、SOURCE_DATE_EPOCH 或本机时钟"
)
AS_OF_CLOCK = "本机时钟"
WORKBOOK_UNPACKS_TOO_BIG = (
    "工作簿解压后有 {size:,} 字节，超过上限 {limit:,} 字节，不是 gongshi progress template 生成的填报表；"
    "请用 gongshi progress template 重新生成表格后填写"
)
WORKBOOK_UNREADABLE = "不是可以读取的 Excel 工作簿（.xlsx）；请用 Excel 或 WPS 打开后另存为 .xlsx 格式，或用 gongshi progress template 重新生成表格"
DATA_IS_A_FILE = "这不是文件夹；data/ 应是存放数据的文件夹，请把这个文件移走或改名，从备份或项目仓库恢复 data/ 文件夹"
PLAN_NOT_A_FOLDER = "data/plans/ 中只能放方案文件夹；每个方案是一个文件夹 data/plans/<方案编号>/，其中有 plan.yaml 和 tasks.yaml，请把这个文件移进相应的文件夹或移走"
PROJECT_NO_OVERRIDES = "{root}/overrides：文件夹不存在（其中有网站的模板和样式）；请从项目仓库恢复 overrides/ 文件夹"

# --- 问题反弹、延期整改 recorded on their own (task_events.py) -------------------------------------------

NAME_DATE_DIFFERS = "文件名 {file} 写的日期是 {named}，文件中的 'date' 是 {start}；请改正其中之一，使两者一致"
EVENT_OTHER_KIND_FIELD = (
    "'{field}' 是{other}记录的字段，{kind}记录不填写；请删去这一行，或核对 'kind' 是否应为 {other}"
)
EVENT_RECORDED_BEFORE_DATE = (
    "在网站公开的日期 {recorded} 早于 'date'（{day}）；记录不能在发生之前公开，"
    "请改正 'recorded'，或删去它（即从 'date' 当天起公开）"
)
EVENT_LIMIT_NOT_AFTER = "整改期限 {limit} 应晚于发现反弹的日期 {day}；请核对督办通知规定的整改期限"
# data/events/ and yearly reports alike (task_events.closed_out_by); scope: the 旗区 named, or EVENT_WHOLE_TASK.
REBOUND_NOT_CLOSED_OUT = (
    "第{task}项整改任务（{scope}）在{day}或之前没有销号记录；只有已销号的整改任务才会反弹，"
    "请核对发现日期和涉及的范围，或先在 data/notices/ 中记录销号"
)
EVENT_WHOLE_TASK = "整项"
# An extension's and a rebound's rules (task_events.extension_problem, closed_out_by): data/events/ and yearly reports.
EXTENSION_NO_DEADLINE = "第{task}项整改任务的整改时限为“{deadline}”，没有可延期的时限；请核对 'task'"
EXTENSION_NOT_LATER = "延期至 {new} 应晚于原整改时限（{deadline}，即 {date}）；请核对批复中的新时限"
EVENT_NEW_DEADLINE_BEFORE_DATE = (
    "延期至 {new} 不晚于批复日期 {day}；批准延期的新时限应在批复之后，请核对 'new_deadline' 和 'date'"
)
EVENT_REQUESTED_AFTER_DATE = "申请日期 {requested} 晚于批复日期 {day}；应先申请、后批复，请核对 'requested' 和 'date'"
EVENT_EXTENSION_CLOSED_OUT = (
    "{parts}在批复日期 {day} 前已经销号（{notice}，{closed_out} 销号）；已销号的整改任务不再延期整改，"
    "请核对 'scope' 和 'date'，或删除这个文件"
)
EVENT_EXTENSION_ALL_CLOSED_OUT = (
    "第{task}项整改任务在批复日期 {day} 前已全部销号（{notice}，{closed_out} 销号）；已销号的整改任务不再延期整改，"
    "请核对 'task' 和 'date'，或删除这个文件"
)
EVENT_SAME_REBOUND_IN_REPORT = (
    "同一次问题反弹已记录在{report}第{line}行；只保留一处记录（建议保留本文件，并删除年度进展中的 'rebound'）"
)
EVENT_SAME_EXTENSION_IN_REPORT = "同一次延期已记录在{report}第{line}行；只保留一处记录"
EVENT_PUBLISHED_IN_UNKNOWN = "没有{year}年度整改进展报告；'published_in' 填写原先记录这次问题反弹的年度报告的年份"
EVENT_PUBLISHED_IN_BEFORE_FOUND = (
    "{year}年度整改进展于 {published} 发布，早于发现反弹的日期 {day}；请核对 'published_in' 和 'date'"
)
EVENT_PUBLISHED_IN_RECORDED = (
    "这次问题反弹随{year}年度整改进展于 {published} 公开；请删去 'recorded'（公开日期即报告的发布日期）"
)
NOTICE_MEASURE_COMPLETION_MISSING = (
    "没有逐条写第{measures}条整改措施的完成情况；整改完成情况应对照整改措施逐条说明、不得缺项少项，"
    "请在 'completion_by_measure' 中补充（no 为措施序号）"
)
NOTICE_START_UNKNOWN = "待填写"  # NOTICE_APPROVED_REQUIRED's start while the draft's own is missing or wrong
NOTICE_APPROVED_REQUIRED = (
    "这份公示（开始日期 {start}）尚未对外公示；验收销号意见须经市生态环境保护委员会同意后才能公示"
    "（附件 一），请填写 'approved'（委员会同意的日期）"
)
REPORT_REBOUND_UNPUBLISHED = (
    "问题反弹不在年度整改进展中记录：请在 data/events/ 中新建 {file}（'kind' 填 问题反弹，写明 'scope'、"
    "督办通知的整改期限 'limit'），并删除此处的 'rebound'"
)
REPORT_REBOUND_PUBLISHED = (
    "该报告已发布，其中的问题反弹仍然有效，但没有写明反弹范围和整改期限；已发布的报告不再修改，"
    "可将它移到 data/events/（同一发现日期，写明 'scope'、'limit'），今后的问题反弹都在 data/events/ 中记录"
)
EVENT_REBOUND_SCOPE_REQUIRED = (
    "第{task}项整改任务涉及{banners}；问题反弹请在 'scope' 中写明发现反弹的{word}"
    "（整项反弹请列出已销号的全部{word}），只有这些{word}重新整改"
)
EVENT_DATE_BEFORE_PLAN = (
    "{day} 早于本方案所依据的督察报告反馈日期 {plan}，整改中的记录不会早于方案；这个日期很可能写错了（年份？），请核对批复或督办通知"
)
EVENT_DATE_BEYOND_HORIZON = (
    "{day} 比 {base}（整改时限或记录日期中较晚的一个）晚{years}年以上（最晚 {latest}）；"
    "这个日期很可能写错了（年份？），请核对批复或督办通知"
)
EVENT_ESCALATION_BEFORE_FOUND = "报送日期 {date} 早于发现反弹的日期 {day}；请核对 'escalation' 的 'date'"
EVENT_REVIEW_NOT_CLOSED_OUT = (
    "第{task}项整改任务（{scope}）在{day}或之前没有销号记录；“回头看”针对已完成整改并销号的任务，"
    "请核对日期和 'scope'"
)
NOTICE_OBJECTION_PENDING_BEFORE = (
    "第{task}项整改任务（{parts}）在公示 {notice} 中有 {received} 收到的异议，到 {start} 仍在核实；"
    "异议须经核实（附件 一），请先在该公示中记录核实结果（'outcome'、'resolved'），再开始新的公示"
)
# Appended to NOTICE_OBJECTION_PENDING_BEFORE for a notice still queued: a warning until its start.
NOTICE_OBJECTION_PENDING_QUEUED = (
    "；这份公示 {start} 才开始：到那天仍未记录核实结果的，生成网站会被拒绝，请先把它移回 data/drafts/"
)
EVENT_REVIEW_PARTS_OPEN = (
    "第{task}项整改任务的{open}在{day}或之前没有销号（或销号后发现问题反弹、尚未重新销号）；“回头看”只针对已销号的部分，"
    "请在 'scope' 中写明它涉及的已销号旗区（如 {closed}）"
)
EVENT_REVIEW_RESULT = (
    "'result' 应为“{word}”，或“回头看”发现的问题反弹记录的文件名（不含 .yaml）；"
    "没有找到第{task}项整改任务在{day}当天或之后发现的问题反弹记录“{result}”"
)

# --- A calendar file for a year chinese-calendar already has (workcalendar.py) ---------------------

CALENDAR_SAME_AS_OFFICIAL = (
    "与 chinese-calendar 收录的 {year} 年官方安排逐日一致；这个文件可以删除"
)
CALENDAR_CORRECTS_TITLE = (
    "'{value}' 不是通知的标题；'corrects' 请写所依据的更正通知的完整标题（含 {year} 年和“{word}”），"
    "如 国务院办公厅关于调整{year}年部分节假日安排的{word}"
)
CALENDAR_DIFFERS_FROM_OFFICIAL = (
    "chinese-calendar 已收录 {year} 年的官方安排，本文件与之有 {count} 天不同（如 {example}）；"
    "只是抄录官方安排时请删除这个文件，按更正通知修改官方安排时请添加 'corrects:' 写明所依据的通知名称"
)
CALENDAR_CORRECTED_DAY = "{day}（{weekday}）：官方安排{official} → 本文件{file}"
CALENDAR_WORKING = "上班"
CALENDAR_OFF = "放假"

# --- the workbooks (ledger.py, progress_sheet.py) -----------------------------------------------
SHEET_ONLY_CHOOSE = "只能选择：{words}"
SHEET_PAGE_FOOTER = "第 &P 页，共 &N 页"
LEDGER_TITLE = "整改台账（截至{day}）"
LEDGER_PROGRESS = "{year}年度：{status}"
LEDGER_PROGRESS_TEXT = "{head}。{text}"
SHEET_TASK_ROW = "第{no}项：{problem}"
SHEET_BANNER_ROW = "{banner}的进展"
SHEET_PROGRESS_TITLE = "{year}年度整改进展（{plan}）"
SHEET_MISSING = "没有名为“{sheet}”的工作表；请用 gongshi progress template 生成的表格填写"
SHEET_HEADER_CHANGED = "表头已被改动；请用 gongshi progress template 生成的表格填写"
SHEET_NO_TASK = "{problem}；序号、{word}、措施序号列不要修改"  # problem: Plan.task_by_number's NO_TASK
SHEET_NO_MEASURE = "第{no}项整改任务没有第{measure}条整改措施"
SHEET_STATUS_IN_MEASURE_ROW = "整改措施行不填进展状态；请填在该任务的第一行"
SHEET_PROGRESS_IN_TASK_ROW = "任务行只填进展状态；各条整改措施的进展填在下面各行"
SHEET_FILLED_TWO_WAYS = "与 {cell} 填写的不同；同一格只能有一种填法，请统一后重新导入"
SHEET_BANNER_NO_PROGRESS = "已选择{banner}的进展状态，请在同一行填写{banner}的进展情况，或在下面{banner}的各条整改措施行填写进展情况"
SHEET_NO_STATUS = "第{no}项整改任务尚无进展状态：请在该任务的第一行选择进展状态"
SHEET_STATUS_NO_MEASURES = "已选择第{no}项整改任务的进展状态，请在下面各条整改措施行填写进展情况"
SHEET_BANNER_NO_STATUS = "第{no}项整改任务中{banner}尚无进展状态：请在“{row}”一行选择{banner}的进展状态"
SHEET_STATUS_IN_BANNER_MEASURE_ROW = "整改措施行不填进展状态；{banner}的进展状态请填在“{banner}的进展”一行"

# --- What feeds, the calendar and timelines say of each event (feed_events.py, feeds.py) -------------------------

NOTICE_PERIOD = "公示期：{start}至{end}（共{days}个工作日）"
NOTICE_OPEN_SUMMARY = "{period}。公示期内可通过公示页面所列方式提出异议。"
NOTICE_EXPIRED_TITLE = "{task}验收销号公示{outcome}{scope}"
NOTICE_EXPIRED_DISMISSED = "期满，异议经核实不成立"
NOTICE_EXPIRED_PLAIN = "期满无异议"
# /notices/'s 公示期满待销号 section: it also lists notices whose objection was dismissed, so not 无异议.
NOTICES_AWAITING_CAPTION = "公示期满、尚无销号记录的事项"
NOTICE_EXPIRED_SUMMARY = "公示期已于{end}届满，可按程序销号。"
NOTICE_OBJECTION_TITLE = "{task}验收销号公示收到异议{scope}"
NOTICE_UPHELD_TITLE = "{task}验收销号公示异议经核实成立{scope}"
NOTICE_UPHELD_SUMMARY = "异议经核实成立，整改任务重新整改。"
NOTICE_DISMISSED_TITLE = "{task}验收销号公示异议经核实不成立{scope}"
NOTICE_DISMISSED_SUMMARY = "异议经核实不成立，公示按程序继续。"
NOTICE_CLOSED_OUT_TITLE = "{task}已销号{scope}"
NOTICE_CLOSED_OUT_SUMMARY = "{day}销号。"
NOTICE_WITHDRAWN_TITLE = "{task}验收销号公示已撤回{scope}"
NOTICE_WITHDRAWN_SUMMARY = "{period}。本公示已于{day}撤回：{reason}"
TASK_WORDS = "第{task}项整改任务"
REPORT_SUMMARY = "《{plan}》{year}年度整改情况及各项整改措施具体进展（{count}项整改任务）。"
REBOUND_TITLE = "{task}{scope}整改问题反弹，重新整改"  # {task}: titles.task_name
REBOUND_SUMMARY = "{found}{finding}（{notice}）{limit}"
REBOUND_FOUND_ON = "{day}发现："
REBOUND_LIMIT = "限{day}前完成整改。"
LEDGER_MILESTONE = "{ordinal} {text}{progress}"
LEDGER_MEASURE = "整改措施"
LEDGER_MILESTONE_PROGRESS = "：{year}年度进展：{progress}"
REBOUND_ESCALATED = "情节严重，已于{day}报市生态环境保护委员会办公室（{document}）。"
REVIEW_TITLE = "{task}{scope}开展“回头看”"
REVIEW_SUMMARY = "{dated}{document}：{result}"
REVIEW_CONSOLIDATED = "整改成效得到巩固。"
REVIEW_ON = "{day}开展，"
REVIEW_FOUND_REBOUND = "发现整改问题反弹（{day}：{finding}），已要求限期整改。"
EXTENSION_REQUESTED_TITLE = "{task}申请延期整改"
EXTENSION_REQUESTED_SUMMARY = "申请延期至{day}{approved}。原因：{reason}"
EXTENSION_APPROVED_BY = "，经{by}同意"
EXTENSION_NOT_APPROVED = "，尚无批准记录"
EXTENSION_TITLE = "{task}{scope}延期整改"
EXTENSION_SUMMARY = "{dated}经{by}同意延期至{day}（{document}）。原因：{reason}"
PROGRESS_ENTRY_TITLE = "{year}年度整改进展：{status}"
PROGRESS_ENTRY_SUMMARY = "见{year}年度整改进展报告。"
FEED_DESCRIPTION = "{site}：验收销号公示及其结果、年度整改进展"
FEED_BANNER_DESCRIPTION = "{banner}涉及的验收销号公示及其结果、年度整改进展"
CALENDAR_NAME = "{site}：验收销号公示期"
CALENDAR_DESCRIPTION = "验收销号公示的公示期（全天事件，公示期内可提出异议）"
CALENDAR_PAGE = "公示全文：{link}"
CALENDAR_LAST_DAY_SUMMARY = "提出异议的最后一天：{title}"
CALENDAR_LAST_DAY = "{day}是公示期的最后一天：对整改完成情况有异议的，请在当天反映。"
CALENDAR_LAST_DAY_CANCELLED = "本公示已提前结束或撤回，不再受理公示期内的异议；发现问题仍可通过热线反映。"
CONTACT_TEXT_PHONE = "联系电话：{phone}"
CONTACT_TEXT_HOURS = "受理时间：{hours}"
CONTACT_TEXT_EMAIL = "电子邮箱：{email}"
CONTACT_TEXT_ADDRESS = "通信地址：{address}"
CONTACT_TEXT_HOTLINE = "{name}：{number}"
CALENDAR_WITHDRAWN = "{period}。本公示已于{day}撤回。"
CALENDAR_ENDED_EARLY = "{period}。{day}异议经核实成立，公示提前结束，整改任务重新整改。"

# --- Titles (titles.py) and a notice's state, with why (notice_status.py) ----------------------------------------

NOTICE_TITLE = "第{task}项整改任务验收销号公示{scope}"
# An objection by e-mail (the notice page's mailto: link): the subject names the notice, the body what to include.
OBJECTION_MAIL_SUBJECT = "关于{notice}的意见"
OBJECTION_MAIL_BODY = "姓名：\n联系方式：\n具体问题与依据（地点、时间、看到的情况，可附照片）：\n"
NOTICE_HEADLINE = "{subject}验收销号公示"  # subject: 第7项 餐厨垃圾处理设施建设（鄂托克前旗）
TASK_NAME = "第{task}项 {title}"
WHOLE_CITY = "全市"
REPORT_TITLE = "{year}年度整改进展"
REPORT_TITLE_OF_PLAN = "《{plan}》{year}年度整改进展"
NOTICE_NOTE_QUEUED = "{day}开始公示"
NOTICE_NOTE_WITHDRAWN = "{day}撤回"
NOTICE_NOTE_UPHELD = "异议经核实成立（{day}），整改任务重新整改"
NOTICE_NOTE_OBJECTION = "{day}收到异议，正在核实"
NOTICE_NOTE_CLOSED_OUT = "{day}销号"
NOTICE_NOTE_OPEN = "公示期至{day}"
NOTICE_NOTE_EXPIRED_DISMISSED = "公示期已于{day}届满，异议经核实不成立，尚无销号记录"
NOTICE_NOTE_EXPIRED = "公示期已于{day}届满，无异议，尚无销号记录"

# --- The forms, ledger and progress commands (cli.py) ----------------------------------------------------------

# --help is the same for every site, so it names sub-units as pages about plans of different words do:
# 旗县（市、区） (schema.SUBUNIT_WORD_SEVERAL), read naturally where they are 旗区 and where they are 县（市、区）.
METAVAR_BANNER = "旗县（市、区）"
METAVAR_PLAN = "方案编号"
METAVAR_FOLDER = "目录"
METAVAR_XLSX = "文件.xlsx"
METAVAR_YEAR = "年份"
METAVAR_UNIT = "单位"
HELP_FORMS = "按方案附件的四个模板生成验收销号材料（Word 文件），并填好方案中已有的内容。"
HELP_FORMS_SCOPE = "本次验收涉及的旗县（市、区），可重复；默认为整项任务。"
HELP_PLAN_ID = "方案编号（网站有多个方案时必填）。"
HELP_FORMS_OUT = "保存到的文件夹（默认：输出/验收销号材料/第N项整改任务/）。"
CLI_FORM_EXISTS = "{path}: 文件已存在，不会覆盖；请换一个 --out 文件夹，或先移走已有文件"
CLI_FORMS_WRITTEN = "已生成第{task}项整改任务的验收销号材料，共{count}个文件，保存在 {folder}/："
CLI_FORMS_NO_ACCEPTANCE_UNIT = (
    "第{task}项整改任务方案未列验收单位：材料中验收单位处留空，可手工填写；公示前须在 {file} 中填写 'acceptance_units'"
)
CLI_FORMS_FROM_NOTICE = "整改完成情况、验收意见和验收日期取自公示 data/notices/{notice}.yaml"
CLI_FORMS_NO_NOTICE = "尚无这项任务（及{word}）的验收销号公示：整改完成情况留空，请逐条填写"
CLI_FORMS_SIGN = "签字、日期和联系人请在 Word 中填写"
HELP_LEDGER = "整改台账（Excel）：导出。"
HELP_LEDGER_EXPORT = "导出整改台账：每项整改任务一行，各旗县（市、区）情况不同时每个旗县（市、区）一行；与网站上下载的文件相同。"
HELP_LEDGER_OUT = "保存为（默认：输出/整改台账.xlsx）。"
HELP_LEDGER_AS_OF = "按哪一天的状态导出（默认：北京时间今天）。"
CLI_NOT_XLSX = "--out: 文件名应以 .xlsx 结尾（Excel 工作簿），现为 {name}"
CLI_LEDGER_WRITTEN = "已导出整改台账 {path}（截至{year}年{month}月{day}日，共{rows}行）"
HELP_PROGRESS = "年度整改进展：生成填报表格（Excel），导入填好的表格。"
HELP_PROGRESS_TEMPLATE = "生成年度整改进展填报表格：方案原文列锁定，进展状态可从列表中选择，已记录的进展已填好。"
HELP_PROGRESS_YEAR = "报告年度，如 2026。"
HELP_PROGRESS_SCOPE = "只列出涉及这些旗县（市、区）的任务，以及这些旗县（市、区）各自的进展行；可重复。"
HELP_PROGRESS_UNIT = "只列出该单位为责任单位的任务。"
HELP_PROGRESS_OUT = (
    "保存为（默认：输出/<年度>年度整改进展填报表.xlsx；给各旗县（市、区）、各单位的表格在文件名中注明，"
    "如 输出/2027年度整改进展填报表（杭锦旗）.xlsx）。"
)
CLI_NOT_RESPONSIBLE = "--unit: “{unit}”不是方案中任何整改任务的责任单位"
PROGRESS_TEMPLATE_FILE = "{year}年度整改进展填报表.xlsx"
# A 旗区's or a unit's sheet: one file each, so nine 旗区 and twenty units never share a name.
PROGRESS_TEMPLATE_FILE_FOR = "{year}年度整改进展填报表（{whom}）.xlsx"
CLI_TEMPLATE_EXISTS = "{path}: 文件已存在，不会覆盖；请用 --out 指定另一个文件名"
CLI_TEMPLATE_WRITTEN = "已生成 {path}：{tasks}项整改任务，共{rows}行"
CLI_TEMPLATE_FILLED = "已填入 {source} 中记录的进展"
CLI_TEMPLATE_NEXT = "请在“进展状态”“进展情况”两列填写，填好后运行 gongshi progress import"
HELP_PROGRESS_IMPORT = "导入填好的年度整改进展表格（可以一次导入多个），写入 data/progress/ 中尚未发布的报告。"
HELP_PROGRESS_PUBLISHED = "报告的发布日期（此日期起在网站公开）。"
CLI_IMPORT_UPDATED = "更新"
CLI_IMPORT_CREATED = "新建"
CLI_IMPORT_DONE = "已{verb} {path}：从{files}个表格读入{cells}个单元格"
CLI_IMPORT_NEXT = "下一步：运行 gongshi check，再运行 gongshi build"

# --- Missing parts of yearly reports (task_events.py) -----------------------------------------------------------

REPORT_MEASURES_MISSING = "没有报告第{measures}条整改措施的进展（方案要求公开各项整改措施具体进展）"
REPORT_CITY_STATUS_PENDING = (
    "只填写了分{word}进展，整项任务的进展状态和各条整改措施的进展尚未填写，页面显示为本年度未报告；请在发布前补充"
)
REPORT_TASKS_LEFT_OUT = "{year}年度报告没有包括尚未销号的第{tasks}项整改任务"
REPORT_MISSING = "{year}年已结束{days}天以上，仍有{count}项整改任务未销号，但没有{year}年度整改进展报告；请补充该年度报告"

# --- The draft `gongshi notice new` writes (notices.py) ---------------------------------------------------------

DRAFT_COMPLETION_HINT = "在 {field} 的下一行起，每行前空两格书写；空一行另起一段，以“- ”开头可列项。"
DRAFT_EXAMPLE = "# 例如："
DRAFT_EXAMPLE_ADDRESS = "受理异议的通信地址"
DRAFT_EXAMPLE_CHANNEL = "鄂尔多斯日报"
DRAFT_EXAMPLE_SUMMARY = "异议内容摘要"
DRAFT_ONLY_ONE_OF = "只能是：{words}"
DRAFT_RESOLVED_HINT = "核实结论的日期，{field} 为 {upheld} 或 {dismissed} 时填写"
DRAFT_EXAMPLE_REASON = "撤回原因"
DRAFT_ACCEPTANCE_UNITS = "  # 本任务的验收单位：{units}（排名第一位的{lead}牵头）"
DRAFT_EXAMPLE_OPINION = "  # 例如：经复核，第{task}项整改任务已完成整改。"
DRAFT_HEADER = (
    "# 由 gongshi notice new 生成的草稿，在 data/drafts/ 中不会发布。填写下面所有空着的字段（待填写），"
    "运行 gongshi check 检查，再运行 gongshi notice ready 发布（或把本文件移到 data/notices/）。"
)
DRAFT_PERIOD = "# {period}，按国务院办公厅节假日安排计算。"
DRAFT_NOT_BEFORE_START = "# 开始日期之前，本公示不会出现在网站上。"

# --- Odds and ends of pages (qr.py, workcalendar.py) ------------------------------------------------------------

QR_ALT = "本页网址的二维码"
OFFICIAL_NOTICE_TITLE = "国务院办公厅关于{year}年部分节假日安排的通知"
# The notices page's sections that are not a notice state (pages.NoticeSections; the others are state labels).
NOTICE_SECTION_OPEN = "正在公示"
NOTICE_SECTION_OBJECTIONS = "异议处理"

# --- Officers' output files (officer_files.py) and the yearly sheet's identity (progress_sheet.py) -------------

OFFICER_OUTPUT_DIR = "输出"
HELP_FORCE = "覆盖已有的同名文件（默认不覆盖）。"
HELP_EXPORT_OUT = "保存为（默认：输出/整改任务.json）。"
EXPORT_TASKS_FILE = "整改任务.json"
CLI_EXPORT_WRITTEN = "已导出 {path}（{count}项整改任务）"
OUT_WRONG_SUFFIX = "{path}: 文件名应以 {suffix} 结尾，如 {example}；请改用 --out 另指文件名"
OFFICER_FILE_EXAMPLE = "文件{suffix}"
OUT_NO_NAME = "{path}: 只有扩展名，没有文件名；请用 --out 指定文件名，如 {example}"
OUT_IS_LINK = "{path}: 是一个链接，不会写入链接指向的文件；请用 --out 指定一个普通文件"
OUT_IN_DATA_OR_SITE = "{path}: 在 {folder} 之中（数据或正式网站的文件夹），不能写在那里；请保存到 输出/ 或其他文件夹"
OUT_IN_PROJECT_FOLDER = (
    "{path}: 在 {folder} 之中（网站页面或模板的源文件夹，或版本库），生成网站时会被发布或混入版本库，不能写在那里；"
    "请保存到 输出/ 或其他文件夹"
)
OUT_IS_FOLDER = "{path}: 是一个文件夹；请用 --out 指定文件名"
OUT_EXISTS = "{path}: 文件已存在，不会覆盖；请用 --out 指定另一个文件名，或加 --force 覆盖"
REPORT_YEAR_RANGE = "--year: 方案 {plan} 的年度整改进展只能是 {first}–{last} 年度，不能是 {year}"
REPORT_PUBLISHED_IN_RECORD = "{path}: 该报告已于{day}公开（{source}），{year}年度整改进展不能再导入或修改；更正已发布的报告请另行记录并说明"
RECORD_SOURCE_SITE = "见正式网站的公开记录"
RECORD_SOURCE_DATE = "发布日期已到"
CLI_TEMPLATE_PUBLISHED = (
    "注意：{year}年度整改进展已于{day}公开，此表只能查看，不能再导入；要填报的年度请用尚未发布的年度，如 --year {next}"
)
SHEET_RECORD_MISSING = "没有生成时的记录（可能由较早版本的 gongshi 生成或已被改动）；请用 gongshi progress template 重新生成表格再填写"
SHEET_OTHER_PLAN = "这是方案 {sheet_plan} 的表格，不是方案 {plan} 的；请用 --plan {sheet_plan} 导入，或为方案 {plan} 重新生成表格"
SHEET_OTHER_YEAR = "这是 {sheet_year} 年度的表格，不能作为 {year} 年度导入；请用 --year {sheet_year}，或重新生成 {year} 年度的表格"
SHEET_NOT_YOURS = "此格不属于本表（{whom}）填写的范围，改动不会导入；请只填写本表可以编辑的行，或请相关单位填写"
SHEET_WHOM_BANNER = "{banner}的表格"
SHEET_WHOM_UNIT = "{unit}的表格"
SHEET_CHANGED_SINCE = "生成表格之后，{report} 中的这一项已改为“{now}”，而本表是按“{then}”生成的；请核对后用重新生成的表格填写"
SHEET_ERROR_VALUE = "是 Excel 的错误值 {value}（公式或粘贴出错）；请改为文字"
SHEET_DATE_IN_TEXT = "Excel 把这格当成了日期 {day}；请把单元格设为文本，或写作 {year}年{month}月{date}日"
SHEET_KEY_MERGED = "是合并单元格的一部分；请取消合并，按表格原样每行填写"
SHEET_KEY_FORMULA = "是公式，不是方案中的序号；请恢复为表格生成时的数字"
SHEET_KEY_NOT_NUMBER = "应为数字，实际是“{value}”；请恢复为表格生成时的内容（不要插入或删除行）"
SHEET_BOOL_IN_TEXT = "应为文字，Excel 把这格当成了逻辑值 {value}；请改为文字（确要写 {value} 时，先输入一个英文单引号 '）"
SHEET_KEY_EMPTY = "此行没有序号（可能是插入的行）；说明文字请写在“进展情况”中，或删除此行"
SHEET_TOO_LARGE = "{sheet} 的已用区域达 {rows} 行、{cols} 列，超出填报表的范围；请删除表格下方或右侧多余的内容后重试"
SHEET_PART_TOO_BIG = "其中 {part} 解压后达 {size} 字节，超过 {limit} 字节的上限；请删除粘贴的图片或多余内容后另存"
SHEET_ENTITY = "其中 {part} 含有实体声明，不是 Excel 或 WPS 保存的普通表格；请用 Excel 或 WPS 另存为 .xlsx 后重试"
SHEET_PART_BROKEN = "其中 {part} 已损坏，无法读取；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入"
SHEET_NOT_A_WORKSHEET = "“{sheet}”不是普通工作表（可能是图表）；请使用 gongshi progress template 生成的表格"
SHEET_EMPTY = "表格中没有填写任何内容；请在“进展状态”“进展情况”两列填写后再导入"
SHEET_NOTHING_CHANGED = "各表格与生成时相比没有改动，{path} 未修改"
SHEET_ROW_NOT_MADE = "此行不是生成表格时的行（可能是复制或插入的行）；请删除此行，说明文字写在“进展情况”中"
SHEET_VALUE_FORMULA = "是公式；请直接填写文字（以“=”开头的文字请先输入一个英文单引号 '）"
SHEET_CLEARED = "生成表格时此格有内容，现已清空；清空的格不会导入，请恢复原文或填写新的内容"
METAVAR_JSON = "文件.json"
OUT_NOT_FOLDER = "{path}: 是一个文件，不是文件夹；请用 --out 指定一个文件夹"

# A close-out is never undone by a later notice (附件 二（一）); the lead acceptance unit organises.
SCOPE_CLOSED_OUT = (
    "{banner}已于{day}经公示 {notice} 验收销号，此后没有记录问题反弹；已销号的{word}不再公示，"
    "请从 'scope' 中删去{banner}（发现问题反弹的，先在 data/events/ 中记录问题反弹）"
)
TASK_CLOSED_OUT = (
    "第{task}项整改任务已于{day}经公示 {notice} 全部验收销号，此后没有记录问题反弹；"
    "已销号的任务不再公示（发现问题反弹的，先在 data/events/ 中记录问题反弹）"
)
ACCEPTANCE_UNIT_NOT_LEAD = (
    "{unit} 不是第{task}项整改任务排名第一位的验收单位；方案规定由排名第一位的验收单位 {lead} 牵头组织验收"
    "（附件 二（一）），请把 'unit' 改为 {lead}，把 {unit} 写进 'co_units'"
)
CLI_APPROACHING = "临近时限（{days}天内到期）、尚无验收销号公示的整改任务，按责任单位（可据此下达整改提醒函）："
CLI_APPROACHING_DETAIL = "第{task}项{parts}  {due} 到期，还有{days}天"
CLI_APPROACHING_MEASURE = "（整改措施{ordinals}的时间节点：{words}）"  # a 时间节点 inside the measures (not the close-out date)

# --- gongshi calendar import: the State Council's holiday notice read into data/calendar/<year>.yaml ---------------
# The words the reader looks for in a notice (holiday_notice.py); each is the notice's own wording.
NOTICE_ISSUER = "国务院办公厅"
NOTICE_YEARLY_TOPIC = "部分节假日安排"
NOTICE_INTRO_END = "放假调休日期的具体安排通知如下"
NOTICE_CLOSING = "节假日期间"
NOTICE_BACK_TO_WORK_WORDS = "起正常上班"
HELP_CALENDAR = "工作日日历：根据国务院办公厅每年的节假日安排通知添加 data/calendar/<年份>.yaml。"
HELP_CALENDAR_IMPORT = (
    "读取国务院办公厅关于某年部分节假日安排的通知（从网页复制的纯文本），列表显示读到的放假和调休上班日期，"
    "写入 data/calendar/<年份>.yaml。此后发布的调整、延长假期的通知同样导入，合并到同一文件。"
    "读不完整的通知一律不导入。"
)
HELP_CALENDAR_DRY_RUN = "只列出读到的日期，不写文件。"
HELP_CALENDAR_JSON = "以 JSON 输出 'year'、'holidays'、'workdays'（不再显示表格）。"
METAVAR_NOTICE_FILES = "通知.txt..."
NOTICE_FILE_ENCODING = "无法按 UTF-8 或 GBK 读取这个文件；请把通知全文粘贴到记事本，另存为 .txt 文件后再导入"
NOTICE_NO_TITLE = (
    "找不到通知的年份：没有“国务院办公厅关于××××年部分节假日安排的通知”这样的标题，"
    "也没有“现将××××年……放假调休日期的具体安排通知如下”；请复制通知全文"
)
NOTICE_YEARS_DIFFER = "标题是{title}年的通知，正文却安排{intro}年；请检查复制的是不是同一份通知"
NOTICE_NO_ITEMS = "找不到编号的各项安排（如“一、元旦：……”）；请复制通知全文"
NOTICE_ITEM_ORDER = "这一项编号为“{found}”，应为“{expected}”：中间的项可能没有复制上；请复制通知全文"
NOTICE_ITEM_NO_NAME = "这一项不以“节日：”开头（如“一、元旦：”），不知道是哪个节日的安排；请核对通知原文"
NOTICE_ITEM_FESTIVAL = "“{name}”不是法定节日（{known}）；请核对通知原文"
NOTICE_ITEM_UNREAD = (
    "读不懂“{clause}”，整份通知没有导入；请核对通知原文是否复制完整，"
    "确实无法导入时按项目说明“新一年的节假日安排”一节手写 data/calendar/{year}.yaml"
)
NOTICE_ITEM_NO_HOLIDAY = "这一项没有放假的日期；请核对通知原文是否复制完整"
NOTICE_BAD_DATE = "“{text}”不是有效的日期；请核对通知原文"
NOTICE_WEEKDAY = "{day} 是{weekday}，通知写的是“{written}”；请核对通知原文"
NOTICE_COUNT = "{first}至{last}是{days}天，通知写的是{count}天；请核对通知原文"
NOTICE_BACKWARDS = "{first}在{last}之后；请核对通知原文"
NOTICE_WORKDAY_WEEKDAY = "{day} 是{weekday}；调休上班的应是星期六或星期日，请核对通知原文"
NOTICE_HOLIDAY_AND_WORKDAY = "{day} 既列为放假又列为上班；请核对通知原文"
NOTICE_MISSING_FESTIVALS = (
    "各项中没有{names}的安排：通知可能没有复制完整（全年安排包括元旦、春节、清明节、劳动节、端午节、"
    "中秋节和国庆节）；请复制通知全文"
)
NOTICE_INTRO_MISMATCH = "开头说安排{intro}，各项安排的却是{items}；通知可能没有复制完整，请复制通知全文"
NOTICE_NO_END = (
    "最后一项之后没有通知的结尾（“节假日期间……”或落款“国务院办公厅”），"
    "通知可能没有复制完整；请复制通知全文，包括落款"
)
NOTICE_EXTENSION_NO_BASE = (
    "这份通知改变{year}年已有的安排，但还没有{year}年的安排：请先导入《{title}》，"
    "或把两份通知一起给出（全年安排在前）"
)
NOTICE_EXTENSION_GAP = "延长到{day}，但此前{limit}天内没有放假的日期，不知道延长的是哪个假期；请核对通知原文"
NOTICE_BACK_TO_WORK = "{day}起正常上班，但假期延长到{end}；请核对通知原文"
NOTICE_SECOND_YEARLY = (
    "前面已经给出{year}年的全年安排；调整或延长假期的通知，其标题写明“调整”或“延长”，"
    "请检查是不是同一份通知给了两次"
)
NOTICE_OTHER_YEAR = "这是{year}年的通知，前面的通知是{first}年的；一次只导入同一年的通知"
CAL_COVERED = (
    "{year}年的节假日安排 chinese-calendar 已经收录（{first}–{last}年），不写 {file}；以上只是读到的日期。"
    "国务院办公厅发布调整通知时，按项目说明“新一年的节假日安排”一节在该文件中写 'corrects'"
)
CAL_EXISTS = (
    "{file} 已经存在（依据：{source}），其中的日期与这份通知不同；全年安排只导入一次。"
    "要重新导入，请先删除或改名这个文件"
)
CAL_UNCHANGED = "{file} 已经依据这份通知导入，没有变化"
CAL_BAD_FILE = "{file} 有问题，先按上面列出的改正，再导入调整通知"
CAL_WRITTEN = "已写入 {file}：{year}年放假{holidays}天，调休上班{workdays}天（依据：{sources}）"
CAL_NOT_WRITTEN = "（--dry-run：没有写文件）"
CAL_NEXT = "请运行 gongshi check，并与通知原文逐日核对上表"
CAL_TABLE_TITLE = "读到的通知：{title}（{kind}）"
CAL_KIND_YEARLY = "{year}年全年安排"
CAL_KIND_ADDITION = "在{year}年已有安排上调整"
CAL_TABLE_HEAD = ("项", "节日", "放假", "天数", "调休上班")
CAL_TABLE_NONE = "—"
CAL_TABLE_NO_DATES = "（不涉及放假和上班的日期）"
CAL_TABLE_EXTENDED = "延长至 {day}"
CAL_TABLE_TOTAL = "{year}年共放假{holidays}天（含其中的周末），调休上班{workdays}天"
CAL_TABLE_DROPPED = "{days} 不在{year}年：属于{other}年，不写入{year}年的文件（只写本年的日期）"
CAL_TABLE_ADVICE = "第{numeral}项中“{text}”是倡议，不改变工作日，没有计入"
CAL_FILE_HEADER = (
    "# 由 gongshi calendar import 根据国务院办公厅的通知写出；导入调整通知时整个文件重新写出。\n"
    "# 'holidays'：放假的日期（包括假期中的周末）；'workdays'：调休上班的星期六、星期日。\n"
)
CALENDAR_SOURCE_AND_SOURCES = "'source' 和 'sources' 只写一个：一份通知写 'source'，几份通知依次写在 'sources' 中"
NOTICE_DOCUMENT_NUMBER = "（国办发明电〔{year}〕{number}号）"

# gongshi plan import (generator/plan_import.py): reading a published plan into data/plans/<id>/.
HELP_PLAN_GROUP = "整改方案：导入新方案"
HELP_PLAN_IMPORT = (
    "从方案原文（.txt、.md 或 Word .docx，整改任务可以是正文或表格）导入整改方案，写入 data/plans/<方案编号>/，"
    "并列出需要核对、填写的内容"
)
HELP_PLAN_IMPORT_ID = "方案编号：data/plans/ 下的文件夹名，也是网址的一部分（小写字母、数字和连字符）"
HELP_PLAN_REPLACE = "替换已有的同名方案（仅在该方案尚无公示和年度报告时允许；原文件夹改名保留在旁边）"
PLAN_IMPORT_SUFFIX = "{file}：只能导入 .txt、.md 或 .docx 文件；请在 Word 中另存为 .docx 后再导入"
PLAN_IMPORT_NOT_UTF8 = "{file}：不是 UTF-8 编码的文本；请在记事本中“另存为”并选择 UTF-8 编码后再导入"
PLAN_IMPORT_NOT_DOCX = "{file}：无法作为 Word 文档打开；请在 Word 中另存为 .docx 后再导入"
PLAN_IMPORT_EMPTY = "{file}：文件是空的；请放入方案原文后再导入"
PLAN_IMPORT_TRADITIONAL = "{file}：内容是繁体字；请先转换为简体（Word“审阅—简繁转换”）后再导入，以免与方案原文不一致"
PLAN_IMPORT_ONE_LINE = "{file}：全部内容在同一行，无法分出各项任务；请按方案原文分段粘贴（每个字段、每项任务另起一行）后再导入"
PLAN_IMPORT_NO_TASKS = "{file}：没有找到“整改目标：”“整改措施：”“责任单位：”等字段，无法识别整改任务；请确认这是整改方案原文"
PLAN_IMPORT_EXISTS = "data/plans/{plan}/ 已经存在；要替换它请加 --replace（仅在该方案尚无公示和年度报告时允许）"
PLAN_IMPORT_HAS_RECORDS = "data/plans/{plan}/ 已有公示或年度报告（{records}），方案已经公开，不能替换；如需修改请直接编辑其中的文件"
PLAN_IMPORT_ID = "方案编号 '{plan}' 只能由小写字母、数字和连字符组成，如 baotou-nmg-r2"
PLAN_IMPORT_WROTE = "已写入 data/plans/{plan}/"
PLAN_IMPORT_KEPT_OLD = "原方案文件夹已改名保留为 data/plans/{old}/（其中的文件不会再被读取；核对无误后可删除）"
PLAN_IMPORT_COUNT = "共识别整改任务 {count} 项。以下内容需要核对或填写（运行 gongshi check 会再次列出尚未填写的内容）："
PLAN_IMPORT_NOT_PLACED = "这一行无法归入方案的任何部分，未导入；如属于某项任务，请手工补入 tasks.yaml"
PLAN_IMPORT_NO_NUMBER = "“{label}”之前没有任务序号（可能是从任务中间开始的摘录）；已按原文写入，问题一栏空缺，请核对原文补全"
PLAN_IMPORT_RENUMBERED = "原文序号为 {number}，按任务顺序记为第{no}项；请核对"
PLAN_IMPORT_MISSING = "第{no}项没有“{label}”；请按方案原文在 tasks.yaml 中填写"
PLAN_IMPORT_SUBUNIT_WORD = "方案把下辖旗、县、区统称为“{word}”，已写入 'subunit_word'；请核对"
PLAN_IMPORT_NO_ACCEPTANCE = (
    "第{no}项没有“{label}”：任务照常公布，但在 tasks.yaml 中为它填写 'acceptance_units' 之前，不能发布它的验收销号公示"
)
PLAN_IMPORT_MEASURE_UNNUMBERED = "第{no}项整改措施的第一段没有编号，已作为第1条措施保留；请核对"
PLAN_IMPORT_NO_TITLES = (
    "{count}项整改任务没有标题（'title'，可选）：第{numbers}项；可从各项的问题或整改目标中摘取不超过20个字填写"
)
PLAN_IMPORT_SLUGS_KEPT = "{count}个{word}和单位与已有方案中的同名，沿用其网址名（'slug'）"
PLAN_IMPORT_SLUGS = (
    "已按拼音为{count}个{word}和单位生成网址名（'slug'，用于网址）；请在 plan.yaml 中核对（多音字可能读错，"
    "只能用小写字母、数字和连字符），网站发布后不要更改"
)
PLAN_IMPORT_FILL = "原文中没有{label}（{field}）；请在 plan.yaml 中按本市方案原文填写"
PLAN_IMPORT_NOTICE_LINE = "印发通知的内容（含文号），不属于方案正文，未导入"
PLAN_IMPORT_TITLE_DIFFERS = "方案标题“{title}”与印发通知中的书名不同；已采用这一行，请核对"
PLAN_IMPORT_PREAMBLE_LINES = "方案开头有 {count} 段文字，已全部作为前言（'preamble'）；请核对"
PLAN_IMPORT_NO_CHAPTERS = "原文没有分部分和问题的标题；每项任务各记为一个问题，请在 plan.yaml 的 'chapters' 中填写标题"
PLAN_IMPORT_NO_CHAPTER_TITLE = "原文只有一级标题，已作为问题，放在一个部分下；请在 plan.yaml 的 'chapters' 中填写这一部分的标题"
PLAN_IMPORT_DEEP_HEADING = "这一行是第三级以下的标题，已作为一个问题；请核对"
PLAN_IMPORT_NO_PROBLEM = "这项任务之前没有问题标题；请在 tasks.yaml 中填写 'problem_no'"
PLAN_IMPORT_APPENDIX = "从这一行起是附件（验收销号程序、模板等），未导入；要在网站上公布，请在 plan.yaml 的 'appendix'、'procedure' 中填写"
PLAN_IMPORT_FIELD = "第{no}项{label}：{problem}"
PLAN_IMPORT_LEAD_AS_RESPONSIBLE = "第{no}项没有“责任单位”，已按牵头单位、配合单位写为“{text}”；请核对"
PLAN_IMPORT_HEADER = "由 gongshi plan import 从 {file} 导入；导入时列出的待核对事项请逐项核对、填写。"
PLAN_IMPORT_SITE_LINE = "网页上的栏目文字（来源、责任编辑、打印本页等），不属于方案，未导入；如确属方案内容，请手工补入"
PLAN_IMPORT_ATTACHMENT_HEADING = "印发通知的附件标题，方案从下一行开始；这一行未导入"
PLAN_IMPORT_SUBUNIT_AS_UNIT = (
    "第{no}项{label}中的“{name}”像是下辖的{word}而不是市直部门，已暂按单位写入 'units'（会有自己的单位页面）；"
    "如属{word}，请在 plan.yaml 中把它移到 'banners'，并在 tasks.yaml 中写成“X、Y党委和政府”的形式"
)
PLAN_IMPORT_MEASURES_UNLABELLED = "第{no}项没有“整改措施：”字样，已把任务下一级编号的各条作为整改措施；请核对"
PLAN_IMPORT_SLUGS_APART = (
    "{count}个名称（{names}）与其他城市方案中的同名，但不是同一单位，已另起以本地区拼音开头的网址名（{slugs}）；"
    "请在 plan.yaml 中核对"
)
PLAN_IMPORT_SLUGS_APART_NO_AREA = (
    "{count}个名称（{names}）与已有方案中的同名；原文中没有地区（'area'），无法判断是否同一城市，已另起网址名；"
    "填写 'area' 后如与已有方案是同一城市，请改用已有方案中的网址名"
)
