"""Problems in staff records: what a validation report says, by code.

Codes are the contract (tests and other tools match on them); the wording may improve.
Templates use ``str.format`` fields; ``{field}`` is the column or key concerned, ``{file}``
and ``{line}`` where the problem is.
"""

from __future__ import annotations

PROBLEMS: dict[str, tuple[str, str]] = {
    # --- history (core/history.py) ---
    "history-correction-unexplained": (
        "{day} 的提交 {commit} 修改了已经公开的数字（{record}），这是一次更正，但提交说明里没有解释：请在提交说明中写一行以“更正：”开头的说明（例如“更正：2025年停车费漏记一笔，补记”）。",
        'Commit {commit} of {day} changed a figure already published ({record}): a correction, but its commit message explains nothing. Add a line starting with "更正：" (or "Correction:") to the commit message.',
    ),
    "diff-correction-unexplained": (
        "这次修改更改了已经公开的数字（{record}），是一次更正：请在提交说明中写一行以“更正：”开头的说明，网站的更正记录会显示它。",
        'This change alters a figure already published ({record}): a correction. Add a line starting with "更正：" (or "Correction:") to the commit message; the site\'s corrections page shows it.',
    ),
    # --- files ---
    "file-missing": (
        "找不到这个文件。data/datapackage.yaml 列出了它：请补上文件，或从 datapackage.yaml 中删去这一项。",
        "File not found, but data/datapackage.yaml lists it: add the file or remove the entry.",
    ),
    "file-outside-project": (
        "这个文件是指向项目以外（{target}）的链接，出于安全不予读取。请把真实文件放进仓库。",
        "This file is a link to {target}, outside the project; it is not read. Put the real file in the repository.",
    ),
    "file-too-large": (
        "文件有 {size_mb} MB，超过上限 {limit_mb} MB。请检查是否误存了其他内容，或按年份拆分。",
        "The file is {size_mb} MB, over the {limit_mb} MB limit. Check its content or split it by year.",
    ),
    "problems-not-listed": (
        "……同类问题（{code}）另有 {count} 处，未逐条列出。请先改正上面列出的，再检查一次。",
        "… and {count} more of this kind ({code}), not listed one by one. Fix those listed"
        " above, then check again.",
    ),
    "file-empty": ("文件是空的。", "The file is empty."),
    "file-is-directory": (
        "这里应当是一个文件，却是一个文件夹。请把文件放在这里，或改正指向它的路径。",
        "This should be a file but is a folder. Put the file here, or correct the path that names it.",
    ),
    "file-not-regular": (
        "这不是普通文件（而是{kind}），不予读取。请在这里放一个普通的文件。",
        "This is not a regular file (it is {kind_en}); it is not read. Put a plain file here.",
    ),
    "file-unreadable": (
        "这个文件无法读取（{detail}）。请检查文件权限：运行 gongshi 的用户要能读取它。",
        "The file cannot be read ({detail}). Check its permissions: the user running gongshi must be able to read it.",
    ),
    "file-broken-link": (
        "这个文件是一个链接，但它指向的 {target} 不存在。请把真实文件放进仓库。",
        "This file is a link to {target}, which does not exist. Put the real file in the repository.",
    ),
    "encoding-gbk": (
        "文件不是 UTF-8 编码，看起来是 GBK/GB18030（Excel、WPS 默认的“ANSI”编码），第 {line} 行开始无法按 UTF-8 读取。"
        "请运行 gongshi normalize 此文件 --write 转换，或在 WPS/Excel 中“另存为 → CSV UTF-8”。",
        "The file is not UTF-8 (from line {line} on); it looks like GBK/GB18030 (Excel/WPS 'ANSI'). Convert it with "
        "'gongshi normalize FILE --write' or save as 'CSV UTF-8'.",
    ),
    "encoding-unknown": (
        "文件不是 UTF-8 编码，第 {line} 行开始无法读取。请用 UTF-8 保存。",
        "The file is not UTF-8 (from line {line} on). Save it as UTF-8.",
    ),
    "csv-syntax": (
        "CSV 格式错误：{reason}",
        "CSV syntax error: {reason_en}",
    ),
    "yaml-syntax": (
        "YAML 格式错误（第 {column} 列）：{detail}。常见原因：缩进不齐、冒号后缺空格、引号不成对。",
        "YAML syntax error (column {column}): {detail}. Check indentation, the space after colons, quotes.",
    ),
    "yaml-alias": (
        "YAML 中不允许使用锚点或别名（& 或 *，第 {column} 列）：它们可以让很小的文件展开成极大的数据。请把内容直接写出来。",
        "YAML anchors and aliases (& or *, column {column}) are not allowed: they can expand without bound. Write the values out.",
    ),
    "yaml-too-deep": (
        "YAML 嵌套超过 {depth} 层，不像是正常记录，已停止读取。",
        "YAML nesting deeper than {depth} levels; not a plausible record, reading stopped.",
    ),
    "yaml-duplicate-key": (
        "“{field}”写了两次（第一次在第 {first_line} 行）。YAML 只会保留一个，请删掉多余的一个。",
        "Key '{field}' appears twice (first on line {first_line}); YAML would keep only one. Remove one.",
    ),
    "yaml-not-list": (
        "这个文件应当是一个列表，每条记录以“- ”开头。",
        "This file should be a list, each record starting with '- '.",
    ),
    "yaml-not-mapping": (
        "第 {index} 条记录应当是“字段: 值”的形式。",
        "Record {index} should be a mapping of 'field: value'.",
    ),
    "yaml-not-mapping-doc": (
        "这个文件应当是“字段: 值”的形式（一个映射）。",
        "This file should be a mapping of 'field: value'.",
    ),
    "unknown-field": (
        "不认识的字段“{field}”。可用的字段：{expected}。",
        "Unknown field '{field}'. Expected one of: {expected}.",
    ),
    "missing-field": (
        "缺少字段“{field}”（{title}）。",
        "Missing field '{field}' ({title}).",
    ),
    "missing-column": (
        "表头缺少列“{field}”（{title}）。表头应为：{expected}。",
        "The header lacks column '{field}' ({title}). Expected header: {expected}.",
    ),
    "unknown-column": (
        "表头有不认识的列“{field}”。表头应为：{expected}。",
        "Unknown column '{field}'. Expected header: {expected}.",
    ),
    "duplicate-column": (
        "表头中“{field}”出现了两次。",
        "Column '{field}' appears twice in the header.",
    ),
    "header-checks-skipped": (
        "表头不对，这个文件的逐行检查没有进行。请先改好表头。",
        "The header is wrong, so the rows of this file were not checked. Fix the header first.",
    ),
    # --- Table Schema (Frictionless) ---
    "blank-row": ("这一行是空行，请删除。", "This row is blank; delete it."),
    "extra-cell": (
        "这一行比表头多出 {count} 个格子（多了逗号？）。",
        "This row has {count} more cells than the header (a stray comma?).",
    ),
    "missing-cell": (
        "这一行比表头少 {count} 个格子，缺少“{field}”。",
        "This row has {count} fewer cells than the header; '{field}' is missing.",
    ),
    "type-error": (
        "“{title}”填的是“{value}”，不是{type_zh}。{hint}",
        "'{field}' is '{value}', not a valid {type}.{hint_en}",
    ),
    "constraint-required": ("“{title}”是必填项，不能为空。", "'{field}' is required."),
    "constraint-enum": (
        "“{title}”填的是“{value}”，只能是：{allowed}。",
        "'{field}' is '{value}'; it must be one of: {allowed}.",
    ),
    "constraint-pattern": (
        "“{title}”填的是“{value}”，格式不对。{hint}",
        "'{field}' is '{value}', which does not match the required format {pattern}.",
    ),
    "constraint-minimum": (
        "“{title}”填的是“{value}”，不能小于 {limit}。",
        "'{field}' is '{value}'; it must be at least {limit}.",
    ),
    "constraint-maximum": (
        "“{title}”填的是“{value}”，不能大于 {limit}。",
        "'{field}' is '{value}'; it must be at most {limit}.",
    ),
    "constraint-maxLength": (
        "“{title}”太长了（{length} 个字），最多 {limit} 个字。",
        "'{field}' is too long ({length} characters); at most {limit}.",
    ),
    "constraint-minLength": (
        "“{title}”太短了（{length} 个字），至少 {limit} 个字。",
        "'{field}' is too short ({length} characters); at least {limit}.",
    ),
    "constraint-error": (
        "“{title}”填的是“{value}”，不符合要求：{detail}。",
        "'{field}' is '{value}': {detail}.",
    ),
    # The hint of a type error in a plain number with too many digits.
    "number-digits-hint": (
        "数字太长：整数部分最多 {whole} 位，小数部分最多 {fraction} 位。请核对这一格。",
        " The figure is too long: at most {whole} digits before the point and {fraction} after."
        " Check this cell.",
    ),
    # The hint of a type error in a number written in another spelling (378e2, １２).
    "number-plain-hint": (
        "数字要用普通写法，不用科学计数法、全角数字或下划线：请写成 {plain}。"
        "（Excel 显示成 3.78E+04 时，把单元格格式设为“数值”后再另存。）",
        " Write numbers plainly, without an exponent, full-width digits or underscores: {plain}."
        " (Where Excel shows 3.78E+04, set the cell format to Number and save again.)",
    ),
    # --- characters in staff text (builder/check/text.py) ---
    "text-control-character": (
        "“{title}”第 {position} 个字符是看不见的控制字符 {char}（{char_name}），这一格共有 {count} 个。"
        "它通常来自其他系统的导出或复制粘贴，会原样发布到网页和下载文件中。请删去它。",
        "'{field}' holds the invisible control character {char} ({char_name_en}) at character "
        "{position}, {count} in this cell. It usually comes from another system's export or a copy "
        "and paste, and would be published as it is. Remove it.",
    ),
    "text-line-break": (
        "“{title}”只能写一行，第 {position} 个字符却是{char_name}（{char}）。请删去它：Excel 单元格中按 "
        "Alt+Enter、YAML 中用 | 或 > 写的值（末尾带换行，可改用 >-）都会留下它。"
        "只有最长可写 {limit} 字以上、没有格式要求的文字栏可以分行或用制表符。",
        "'{field}' is one line of text, but character {position} is a {char_name_en} ({char}). "
        "Remove it: Alt+Enter in an Excel cell leaves one, and so does a YAML value written with | "
        "or > (it ends in a line break; write >- instead). Only free text fields allowing {limit} "
        "characters or more may hold line breaks or tabs.",
    ),
    "text-bidi-control": (
        "“{title}”第 {position} 个字符是看不见的文字方向控制符 {char}（{char_name}）。它会改变网页上文字的"
        "显示顺序，让页面显示的内容与数据不同（例如把公司名称倒过来显示）。除非确是有意为之，请删去它。",
        "'{field}' holds the invisible text-direction control {char} ({char_name_en}) at character "
        "{position}. It changes the order in which a page shows the text, so the page can show "
        "something other than the data (a company name reversed, for one). Unless it is meant, "
        "remove it.",
    ),
    "text-formula": (
        "提醒：“{title}”以“{start}”开头，Excel 打开 CSV 时会把这样的格子当作公式运行（CSV 注入）。"
        "下载的 Excel 版本会在它前面加一个单引号（'），让它显示为文字；网页和 UTF-8 CSV 保持原样。"
        "如果是电话号码（+86…）或有意写的符号，可以不改；否则请检查这一格。",
        "Advice: '{field}' starts with '{start_en}', which Excel runs as a formula when it opens a "
        "CSV (CSV injection). The Excel copy in the downloads puts an apostrophe (') before it so it "
        "shows as text; the page and the UTF-8 CSV keep it as it is. A phone number (+86…) or a "
        "sign meant as text can stay; otherwise check the cell.",
    ),
    "primary-key": (
        "{key_title}“{value}”重复了（与第 {other_line} 行相同）。每条记录的编号必须唯一。",
        "{key_fields} '{value}' is duplicated (same as line {other_line}); it must be unique.",
    ),
    "unique-error": (
        "“{title}”的值“{value}”重复了（与第 {other_line} 行相同）。",
        "'{field}' value '{value}' is duplicated (same as line {other_line}).",
    ),
    "foreign-key": (
        "“{title}”填的是“{value}”，但{target_title}里没有这个编号。",
        "'{field}' is '{value}', which is not an id in {target}.",
    ),
    "schema-check-failed": (
        "表格检查无法完成：{detail}",
        "The table check could not finish: {detail}",
    ),
    # --- community settings ---
    "community-missing": ("缺少“{field}”（{title}）。", "Missing '{field}' ({title})."),
    "community-not-text": ("“{field}”应当是一段文字。", "'{field}' should be text."),
    "community-bad-amount": (
        "“{field}”填的是“{value}”，应当是金额，如 5000.00。",
        "'{field}' is '{value}'; it should be an amount such as 5000.00.",
    ),
    "community-bad-integer": (
        "“{field}”填的是“{value}”，应当是正整数。",
        "'{field}' is '{value}'; it should be a positive whole number.",
    ),
    "community-bad-threshold": (
        "“{field}”填的是“{value}”，应当是以下表述之一：{allowed}。",
        "'{field}' is '{value}'; it should be one of: {allowed}.",
    ),
    "community-bad-date": (
        "“{field}”填的是“{value}”，应当是日期，写成 2024-01-01 这样。",
        "'{field}' is '{value}'; it should be a date written like 2024-01-01.",
    ),
    "community-bad-choice": (
        "“{field}”填的是“{value}”，只能是：{allowed}。",
        "'{field}' is '{value}'; it must be one of: {allowed}.",
    ),
    # --- community.yaml rules: settings that change how a rule judges, each with its source ---
    "rule-setting-missing": (
        "缺少规则设置“{field}”（{title}）。请在 rules: 下写明 value（取值）和 source（依据）。",
        "Missing rule setting '{field}' ({title}). Under rules:, give its value and its source.",
    ),
    "rule-setting-not-mapping": (
        "“{field}”应当写成 value（取值）和 source（依据）两项。",
        "'{field}' should hold two keys: value and source.",
    ),
    "rule-setting-moved": (
        "“{field}”已移到 {new}：请改写在 rules: 下，并写明依据（source）。这里的值不再读取。",
        "'{field}' has moved to {new}: write it under rules: with its source. This value is no longer read.",
    ),
    "rule-setting-no-source": (
        "“{field}”缺少依据：每项规则设置都要写明出自本小区《业主大会议事规则》哪一条（rules_of_procedure，及通过它的决定 decision），或哪部法律的哪一条（law、article）；物业服务人的承诺写明物业服务合同的条款或书面承诺（contract）。",
        "'{field}' is missing: every rule setting names its source, an article of the rules of"
        " procedure (rules_of_procedure, with its decision) or a law and article (law, article);"
        " a provider's pledge names the contract's clause or written commitment (contract).",
    ),
    "rule-source-bad": (
        "“{field}”的写法不对：应当是 {{rules_of_procedure: 《业主大会议事规则》第×条, decision: 决定编号}}，或 {{law: 法律编号, article: 条号}}，或 {{contract: 《物业服务合同》第×条}}，三者选一。",
        "'{field}' is not a source: write one of {{rules_of_procedure: <article>, decision: <id>}},"
        " {{law: <law id>, article: <number>}} or {{contract: <clause>}}.",
    ),
    # --- the requests register (rules/requests.py) ---
    "request-bad-time": (
        "“{value}”不是一个真实的日期和时刻：应当写成“年-月-日 时:分”，例如 2026-03-05 08:30。",
        "'{value}' is not a real day and time: write YYYY-MM-DD HH:MM, e.g. 2026-03-05 08:30.",
    ),
    "request-time-before-received": (
        "{title}（{value}）早于受理时间（{received}）：请核对两个时间。",
        "The {field} ({value}) is before the time the request was received ({received}):"
        " check both.",
    ),
    "request-resolved-missing": (
        "状态是“已办结”，但没有填办结时间：请填写办结时间，或把状态改为“处理中”。",
        "The status is 已办结 (resolved) but no resolved time is written: write it, or set"
        " the status to 处理中 (open).",
    ),
    "request-open-resolved": (
        "状态是“处理中”，却填了办结时间：已经办结的，请把状态改为“已办结”；尚未办结的，请删去办结时间。",
        "The status is 处理中 (open) but a resolved time is written: set the status to 已办结"
        " if it is resolved, else remove the resolved time.",
    ),
    "request-class-unknown": (
        "承诺类别“{value}”不是本小区响应承诺（community.yaml 的 rules.response_pledge）中的一类。可填：{allowed}。",
        "The class '{value}' is not one of the response pledge's (community.yaml"
        " rules.response_pledge). Expected one of: {allowed}.",
    ),
    "performance-disagrees": (
        "{month} {klass}的{title}填的是 {value}，但居民诉求台账中这个月这一类是 {expected}：两处都有这个月的记录时，数字必须一致。请核对后改正其中一处。",
        "{month} {klass}: {field} is {value}, but the requests register has {expected} for"
        " that month and class. Where both hold a month they must agree: check and correct one.",
    ),
    "performance-class-missing": (
        "居民诉求台账中 {month} 有{klass} {expected} 件，但每月统计（performance.csv）这个月没有{klass}这一行：请补上这一行，使两处一致。",
        "The requests register has {expected} {klass} in {month}, but the monthly figures"
        " (performance.csv) have no row of that class for that month: add it so both agree.",
    ),
    "reporting-platform-bad": (
        '“{field}”应当写成 {{name: 平台名称, url: 网址, hotline: 热线（可不填）}}，例如 {{name: 码上办, url: "https://…", hotline: "12345"}}。',
        "'{field}' should be {{name, url, hotline (optional)}}, e.g. {{name: 码上办, url:"
        ' "https://…", hotline: "12345"}}.',
    ),
    "reporting-platform-bad-url": (
        "“{field}”填的是“{value}”，应当是以 https:// 或 http:// 开头的网址（二维码编码的就是它）。",
        "'{field}' is '{value}': expected a web address starting with https:// or http://"
        " (the QR code encodes it).",
    ),
    "response-pledge-bad": (
        "“{field}”应当是响应承诺的各类列表，每类写成 {{class: 类别, limit: 时限, counts: on_site、answered 或 resolved}}，例如 {{class: 简单问题, limit: 40分钟, counts: resolved}}。",
        "'{field}' should be the pledge's list of classes, each {{class, limit, counts}}, e.g."
        " {{class: 简单问题, limit: 40分钟, counts: resolved}}.",
    ),
    "response-pledge-bad-limit": (
        "“{field}”填的是“{value}”，应当是一个整数加单位：分钟、小时或天（例如 5分钟、3小时、2天）。",
        "'{field}' is '{value}': expected a whole number and a unit, 分钟 (minutes), 小时"
        " (hours) or 天 (days), e.g. 5分钟, 3小时, 2天.",
    ),
    "response-pledge-class-twice": (
        "响应承诺中“{value}”这一类写了两次（{field}）：每类只写一次。",
        "The pledge names the class '{value}' twice ({field}): write each class once.",
    ),
    "rule-source-unknown-law": (
        "“{field}”填的法律编号“{value}”不在项目的法律目录（builder/site/laws.yaml）中。可用的编号：{allowed}。",
        "'{field}' names the law '{value}', which is not in the catalogue (builder/site/laws.yaml)."
        " Known ids: {allowed}.",
    ),
    "rule-source-unknown-article": (
        "“{field}”填的是“{value}”，但法律目录中 {law} 没有这一条（builder/site/laws.yaml）。",
        "'{field}' is '{value}', which is not an article of {law} in builder/site/laws.yaml.",
    ),
    "rule-source-decision-unknown": (
        "“{field}”填的决定 {decision} 在决定记录（decisions.yaml）中找不到。",
        "'{field}' names decision {decision}, which is not in the decisions (decisions.yaml).",
    ),
    "rule-source-decision-not-rules": (
        "“{field}”填的决定 {decision} 不是已通过的、制定或修改《业主大会议事规则》的业主大会决定（《民法典》第二百七十八条第一款第一项）。",
        "'{field}' names decision {decision}, which is not a passed owners' assembly decision"
        " making or amending the rules of procedure (Civil Code Art. 278 item 1).",
    ),
    # --- accounts and ledgers ---
    "accounts-not-mapping": (
        "accounts.yaml 应当以账户名（如 parking:、advertising:）开头，每个账户下写 name、opened、opening_balance、assertions。",
        "accounts.yaml should map each account id (parking:, advertising:) to name, opened, opening_balance, assertions.",
    ),
    "assertions-not-list": (
        "assertions 应当是一个列表，每项写 date 和 balance。",
        "assertions should be a list of {{date, balance}}.",
    ),
    "ledger-unknown-account": (
        "台账 {resource} 对应的账户“{account}”没有在 ledgers/accounts.yaml 中建立。",
        "Ledger {resource} has no account '{account}' in ledgers/accounts.yaml.",
    ),
    "ledger-missing-file": (
        "账户“{account}”在 accounts.yaml 中有，但 datapackage.yaml 里没有它的台账（ledger-{account}）。",
        "Account '{account}' has no ledger resource 'ledger-{account}' in datapackage.yaml.",
    ),
    "amount-precision": (
        "金额“{value}”超过两位小数。金额最多精确到分。",
        "Amount '{value}' has more than 2 decimals; amounts are exact to the fen.",
    ),
    "area-precision": (
        "面积“{value}”超过两位小数。面积以平方米为单位，最多写到两位小数（0.01 ㎡）。",
        "Area '{value}' has more than 2 decimals; areas are in m² to 0.01.",
    ),
    "date-before-opened": (
        "日期 {value} 早于账户“{account}”的建账日期 {opened}。",
        "Date {value} is before account '{account}' was opened ({opened}).",
    ),
    "date-after-closed": (
        "日期 {value} 晚于账户“{account}”的销户日期 {closed}。",
        "Date {value} is after account '{account}' was closed ({closed}).",
    ),
    "date-in-future": (
        "日期 {value} 在今天（{today}）之后，是不是写错了年份或月份？",
        "Date {value} is after today ({today}); a typo in the year or month?",
    ),
    "balance-mismatch": (
        "账户“{account}”截至 {date}（含当日）按台账计算的余额是 {computed} 元，这里写的是 {asserted} 元，相差 {difference} 元（台账{direction}）。"
        "请核对这段时间的分录或这里的余额。",
        "Account '{account}': the ledger gives a balance of {computed} at the end of {date}, "
        "but {asserted} is asserted: the ledger has {difference} {direction_en}.",
    ),
    "balance-not-checked": (
        "账户“{account}”的台账有格式错误，余额核对暂未进行；改正上面的错误后会自动核对。",
        "Ledger '{account}' has format errors, so its balances were not checked; fix those first.",
    ),
    "cost-needs-decision": (
        "这笔支出 {amount} 元，达到或超过 {threshold} 元，需要写明批准它的业主大会或业委会决定编号（decision 列）。",
        "This cost of {amount} is at or above {threshold} and needs the id of the approving decision (column decision).",
    ),
    "cost-decision-not-passed": (
        "这笔支出引用的决定 {decision} 未获通过，不能作为支出依据。",
        "This cost cites decision {decision}, which was not passed.",
    ),
    "cost-decision-later": (
        "这笔支出发生在 {value}，但所引用的决定 {decision} 在 {decision_date} 才作出。",
        "This cost is dated {value}, before its decision {decision} ({decision_date}).",
    ),
    "cost-over-committee-limit": (
        "这笔支出引用的是业主委员会决定 {decision}，但{what} {amount} 元超过业委会可以批准的单笔上限 {limit} 元（见 community.yaml 的 rules.committee_cost_limit），应当由业主大会决定。",
        "This cost cites committee decision {decision}, but {what_en} of {amount} is over the"
        " {limit} a committee may approve (rules.committee_cost_limit); it needs the owners' assembly.",
    ),
    "cost-over-decision-amount": (
        "引用决定 {decision} 的支出到这一笔累计 {total} 元，超过该决定批准的金额 {approved} 元。",
        "Costs citing decision {decision} come to {total} with this one, over the {approved} it approved.",
    ),
    # --- decisions (Civil Code Art. 278, Art. 1259) ---
    "decision-missing-votes": (
        "{body_zh}的决定需要填写“{field}”。",
        "A decision of the {body_en} needs '{field}'.",
    ),
    "decision-extra-votes": (
        "{body_zh}的决定不应填写“{field}”（它属于{other_zh}的表决）。",
        "A decision of the {body_en} should not have '{field}' (it belongs to the {other_en}).",
    ),
    "decision-count-order": (
        "票数不合理：{smaller_title} {smaller} 大于 {larger_title} {larger}。",
        "Inconsistent counts: {smaller_field} {smaller} is more than {larger_field} {larger}.",
    ),
    "decision-ballots-incomplete": (
        "这项业主大会决定没有记录{missing}。凡投出的选票（同意、反对、弃权、无效及未表达意见）都算参与表决，"
        "请补填，以便核对各类选票合计等于参与表决数；未补填前，页面上注明这些票数未记录。",
        "This owners' decision does not record {missing_en}. Every ballot cast (approve, oppose,"
        " abstain, invalid) takes part; add them so that they can be checked to add up to the"
        " participating figure. Until then the page says they are not recorded.",
    ),
    "decision-ballots-sum": (
        "各类选票的{measure}合计不等于参与表决的{measure}：同意 {approve} + 反对 {oppose} + 弃权 {abstain}"
        " + 无效及未表达意见 {invalid} = {total}，而参与表决填的是 {voted}。凡投出的选票都算参与表决，"
        "弃权票和无效票也计入参与表决数。",
        "The ballots' {measure_en} do not add up to the participating figure: approve {approve}"
        " + oppose {oppose} + abstain {abstain} + invalid {invalid} = {total}, but the participating"
        " figure is {voted}. Every ballot cast takes part, abstentions and invalid ones included.",
    ),
    "decision-result-mismatch": (
        "记录的表决结果是“{recorded_zh}”，但按《民法典》第二百七十八条计算应为“{computed_zh}”：{explanation}",
        "The recorded result is '{recorded}', but Civil Code Art. 278 gives '{computed}': {explanation_en}",
    ),
    "committee-result-mismatch": (
        "记录的表决结果是“{recorded_zh}”，但按本小区业委会议事规则（{rule}）计算应为“{computed_zh}”：{explanation}",
        "The recorded result is '{recorded}', but the committee's meeting rule gives '{computed}': {explanation_en}",
    ),
    "committee-size-differs": (
        "委员总数 {value} 与 community.yaml 中业委会人数 {size} 不一致，请核对。",
        "members_total {value} differs from the committee size {size} in community.yaml.",
    ),
    "fund-use-decision-not-assembly": (
        "维修资金使用必须依据业主大会关于第五项（使用维修资金）的决定，{decision} 不是。",
        "A maintenance-fund use must rest on an owners' assembly decision of matter 5; {decision} is not one.",
    ),
    "fund-use-decision-not-passed": (
        "所依据的决定 {decision} 未获通过，不能支取维修资金。",
        "Decision {decision} was not passed; the fund cannot be used on it.",
    ),
    "fund-use-before-decision": (
        "支取日期 {value} 早于所依据决定 {decision} 的日期 {decision_date}。",
        "Use dated {value}, before its decision {decision} ({decision_date}).",
    ),
    # --- the maintenance fund's account (rules/fund.py) ---
    "fund-use-emergency-not-committee": (
        "紧急使用维修资金（使用依据 emergency）应当依据业主委员会申请使用的决定，{decision} 不是。"
        "若业主大会已按第五项决定使用，请把使用依据写作 owners_decision。",
        "An emergency use of the fund (basis emergency) rests on the owners' committee's decision"
        " to apply for it; {decision} is not one. If the owners' assembly decided it under matter 5,"
        " write basis owners_decision.",
    ),
    "fund-use-emergency-unconfirmed": (
        "紧急使用维修资金须写明确认日期（confirmed），即这次使用获确认的日期。",
        "An emergency use of the fund needs the date the use was confirmed (confirmed).",
    ),
    "fund-use-confirmed-early": (
        "确认日期 {value} 早于申请使用的决定 {decision} 的日期 {decision_date}。",
        "Confirmed on {value}, before the decision {decision} ({decision_date}) that applied for it.",
    ),
    "fund-transfer-missing-source": (
        "公共收益转入（transfer_in）须写明转出账户（source_account）和那笔转出的凭证号（source_voucher），这里没有写 {field}。",
        "A transfer in (transfer_in) names the account (source_account) and the voucher"
        " (source_voucher) it receives; {field} is empty.",
    ),
    "fund-source-not-transfer": (
        "只有公共收益转入（transfer_in）才写转出账户和凭证号；这一笔是 {kind}。请删去 {field}，或把类别改为 transfer_in。",
        "Only a transfer in (transfer_in) names a source account and voucher; this row is {kind}."
        " Remove {field}, or make it a transfer_in.",
    ),
    "fund-transfer-unknown-account": (
        "转出账户“{account}”不是 ledgers/accounts.yaml 中的公共收益账户（有：{known}）。",
        "'{account}' is no common-revenue account of ledgers/accounts.yaml (they are: {known}).",
    ),
    "fund-transfer-no-entry": (
        "账户“{account}”的台账中没有凭证 {voucher}。请写明那笔转入专项维修资金的分录的凭证号。",
        "Account '{account}' has no voucher {voucher}. Name the ledger entry that transferred the money to the fund.",
    ),
    "fund-transfer-not-transfer": (
        "账户“{account}”的凭证 {voucher} 是“{type_zh}”（{type}），不是“转入专项维修资金”（fund_transfer）：维修资金只接收转入专项维修资金的分录。",
        "Voucher {voucher} of account '{account}' is {type}, not fund_transfer: the fund receives only transfers to the fund.",
    ),
    "fund-transfer-amount-differs": (
        "转入金额 {amount} 元与台账凭证 {voucher} 的 {ledger_amount} 元不符，相差 {difference} 元：两边应当分毫不差。",
        "The transfer in of {amount} differs from voucher {voucher} ({ledger_amount}) by {difference}: they must agree to the cent.",
    ),
    "fund-transfer-before-entry": (
        "入账日期 {value} 早于台账凭证 {voucher} 的日期 {ledger_date}：维修资金不能在转出之前收到这笔钱。",
        "Booked on {value}, before voucher {voucher} ({ledger_date}) paid it out: the fund cannot receive it earlier.",
    ),
    "fund-transfer-received-twice": (
        "台账凭证 {voucher} 已由 {first} 转入维修资金，不能再转入一次。",
        "Voucher {voucher} was already received by {first}; it cannot be received twice.",
    ),
    "fund-transfer-no-inflow": (
        "这笔转入专项维修资金的分录（账户“{account}”，凭证 {voucher}，{amount} 元）在维修资金收入"
        "（committee/fund_ledger.csv）中没有对应的转入：请在那里登记一笔 transfer_in，写明"
        " source_account {account}、source_voucher {voucher}。",
        "No matching inflow in the fund: the transfer to the fund {voucher} of account '{account}'"
        " ({amount}) is received by no transfer_in of committee/fund_ledger.csv (with"
        " source_account {account}, source_voucher {voucher}).",
    ),
    "fund-balance-mismatch": (
        "维修资金账户“{account}”截至 {date}（含当日）按期初余额、各项收入和使用计算的余额是 {computed} 元，"
        "这里写的是 {asserted} 元，相差 {difference} 元（计算结果{direction}）。请核对这段时间的收入、使用或这里的余额。",
        "Fund account '{account}': opening balance, inflows and uses give {computed} at the end of"
        " {date}, but {asserted} is asserted: the computation has {difference} {direction_en}.",
    ),
    "fund-balance-negative": (
        "这笔使用之后，维修资金账户截至 {date}（含当日）的余额是 {balance} 元，小于零：支取不能超过账户余额。",
        "After this use the fund's balance at the end of {date} is {balance}, below zero: a use cannot exceed the balance.",
    ),
    "fund-balance-not-checked": (
        "维修资金收入或使用有格式错误，维修资金余额核对暂未进行；改正上面的错误后会自动核对。",
        "The fund's inflows or uses have format errors, so its balances were not checked; fix those first.",
    ),
    "fund-account-missing": (
        "有维修资金收入记录，但 ledgers/accounts.yaml 中没有维修资金账户（kind: fund，写明期初余额和核对余额），维修资金余额无法核对。",
        "The fund has inflows, but ledgers/accounts.yaml has no fund account (kind: fund,"
        " with its opening balance and assertions), so its balance cannot be checked.",
    ),
    # --- uses of the owners' net income decided by the owners (rules/uses.py) ---
    "use-needs-decision": (
        "这笔是业主决定的使用（{kind}），不是成本，须在“依据决定”中写明{allowed}的编号。",
        "This entry is a use decided by the owners ({kind}), not a cost: name {allowed_en}"
        " in the decision column.",
    ),
    "use-decision-not-allowed": (
        "这类使用（{kind}）须依据{allowed}，{decision} 不是这样的决定。",
        "This kind of use ({kind}) must rest on {allowed_en}; {decision} is not one.",
    ),
    "use-decision-not-passed": (
        "所依据的决定 {decision} 未获通过，不能按它使用业主共有的收益。",
        "Decision {decision} was not passed; the owners' income cannot be used on it.",
    ),
    "use-before-decision": (
        "使用日期 {value} 早于所依据决定 {decision} 的日期 {decision_date}。",
        "Use dated {value}, before its decision {decision} ({decision_date}).",
    ),
    "use-over-decision-amount": (
        "依据决定 {decision} 的使用累计 {total} 元，超过该决定批准的金额 {limit} 元。",
        "The uses resting on {decision} add up to {total}, over the {limit} it approves.",
    ),
    # --- other records ---
    "notice-end-before-start": (
        "公示结束日期 {end} 早于开始日期 {start}。",
        "The public period ends ({end}) before it starts ({start}).",
    ),
    "term-end-before-start": (
        "任期结束日期 {end} 早于开始日期 {start}。",
        "The term ends ({end}) before it starts ({start}).",
    ),
    "placeholder-text": (
        "这里还是待填写的说明“{value}”，请换成实际内容。",
        "This still holds the fill-in hint '{value}'; replace it with the real value.",
    ),
    "id-not-path-name": (
        "编号“{value}”会成为网页地址的一部分，只能由字母、数字和 - _ . 组成"
        "（不以 . 开头，不含 ..、/、空格）。请改用 JY-2024-01 这样的编号。",
        "Id '{value}' becomes part of a page's address: use letters, digits and - _ . only"
        " (no leading '.', no '..', '/' or spaces), like JY-2024-01.",
    ),
    "count-exceeds": (
        "“{title}” {value} 大于“{other_title}” {other}。",
        "'{field}' {value} is more than '{other_field}' {other}.",
    ),
    # --- procedure dates and deadlines (Civil Code Art. 201-203; Property Management
    # Regulations Art. 14; rules.publication_deadline) ---
    "decision-dates-order": (
        "日期先后不对：{title} {value} 早于{earlier_title} {earlier}。程序日期应当依次是公告、投票开始、投票截止、决定作出、公布（可以同一天）。",
        "Dates out of order: '{field}' {value} is before '{earlier_field}' {earlier}. The"
        " procedure's dates run announced, vote_start, vote_end, date, published (the same day is allowed).",
    ),
    "decision-notice-short": (
        "公告日期 {announced} 到{meeting_title} {meeting} 只有 {days} 日（公告当日不计入，《民法典》第二百零一条）。"
        "《物业管理条例》第十四条：召开业主大会会议，应当于会议召开 15 日以前通知全体业主。"
        "这是程序上的瑕疵，不是数据错误：决定照常公布，页面注明通知期不足。",
        "Only {days} days from the announcement on {announced} to '{meeting_field}' {meeting}"
        " (the announcement day not counted, Civil Code Art. 201); Property Management"
        " Regulations Art. 14 asks for notice 15 days before an owners' assembly meeting. This"
        " is a defect of procedure, not of the data: the decision is published, and its page says so.",
    ),
    "decision-dates-missing": (
        "{body_zh}的决定没有记录{missing}。旧记录可以暂不填写；补齐后，业主可以核对通知期和公布期限。",
        "This decision of the {body_en} does not record {missing_en}. Older records may leave"
        " them out; with them, owners can check the notice and publication periods.",
    ),
    "decision-published-late": (
        "决定 {date} 作出，{published} 才公布，晚于公布期限的最后一日 {last_day}：期限是作出之后 {period}"
        "（作出当日不计入，《民法典》第二百零一条）{moved}。期限依据：{source}。",
        "Decided on {date} but published only on {published}, after the last day of the"
        " publication period, {last_day}: {period_en} after the decision (its day not counted,"
        " Civil Code Art. 201){moved_en}. The period is set by {source_en}.",
    ),
    "decision-deadline-unknown": (
        "决定 {date} 作出，{published} 公布，晚于不计节假日时公布期限的最后一日 {last_day}（作出之后 {period}）。"
        "节假日日历只收录 {first}—{last} 年，无法判断期限是否因法定休假日顺延（《民法典》第二百零三条），请人工核对。期限依据：{source}。",
        "Decided on {date} and published on {published}, after {last_day}, the last day of"
        " the publication period ({period_en}) counted without holidays. The holiday calendar"
        " covers {first}-{last} only, so whether a statutory holiday extends the period (Civil"
        " Code Art. 203) is unknown: check it by hand. The period is set by {source_en}.",
    ),
    "service-contract-bad": (
        "“{field}”应当写成 {{start: 合同起始日, end: 合同届满日, decision: 选聘或续聘的决定编号（可省略）, notice_days: 合同约定的不续聘通知天数（可省略）, notice_source: 约定该天数的合同条款（写了 notice_days 时必填）}}，且届满日不早于起始日。",
        "'{field}' should be written {{start: first day, end: last day of the term, decision: the decision choosing the provider (optional), notice_days: the contract's notice period for not renewing (optional), notice_source: the clause setting it (required with notice_days)}}, the end not before the start.",
    ),
    "community-bad-days": (
        "“{field}”填的是“{value}”，应当是 1 到 365 之间的整数（天数）。",
        "'{field}' is '{value}'; it should be a whole number of days from 1 to 365.",
    ),
    "publication-deadline-bad": (
        "“{field}”应当写成 {{days: 天数, count: calendar 或 working, severity: error 或 warning}}。",
        "'{field}' should be written {{days: <number>, count: calendar or working, severity: error or warning}}.",
    ),
    # --- the disclosure calendar (load/profiles.py, rules/calendar.py) ---
    "duty-rule-bad": (
        "“{field}”填的是“{value}”，应当是：{expected}。",
        "'{field}' is '{value}'; expected: {expected_en}.",
    ),
    "disclosure-profile-bad": (
        "“{field}”应当写成 {{profile: 规则配置, since: 开始日期}}，可加 lateness: error 或 warning；"
        "规则配置是以下之一：{allowed}。",
        "'{field}' should be written {{profile: <profile>, since: <date>}}, optionally with "
        "lateness: error or warning; the profile is one of: {allowed}.",
    ),
    "disclosure-rules-bad": (
        "“{field}”应当是本小区自己的公开职责的列表，每项写明 duty、期限和 source。",
        "'{field}' should be a list of the community's own disclosure duties, each with its "
        "duty, its deadline and its source.",
    ),
    "calendar-rule-looser": (
        "本小区对“{duty}”的规定不比规则配置（{profile}）的更严，按规则配置的规定判断（{source}）。",
        "The community's rule for '{duty}' is not stricter than its profile's ({profile}); "
        "the profile's rule ({source}) is applied.",
    ),
    "calendar-overdue": (
        "{duty}（{period}）应当在 {due} 前公开（{source}），到 {build_date} 仍没有公开记录，已逾期 {days} 天。"
        "公开后请在 data/disclosures.csv（决定请在其 published）记下日期。",
        "{duty_en} ({period}) was due by {due} ({source}); by {build_date} no publication is "
        "recorded: {days} days overdue. Once published, record the date in "
        "data/disclosures.csv (for a decision, its published date).",
    ),
    "calendar-late": (
        "{duty}（{period}）应当在 {due} 前公开（{source}），{published} 才公开，晚了 {days} 天。",
        "{duty_en} ({period}) was due by {due} ({source}) but published on {published}: "
        "{days} days late.",
    ),
    "calendar-display-short": (
        "这次公开只展示到 {until}，{source}要求至少公开 {days} 日（到 {required} 为止）。",
        "This disclosure was displayed until {until}; {source} requires at least {days} days "
        "(until {required}).",
    ),
    "calendar-log-period": (
        "公开记录的期间“{value}”与“{duty}”的职责不相符：这项职责按{every}公开，期间应写成 {example}。",
        "The log's period '{value}' does not fit the duty '{duty_en}', which is published "
        "every {every_en}: write the period as {example}.",
    ),
    "calendar-log-account": (
        "公开记录的账户“{value}”不是公共收益台账的账户（ledgers/accounts.yaml）：{allowed}。",
        "The log's account '{value}' is not an account of the ledgers "
        "(ledgers/accounts.yaml): {allowed}.",
    ),
    # --- the owners' register, counting basis and voting scopes (rules/register.py;
    # SPC interpretation on building ownership Art. 8-9) ---
    "register-schema-missing": (
        "community.yaml 写了业主名册（owners_register），但项目中没有它的数据格式说明 data/schemas/owners_register.yaml，"
        "名册无法核对。请从 gongshi 的示例项目复制这个文件。",
        "community.yaml has an owners' register (owners_register), but the project lacks its"
        " schema data/schemas/owners_register.yaml, so it cannot be checked. Copy the file from"
        " gongshi's sample project.",
    ),
    "register-not-list": (
        "owners_register（业主名册）应当是一个列表，每一期写 as_of（名册日期）、source（数据来源）和 counts（各范围的统计）。",
        "owners_register should be a list of issues, each with as_of, source and counts.",
    ),
    "register-counts-not-list": (
        "counts 应当是一个列表，每项写一个范围的统计：scope、area、units、developer_units、extra_units、owners。",
        "counts should be a list, one scope's totals an item: scope, area, units,"
        " developer_units, extra_units, owners.",
    ),
    "register-owners-arithmetic": (
        "按《建筑物区分所有权解释》第九条，业主人数 = 专有部分 {units} 套 − 建设单位未售或未交付的 {developer_units} 套"
        " + {developer_one}（建设单位的合计一人）− 同一买受人多出的 {extra_units} 套 = {expected} 人，这里写的是 {owners} 人。",
        "SPC interpretation Art. 9: owners = {units} parts - {developer_units} of the developer's"
        " + {developer_one} (the developer, one owner) - {extra_units} further parts of buyers"
        " of several = {expected}, but {owners} is written.",
    ),
    "register-whole-missing": (
        "业主名册 {as_of} 这一期没有“全体业主”的统计。每一期都要写明全体业主的专有部分面积、套数和人数。",
        "The register's issue of {as_of} has no count for the whole community (全体业主).",
    ),
    "register-scope-repeated": (
        "业主名册 {as_of} 这一期“{scope}”统计了两次（另一次在第 {first_line} 行）。每个范围每期只写一次。",
        "The register's issue of {as_of} counts '{scope}' twice (also on line {first_line}).",
    ),
    "register-parts-sum": (
        "业主名册 {as_of} 这一期{parts}的{what}合计 {total}，与“{whole}”的 {value} 不等。各部分相加应当正好等于整体。",
        "In the register's issue of {as_of}, the {what_en} of {parts_en} add up to {total},"
        " but '{whole}' has {value}; the parts must add up to the whole.",
    ),
    "register-parts-owners": (
        "业主名册 {as_of} 这一期{parts}的业主人数合计 {total}，少于“{whole}”的 {value} 人。"
        "同一买受人在几处都有房的，在整体中只计一人，所以各部分人数相加只会多于或等于整体，不会少。",
        "In the register's issue of {as_of}, the owners of {parts_en} add up to {total}, fewer"
        " than the {value} of '{whole}'; a buyer with parts in several places counts once in"
        " the whole, so the parts never add up to fewer.",
    ),
    "register-missing": (
        "有 {count} 项业主大会决定，但 community.yaml 没有业主名册（owners_register），无法核对这些决定的总面积和总人数。",
        "There are {count} owners' assembly decisions but community.yaml has no owners'"
        " register (owners_register), so their totals cannot be checked.",
    ),
    "decision-no-register-count": (
        "业主名册中没有 {date} 时有效的“{scope}”的统计（{reason}），本决定的总面积和总人数无法核对。",
        "The owners' register has no count for '{scope}' in force on {date} ({reason_en}), so"
        " this decision's totals cannot be checked.",
    ),
    "decision-totals-differ": (
        "{what} {value} 与业主名册 {as_of} 这一期“{scope}”的 {register} 不一致（名册来源：{source}）。"
        "表决范围是“{scope}”，总数按这一范围、按决定日期时有效的名册计算；如确有原因（如名册之后有变更），"
        "请在 totals_note（总数说明）中写明，页面会一并显示。",
        "The {what_en} {value} differs from the {register} of '{scope}' in the owners' register"
        " of {as_of} (source: {source}). Totals are those of the voting scope, by the register"
        " in force on the decision's date; if there is a reason, write it in totals_note.",
    ),
    "fund-use-outside-scope": (
        "这笔使用的范围“{scope}”不在所依据决定 {decision} 的表决范围“{decision_scope}”之内："
        "只有参加表决的业主共有的部分，才能依据他们的决定使用维修资金。",
        "This use's scope '{scope}' lies outside the voting scope '{decision_scope}' of"
        " decision {decision}: a decision only decides on what its voters own in common.",
    ),
    "fund-use-needs-part-vote": (
        "这笔使用只涉及“{scope}”，按{source}，须由这部分业主表决；所依据的决定 {decision} 的表决范围却是“{decision_scope}”。",
        "This use concerns only '{scope}', which under {source_en} its own owners must vote"
        " on; decision {decision} was voted by '{decision_scope}'.",
    ),
    # --- personal information ---
    "pii-id-number": (
        "这里有一个完整的身份证号码（{masked}）。公开前必须打码，最多保留末四位，如 **************1234，或直接删去。",
        "A full ID-card number ({masked}) appears here; mask it, keeping at most the last four"
        " digits (e.g. **************1234), or remove it.",
    ),
    "pii-mobile": (
        "这里有一个完整的手机号码（{masked}）。公开前必须打码，如 138****5678，或改用服务电话。",
        "A full mobile number ({masked}) appears here; mask it (e.g. 138****5678) or use the service line.",
    ),
    "pii-bank-card": (
        "这里有一个完整的银行卡号（{masked}）。公开前必须打码，只保留末四位。",
        "A full bank-card number ({masked}) appears here; mask it, keeping only the last four digits.",
    ),
    "pii-licence-plate": (
        "这里有一个完整的车牌号（{masked}）。公开前必须打码，如 浙A·D***5。",
        "A full licence plate ({masked}) appears here; mask it (e.g. 浙A·D***5).",
    ),
    "pii-id-mask-reveals": (
        "这个身份证号码打了码，但露出的不只末四位（{masked}）：前六位是户籍所在地的行政区划代码，中间八位是出生日期。最多保留末四位，如 **************1234。",
        "This ID-card number is masked but shows more than its last four digits ({masked}):"
        " the first six are the region of registration, the next eight the birth date. Keep at"
        " most the last four (e.g. **************1234).",
    ),
    "pii-email": (
        "这里有一个电子邮箱地址（{masked}），它不是 community.yaml 中列出的对外联系邮箱。个人邮箱不得公开：删去，或改用公开的联系邮箱（写在 property_company、owners_committee 或 party_branch 的 email 下）。",
        "An e-mail address ({masked}) appears here that is not one of the public contact"
        " addresses community.yaml lists. Remove it, or use a public contact address (the"
        " email of property_company, owners_committee or party_branch).",
    ),
    # --- personal details: their basis and end (core/personal.py, rules/personal_basis.py) ---
    "personal-no-basis": (
        "这条记录填了个人信息（{fields}），却没有写公开的依据。请填 personal_basis：consent（本人单独同意，并填 consent_date）或 legal_duty（法定义务，并填 basis_source）。没有依据不得公开个人信息（《个人信息保护法》第十三条、第二十五条）。",
        "This record holds personal details ({fields}) but states no basis for publishing them."
        " Fill in personal_basis: consent (the person's separate consent, with consent_date) or"
        " legal_duty (with basis_source). Without a basis they may not be published (PIPL"
        " Art. 13, 25).",
    ),
    "personal-consent-no-date": (
        "依据是本人同意（consent），请在 consent_date 填写取得同意的日期。",
        "The basis is consent: fill in consent_date, the date consent was given.",
    ),
    "personal-details-in-text": (
        "这段文字里好像写了个人的基本情况（{what}）。公示对象的姓名、性别、出生年月、学历、单位等，请写在"
        "公示对象（data/branch/notice_persons.yaml）的字段里：那里写明公开的依据，公示期满后网站自动隐去；"
        "写在正文里的会一直公开（《个人信息保护法》第十九条、第四十七条）。",
        "This text seems to describe a person (a birth month, or a name and a sex). Write a person's name, sex, birth month,"
        " education and employer in the fields made for them (data/branch/notice_persons.yaml),"
        " which state the basis and are taken down when the period ends; in free text they stay"
        " published for ever (PIPL Art. 19, 47).",
    ),
    "personal-consent-after-start": (
        "取得同意的日期 {consent_date} 晚于公示开始日 {start}：公开个人信息须事先取得本人单独同意（《个人信息保护法》第二十五条）。",
        "Consent is dated {consent_date}, after the notice starts on {start}: consent must be"
        " given before the details are published (PIPL Art. 25).",
    ),
    "personal-duty-no-source": (
        "依据是法定义务（legal_duty），请在 basis_source 写明规定的出处（法规名称和条款）。",
        "The basis is a legal duty: name its source (the regulation and article) in basis_source.",
    ),
    "personal-until-too-late": (
        "personal_until 填的是 {until}，晚于允许的最后一天 {latest}（公示结束后 {days} 天）。个人信息的保存期限应当是实现目的所必需的最短时间（《个人信息保护法》第十九条、第四十七条）；确需延长的，在 community.yaml 的 rules.personal_details_retention 写明天数和依据。",
        "personal_until is {until}, after the last allowed day {latest} ({days} days after the"
        " public period ends). Personal details are kept only as long as their purpose needs"
        " (PIPL Art. 19, 47); to keep them longer, set rules.personal_details_retention in"
        " community.yaml with its source.",
    ),
    # --- non-public records and the public repository (builder/load/private.py) ---
    "public-record-in-private-data": (
        "这条记录的公开范围是 public（向社会公开），却放在私有数据目录里：网站会公开它，但公开仓库里没有它，"
        "居民和审计人员无法把网页上的内容对应到仓库里的记录。请把它移到公开仓库的 data/ 下同名文件里。",
        "This record's scope is public, yet it sits in the private data directory: the site"
        " publishes it, but the public repository, which residents and auditors trace the site"
        " to, does not hold it. Move it to the same file under data/ in the public repository.",
    ),
    "internal-record-in-public-repository": (
        "这条记录（或它所属的公示）的公开范围是 {scope}（不向社会公开），却在 git 跟踪的文件里，而本仓库是公开的"
        "（community.yaml 的 repository.public，或发布流程在公开仓库中运行）：任何人都能在仓库里读到它。"
        "请把它移到私有数据目录（community.yaml 的 private_data），见《工作人员指南》。",
        "this record's scope (or that of the notice it belongs to) is {scope} (not public), yet it sits in a file git tracks, and the "
        "repository is public (repository.public in community.yaml, or the publish workflow runs "
        "in a public repository): anyone can read it there. Move it to the private data "
        "directory (private_data in community.yaml); see the staff guide.",
    ),
    "private-columns-differ": (
        "私有数据目录里的这个文件，列和公开文件的列不一样（应为：{expected}），它的记录没有读入。",
        "this file of the private data directory does not have the public file's columns "
        "({expected}); its records were not read.",
    ),
    # --- party branch: disclosure ranges and the steps of Art. 15 (rules/branch.py) ---
    "scope-internal-unspecified": (
        "公开范围写的是 internal（旧写法，只说明不向社会公开）。党务公开条例区分不向社会公开的范围，"
        "请改写为具体的一种：{ranges}。这条记录照常不在网站发布。",
        "the scope is internal (the older value: not public, range unsaid). The party-affairs "
        "openness regulation distinguishes the ranges that are not public; write the precise "
        "one: party, organisation or specific. The record is still not published.",
    ),
    "disclosure-steps-missing": (
        "这条公开事项没有写明{missing}。按党务公开条例第十五条，主动公开要经过提出、审核、审批，"
        "请写明每一步由哪个组织、在哪天完成（旧记录可暂缺，照常发布）。",
        "this disclosed item does not state {missing_en}. Party-affairs openness regulation "
        "Art. 15 has proactive disclosure proposed, reviewed and approved: state which body "
        "took each step, and when (an older record may lack them; it is still published).",
    ),
    "disclosure-steps-out-of-order": (
        "{later_title}（{later_value}）早于{earlier_title}（{earlier_value}）。"
        "按党务公开条例第十五条，先提出、再审核、后审批，批准之后才公开，请核对日期。",
        "{field} ({later_value}) is before {earlier} ({earlier_value}). Party-affairs openness "
        "regulation Art. 15 has an item proposed, then reviewed, then approved, and published "
        "only after its approval: check the dates.",
    ),
    # --- residents' voice: the wish list, joint meetings, volunteer service ---
    "wish-no-claimant": (
        "这个心愿的状态是“{status}”，但没有写认领方：请写明认领方类别（党员、单位、志愿服务队）和认领方名称"
        "（党员认领的写所在党小组，不写个人姓名）。",
        "This wish is '{status}' but names no claimant: give the claimant's kind (party member, "
        "unit, volunteer team) and name (for party members, their party group, not a person's name).",
    ),
    "wish-claimant-person": (
        "党员认领的心愿，认领方写所在党小组（如“第二党小组党员”），不写个人姓名；“{value}”看起来像个人姓名。",
        "A wish a party member claims names their party group (e.g. 第二党小组党员), not the "
        "person; '{value}' reads like a person's name.",
    ),
    "wish-done-no-date": (
        "这个心愿的状态是“已完成”，但没有写完成日期（done）。",
        "This wish is done but has no done date (done).",
    ),
    "wish-declined-no-reason": (
        "这个心愿的状态是“未能实现”，请在“未能实现的原因”（reason）中写明原因，让提出心愿的居民知道为什么。",
        "This wish was declined: state the reason (reason), so residents know why.",
    ),
    "wish-done-date-not-done": (
        "这里写了完成日期 {value}，但状态是“{status}”，不是“已完成”。心愿完成了就把状态改为“已完成”，没有完成就删去完成日期。",
        "A done date ({value}) is given but the wish's status is '{status}', not done: set the "
        "status to 已完成, or remove the date.",
    ),
    "wish-dates-order": (
        "{title}（{value}）早于{other_title}（{other}）：心愿先收集，再认领，后完成，请核对日期。",
        "{field} ({value}) is before {other_field} ({other}): a wish is collected, then "
        "claimed, then done. Check the dates.",
    ),
    "joint-meeting-planned-past": (
        "会议 {meeting} 标为“计划召开”，日期 {value} 已经过了（网站按 {as_of} 生成）。"
        "开过了就把状态改为“已召开”并补记出席人数和议题；改期了就改日期。",
        "Meeting {meeting} is marked planned, but its date {value} has passed (the site is "
        "built as of {as_of}): if it was held, mark it 已召开 and record its attendance and issues; if it "
        "was moved, change the date.",
    ),
    "joint-meeting-planned-decided": (
        "会议 {meeting} 还是“计划召开”，议题却已经写了议定事项或跟进情况“{status}”。"
        "会议开过之后再记这些，并把会议状态改为“已召开”。",
        "Meeting {meeting} is still planned, yet this issue records a decision or the status "
        "'{status}'. Record them once the meeting is held, and mark the meeting 已召开.",
    ),
    "joint-issue-no-follow-up": (
        "议题 {issue} 在这次会议上是“{status}”，请写明跟进责任方（follow_up），下次会议据此通报进展。",
        "Issue {issue} is '{status}' at this meeting: name who follows it up (follow_up), "
        "who reports on it at the next meeting.",
    ),
    "joint-issue-after-closed": (
        "议题 {issue} 在 {closed_on} 的会议（{closed_at}）上已经是“{closed}”，这里又记了一次。"
        "同一件事再次提出的，请用新的议题编号。",
        "Issue {issue} was already '{closed}' at meeting {closed_at} ({closed_on}) but comes up "
        "again here: a matter raised again takes a new issue number.",
    ),
    "volunteer-person-not-alone": (
        "这一行写了志愿者姓名，人数却是 {value}：写个人姓名的记录只记本人一人（人数写 1），同队其他人另记一行，不写姓名。",
        "This row names a volunteer but counts {value} people: a row with a person's name counts "
        "that person alone (people 1); record the rest of the team in a row without names.",
    ),
    # --- city harvest: the registry of communities (builder/city/registry.py) ---
    "city-registry-bad-id": (
        "社区编号“{value}”不能用：编号要用作文件夹名，只能由小写字母、数字和单个的 - . _ 组成（例如 linxi-qinghe）。",
        "Community id '{value}' cannot be used: it becomes a folder name, so only lower-case letters, digits and single - . _ between them (e.g. linxi-qinghe).",
    ),
    "city-registry-duplicate-id": (
        "社区编号“{value}”在第 {first_line} 行已经用过。每个社区的编号必须唯一。",
        "Community id '{value}' is already used on line {first_line}. Each community needs its own id.",
    ),
    "city-registry-bad-url": (
        "网址“{value}”不能用：应当是以 http:// 或 https:// 开头、带主机名的网站根地址（例如 https://example.org/site/），不含用户名、密码、空格。",
        "URL '{value}' cannot be used: it must be the site root starting with http:// or https:// with a host name (e.g. https://example.org/site/), without user, password or spaces.",
    ),
    "city-registry-url-or-path": (
        "每个社区要写网址（url）或本地文件夹（path）之一，且只写一个。",
        "Each community needs exactly one of url (its site) or path (a local folder of the built site).",
    ),
    "city-registry-not-text": (
        "“{field}”应当是一段文字，这里却是列表或字段组。",
        "'{field}' should be text, but is a list or a mapping.",
    ),
    "city-registry-bad-households": (
        "户数“{value}”应当是一个正整数（例如 1200）。",
        "Households '{value}' should be a positive whole number (e.g. 1200).",
    ),
    "city-registry-empty": (
        "名册里没有任何社区。请至少列出一个社区。",
        "The registry lists no community. List one at least.",
    ),
    # --- city harvest: why a community's harvest failed (builder/city/fetch.py, verify.py) ---
    "city-unreachable": (
        "无法取得 {file}：{detail}。",
        "Could not fetch {file}: {detail}.",
    ),
    "city-http-status": (
        "取 {file} 时网站回应 HTTP {status}。",
        "The site answered HTTP {status} for {file}.",
    ),
    "city-timeout": (
        "取 {file} 超时（单次等待上限 {seconds} 秒，每个社区总计上限 {total} 秒）。",
        "Fetching {file} timed out (limit {seconds} s per wait, {total} s per community).",
    ),
    "city-too-large": (
        "{file} 超过大小上限（每个文件 {file_mb} MB，每个社区 {community_mb} MB）。",
        "{file} is over the size limit ({file_mb} MB per file, {community_mb} MB per community).",
    ),
    "city-bad-encoding": (
        "{file} 的压缩方式“{encoding}”无法读取，或压缩内容已损坏。",
        "{file} came with content encoding '{encoding}' that cannot be read, or is corrupt.",
    ),
    "city-redirected": (
        "{file} 被转到另一个网站（{target}）。只接受同一主机内的转址：请在名册里写社区网站的实际地址。",
        "{file} redirects to another site ({target}). Only redirects within the same host are followed: put the site's real address in the registry.",
    ),
    "city-sums-malformed": (
        "SHA256SUMS 第 {line} 行不是“64 位十六进制校验值、两个空格、文件名”的格式，或文件名不安全。",
        "SHA256SUMS line {line} is not '64 hex digits, two spaces, file name', or names an unsafe path.",
    ),
    "city-sums-lacks": (
        "SHA256SUMS 没有列出必需的文件 {file}。",
        "SHA256SUMS does not list the required file {file}.",
    ),
    "city-tampered": (
        "{file} 与网站自己的 SHA256SUMS 不符：构建之后被改动或损坏了。其中的数据不予采用。",
        "{file} does not match the site's own SHA256SUMS: it was changed or corrupted after the build. Its data are not used.",
    ),
    "city-file-missing": (
        "SHA256SUMS 列出了 {file}，网站上却没有这个文件。",
        "SHA256SUMS lists {file}, but the site does not have it.",
    ),
    "city-package-hash": (
        "datapackage.json 中 {file} 的校验值或大小与文件本身不符。",
        "datapackage.json's hash or size of {file} does not match the file.",
    ),
    "city-package-unlisted": (
        "datapackage.json 列出的 {file} 不在 SHA256SUMS 中，无法核对。",
        "datapackage.json lists {file}, which SHA256SUMS does not: it cannot be checked.",
    ),
    "city-not-json": (
        "{file} 不是有效的 JSON：{detail}。",
        "{file} is not valid JSON: {detail}.",
    ),
    "city-schema-unknown": (
        "数据表“{resource}”不是本版 gongshi 的标准数据表，无法用标准表结构核对。",
        "Table '{resource}' is not one of this gongshi's standard tables; it cannot be checked against a standard schema.",
    ),
    "city-schema-differs": (
        "数据表“{resource}”公布的表结构与本版 gongshi 的标准表结构不同（{detail}）。",
        "The published schema of table '{resource}' differs from this gongshi's standard one ({detail}).",
    ),
    "city-invalid-data": (
        "{file} 不符合标准表结构，共 {count} 处问题，第一处：{first}",
        "{file} fails the standard schema, {count} problems; the first: {first_en}",
    ),
}

# balance-mismatch's {direction} / {direction_en}: whether the ledger has more or less
# than the balance written down.
BALANCE_DIRECTIONS = {"more": ("多", "more"), "less": ("少", "less")}
# community-missing's {title}: the Chinese title of each text setting of community.yaml.
COMMUNITY_TITLES = {
    "name": "小区简称",
    "full_name": "小区全称",
    "address": "地址",
    "neighbourhood_committee": "所属居委会",
    "property_company.name": "物业服务企业",
    "property_company.service_phone": "物业服务电话",
    "owners_committee.name": "业主委员会名称",
    "party_branch.name": "党支部名称",
}
# rule-setting-missing's {title}: what each setting under community.yaml's rules: decides.
RULE_SETTING_TITLES = {
    "cost_threshold": "须有决定批准的单笔成本金额",
    "committee_cost_limit": "业主委员会可批准的单笔成本上限",
    "committee_meeting": "业主委员会会议的出席和表决规则",
    "publication_deadline": "决定作出后向全体业主公布的期限",
    "area_basis": "表决时专有部分面积的计算依据",
    "headcount_basis": "表决时业主人数的计算方法",
    "part_scope_votes": "部分楼幢、单元的事项是否须由这部分业主表决",
    "personal_details_retention": "公示期满后个人信息继续公开的天数",
    "disclosure_profile": "公开职责所依据的规则配置（城市）和开始日期",
    "disclosure_rules": "本小区比规则配置更严的公开职责",
    "response_pledge": "物业服务人对居民诉求的响应承诺",
}
# rules.response_pledge: what a class's limit counts to, and the words of each unit.
PLEDGE_COUNTS = {
    "on_site": "到场时间",
    "answered": "答复或提出方案的时间",
    "resolved": "办结时间",
}
PLEDGE_UNITS = {"minutes": ("分钟",), "hours": ("小时",), "days": ("天", "日")}
# rules.publication_deadline's choices, with their meanings (community-bad-choice's {allowed}).
DEADLINE_COUNTS = {"calendar": "日，按日历计", "working": "工作日"}
DEADLINE_SEVERITIES = {"error": "错误，校验不通过", "warning": "警告，照常发布"}
# decision-published-late's {period} / {period_en} and {moved} / {moved_en}; its {source}.
DEADLINE_PERIODS = {
    False: ("{days} 日", "{days} days"),
    True: ("{days} 个工作日", "{days} working days"),
}
DEADLINE_MOVED = (
    "；{moved_from} 是法定休假日，最后一日顺延到休假日结束的次日（《民法典》第二百零三条）",
    "; {moved_from} being a statutory rest day, the last day moved to the day after the rest days (Art. 203)",
)
SETTING_SOURCES = {
    "rules": ("本小区{article}{decision}", "the community's {article}{decision}"),
    "decision": ("（决定 {decision}）", " (decision {decision})"),
    "law": ("《{title}》第{number}条", "{title}, Art. {article}"),
}
# decision-no-register-count's {reason} / {reason_en}: no issue in force yet on the
# decision's date, or the issue in force lacks its scope.
REGISTER_GAPS = {
    "no-issue": ("最早一期名册是 {first}，晚于决定日期", "the first issue is of {first}"),
    "no-scope": ("当时有效的 {as_of} 这一期没有这一范围", "the issue of {as_of} lacks it"),
}
# register-parts-sum's {parts} / {parts_en} and {what} / {what_en}.
REGISTER_PARTS = {
    "buildings": ("各幢", "the buildings"),
    "units": ("{building}各单元", "the units of {building}"),
    "listed": ("“{whole}”所列各处", "the parts of '{whole}'"),
}
REGISTER_FIGURES = {
    "area": ("专有部分面积", "area"),
    "units": ("专有部分套数", "parts"),
    "developer_units": ("建设单位未售或未交付套数", "developer's parts"),
    "total_area": ("专有部分总面积", "total area"),
    "total_owners": ("业主总人数", "total headcount"),
}
# cost-over-committee-limit's {what} / {what_en}: the cost itself, or the decision's amount.
COMMITTEE_LIMIT_WHAT = {
    "cost": ("这笔支出", "this cost"),
    "decision": ("该决定批准的金额", "the amount the decision approves"),
}
# How a coded value is listed with its meaning in an {allowed} list: all（全体委员）.
CODE_MEANING = "{code}（{meaning}）"
# The names of the invisible characters text-* problems point at (-1: any other control).
CHARACTER_NAMES = {
    -1: ("控制字符", "control character"),
    0x00: ("空字符 NUL", "NUL"),
    0x07: ("响铃符 BEL", "bell"),
    0x08: ("退格符", "backspace"),
    0x09: ("制表符", "tab"),
    0x0A: ("换行符", "line feed"),
    0x0B: ("垂直制表符", "vertical tab"),
    0x0C: ("换页符", "form feed"),
    0x0D: ("回车符", "carriage return"),
    0x1B: ("转义符 ESC", "escape"),
    0x7F: ("删除符 DEL", "delete"),
    0x85: ("下一行符 NEL", "next line"),
    0x9B: ("控制序列引导符 CSI", "control sequence introducer"),
    0x061C: ("阿拉伯字母标记", "Arabic letter mark"),
    0x200E: ("从左到右标记", "left-to-right mark"),
    0x200F: ("从右到左标记", "right-to-left mark"),
    0x202A: ("从左到右嵌入", "left-to-right embedding"),
    0x202B: ("从右到左嵌入", "right-to-left embedding"),
    0x202C: ("方向格式结束", "pop directional formatting"),
    0x202D: ("从左到右覆盖", "left-to-right override"),
    0x202E: ("从右到左覆盖", "right-to-left override"),
    0x2066: ("从左到右隔离", "left-to-right isolate"),
    0x2067: ("从右到左隔离", "right-to-left isolate"),
    0x2068: ("首字方向隔离", "first strong isolate"),
    0x2069: ("方向隔离结束", "pop directional isolate"),
}
# constraint-error's {detail}: a constraint with no message of its own, as the schema writes it.
CONSTRAINT_DETAIL = 'constraint "{constraint}" is "{limit}"'
# csv-syntax's {reason} / {reason_en}, by the error Python's csv reader gives; any other
# error is shown as the reader words it, with the general advice.
CSV_SYNTAX_REASONS = {
    "unexpected end of data": (
        '这一行有一个引号（"）一直没有配对，从这里到文件末尾都被读成了同一个格子。'
        "请在这个格子末尾补上引号，或删去多余的引号。",
        'a quote (") opened on this line is never closed, so everything up to the end of the '
        "file reads as one cell. Close the quote at the end of the cell, or remove it.",
    ),
    "',' expected after '\"'": (
        '引号（"）后面紧跟着别的字符。用引号括起来的格子，结束的引号后面应当是逗号或换行；'
        '格子里的引号要写成两个（""）。',
        'a closing quote (") is followed by other characters: after a quoted cell comes a '
        'comma or the end of the line, and a quote inside a cell is written twice ("").',
    ),
    # Found by gongshi's reader itself (builder/load/csv.py), not by Python's.
    "cr-line-ends": (
        "这个文件的换行符是旧式 Mac 的回车符（CR，Excel for Mac 另存的 CSV 常是这样），无法按行读取。"
        "请运行 gongshi normalize 此文件 --write，把它们换成普通换行（LF）。",
        "the file ends its lines with a bare carriage return (CR, the old Mac style Excel for Mac "
        "saves CSV in), so its lines cannot be read. Run 'gongshi normalize FILE --write' to "
        "change them to line feeds (LF).",
    ),
    "lone-cr": (
        "这一行末尾是一个单独的回车符（CR），别的行用的是普通换行（LF）。"
        "gongshi normalize 此文件 --write 会把它换成普通换行；如果它本该在格子里，请把那个格子用引号括起来。",
        "this line ends with a bare carriage return (CR) where the other lines end with a line "
        "feed (LF). 'gongshi normalize FILE --write' changes it to a line feed; if it belongs "
        "inside a cell, put that cell in quotes.",
    ),
    "cell-too-long": (
        "这一条记录有一个格子超过 {limit} 个字符，记录里的格子不会这么长。请检查是否误粘贴了大段内容，或引号没有配对。",
        "a cell of this record is longer than {limit} characters, more than any record holds. "
        "Check for text pasted by mistake, or a quote left open.",
    ),
    "too-many-columns": (
        "这一行有 {count} 个格子，超过上限 {limit}（电子表格最多的列数）。请检查分隔符是否用错。",
        "this line has {count} cells, more than the limit of {limit} (the most columns a "
        "spreadsheet has). Check the separators.",
    ),
}
CSV_SYNTAX_OTHER = ("{detail}。请检查引号是否成对。", "{detail}. Check the quotes.")
