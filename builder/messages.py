"""Every message a staff member reads, in Chinese with the English alongside.

Codes are the contract (tests and other tools match on them); the wording may improve.
Templates use ``str.format`` fields; ``{field}`` is the column or key concerned.
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, tuple[str, str]] = {
    # --- project set-up (exit code 2) ---
    "project-missing": (
        "找不到 gongshi 项目：{path} 下没有 data/datapackage.yaml。请在小区数据仓库的根目录运行，或写明目录。",
        "Not a gongshi project: {path} has no data/datapackage.yaml. Run in the repository root or name the directory.",
    ),
    "datapackage-invalid": (
        "data/datapackage.yaml 无法读取：{detail}",
        "data/datapackage.yaml cannot be read: {detail}",
    ),
    "mkdocs-missing": (
        "{path} 下没有 mkdocs.yml，无法生成网站。",
        "{path} has no mkdocs.yml; the site cannot be built.",
    ),
    "plugin-missing": (
        "mkdocs.yml 的 plugins 中没有 gongshi，网站不会检查和生成记录页面。请加上“- gongshi”。",
        "mkdocs.yml does not list the gongshi plugin under plugins; add '- gongshi'.",
    ),
    "build-invalid-data": (
        "数据检查未通过，网站没有生成：",
        "The records are invalid; the site was not built:",
    ),
    "build-failed": (
        "网站没有生成，原有网站保持不变。",
        "The site was not built; any existing site is unchanged.",
    ),
    "site-built": (
        "网站已生成：{site}\n在浏览器中查看：python -m http.server -d {site} 8000，然后打开 http://127.0.0.1:8000/",
        "Site built: {site}. To view it: python -m http.server -d {site} 8000, then open http://127.0.0.1:8000/",
    ),
    "citation-unknown": (
        "{page} 引用了项目不认识的法条 {marker}。可引用的法条见 builder/laws.yaml。",
        "{page} cites {marker}, which is not in builder/laws.yaml.",
    ),
    "search-index-failed": (
        "Pagefind 建立搜索索引失败：{detail}",
        "Pagefind could not index the site: {detail}",
    ),
    "init-done": (
        "已在 {path} 新建小区数据仓库（{count} 个文件）。请先填写 data/community.yaml，然后运行 gongshi build {path}。",
        "Created a community repository in {path} ({count} files). Fill in data/community.yaml, then run gongshi build {path}.",
    ),
    "new-appended": (
        "已追加到 {file}。请打开文件，把带括号的说明换成实际内容。",
        "Appended to {file}. Open it and replace the bracketed hints with the real values.",
    ),
    "init-not-empty": (
        "{path} 已有文件。为免覆盖，请指定一个新的空目录。",
        "{path} is not empty; name a new, empty directory so nothing is overwritten.",
    ),
    "new-unknown-account": (
        "没有账户“{account}”的台账。可用：parking（停车）、advertising（广告）。",
        "There is no ledger for account '{account}'.",
    ),
    "new-unknown-kind": (
        "不认识“{kind}”。可以新建：decision（决定）、entry（台账分录）、notice（党务公示）。",
        "Unknown record kind '{kind}': use decision, entry or notice.",
    ),
    "schema-invalid": (
        "表结构文件 {path} 有误：{detail}",
        "Table Schema {path} is broken: {detail}",
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
    "file-empty": ("文件是空的。", "The file is empty."),
    "encoding-gbk": (
        "文件不是 UTF-8 编码，看起来是 GBK/GB18030（Excel、WPS 默认的“ANSI”编码），第 {line} 行开始无法按 UTF-8 读取。"
        "请运行 gongshi normalize 此文件 --write 转换，或在 WPS/Excel 中“另存为 → CSV UTF-8”。",
        "The file is not UTF-8; it looks like GBK/GB18030 (Excel/WPS 'ANSI'). Convert it with "
        "'gongshi normalize FILE --write' or save as 'CSV UTF-8'.",
    ),
    "encoding-unknown": (
        "文件不是 UTF-8 编码，第 {line} 行开始无法读取。请用 UTF-8 保存。",
        "The file is not UTF-8 (from line {line} on). Save it as UTF-8.",
    ),
    "csv-syntax": (
        "CSV 格式错误：{detail}。请检查引号是否成对。",
        "CSV syntax error: {detail}. Check the quotes.",
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
        "'{field}' is '{value}', not a valid {type}.",
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
    "community-bad-choice": (
        "“{field}”填的是“{value}”，只能是：{allowed}。",
        "'{field}' is '{value}'; it must be one of: {allowed}.",
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
    "amount-not-finite": (
        "金额“{value}”不是一个具体的数目，请写成 1200.00 这样的数字。",
        "Amount '{value}' is not a finite number; write a figure such as 1200.00.",
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
    "count-exceeds": (
        "“{title}” {value} 大于“{other_title}” {other}。",
        "'{field}' {value} is more than '{other_field}' {other}.",
    ),
    # --- personal information ---
    "pii-id-number": (
        "这里有一个完整的身份证号码（{masked}）。公开前必须打码，如 330102********1234，或直接删去。",
        "A full ID-card number ({masked}) appears here; mask it (e.g. 330102********1234) or remove it.",
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
    # --- diff ---
    "diff-not-git": (
        "{path} 不在 git 仓库中，无法比较两个版本。请在小区数据仓库里运行 gongshi diff。（git：{detail}）",
        "{path} is not inside a git repository; gongshi diff compares two git revisions. (git: {detail})",
    ),
    "diff-git-missing": (
        "找不到 git 程序。gongshi diff 需要用 git 读取两个版本，请先安装 git。",
        "The git program was not found; gongshi diff needs it to read the two revisions.",
    ),
    "diff-git-failed": (
        "git 读取失败（{revision}）：{detail}",
        "git failed ({revision}): {detail}",
    ),
    "diff-revision-unknown": (
        "找不到版本“{revision}”。请检查分支名或提交编号是否写对；如果是远程分支，请先运行 git fetch。",
        "Revision '{revision}' not found. Check the branch name or commit id; for a remote branch run 'git fetch' first.",
    ),
    "diff-revision-shallow": (
        "这是一个浅克隆（shallow clone），其中没有版本“{revision}”，无法比较。"
        "请先取回更多历史：git fetch --deepen=100（或 git fetch origin {revision}）；"
        "在 GitHub Actions 中给 actions/checkout 加上 fetch-depth: 0。",
        "This is a shallow clone and revision '{revision}' is not in it, so nothing can be compared. "
        "Fetch more history ('git fetch --deepen=100' or 'git fetch origin {revision}'), "
        "or set 'fetch-depth: 0' on actions/checkout.",
    ),
    "diff-format-unknown": (
        "不认识的输出格式“{value}”，可用：{allowed}。",
        "Unknown output format '{value}'; use one of: {allowed}.",
    ),
    # --- normalize ---
    # Problems: a value normalize will not convert, because any conversion would be a guess.
    "normalize-encoding": (
        "文件既不是 UTF-8 编码，也不像 GBK/GB18030 编码，无法自动转换，文件没有改动。"
        "请在 WPS/Excel 中“另存为 → CSV UTF-8（逗号分隔）”，或用记事本“另存为”并选择 UTF-8 编码。",
        "The file is neither UTF-8 nor recognisably GBK/GB18030, so it was not converted. "
        "Save it as 'CSV UTF-8 (comma delimited)' in WPS/Excel, or as UTF-8 in a text editor.",
    ),
    "normalize-ambiguous-date": (
        "“{value}”{reason}，没有自动转换。{advice}",
        "'{value}' {reason_en}; it was not converted. {advice_en}",
    ),
    "normalize-bad-date": (
        "“{value}”不是一个存在的日期：{reason}。没有自动转换，请核对后按 {expected} 这样的格式写。",
        "'{value}' is not a real date: {reason_en}. It was not converted; check it and write it like {expected}.",
    ),
    "normalize-ambiguous-number": (
        "“{value}”{reason}，没有自动转换。请写成 {expected} 这样的格式（{rule}）。",
        "'{value}' {reason_en}; it was not converted. Write it like {expected} ({rule_en}).",
    ),
    "normalize-money-precision": (
        "金额“{value}”有 {places} 位小数；金额只记到分（两位小数），不会自动四舍五入。请核对原始凭证后改写，如 1200.00。{hint}",
        "Amount '{value}' has {places} decimals; amounts go to the fen (two decimals) and are never rounded automatically. "
        "Check the voucher and correct it, e.g. 1200.00.{hint_en}",
    ),
    "normalize-negative-amount": (
        "金额“{value}”是负数（带“-”或括号），没有自动转换。金额一律写正数，如 1200.00；收入和支出用“收支”等列区分。",
        "Amount '{value}' is negative ('-' or parentheses); it was not converted. Amounts are always positive, "
        "e.g. 1200.00; income and costs are told apart by a column such as type.",
    ),
    # What normalize changed (the Chinese text goes into Normalized.changes).
    "normalize-change-encoding": ("编码 {encoding} → UTF-8", "encoding {encoding} → UTF-8"),
    "normalize-change-bom": ("删除文件开头的 BOM 标记", "removed the byte-order mark (BOM)"),
    "normalize-change-newlines": ("换行符 {kind} → LF", "line endings {kind} → LF"),
    "normalize-change-final-newline": ("文件末尾补上换行", "added the final line break"),
    "normalize-change-date": (
        "{count} 个日期改为 YYYY-MM-DD",
        "{count} dates written as YYYY-MM-DD",
    ),
    "normalize-change-yearmonth": (
        "{count} 个年月改为 YYYY-MM",
        "{count} months written as YYYY-MM",
    ),
    "normalize-change-money": (
        "{count} 个金额改为 1200.00 的写法（去掉 ¥ 和千位逗号，两位小数）",
        "{count} amounts written like 1200.00 (no ¥, no thousands commas, two decimals)",
    ),
    "normalize-change-number": (
        "{count} 个数字去掉了千位逗号或全角字符",
        "{count} numbers lost thousands commas or full-width characters",
    ),
    "normalize-change-integer": (
        "{count} 个整数去掉了千位逗号或全角字符",
        "{count} whole numbers lost thousands commas or full-width characters",
    ),
    "normalize-change-cell-space": (
        "{count} 个格子删除了首尾空格",
        "{count} cells lost leading or trailing spaces",
    ),
    "normalize-change-trailing-space": (
        "{count} 行删除了行尾空格",
        "{count} lines lost trailing spaces",
    ),
    "normalize-change-empty-rows": (
        "删除末尾 {count} 个空行",
        "removed {count} empty rows at the end",
    ),
    "normalize-change-by-name": (
        "没有找到这个文件的表结构（data/datapackage.yaml），按列名判断了日期和金额：{columns}",
        "no Table Schema found for this file (data/datapackage.yaml); dates and amounts were recognised by column name: {columns}",
    ),
    # What `gongshi normalize` says about each file.
    "normalize-file-missing": ("找不到文件“{path}”（或它不是一个文件）。", "No such file: {path}."),
    "normalize-unreadable": ("无法读取文件“{path}”：{detail}", "Cannot read {path}: {detail}"),
    "normalize-unchanged": ("无需修改：{path}", "already normalized: {path}"),
    "normalize-changes-heading": ("修改内容", "Changes"),
    "normalize-dry-run": (
        "以上是将要做的修改，文件还没有改动。核对无误后，加 --write 再运行一次即可写入：{path}",
        "The changes above were not applied; run again with --write to apply them: {path}",
    ),
    "normalize-written": ("已写入：{path}", "written: {path}"),
    "normalize-write-failed": (
        "无法写入文件“{path}”：{detail}。文件保持原样。",
        "Cannot write {path}: {detail}; the file is unchanged.",
    ),
    "normalize-held-back": (
        "{path} 有需要人工确认的值（见上），整个文件都没有改动。请先改正这些值，再运行 gongshi normalize。",
        "{path} has values a person must decide (above); the file was not changed. Fix them first, then run gongshi normalize again.",
    ),
    "serve-not-updated": (
        "预览没有更新：改正下面的问题并保存后，会自动重新生成。",
        "The preview was not updated: fix the problem below and save, and it rebuilds by itself.",
    ),
    "serve-kept-last": (
        "预览没有更新，浏览器里仍是上次生成的预览。改正下面的问题并保存后，会自动重新生成。",
        "The preview was not updated; the browser keeps the last one. Fix the problem below and save, and it rebuilds by itself.",
    ),
}

# Words the site shows for coded values, and the charts' titles.
LABELS = {
    "status": {"upcoming": "未开始", "active": "公示中", "ended": "已结束"},
    "body": {"owners_assembly": "业主大会", "committee": "业主委员会"},
    "entry_type": {"income": "收入", "cost": "成本"},
    "pledge": {
        "紧急到场": "5 分钟内到场",
        "简单问题": "40 分钟内解决",
        "一般问题": "3 小时内解决",
        "复杂问题": "2 天内解决",
    },
    "latest": {"decision": "{body}决定", "notice": "党务公示", "fund_use": "维修资金使用"},
    "excel_copy": "{title}（Excel/WPS 用）",
    "package_title": "{community}公开数据",
}
CHARTS = {
    "ledger": (
        "{year}年{account}每月收入与成本",
        "{year}年{account}各月收入和成本的柱状图，横轴为月份，纵轴为金额（元）；同样的数字见图下的表格。",
    ),
    "performance": (
        "报修按时办结率（按月）",
        "各类报修工单每月按承诺时限办结的比例，数据见图下表格。",
    ),
}

TYPE_NAMES_ZH = {
    "date": "有效日期（写成 2025-03-05）",
    "number": "数字（写成 1200.00，不要加 ¥ 或逗号）",
    "integer": "整数",
    "yearmonth": "年月（写成 2025-03）",
    "string": "文字",
    "boolean": "是/否",
}


class _Blank(dict):
    """Format mapping that leaves an unknown placeholder empty rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""


def render(code: str, params: dict[str, Any]) -> tuple[str, str]:
    """The Chinese and English text of ``code`` with ``params`` filled in."""
    zh, en = MESSAGES[code]
    values = _Blank({k: ("" if v is None else v) for k, v in params.items()})
    if not values.get("title"):
        values["title"] = values.get("field", "")
    return zh.format_map(values), en.format_map(values)
