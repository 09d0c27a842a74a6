"""What the commands say: set-up failures (exit code 2), build, init/new, diff, normalize
and serve, Chinese with the English alongside."""

from __future__ import annotations

COMMANDS: dict[str, tuple[str, str]] = {
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
    "mkdocs-unreadable": (
        "mkdocs.yml 不能读取：{detail}",
        "mkdocs.yml cannot be read: {detail}",
    ),
    "plugin-missing": (
        "mkdocs.yml 的 plugins 中没有 gongshi，网站不会检查和生成记录页面。请加上“- gongshi”。",
        "mkdocs.yml does not list the gongshi plugin under plugins; add '- gongshi'.",
    ),
    # Where the site may go (builder/publish/target.py): a build replaces the whole folder.
    "site-dir-project": (
        "不能把网站生成到 {path}：它就是项目目录 {project}，或包含这个项目。生成网站会替换整个目录，项目的记录、页面和 .git 都会丢失。什么也没有改动。请换一个目录，例如项目中默认的 site/。",
        "Refusing to build the site into {path}: it is the project {project} or contains it. A build replaces the whole folder, so the project's records, pages and .git would be lost. Nothing was changed. Use another folder, such as the default site/ in the project.",
    ),
    "site-dir-source": (
        "不能把网站生成到 {path}：生成网站要读取 {source}，而这个目录就是它、在它里面或包含它。生成网站会替换整个目录，这些源文件会丢失。什么也没有改动。请换一个不在 content/、data/、site_templates/ 中的目录，例如默认的 site/。",
        "Refusing to build the site into {path}: the build reads {source}, and this folder is it, lies inside it or contains it. A build replaces the whole folder, so those sources would be lost. Nothing was changed. Use a folder outside content/, data/ and site_templates/, such as the default site/.",
    ),
    "site-dir-git": (
        "不能把网站生成到 {path}：它是一个 git 仓库的根目录（有 .git）。生成网站会替换整个目录，仓库和它的历史会丢失。什么也没有改动。请生成到别的目录，再把文件复制到仓库中。",
        "Refusing to build the site into {path}: it is the root of a git work tree (it has .git). A build replaces the whole folder, so the repository and its history would be lost. Nothing was changed. Build elsewhere, then copy the files into the repository.",
    ),
    "site-dir-not-site": (
        "不能把网站生成到 {path}：这个目录里已有文件，但不是 gongshi 生成的网站（没有 {marker} 标记文件）。生成网站会替换整个目录，其中的文件会丢失。什么也没有改动。请换一个新目录或空目录；确认其中的文件都不需要后，也可以先自己清空它。",
        "Refusing to build the site into {path}: it holds files but is not a site gongshi built (it has no {marker} marker file). A build replaces the whole folder, so those files would be lost. Nothing was changed. Use a new or empty folder, or empty this one yourself once you are sure its files are not needed.",
    ),
    "site-dir-not-folder": (
        "不能把网站生成到 {path}：{file} 是一个文件，不是目录。什么也没有改动。请换一个目录。",
        "Cannot build the site into {path}: {file} is a file, not a folder. Nothing was changed. Use another folder.",
    ),
    "site-dir-unwritable": (
        "无法写入网站目录 {path}：{detail}。网站没有生成，原有网站保持不变。请换一个可以写入的目录，或检查目录的权限。",
        "Cannot write the site folder {path}: {detail}. The site was not built; any existing site is unchanged. Use a folder you can write to, or check its permissions.",
    ),
    "build-invalid-data": (
        "数据检查未通过，网站没有生成：",
        "The records are invalid; the site was not built:",
    ),
    "build-placeholders": (
        "还有 {count} 处待填写的说明，网站没有生成：待填写的说明不能发布给居民。请把下面这些地方换成实际内容（gongshi validate 把它们列为提醒）：",
        "{count} fill-in hints are left, so the site was not built: hints are never published. Replace each of these with the real value (gongshi validate lists them as warnings):",
    ),
    "build-failed": (
        "网站没有生成，原有网站保持不变。",
        "The site was not built; any existing site is unchanged.",
    ),
    "site-built": (
        "网站已生成：{site}\n在浏览器中查看：python -m http.server -d {site} 8000，然后打开 http://127.0.0.1:8000/",
        "Site built: {site}. To view it: python -m http.server -d {site} 8000, then open http://127.0.0.1:8000/",
    ),
    # --- the city index, its harvest side (builder/city: registry, fetch, verify, harvest) ---
    "city-registry-missing": (
        "找不到社区名册 {path}。请给出名册 YAML 文件的路径。",
        "Registry {path} not found. Give the path of the registry YAML file.",
    ),
    "city-registry-invalid": (
        "社区名册有错误，没有开始汇总。请按上面的提示改正名册。",
        "The registry has errors; nothing was harvested. Correct the registry as listed above.",
    ),
    "city-shard-bad": (
        "--shard 的值“{value}”不对：应当写成 K/N，1 ≤ K ≤ N（例如 2/4 表示四份中的第二份）。",
        "--shard '{value}' is not K/N with 1 ≤ K ≤ N (e.g. 2/4: the second of four shards).",
    ),
    "city-jobs-bad": (
        "--jobs 的值“{value}”不对：应当是 1 到 64 之间的整数。",
        "--jobs '{value}' must be a whole number from 1 to 64.",
    ),
    "city-harvest-line": ("{id}：{status_zh}", "{id}: {status}"),
    "city-harvest-removed": (
        "{id}：已不在社区名册中，它的数据已从汇总中移除",
        "{id}: no longer in the registry; its data were removed from DIR",
    ),
    "city-harvest-summary": (
        "汇总完成（第 {shard} 份，{date}）：{count} 个社区，{counts_zh}。结果在 {out}。",
        "Harvest done (shard {shard}, {date}): {count} communities, {counts}. Results in {out}.",
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
        "已在 {path} 新建小区数据仓库（{count} 个文件）。",
        "Created a community repository in {path} ({count} files).",
    ),
    "init-next-steps": (
        "接下来三步：\n"
        "1. 填写 {path}/data/community.yaml 里所有“（请填写…）”的地方（gongshi validate {path} 逐项列出；还有没填的，网站不会生成），再运行 gongshi build {path} 检查。\n"
        '2. 提交并推送到 GitHub：git add -A && git commit -m "新建小区数据仓库" && git push\n'
        "3. 在 GitHub 仓库的 Settings → Pages 里把 Source 设为 GitHub Actions；在 Settings → Branches 保护 main 分支，要求拉取请求和“数据检查 validate”通过。详见 content/about/staff-guide.md。",
        "Next, three steps: 1. fill in every '（请填写…）' hint in data/community.yaml "
        "(gongshi validate lists them; the site is not built while one is left), then run "
        "gongshi build. 2. Commit and push to GitHub. 3. In the repository's Settings → "
        "Pages, set Source to GitHub Actions; in Settings → Branches, protect main: require "
        "a pull request and the 'validate' check. See content/about/staff-guide.md.",
    ),
    "init-ask-name": ("小区简称（如 桂香苑）", "the community's short name"),
    "init-ask-full-name": (
        "小区全称（如 某市某区桂香苑小区；直接回车则以后再填）",
        "its full name (Enter: fill it in later)",
    ),
    "init-ask-site-url": (
        "网站地址（如 https://组织名.github.io/仓库名/）",
        "the site's address (e.g. https://ORG.github.io/REPO/)",
    ),
    "init-ask-install": (
        "从哪里安装 gongshi：index（PyPI）、软件包索引地址、git+ 地址或 .whl 文件（直接回车为 index）",
        "install gongshi from: index (PyPI), a package index URL, a git+ URL or a .whl file (Enter: index)",
    ),
    "init-missing-option": (
        "请用 {option} 写明（不在终端中运行，无法询问）。",
        "Give {option} (not run in a terminal, so it cannot be asked).",
    ),
    "init-install-source": (
        "不认识安装来源“{source}”：可以写 index（PyPI）、软件包索引的 https 地址、以 git+ 开头的地址，或一个 .whl 文件。",
        "Unknown install source '{source}': use index (PyPI), a package index's https URL, a git+ URL, or a .whl file.",
    ),
    "init-no-wheel": (
        "找不到 wheel 文件 {path}。",
        "No such wheel file: {path}.",
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
    "new-unreadable": (
        "无法读取 {file}，没有生成新记录。请先按下面的说明改正这个文件：",
        "{file} cannot be read, so no record was made. Fix the file as described below first:",
    ),
    "new-no-resource": (
        "data/datapackage.yaml 中没有“{resource}”这项记录，无法新建。",
        "data/datapackage.yaml lists no resource '{resource}', so no such record can be made.",
    ),
    "new-write-failed": (
        "无法写入 {file}：{detail}。文件保持原样。",
        "Cannot write {file}: {detail}; the file is unchanged.",
    ),
    "init-unwritable": (
        "无法在 {path} 新建文件：{detail}。请换一个可以写入的目录。",
        "Cannot create files in {path}: {detail}. Name a directory you can write to.",
    ),
    "serve-failed": (
        "预览无法启动：{detail}",
        "The preview could not start: {detail}",
    ),
    "schema-invalid": (
        "表结构文件 {path} 有误：{detail}",
        "Table Schema {path} is broken: {detail}",
    ),
    # What is wrong with a Table Schema's shape (builder/core/schema.py): the {detail}
    # of schema-invalid, shown as "Chinese / English".
    "schema-fields-not-list": ("fields: 应当是字段列表", "must be a list of fields"),
    "schema-field-no-name": ("字段缺少 name", "a field has no name"),
    "schema-constraints-not-mapping": ("{name}: constraints 应当是映射", "must be a mapping"),
    "schema-no-reference": ("foreignKeys: 缺少 reference", "a foreign key has no reference"),
    "schema-bad-key": ("键应当是字段名或字段名列表", "a key must be a name or a list: {key}"),
    # What is wrong with the data package or a schema file (builder/load/project.py): the
    # {detail} of datapackage-invalid or schema-invalid, shown as "Chinese / English".
    "datapackage-resources-not-list": ("resources: 应当是资源列表", "must be a list"),
    "datapackage-resource-incomplete": (
        "资源缺少 name/path/schema",
        "resource lacks name/path/schema: {entry}",
    ),
    "datapackage-bad-format": (
        "{name}: 格式 {format} 无法读取，应当是 csv 或 yaml",
        "{name}: format {format} (csv/yaml)",
    ),
    "schema-file-missing": ("文件不存在", "missing"),
    "schema-not-mapping": ("不是映射", "not a mapping"),
    "datapackage-bad-name": (
        "资源名“{name}”不合规：应当是小写字母和数字，中间可用 - . _ 连接（如 ledger-parking）",
        "resource name '{name}' must be lower-case letters and digits joined by '-', '.' or '_' (like ledger-parking)",
    ),
    "datapackage-reserved-name": (
        "资源名“{name}”已被占用：下载文件中的账户表（accounts）和对账余额表（balance-assertions）用这两个名字，请换一个",
        "resource name '{name}' is taken: the downloads publish the accounts and balance assertions under it; choose another",
    ),
    "datapackage-duplicate-name": ("资源名“{name}”重复了", "resource name '{name}' is used twice"),
    "datapackage-bad-path": (
        "{name}: {key} “{path}” 应当是 data/ 下的相对路径（不以 / 开头，不含 ..、反斜杠或网址）",
        "{name}: {key} '{path}' must be a path relative to data/ (no leading /, '..', '\\' or URL)",
    ),
    # --- the city index, its site side (builder/city: store, queries, site) ---
    "city-dir-missing": (
        "{path} 不是城市汇总的数据文件夹（里面没有 communities/）。请先运行 gongshi city harvest REGISTRY --out {path}。",
        "{path} is not a city index folder (it has no communities/). Run gongshi city harvest REGISTRY --out {path} first.",
    ),
    "city-site-in-dir": (
        "不能把网站生成到 {path}：采集结果 {dir} 就是它、在它里面或包含它。生成网站会替换整个目录，采集结果会丢失。什么也没有改动。请换一个目录。",
        "Refusing to build the site into {path}: the harvest folder {dir} is it, lies inside it or contains it. A build replaces the whole folder, so the harvest would be lost. Nothing was changed. Use another folder.",
    ),
    "city-dir-unreadable": (
        "采集结果不能读取（文件可能损坏，请重新采集）：{detail}",
        "The harvest folder cannot be read (a file may be damaged; harvest again): {detail}",
    ),
    "city-site-built": (
        "城市汇总网站已生成：{site}\n在浏览器中查看：python -m http.server -d {site} 8000，然后打开 http://127.0.0.1:8000/",
        "City site built: {site}. To view it: python -m http.server -d {site} 8000, then open http://127.0.0.1:8000/",
    ),
    "city-duckdb-missing": (
        "需要安装 gongshi[city]（DuckDB）才能运行城市汇总：pip install 'gongshi[city]'。小区仓库不需要它。",
        "The city index needs gongshi[city] (DuckDB): pip install 'gongshi[city]'. A community repository does not need it.",
    ),
    # --- the validation report (builder/core/report.py) ---
    "report-line": ("第 {line} 行", "line {line}"),
    "report-whole-file": ("整个文件", "file"),
    "report-valid": ("✓ 数据检查通过（{warnings} 条提醒）", "valid ({warnings_en})"),
    "report-invalid": (
        "✗ 发现 {errors} 个错误、{warnings} 条提醒，请改正后再提交",
        "{errors_en}, {warnings_en}",
    ),
    "report-github-valid": ("数据检查通过", "valid"),
    "report-github-invalid": ("发现 {errors} 个错误", "{errors} errors"),
    "profile-invalid": (
        "规则配置 {file} 第 {line} 行“{field}”有误：{detail}",
        "The rule profile {file}, line {line}, '{field}' is wrong: {detail_en}",
    ),
    "profile-unknown": (
        "没有名为“{value}”的规则配置。已有：{allowed}。",
        "There is no rule profile '{value}'. There are: {allowed}.",
    ),
    "calendar-no-profile": (
        "community.yaml 没有写 rules.disclosure_profile（依据哪个城市的规定、从哪天开始），没有公开日历。",
        "community.yaml has no rules.disclosure_profile (whose regulations, from which day): "
        "there is no disclosure calendar.",
    ),
    "source-date-epoch-bad": (
        "环境变量 SOURCE_DATE_EPOCH 的值“{value}”不是构建时间：应当是 1970 年以来的秒数"
        "（0 到 253402300799 之间的整数），或者不设。",
        "SOURCE_DATE_EPOCH is '{value}', not a build time: it must be the seconds since 1970"
        " (a whole number from 0 to 253402300799), or unset.",
    ),
    "snapshots-bad": (
        "环境变量 GONGSHI_SNAPSHOTS 指向的往年快照清单“{path}”读不出来：{detail}。"
        "它由发布流程（publish.yml）用 gh release list 写出；本地生成网站时不要设置它。",
        "The list of snapshots GONGSHI_SNAPSHOTS names, '{path}', cannot be read: {detail}. "
        "The publish workflow writes it with gh release list; leave it unset for a local build.",
    ),
    "report-more": (
        "……同类问题（{code}）还有 {count} 个，改正上面几个后再检查即可看到",
        "… and {count} more of the same kind ({code}); fix the ones above and check again",
    ),
    "report-github-unannotated": (
        "另有 {errors} 个错误、{warnings} 条提醒没有标注在代码行上"
        "（GitHub 每一步只显示各 10 条），各类数目见作业摘要（Summary）",
        "{errors} more errors and {warnings} more warnings are not annotated (GitHub shows"
        " 10 of each per step); the job summary counts them by file and kind",
    ),
    "report-summary-title": ("数据检查：各类问题的数目", "Validation: problems by file and kind"),
    "report-summary-truncated": (
        "（表格只列出前 {shown} 类，共 {kinds} 类）",
        "(the table lists the first {shown} of {kinds} kinds)",
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
    # The words of the summary (builder/staff/diff/): the two versions, the settings
    # that are not resources, and values shown in words.
    "diff-side-worktree": ("工作区（当前文件）", "working tree (current files)"),
    "diff-side-revision": ("{revision}（{commit}）", "{revision} ({commit})"),
    "diff-accounts-title": ("公共收益账户", "common-revenue accounts"),
    "diff-assertions-title": ("对账余额", "balance assertions"),
    "diff-value-empty": ("（空）", "(empty)"),
    "diff-value-yes": ("是", "yes"),
    "diff-value-no": ("否", "no"),
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
    "normalize-bad-time": (
        "“{value}”中的时间不存在：时要在 0–23 之间，分要在 0–59 之间（读到的是 {hour} 时 {minute} 分）。"
        "没有自动转换，请核对后按 2025-03-05 09:07 这样的格式写。",
        "'{value}' has no such time: the hour must be 0-23 and the minute 0-59 (read {hour} h {minute} min). "
        "It was not converted; check it and write it like 2025-03-05 09:07.",
    ),
    "normalize-moment-seconds": (
        "“{value}”记到了秒；台账只记到分钟，去掉秒会改变记录，所以没有自动转换。"
        "请核对后改写，如 {moment}。",
        "'{value}' has seconds; the register records minutes, and dropping the seconds would "
        "change the record, so it was not converted. Check it and write it like {moment}.",
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
    # Why a value was left alone, and what to write instead: the {reason}, {advice},
    # {rule} and {hint} of the problems above (builder/staff/normalize/spreadsheet_values.py).
    "normalize-reason-date-serial": (
        "是一个数字，像是 Excel 内部的日期序号，无法确定是哪一天"
        "（在 WPS/Excel 中把这一列设为日期格式，就能看到真正的日期）",
        "is a plain number, probably Excel's internal date serial, so the day cannot be told "
        "for sure (format the column as a date in WPS/Excel to see it)",
    ),
    "normalize-reason-moment-serial": (
        "是一个数字，像是 Excel 内部的日期时间序号，无法确定是哪一天、几点几分"
        "（在 WPS/Excel 中把这一列设为自定义格式 yyyy-mm-dd hh:mm，就能看到真正的时间）",
        "is a plain number, probably Excel's internal date-time serial, so the day and time "
        "cannot be told for sure (give the column the custom format yyyy-mm-dd hh:mm in "
        "WPS/Excel to see it)",
    ),
    "normalize-reason-no-month": ("没有{month}月", "there is no month {month}"),
    "normalize-reason-no-year-zero": ("没有公元 0 年", "there is no year 0"),
    "normalize-reason-month-days": (
        "{year}年{month}月只有{days}天",
        "{month_name} {year} has {days} days",
    ),
    "normalize-reason-day-month-order": (
        "无法确定是{month1}月{day1}日还是{month2}月{day2}日",
        "could be {month_name1} {day1} or {month_name2} {day2}",
    ),
    "normalize-reason-year-not-first": (
        "不是“年-月-日”的写法（四位年份要写在最前面）",
        "is not written year-month-day (the four-digit year must come first)",
    ),
    "normalize-reason-two-digit-year": (
        "年份只有两位，无法确定哪个数是年、哪个是月和日",
        "has a two-digit year, so which number is the year, month or day is unclear",
    ),
    "normalize-reason-month-or-october": (
        "可能是{year}年1月，也可能是 Excel 把 {year}.10 显示成了 {value}",
        "could be January {year}, or Excel showing {year}.10 (October) as {value}",
    ),
    "normalize-reason-month-year-order": ("不是“年-月”的顺序", "is not in year-month order"),
    "normalize-reason-scientific": (
        "是科学计数法，Excel 可能已经丢掉了末尾的数字（把这一列设为“数值”格式再导出）",
        "is in scientific notation; Excel may have dropped digits "
        "(format the column as Number and export again)",
    ),
    "normalize-reason-points": (
        "有不止一个“.”，无法确定哪个是小数点",
        "has more than one '.', so which is the decimal point is unclear",
    ),
    "normalize-reason-point-and-comma": (
        "同时有“.”和“,”，无法确定哪个是小数点",
        "has both '.' and ',', so which is the decimal point is unclear",
    ),
    "normalize-reason-comma": (
        "中的逗号不是每三位一个的千位分隔符，可能是小数点，也可能多写或少写了数字",
        "has a comma that is not a thousands separator every three digits; it may be a "
        "decimal comma, or a digit may be missing",
    ),
    "normalize-advice-date": (
        "日期请按“四位年份-月-日”写，如 2025年3月5日写成 2025-03-05。",
        "Write dates as four-digit year-month-day, e.g. 5 March 2025 is 2025-03-05.",
    ),
    "normalize-advice-moment": (
        "时间请按“四位年份-月-日 时:分”写，如 2025年3月5日9时07分写成 2025-03-05 09:07。",
        "Write times as four-digit year-month-day hour:minute, e.g. 9:07 on 5 March 2025 "
        "is 2025-03-05 09:07.",
    ),
    "normalize-advice-date-reading": (
        "日期请按“四位年份-月-日”写，如 {year}年{month}月{day}日写成 {iso}。",
        "Write dates as four-digit year-month-day, e.g. {day} {month_name} {year} is {iso}.",
    ),
    "normalize-advice-date-readings": (
        "日期请按“四位年份-月-日”写，如 {month1}月{day1}日写成 {iso1}，{month2}月{day2}日写成 {iso2}。",
        "Write dates as four-digit year-month-day: {month_name1} {day1} is {iso1}, "
        "{month_name2} {day2} is {iso2}.",
    ),
    "normalize-advice-month-or-october": (
        "年月请写成“四位年份-两位月份”，如 1月写成 {year}-01，10月写成 {year}-10。",
        "Write year-month as e.g. {year}-01 (January) or {year}-10 (October).",
    ),
    "normalize-advice-yearmonth": (
        "年月请写成“四位年份-两位月份”，如 2025年3月写成 2025-03。",
        "Write year-month as e.g. 2025-03 for March 2025.",
    ),
    "normalize-rule-money": (
        "不加 ¥ 和千位逗号，小数点用“.”，写到分",
        "no ¥, no thousands commas, '.' as the decimal point, to the fen",
    ),
    "normalize-rule-number": (
        "不加千位逗号，小数点用“.”",
        "no thousands commas, '.' as the decimal point",
    ),
    "normalize-rule-integer": ("只写数字，不加逗号", "digits only, no commas"),
    # A leading space in English: the hint follows the sentence before it.
    "normalize-hint-thousands-point": (
        "如果“.”原本是千位分隔符，请写成 {amount}。",
        " If the '.' is a thousands separator, write {amount}.",
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
    "normalize-change-moment": (
        "{count} 个时间改为 YYYY-MM-DD HH:MM",
        "{count} times written as YYYY-MM-DD HH:MM",
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
    # One of those {columns}, with the kind its name was taken for.
    "normalize-column-date": ("{name}（日期）", "{name} (date)"),
    "normalize-column-yearmonth": ("{name}（年月）", "{name} (year-month)"),
    "normalize-column-money": ("{name}（金额）", "{name} (amount)"),
    "normalize-column-number": ("{name}（数字）", "{name} (number)"),
    "normalize-column-integer": ("{name}（整数）", "{name} (whole number)"),
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
    "serve-banner-kept": (
        "预览没有更新：数据有问题，下面是上次生成的预览。改正这些问题并保存后，会自动重新生成。",
        "The preview was not updated: the records have problems; below is the last good preview. Fix them and save, and it rebuilds by itself.",
    ),
    "serve-banner-placeholders": (
        "这是预览：还有 {count} 处待填写的说明。填完以前，gongshi build 和发布都不会生成网站。",
        "This is a preview: {count} fill-in hints are left. Until they are filled, gongshi build and publishing will not make the site.",
    ),
    "serve-kept-last": (
        "预览没有更新，浏览器里仍是上次生成的预览。改正下面的问题并保存后，会自动重新生成。",
        "The preview was not updated; the browser keeps the last one. Fix the problem below and save, and it rebuilds by itself.",
    ),
}

# How every fill-in hint that `gongshi init` and `gongshi new` write begins (their
# templates use it); rules/records.py warns about a record still holding one.
PLACEHOLDER = "（请填写"
# The issuer `gongshi new notice` writes when no earlier notice names one.
ISSUER_HINT = PLACEHOLDER + "发布单位）"
# How a list inside a message is joined ("date、amount"); the English templates too.
LIST_JOIN = "、"

# The validation report's marks for each severity, and its counts in English (one, more).
SEVERITIES = {"error": "错误", "warning": "提醒"}
# Columns of the job summary's table of problems by file and kind (builder/core/report.py).
SUMMARY_COLUMNS = (("文件", "file"), ("问题", "kind"), ("个数", "count"), ("第一处", "first at"))
COUNTS_EN = {
    "error": ("{count} error", "{count} errors"),
    "warning": ("{count} warning", "{count} warnings"),
}

# A community's harvest status, as the harvest report says it (builder/city/harvest.py).
CITY_STATUSES = {
    "ok": "已采集并核对",
    "unchanged": "未变化",
    "tampered": "文件被改动",
    "invalid": "数据不合格",
    "unreachable": "无法访问",
    "timeout": "超时",
    "too-large": "超过大小上限",
    "redirected": "被转到其他网站",
    "schema-differs": "表结构与标准不同",
}

# --- `gongshi --help` (builder/cli.py): "Chinese / English", or English alone ---
HELP: dict[str, tuple[str, str]] = {
    "gongshi": (
        "小区“三公开”数据检查与网站生成",
        "validate a community's records and publish its disclosure site",
    ),
    "project": ("项目目录", "project directory"),
    "city": (
        "城市汇总：采集各小区公开的数据并生成汇总网站",
        "the city index: harvest communities' published data and build its site",
    ),
    "city-harvest": (
        "按社区名册采集、核对并保存各小区网站公开的数据",
        "harvest, verify and store what each community of a registry publishes",
    ),
    "city-build": (
        "用采集结果生成城市汇总网站",
        "build the city index site from a harvest folder",
    ),
    "city-dir": ("采集结果所在的文件夹", "the harvest folder (gongshi city harvest --out)"),
    "city-site-dir": ("网站生成到哪个文件夹", "folder to build the site into"),
    "city-title": ("网站名称", "the site's title"),
    "registry": ("社区名册（YAML）", "the registry of communities (YAML)"),
    "city-out": ("保存采集结果的文件夹", "folder the harvest is stored in"),
    "shard": (
        "只采集 N 份中的第 K 份（K/N，默认 1/1）",
        "harvest only shard K of N (K/N, default 1/1)",
    ),
    "jobs": ("同时采集的社区数（默认 4）", "communities harvested at a time (default 4)"),
    "city-format": ("结果的格式", "format of the harvest report"),
    "project-default": ("项目目录", "project directory (default: .)"),
    "validate": ("检查数据", "validate the records"),
    "public-repository": (
        "按公开仓库检查：git 跟踪的文件里有非公开记录即为错误（发布流程用）",
        "check as a public repository: a non-public record in a file git tracks is an error "
        "(the publish workflow uses it)",
    ),
    "engine": (
        "表结构检查方式",
        "schema checks: auto (fast path where it covers the schema), "
        "fast (the same), frictionless (the reference, for every table); same report",
    ),
    "build": ("检查数据并生成网站", "validate and build the site"),
    "calendar": (
        "公开日历：按本地规定应当公开的事项，已按时、逾期或即将到期",
        "the disclosure calendar: what the local law requires published, done, late or due",
    ),
    "calendar-format": ("输出格式", "text, or json (the calendar.json contract)"),
    "site-dir": ("输出目录", "output directory (default: PROJECT/site)"),
    "serve": ("本地预览网站", "preview the site locally"),
    "dev-addr": ("", "address (default 127.0.0.1:8000)"),
    "init": ("新建小区数据仓库", "create a new community repository"),
    "dir": ("新目录", "a new, empty directory"),
    "name": ("小区简称", "the community's short name"),
    "site-url": (
        "网站地址（默认按 git 远程仓库推断 GitHub Pages 地址）",
        "the site's public address, for QR codes and links "
        "(default: the GitHub Pages address of the git remote origin)",
    ),
    "full-name": ("小区全称（不写则留待填写）", "the full name (default: a hint to fill in)"),
    "install-from": (
        "工作流从哪里安装 gongshi：index（PyPI，默认）、其他软件包索引的地址、git+ 地址或 .whl 文件",
        "where the workflows install gongshi from: index (PyPI, default), "
        "another package index's URL, a git+ URL, or a .whl file",
    ),
    "new": ("生成一条待填写的记录", "print the next record to fill in"),
    "account": ("entry 的账户", "ledger account (default parking)"),
    "new-write": ("追加到文件", "append it to the file"),
    "normalize": ("整理 Excel/WPS 导出的文件", "tidy files from Excel/WPS"),
    "normalize-write": ("写回文件", "change the files (after the diff)"),
    "diff": ("这次修改会发布什么", "what a change will publish"),
    "base": ("比较的基准版本", "base revision (commit, branch, tag)"),
    "head": ("默认为当前文件", "default: the working tree"),
}
