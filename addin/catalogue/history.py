"""Messages about the history store: why it was not opened or not written, and what to do.
The store is never changed by a run that refuses it."""

from . import define

define("history", {
    "not_sqlite": ("{path}：不是 SQLite 数据库，也不是 salesbook 的历史数据库；文件未改动",
                   "{path}: not a SQLite database, so not a salesbook history store; the file "
                   "was left as it is", "请用 --history 指定正确的文件，或指定一个新文件名",
                   "Give the right file with --history, or a new file name"),
    "corrupt": ("{path}：数据库已损坏（{detail}）；文件未改动",
                "{path}: the database is damaged ({detail}); the file was left as it is",
                "请从备份恢复，或用 --history 指定一个新文件",
                "Restore it from a backup, or give a new file with --history"),
    "foreign": ("{path}：这是其他程序的数据库，不是 salesbook 的历史数据库；文件未改动",
                "{path}: a database of another program, not a salesbook history store; the "
                "file was left as it is", "请用 --history 指定另一个文件",
                "Give another file with --history"),
    "newer": ("{path}：此历史数据库由更新版本的 salesbook 写入（结构版本 {found}，本版本支持 "
              "{supported}）；文件未改动", "{path}: this history store was written by a newer "
              "salesbook (schema version {found}; this one knows {supported}); the file was "
              "left as it is", "请升级 salesbook", "Upgrade salesbook"),
    "locked": ("{path}：另一个汇总正在写入历史数据库，等待 {seconds} 秒后仍未结束；未写入任何内容",
               "{path}: another rollup is writing the history store and did not finish within "
               "{seconds} s; nothing was written", "请稍后重试", "Try again in a moment"),
    "read_only": ("{path}：历史数据库（或其所在文件夹）是只读的；未写入任何内容",
                  "{path}: the history store (or its folder) is read-only; nothing was written",
                  "请去掉只读属性，或用 --history 指定可写的位置",
                  "Clear the read-only flag, or give a writable place with --history"),
    "missing": ("{path}：找不到历史数据库", "{path}: no history store there",
                "请先运行 salesbook rollup，或用 --history 指定文件",
                "Run `salesbook rollup` first, or give the file with --history"),
    "cannot_open": ("{path}：无法打开历史数据库（{detail}）；未写入任何内容",
                    "{path}: cannot open the history store ({detail}); nothing was written",
                    "请检查文件和权限", "Check the file and its permissions"),
    "disk_full": ("{path}：磁盘已满，历史数据库未更新（保持原样）",
                  "{path}: the disk is full; the history store was not updated (it is as it "
                  "was)", "请腾出空间后重试", "Free some space and run again"),
    # a PostgreSQL store (the location is shown without its password)
    "pg_driver": ("要使用 PostgreSQL 历史数据库，需要安装 psycopg",
                  "a PostgreSQL history store needs the psycopg driver, which is not "
                  "installed", "请运行 pip install \"salesbook[postgres]\"",
                  "Run pip install \"salesbook[postgres]\""),
    "pg_bad_url": ("{path}：无法识别的数据库地址（{detail}）",
                   "{path}: not a database address that can be used ({detail})",
                   "请按 postgresql://用户@主机:端口/数据库 的格式填写",
                   "Write it as postgresql://user@host:port/database"),
    "pg_unreachable": ("{path}：无法连接数据库服务器（{detail}）；未写入任何内容",
                       "{path}: cannot reach the database server ({detail}); nothing was "
                       "written", "请检查服务器是否在运行、主机名和端口是否正确",
                       "Check that the server is running and the host and port are right"),
    "pg_auth": ("{path}：数据库拒绝了用户名或密码；未写入任何内容",
                "{path}: the database refused the user name or password; nothing was "
                "written", "请检查地址中的用户、PGPASSWORD 或 ~/.pgpass",
                "Check the user in the address, PGPASSWORD or ~/.pgpass"),
    "pg_no_database": ("{path}：服务器上没有这个数据库；未写入任何内容",
                       "{path}: there is no such database on the server; nothing was written",
                       "请让数据库管理员创建它（createdb），或改正地址中的数据库名",
                       "Ask the database administrator to create it (createdb), or correct "
                       "the database name in the address"),
    "pg_no_schema": ("{path}：连接的 search_path 中没有可用的 schema",
                     "{path}: the connection's search_path names no schema that exists",
                     "请先创建该 schema，或改正地址中的 search_path",
                     "Create the schema first, or correct the search_path in the address"),
    "pg_foreign": ("{path}：schema {schema} 中已有其他程序的表，不是 salesbook 的历史数据库；"
                   "数据库未改动", "{path}: schema {schema} holds tables of another program, "
                   "not a salesbook history store; the database was left as it is",
                   "请使用一个空的数据库或 schema（地址中加 options=-csearch_path%3D名称）",
                   "Use an empty database, or a schema of its own (add "
                   "options=-csearch_path%3Dname to the address)"),
    "pg_damaged": ("{path}：schema {schema} 中的 salesbook 历史数据库缺少版本记录；数据库未改动",
                   "{path}: the salesbook history store in schema {schema} has lost its "
                   "version record; the database was left as it is",
                   "请从备份恢复", "Restore it from a backup"),
    "pg_newer": ("{path}：此历史数据库由更新版本的 salesbook 写入（结构版本 {found}，本版本支持 "
                 "{supported}）；数据库未改动", "{path}: this history store was written by a "
                 "newer salesbook (schema version {found}; this one knows {supported}); the "
                 "database was left as it is", "请升级 salesbook", "Upgrade salesbook"),
    "pg_denied": ("{path}：数据库用户没有所需的权限（{detail}）；未写入任何内容",
                  "{path}: the database user lacks a permission ({detail}); nothing was "
                  "written", "请让数据库管理员授予该用户对此 schema 的读写权限",
                  "Ask the database administrator to grant the user read and write access "
                  "to the schema"),
    "pg_read_only": ("{path}：数据库服务器只允许读取；未写入任何内容",
                     "{path}: the database server accepts reading only; nothing was written",
                     "请连接主服务器（而不是只读副本）", "Connect to the primary server, not a "
                     "read-only replica"),
    "pg_lost": ("{path}：与数据库服务器的连接中断（{detail}）；未写入任何内容",
                "{path}: the connection to the database server was lost ({detail}); nothing "
                "was written", "服务器恢复后请重新运行", "Run again once the server is back"),
    "pg_failed": ("{path}：数据库拒绝了此操作（{detail}）；未写入任何内容",
                  "{path}: the database refused the operation ({detail}); nothing was written"),
    "pg_commit_unknown": ("{path}：提交时与数据库服务器的连接中断（{detail}）；无法确定本次数据是否"
                          "已保存，报告未更新", "{path}: the connection to the database server "
                          "was lost while committing ({detail}); the rollup may or may not be "
                          "stored, and the report was not updated",
                          "服务器恢复后请重新运行（重新汇总会替换相同的数据，不会重复）",
                          "Run again once the server is back (a rerun replaces the same "
                          "rep-days, it never doubles them)"),
    # salesbook history import / export
    "import_missing": ("{path}：找不到文件", "{path}: no such file"),
    "import_unreadable": ("{path}：无法读取（{detail}）", "{path}: cannot be read ({detail})"),
    "import_no_table": ("{path}：没有“历史实绩”工作表", "{path}: there is no earlier-actuals sheet",
                        "请用 salesbook templates 生成的“历史实绩导入”模板，或使用 CSV 文件",
                        "Use the history-import template made by `salesbook templates`, or a "
                        "CSV file"),
    "import_empty": ("{path}：文件是空的", "{path}: the file is empty"),
    "import_encoding": ("{path}：无法识别文件的编码", "{path}: the file's text encoding is not "
                        "known", "请另存为 UTF-8 编码的 CSV", "Save it as CSV in UTF-8"),
    "import_no_header": ("{path}：第一行缺少列 {columns}", "{path}: the first row lacks the "
                         "column(s) {columns}", "第一行应为列名：rep, region, month, sales, "
                         "gross_margin, new_customers, collections（或模板的中英文列名）",
                         "The first row must name the columns: rep, region, month, sales, "
                         "gross_margin, new_customers, collections (or the template's "
                         "headers)"),
    "import_unknown_column": ("未知的列“{column}”，已忽略", "unknown column '{column}', ignored"),
    "import_bad_cell": ("第 {row} 行“{column}”：{detail}", "row {row}, column {column}: "
                        "{detail}"),
    "import_required": ("第 {row} 行“{column}”不能为空", "row {row}, column {column}: must not "
                        "be blank"),
    "import_bad_month": ("第 {row} 行“{column}”：{value} 不是月份（格式 YYYY-MM，如 2026-01）",
                         "row {row}, column {column}: {value} is not a month (write YYYY-MM, "
                         "e.g. 2026-01)"),
    "import_negative": ("第 {row} 行“{column}”：{value} 不能为负数",
                        "row {row}, column {column}: {value} cannot be negative"),
    "import_duplicate": ("第 {row} 行：{rep} 的 {month} 已在第 {first} 行出现",
                         "row {row}: {rep} for {month} is already on row {first}",
                         "每位销售员每月只填一行", "Give one row per rep and month"),
    "import_refused": ("{path}：发现 {errors} 个错误，未导入任何数据",
                       "{path}: {errors} error(s) found, nothing was imported",
                       "请改正上面列出的单元格后重新导入",
                       "Correct the cells listed and import again"),
    "export_no_pyarrow": ("导出 Parquet 需要安装 pyarrow", "exporting Parquet needs pyarrow, "
                          "which is not installed", "请运行 pip install \"salesbook[parquet]\"，"
                          "或改用 --format csv", "Run pip install \"salesbook[parquet]\", or "
                          "use --format csv"),
})
