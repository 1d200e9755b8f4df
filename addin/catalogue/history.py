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
})
