"""Messages about the files the product writes: why one could not be written, and what to
do. Each says that nothing was written, or what was."""

from . import define

define("output", {
    "open_in_excel": ("{path}：文件正在 Excel 中打开（旁边有 {owner}），未写入任何内容",
                      "{path}: the file is open in Excel (found {owner} beside it); nothing "
                      "was written", "请在 Excel 中关闭后重试", "Close it in Excel and run again"),
    "read_only": ("{path}：文件是只读的，未写入任何内容",
                  "{path}: the file is read-only; nothing was written",
                  "请去掉只读属性或换一个输出文件",
                  "Clear its read-only flag or choose another output file"),
    "no_folder": ("{path}：文件夹 {folder} 不存在，未写入任何内容",
                  "{path}: the folder {folder} does not exist; nothing was written",
                  "请先建立该文件夹或换一个位置", "Create the folder or choose another place"),
    "folder_read_only": ("{path}：文件夹 {folder} 不可写，未写入任何内容",
                         "{path}: the folder {folder} is not writable; nothing was written",
                         "请换一个可写的位置", "Choose a folder you can write to"),
    "disk_full": ("{path}：磁盘已满，未写入任何内容（原文件保持不变）",
                  "{path}: the disk is full; nothing was written (any old file is unchanged)",
                  "请腾出空间后重试", "Free some space and run again"),
    "permission": ("{path}：没有写入权限，未写入任何内容（原文件保持不变）",
                   "{path}: permission denied; nothing was written (any old file is "
                   "unchanged)", "请检查文件和文件夹的权限",
                   "Check the permissions of the file and its folder"),
    "read_only_fs": ("{path}：所在磁盘是只读的，未写入任何内容",
                     "{path}: the disk is read-only; nothing was written",
                     "请换一个可写的位置", "Choose a place you can write to"),
    "name_too_long": ("{path}：路径或文件名太长，未写入任何内容",
                      "{path}: the path or file name is too long; nothing was written",
                      "请换一个较短的位置或文件名", "Choose a shorter folder or file name"),
    "folder_gone": ("{path}：写入时文件夹不见了（被移动或删除），未写入任何内容",
                    "{path}: the folder disappeared while writing (moved or deleted); nothing "
                    "was written", "请确认文件夹后重试", "Check the folder and run again"),
    "os_error": ("{path}：无法写入（{detail}），未写入任何内容（原文件保持不变）",
                 "{path}: could not be written ({detail}); nothing was written (any old file "
                 "is unchanged)", "请检查磁盘和权限后重试",
                 "Check the disk and the permissions and run again"),
    "same_as_input": ("{path}：输出文件不能是输入文件本身，输入文件从不修改",
                      "{path}: the output must be a new file; the input is never changed",
                      "请用 --out 指定另一个文件", "Give another file with --out"),
})

define("run", {
    "worker_died": ("一个工作进程意外结束（{detail}），未写入任何内容",
                    "a worker process ended unexpectedly ({detail}); nothing was written",
                    "请重试；如果再次发生，请把命令和文件夹告诉管理员",
                    "Run again; if it happens again, tell your administrator the command and "
                    "the folder"),
    "two_parts": ("{first}；{second}", "{first}; {second}"),
    "interrupted": ("已中断，未写入任何内容（已写好的文件保持完整）",
                    "interrupted; nothing more was written (files already written are whole)"),
    "nothing_saved": ("{detail}；报告也未写入（报告与历史数据库一起保存，"
                      "要么都保存，要么都不保存）",
                      "{detail}; the report was not written either (the report and the history "
                      "are saved together or not at all)"),
    "history_saved_report_not": ("历史数据库已更新，但报告未能写入：{detail}",
                                 "the history store was updated, but the report could not be "
                                 "written: {detail}", "请解决后重新运行本周汇总（结果相同）",
                                 "Fix that and run the week's rollup again (it gives the same "
                                 "result)"),
})
