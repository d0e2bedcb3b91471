<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Yearbook Editor</source>
        <extracomment>Debian packages of the libraries Qt&apos;s platform plugins load, where the name is not the library&apos;s own (libfoo.so.N → libfooN, libfoo-1.so.N → libfoo-1-N covers the rest). the exit status of the app when there is no screen to show it on (scripts/run.sh then runs the command-line demonstration instead) the probe&apos;s X connection, kept until the QApplication has its own (release_display_probe)</extracomment>
        <translation>年鉴校对台</translation>
    </message>
    <message>
        <source>The store “%1” is already open in another window of Yearbook Editor.

Two windows changing the same store could confuse each other&apos;s work. You can open it read-only here (to read, search and export), or quit and use the other window.</source>
        <translation>资料库“%1”已经在另一个年鉴校对台窗口中打开。

两个窗口同时修改同一个资料库，可能互相打乱对方的工作。可以在这里以只读方式打开（阅读、检索和导出），或者退出，改用另一个窗口。</translation>
    </message>
    <message>
        <source>Open Read-Only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>BlanksPanel</name>
    <message>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>建议值</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>数值：</translation>
    </message>
    <message>
        <source>type the missing value, Enter fills it</source>
        <translation>输入缺少的数值，按回车填入</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>填入</translation>
    </message>
    <message>
        <source>Fill Group…</source>
        <translation>成组填写…</translation>
    </message>
    <message>
        <source>Related blanks (e.g. the ethnic figures) in one form that checks the sum</source>
        <translation>相关空缺（如各民族人数）在一张表里填写，并核对合计</translation>
    </message>
    <message>
        <source>Computed from the volume&apos;s structure</source>
        <translation>由本卷结构计算得出</translation>
    </message>
    <message>
        <source>Type the missing value first.</source>
        <translation>请先输入缺少的数值。</translation>
    </message>
</context>
<context>
    <name>ChecksController</name>
    <message>
        <source>&amp;Run Checks</source>
        <extracomment>quiet time after a structure edit before the whole run starts in the background (ms)</extracomment>
        <translation>运行检查(&amp;R)</translation>
    </message>
    <message>
        <source>Check the whole volume as it now stands (in the background)</source>
        <translation>按当前内容检查整卷（在后台进行）</translation>
    </message>
    <message>
        <source>Show &amp;Findings</source>
        <translation>显示检查结果(&amp;F)</translation>
    </message>
    <message>
        <source>The list of findings of the checks</source>
        <translation>检查发现的问题列表</translation>
    </message>
    <message>
        <source>Show &amp;Blanks</source>
        <translation>显示空缺(&amp;B)</translation>
    </message>
    <message>
        <source>Figures left blank, with suggested values</source>
        <translation>留空的数字及建议值</translation>
    </message>
    <message>
        <source>&amp;Next Finding</source>
        <translation>下一处问题(&amp;N)</translation>
    </message>
    <message>
        <source>Jump to the next open finding</source>
        <translation>跳到下一处待处理的问题</translation>
    </message>
    <message>
        <source>&amp;Previous Finding</source>
        <translation>上一处问题(&amp;P)</translation>
    </message>
    <message>
        <source>Jump to the previous open finding</source>
        <translation>跳到上一处待处理的问题</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Blanks</source>
        <translation>空缺</translation>
    </message>
    <message>
        <source>No open findings of the kind chosen in the Findings panel.</source>
        <translation>问题列表所选类别中没有待处理的问题。</translation>
    </message>
    <message>
        <source>No open findings: run the checks (F9) or look at the Findings panel.</source>
        <translation>没有待处理的问题：请运行检查（F9）或查看检查结果面板。</translation>
    </message>
    <message>
        <source>Fix “%1”</source>
        <translation>修改“%1”</translation>
    </message>
    <message>
        <source>Marked %1 places not errors.</source>
        <translation>已将 %1 处标为不是错误。</translation>
    </message>
    <message>
        <source>Reopened %1 places.</source>
        <translation>已将 %1 处恢复为待处理。</translation>
    </message>
    <message>
        <source>Ignored %1 places like “%2”.</source>
        <translation>已把 %1 处同样的“%2”标为不是错误。</translation>
    </message>
    <message>
        <source>Fill “%1”</source>
        <translation>填入“%1”</translation>
    </message>
    <message>
        <source>Fill the figures of “%1”</source>
        <translation>填写“%1”的数字</translation>
    </message>
    <message>
        <source>The stored text of this volume no longer matches its source and revisions (the disk may be damaged): see the findings “stored content differs”, and restore a backup before exporting.</source>
        <translation>本卷存储的文字与原文加修订记录不再一致（磁盘可能损坏）：请查看“存储内容不符”的检查结果，导出前先从备份恢复。</translation>
    </message>
    <message>
        <source>The stored text of this volume no longer matches its source and revisions (the disk may be damaged); the store is read-only, so this could not be recorded: restore a backup before exporting.</source>
        <translation>此卷资料库中的文字已与原文和修改记录不一致（磁盘可能损坏）；资料库是只读的，无法记下这一发现：导出前请先恢复一份备份。</translation>
    </message>
    <message>
        <source>Backup of the store saved: %1</source>
        <translation>资料库已备份：%1</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>Something went wrong inside the program. Your saved work is not affected.</source>
        <translation>程序内部出了问题。您已保存的工作不受影响。</translation>
    </message>
    <message>
        <source>The details were written to %1.</source>
        <translation>详细信息已写入 %1。</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>EditingController</name>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Write what you typed to the store now (typing is also saved by itself within a second)</source>
        <translation>立即把输入的文字写入资料库（输入的文字也会在一秒内自动保存）</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>撤销 %1(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>重做 %1(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Find in the whole volume</source>
        <translation>在全卷中查找</translation>
    </message>
    <message>
        <source>Find and &amp;Replace…</source>
        <translation>查找和替换(&amp;R)…</translation>
    </message>
    <message>
        <source>Find and replace in the whole volume</source>
        <translation>在全卷中查找和替换</translation>
    </message>
    <message>
        <source>Filter &amp;Outline</source>
        <translation>筛选目录(&amp;O)</translation>
    </message>
    <message>
        <source>Type to filter the outline by title</source>
        <translation>输入文字按标题筛选目录</translation>
    </message>
    <message>
        <source>&amp;History of This Node…</source>
        <translation>此节点的修改记录(&amp;H)…</translation>
    </message>
    <message>
        <source>Every change of this node, with who, when and why</source>
        <translation>此节点的每一次修改：谁、何时、为何</translation>
    </message>
    <message>
        <source>Editor &amp;Name…</source>
        <translation>编辑姓名(&amp;N)…</translation>
    </message>
    <message>
        <source>The name recorded with each of your changes</source>
        <translation>记在您每次修改中的姓名</translation>
    </message>
    <message>
        <source>The store is open read-only: nothing can be saved here.</source>
        <translation>资料库以只读方式打开，这里不能保存修改。</translation>
    </message>
    <message>
        <source>Saved: every change is in the store.</source>
        <translation>已保存：所有修改都已写入资料库。</translation>
    </message>
    <message>
        <source>Typing Not Saved Yet</source>
        <translation>输入尚未保存</translation>
    </message>
    <message>
        <source>Another program is still holding the store, so what you typed last is not saved yet. Close anyway and lose it? Choose No to keep the window open: it is saved as soon as the store is free.</source>
        <translation>另一个程序仍占用着资料库，刚才输入的文字还没有保存。仍然关闭并放弃这些文字吗？选“否”则窗口保持打开，资料库一空出来就自动保存。</translation>
    </message>
    <message>
        <source>Find and Replace</source>
        <translation>查找和替换</translation>
    </message>
    <message>
        <source>Editor Name</source>
        <translation>编辑姓名</translation>
    </message>
    <message>
        <source>Name recorded with each change you make:</source>
        <translation>记在每次修改中的姓名：</translation>
    </message>
    <message>
        <source>Changes are now recorded as made by %1.</source>
        <translation>此后的修改将记为 %1 所做。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export Volume</source>
        <extracomment>replace an existing target without asking (set by callers that asked already)</extracomment>
        <translation>导出年鉴</translation>
    </message>
    <message>
        <source>Corrected text (.txt)</source>
        <extracomment>the registry&apos;s labels (``ExportFormat.label``, ``ENCODING_LABELS``), marked for translation here because lupdate reads only the GUI (a test checks that every registered label is listed)</extracomment>
        <translation>校正后的文本（.txt）</translation>
    </message>
    <message>
        <source>Markdown (.md)</source>
        <translation>Markdown（.md）</translation>
    </message>
    <message>
        <source>Word document (.docx)</source>
        <translation>Word 文档（.docx）</translation>
    </message>
    <message>
        <source>Volume JSON, for re-import (.json)</source>
        <translation>年鉴 JSON，可再导入（.json）</translation>
    </message>
    <message>
        <source>Change report (.html, with a .csv beside it)</source>
        <translation>修改报告（.html，并附 .csv）</translation>
    </message>
    <message>
        <source>The whole volume</source>
        <translation>整卷</translation>
    </message>
    <message>
        <source>Only the categories ticked below</source>
        <translation>只导出下面勾选的类目</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>Include the subject index (主题索引)</source>
        <translation>附主题索引</translation>
    </message>
    <message>
        <source>Include nodes not yet reviewed (未校)</source>
        <translation>包括尚未校对（未校）的部分</translation>
    </message>
    <message>
        <source>GB18030 (older Chinese software)</source>
        <translation>GB18030（较旧的中文软件）</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>16K (184 × 260 mm)</source>
        <translation>16开（184×260 mm）</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>纸张：</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>What:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>Text encoding:</source>
        <translation>文本编码：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Export To</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Choose a file to export to.</source>
        <translation>请选择要导出到的文件。</translation>
    </message>
    <message>
        <source>Tick at least one category, or choose the whole volume.</source>
        <translation>请至少勾选一个类目，或选择整卷。</translation>
    </message>
    <message>
        <source>Exporting to %1 …</source>
        <translation>正在导出到 %1 …</translation>
    </message>
    <message>
        <source>“%1” already exists. Replace it?</source>
        <translation>“%1”已经存在。要替换它吗？</translation>
    </message>
    <message>
        <source>“%1” is read-only. Replace it anyway?</source>
        <translation>“%1”是只读文件。仍要替换它吗？</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The export was not finished: %1
No file was left half-written; existing files are unchanged.</source>
        <translation>导出没有完成：%1
没有留下写了一半的文件，原有文件未被改动。</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，没有写入任何文件。</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>FindPanel</name>
    <message>
        <source>Find:</source>
        <extracomment>a hit was chosen: show it (hit)</extracomment>
        <translation>查找：</translation>
    </message>
    <message>
        <source>Replace with:</source>
        <translation>替换为：</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <source>Match full/half width</source>
        <translation>区分全角/半角</translation>
    </message>
    <message>
        <source>When off, full-width and half-width forms (Ａ/A, １/1, ，/,) match each other.</source>
        <translation>不勾选时，全角与半角形式（Ａ/A、１/1、，/,）视为相同。</translation>
    </message>
    <message>
        <source>Include furniture</source>
        <translation>包括页面杂项</translation>
    </message>
    <message>
        <source>Find All</source>
        <translation>全部查找</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Replace the selected hit</source>
        <translation>替换选中的一处</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <source>Replace every hit in the volume as one step (undo restores all)</source>
        <translation>替换全卷所有匹配，作为一步操作（撤销可全部恢复）</translation>
    </message>
    <message>
        <source>Text or pattern to find in the whole volume</source>
        <translation>在全卷中查找的文字或模式</translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>找到 %n 处</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to replace.</source>
        <translation>没有可替换的内容。</translation>
    </message>
    <message>
        <source>Replaced in %1 paragraph(s).</source>
        <translation>已在 %1 个段落中替换。</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>Ignored</source>
        <translation>已忽略</translation>
    </message>
    <message>
        <source>Fix: “%1” → “%2”</source>
        <translation>修改：“%1” → “%2”</translation>
    </message>
    <message>
        <source>Fix: delete “%1”</source>
        <translation>修改：删去“%1”</translation>
    </message>
    <message>
        <source>Fix: make the punctuation full-width</source>
        <translation>修改：标点全部改为全角</translation>
    </message>
    <message>
        <source>Fix All Like This…</source>
        <translation>全部同类修改…</translation>
    </message>
    <message>
        <source>Ignore (not an error)</source>
        <translation>忽略（不是错误）</translation>
    </message>
    <message>
        <source>Ignore All Like This</source>
        <translation>全部同类忽略（都不是错误）</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新列为待处理</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>line %2 · %1</source>
        <translation>第 %2 行 · %1</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>删去</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Kind:</source>
        <extracomment>the editor asked to see a finding (a click): the window jumps there several findings selected in the list, one status for all (list of findings, status) a check run ended (True: new findings were stored) the editor&apos;s choice of kind, kept when no finding of it is left (shown with 0)</extracomment>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Run Checks</source>
        <translation>运行检查</translation>
    </message>
    <message>
        <source>Check the whole volume again as it now stands (in the background)</source>
        <translation>按当前内容重新检查整卷（在后台进行）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>All kinds (%1)</source>
        <translation>全部类别（%1）</translation>
    </message>
    <message>
        <source>Open %1 · Fixed %2 · Ignored %3</source>
        <translation>待处理 %1 · 已修改 %2 · 已忽略 %3</translation>
    </message>
    <message>
        <source>Ignore the %1 Selected (not errors)</source>
        <translation>忽略所选 %1 处（不是错误）</translation>
    </message>
    <message>
        <source>Reopen the %1 Selected</source>
        <translation>所选 %1 处恢复为待处理</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Checks cancelled.</source>
        <translation>检查已取消。</translation>
    </message>
    <message>
        <source>Checking the whole volume…</source>
        <translation>正在检查整卷……</translation>
    </message>
    <message>
        <source>Checks done: %1 findings.</source>
        <translation>检查完成：发现 %1 处问题。</translation>
    </message>
</context>
<context>
    <name>FixAllDialog</name>
    <message>
        <source>Fix All Like This</source>
        <translation>全部同类修改</translation>
    </message>
    <message>
        <source>Replace “%1” with “%2” in %3 places:</source>
        <translation>将以下 %3 处的“%1”改为“%2”：</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>前文</translation>
    </message>
    <message>
        <source>Old</source>
        <translation>原文</translation>
    </message>
    <message>
        <source>New</source>
        <translation>改为</translation>
    </message>
    <message>
        <source>After</source>
        <translation>后文</translation>
    </message>
    <message>
        <source>Change %1 Places</source>
        <translation>修改这 %1 处</translation>
    </message>
</context>
<context>
    <name>FramePanel</name>
    <message>
        <source>Frame (目录 or 篇目框架): one title a line, indentation = level</source>
        <translation>框架（目录或篇目框架）：每行一个标题，缩进表示层级</translation>
    </message>
    <message>
        <source>Paste the frame here, open it from a file, or take the volume&apos;s own 目录.</source>
        <translation>在这里粘贴框架，或从文件打开，或取本卷自己的目录。</translation>
    </message>
    <message>
        <source>%1 of %2 frame rows match a heading; %3 rows name none; %4 headings are not in the frame.</source>
        <translation>框架 %2 行中有 %1 行对上了正文标题；%3 行找不到标题；%4 个标题不在框架中。</translation>
    </message>
    <message>
        <source>Frame row %1 (level %2): no heading</source>
        <translation>框架行“%1”（第 %2 级）：正文中没有这个标题</translation>
    </message>
    <message>
        <source>Frame row %1 (level %2): no heading; the paragraph at line %3 reads like it — make it a heading, then apply the frame again</source>
        <translation>框架行“%1”（第 %2 级）：正文中没有这个标题；第 %3 行的段落与它相符，可先设为标题，再按框架定层级</translation>
    </message>
    <message>
        <source>Heading %1 (level %2, line %3): not in the frame</source>
        <translation>标题“%1”（第 %2 级，第 %3 行）：框架中没有</translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <source>Fill Related Blanks — %1</source>
        <translation>成组填写空缺 — %1</translation>
    </message>
    <message>
        <source>this volume</source>
        <translation>本卷</translation>
    </message>
    <message>
        <source>Elsewhere: %1</source>
        <translation>别处的数值：%1</translation>
    </message>
    <message>
        <source>Population stated in the entry: %1</source>
        <translation>本条目所述人口：%1</translation>
    </message>
    <message>
        <source>Fill Anyway</source>
        <translation>仍然填入</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>填入</translation>
    </message>
</context>
<context>
    <name>HeadingTableModel</name>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>条目数</translation>
    </message>
    <message>
        <source>Doubt</source>
        <translation>疑点</translation>
    </message>
    <message>
        <source>Frame Row</source>
        <translation>框架行</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
</context>
<context>
    <name>HelpController</name>
    <message>
        <source>&amp;Quick Start</source>
        <translation>快速入门(&amp;Q)</translation>
    </message>
    <message>
        <source>The day&apos;s work in a few short pages</source>
        <translation>用几页短文介绍一天的校对工作</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Every command that has a key, by menu</source>
        <translation>按菜单列出所有带快捷键的命令</translation>
    </message>
    <message>
        <source>&amp;Colour Legend</source>
        <translation>颜色说明(&amp;C)</translation>
    </message>
    <message>
        <source>What the colours and marks of the panes mean</source>
        <translation>各栏中的颜色和标记表示什么</translation>
    </message>
    <message>
        <source>Show &amp;Tip at Start</source>
        <translation>启动时显示提示(&amp;T)</translation>
    </message>
    <message>
        <source>A short welcome when the program starts</source>
        <translation>程序启动时显示简短的欢迎提示</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>review status</source>
        <translation>校审状态</translation>
    </message>
    <message>
        <source>Merge paragraphs</source>
        <extracomment>a step&apos;s label key (core.edits.STEP_LABELS) → the words of the history (&quot;%1&quot;: tag, kind or status)</extracomment>
        <translation>合并段落</translation>
    </message>
    <message>
        <source>Split paragraph</source>
        <translation>拆分段落</translation>
    </message>
    <message>
        <source>Move paragraph</source>
        <translation>移动段落</translation>
    </message>
    <message>
        <source>Confirm paragraph break</source>
        <translation>确认分段</translation>
    </message>
    <message>
        <source>Restore as text</source>
        <translation>恢复为正文</translation>
    </message>
    <message>
        <source>Mark as running header or page number</source>
        <translation>标为页眉/页码</translation>
    </message>
    <message>
        <source>Make heading (%1)</source>
        <translation>设为标题（%1）</translation>
    </message>
    <message>
        <source>Make entry title</source>
        <translation>设为条目标题</translation>
    </message>
    <message>
        <source>Make heading into text</source>
        <translation>标题改为正文</translation>
    </message>
    <message>
        <source>Change heading level</source>
        <translation>调整标题层级</translation>
    </message>
    <message>
        <source>Set review status to “%1”</source>
        <translation>校审状态设为“%1”</translation>
    </message>
    <message>
        <source>Add tag “%1”</source>
        <translation>添加标签“%1”</translation>
    </message>
    <message>
        <source>Remove tag “%1”</source>
        <translation>去掉标签“%1”</translation>
    </message>
    <message>
        <source>Edit text</source>
        <translation>修改文字</translation>
    </message>
    <message>
        <source>Fill a blank</source>
        <translation>填写空缺</translation>
    </message>
    <message>
        <source>Fix from the checks</source>
        <translation>按检查结果修改</translation>
    </message>
    <message>
        <source>Fix all like this from the checks</source>
        <translation>按检查结果全部修改</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <source>Restore an earlier version</source>
        <translation>恢复历史版本</translation>
    </message>
    <message>
        <source>Several changes</source>
        <translation>多项修改</translation>
    </message>
    <message>
        <source>Undo: %1</source>
        <translation>撤销：%1</translation>
    </message>
    <message>
        <source>Redo: %1</source>
        <translation>重做：%1</translation>
    </message>
    <message>
        <source>Restore: %1</source>
        <translation>恢复：%1</translation>
    </message>
    <message>
        <source>: %1</source>
        <translation>：%1</translation>
    </message>
    <message>
        <source>delete “%1”</source>
        <translation>删去“%1”</translation>
    </message>
    <message>
        <source>paragraph %1</source>
        <translation>段落 %1</translation>
    </message>
    <message>
        <source>node %1</source>
        <translation>节点 %1</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Restore This Version</source>
        <translation>恢复为此版本</translation>
    </message>
    <message>
        <source>Restore Before This Step</source>
        <translation>恢复到这一步之前</translation>
    </message>
    <message>
        <source>%1 — %2 step(s), newest first; open a step to see the fields it changed</source>
        <translation>%1 — 共 %2 步，最新的在前；展开一步可看它改动的字段</translation>
    </message>
    <message>
        <source>No text changed: open the step to see its fields.</source>
        <translation>这一步没有改动文字：展开可看它改动的字段。</translation>
    </message>
    <message>
        <source>Everything this step changed is already that way.</source>
        <translation>这一步改动的内容已经是这个样子。</translation>
    </message>
    <message>
        <source>Set everything this step changed to what it was right after it (a new step, undoable)</source>
        <translation>把这一步改动的内容设为这一步刚做完时的样子（作为新的一步，可撤销）</translation>
    </message>
    <message>
        <source>Set everything this step changed back to what it was before it (a new step, undoable)</source>
        <translation>把这一步改动的内容恢复为这一步之前的样子（作为新的一步，可撤销）</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>HitsModel</name>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>前文</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>After</source>
        <translation>后文</translation>
    </message>
</context>
<context>
    <name>IndexDialog</name>
    <message>
        <source>Subject Index — %1</source>
        <translation>主题索引 — %1</translation>
    </message>
    <message>
        <source>Term / entry</source>
        <translation>索引词 / 条目</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页码</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>%1 index terms. Tag entries with tags of the “Index terms” group to add them; ≈ marks a page estimated from the page numbers around it.</source>
        <translation>共 %1 个索引词。给条目加上“索引词”组的标签即可收入索引；≈ 表示根据前后页码推算的页码。</translation>
    </message>
    <message>
        <source>No index terms yet: tag entries with tags of the “Index terms” group (索引词).</source>
        <translation>还没有索引词：请给条目加上“索引词”组的标签。</translation>
    </message>
</context>
<context>
    <name>JobIndicator</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LayoutController</name>
    <message>
        <source>&amp;Merge with Next Paragraph</source>
        <translation>与下一段合并(&amp;M)</translation>
    </message>
    <message>
        <source>Join this paragraph and the next (Delete at the end of a paragraph does the same)</source>
        <translation>把这一段与下一段合并（在段末按 Delete 键效果相同）</translation>
    </message>
    <message>
        <source>&amp;Split Paragraph at Cursor</source>
        <translation>在光标处拆分段落(&amp;S)</translation>
    </message>
    <message>
        <source>Start a new paragraph at the cursor (Enter)</source>
        <translation>在光标处另起一段（回车键）</translation>
    </message>
    <message>
        <source>&amp;Confirm Break</source>
        <translation>确认分段(&amp;C)</translation>
    </message>
    <message>
        <source>Keep the uncertain break before this paragraph</source>
        <translation>保留这一段之前不确定的分段</translation>
    </message>
    <message>
        <source>Mark as &amp;Furniture</source>
        <translation>标为页面杂项(&amp;F)</translation>
    </message>
    <message>
        <source>Page number, running header and the like: kept in the source, left out of the export</source>
        <translation>页码、页眉之类：保留在原文中，导出时略去</translation>
    </message>
    <message>
        <source>Restore as &amp;Text</source>
        <translation>恢复为正文(&amp;T)</translation>
    </message>
    <message>
        <source>Bring furniture back into the text</source>
        <translation>把页面杂项恢复为正文</translation>
    </message>
    <message>
        <source>&amp;Promote Heading</source>
        <translation>标题升级(&amp;P)</translation>
    </message>
    <message>
        <source>One level up (e.g. 子目 → 分目), with everything under it</source>
        <translation>连同其下内容升一级（如 子目 → 分目）</translation>
    </message>
    <message>
        <source>&amp;Demote Heading</source>
        <translation>标题降级(&amp;D)</translation>
    </message>
    <message>
        <source>One level down (e.g. 分目 → 子目), with everything under it</source>
        <translation>连同其下内容降一级（如 分目 → 子目）</translation>
    </message>
    <message>
        <source>Make &amp;Entry Title</source>
        <translation>设为条目标题(&amp;E)</translation>
    </message>
    <message>
        <source>The paragraph&apos;s start up to the cursor (or the selection) becomes a 【】 entry title</source>
        <translation>段首到光标（或选中部分）的文字成为【】条目标题</translation>
    </message>
    <message>
        <source>Make &amp;Heading</source>
        <translation>设为标题(&amp;H)</translation>
    </message>
    <message>
        <source>This paragraph becomes a heading one level below the heading above it</source>
        <translation>这一段成为标题，比上方标题低一级</translation>
    </message>
    <message>
        <source>Make &amp;Paragraph</source>
        <translation>设为正文(&amp;P)</translation>
    </message>
    <message>
        <source>Turn this entry title or heading back into ordinary text</source>
        <translation>把条目标题或标题改回普通正文</translation>
    </message>
    <message>
        <source>Move Block &amp;Up</source>
        <translation>段落上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move this paragraph before the previous one</source>
        <translation>把这一段移到上一段之前</translation>
    </message>
    <message>
        <source>Move Block Do&amp;wn</source>
        <translation>段落下移(&amp;W)</translation>
    </message>
    <message>
        <source>Move this paragraph after the next one</source>
        <translation>把这一段移到下一段之后</translation>
    </message>
    <message>
        <source>Mark &amp;Unreviewed (未校)</source>
        <translation>标为未校(&amp;U)</translation>
    </message>
    <message>
        <source>Mark &amp;Checked (已校)</source>
        <translation>标为已校(&amp;C)</translation>
    </message>
    <message>
        <source>Mark &amp;Approved (已审)</source>
        <translation>标为已审(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Next Unreviewed Node</source>
        <translation>下一个未校条目(&amp;N)</translation>
    </message>
    <message>
        <source>Every entry has been reviewed.</source>
        <translation>所有条目都已校审。</translation>
    </message>
    <message>
        <source>Put the cursor in the paragraph to merge.</source>
        <translation>请把光标放在要合并的段落中。</translation>
    </message>
    <message>
        <source>There is no paragraph after this one.</source>
        <translation>这一段后面没有段落了。</translation>
    </message>
    <message>
        <source>The next block is a heading; only two paragraphs can be merged (make it body text first).</source>
        <translation>下一段是标题，只能合并两个正文段落（若它不是标题，请先把它改为正文）。</translation>
    </message>
    <message>
        <source>Put the cursor on furniture (struck-through text) to restore it.</source>
        <translation>请把光标放在页面杂项（带删除线的文字）上再恢复。</translation>
    </message>
    <message>
        <source>Put the cursor in a paragraph, after the words that form the title.</source>
        <translation>请把光标放在段落中作为标题的文字之后。</translation>
    </message>
    <message>
        <source>Put the cursor after the words that form the title.</source>
        <translation>请把光标放在作为标题的文字之后。</translation>
    </message>
    <message>
        <source>Put the cursor in the paragraph that should become a heading.</source>
        <translation>请把光标放在要设为标题的段落中。</translation>
    </message>
    <message>
        <source>Put the cursor in an entry title or a heading.</source>
        <translation>请把光标放在条目标题或标题中。</translation>
    </message>
    <message>
        <source>This is already the last block.</source>
        <translation>这已是最后一段。</translation>
    </message>
    <message>
        <source>This is already the first block.</source>
        <translation>这已是第一段。</translation>
    </message>
    <message>
        <source>Restore Line as Text</source>
        <translation>将此行恢复为正文</translation>
    </message>
    <message>
        <source>Mark Block as Furniture</source>
        <translation>将此段标为页面杂项</translation>
    </message>
</context>
<context>
    <name>LegendDialog</name>
    <message>
        <source>Colour Legend</source>
        <translation>颜色说明</translation>
    </message>
    <message>
        <source>Source pane</source>
        <translation>原文栏</translation>
    </message>
    <message>
        <source>Corrected text</source>
        <translation>校正文字栏</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>目录结构</translation>
    </message>
    <message>
        <source>Findings list</source>
        <translation>检查结果列表</translation>
    </message>
    <message>
        <source>Yellow band and bar: the lines of the node selected in the outline</source>
        <translation>黄色底和左侧竖条：目录结构中所选节点在原文中的行</translation>
    </message>
    <message>
        <source>Grey on grey, labelled at the right: page furniture (page number, running header, web address …), kept in the source and left out of exports</source>
        <translation>灰底灰字、右端注明类别：页面杂项（页码、页眉、网址等），原文中保留，导出时略去</translation>
    </message>
    <message>
        <source>Dashed blue rule: a page break</source>
        <translation>蓝色虚线：分页处</translation>
    </message>
    <message>
        <source>Pale yellow paragraph: a break or heading the program was unsure of; confirm it or fix it</source>
        <translation>浅黄色底的段落：程序没有把握的分段或标题，请确认或修正</translation>
    </message>
    <message>
        <source>Small grey struck-through text: page furniture inside the node, read-only, not exported</source>
        <translation>灰色小字加删除线：节点内的页面杂项，只读，不导出</translation>
    </message>
    <message>
        <source>Red wavy underline: a finding of the checks; right-click to fix it</source>
        <translation>红色波浪线：检查发现的问题，右键单击可以修正</translation>
    </message>
    <message>
        <source>Hollow grey dot: not yet reviewed</source>
        <translation>灰色空心圆点：未校</translation>
    </message>
    <message>
        <source>Blue dot: checked</source>
        <translation>蓝色圆点：已校</translation>
    </message>
    <message>
        <source>Green dot with a tick: approved</source>
        <translation>带勾的绿色圆点：已审</translation>
    </message>
    <message>
        <source>Amber question mark: a heading or level the program guessed; check it</source>
        <translation>橙色问号：程序推测的标题或层级，请核对</translation>
    </message>
    <message>
        <source>Tag chip in this colour: a tag of the group %1</source>
        <translation>这种颜色的标签块：“%1”组的标签</translation>
    </message>
    <message>
        <source>Red: a finding still to be dealt with</source>
        <translation>红色：尚待处理的问题</translation>
    </message>
    <message>
        <source>Green: fixed</source>
        <translation>绿色：已修正</translation>
    </message>
    <message>
        <source>Grey: ignored on purpose</source>
        <translation>灰色：有意忽略</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Layout</source>
        <translation>版面(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>校审(&amp;R)</translation>
    </message>
    <message>
        <source>语言/&amp;Language</source>
        <translation>语言/&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <extracomment>the menu bar: each menu&apos;s sections in order (a separator between sections); an action goes where its spec&apos;s ``menu`` (&quot;file.open&quot;) says the editor&apos;s and the outline&apos;s context menus (None: a separator) docks: tabs of one area each (workplace.arrange_docks), in this order; all at the bottom, so that opening one never makes the window wider than a laptop&apos;s screen</extracomment>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Checks</source>
        <translation>检查(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>标签(&amp;T)</translation>
    </message>
    <message>
        <source>Read-only: the store&apos;s file, folder or disk cannot be written. You can read, search and export, but changes are not saved; copy the store to a writable folder to edit it.</source>
        <translation>只读：资料库的文件、文件夹或磁盘不能写入。可以阅读、检索和导出，但修改不会保存；要编辑，请把资料库复制到可写的文件夹。</translation>
    </message>
    <message>
        <source>Read-only: another window of the program has this store open. You can read and export, but changes are not saved.</source>
        <translation>只读：本程序的另一个窗口正在使用这个资料库。可以阅读和导出，但修改不会保存。</translation>
    </message>
    <message>
        <source>The store “%1” cannot be written (a read-only file, folder or disk), so it was opened read-only.</source>
        <translation>资料库 “%1” 不能写入（只读的文件、文件夹或磁盘），已以只读方式打开。</translation>
    </message>
    <message>
        <source>Yearbook Editor</source>
        <translation>年鉴校对台</translation>
    </message>
    <message>
        <source>%1 (read-only)</source>
        <translation>%1（只读）</translation>
    </message>
    <message>
        <source>The translation could not be loaded; English texts are shown.</source>
        <translation>无法加载翻译文件，界面显示英文。</translation>
    </message>
    <message>
        <source>About Yearbook Editor</source>
        <translation>关于年鉴校对台</translation>
    </message>
    <message>
        <source>Yearbook Editor %1
A workbench for reviewing and correcting Chinese local yearbooks extracted from PDF.</source>
        <translation>年鉴校对台 %1
用于校对、修正由 PDF 提取的地方年鉴文本的工作台。</translation>
    </message>
</context>
<context>
    <name>NewTagDialog</name>
    <message>
        <source>New Tag</source>
        <translation>新建标签</translation>
    </message>
    <message>
        <source>e.g. 经济/农业 (a slash makes a sub-tag)</source>
        <translation>如 经济/农业（斜杠表示下级标签）</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>分组：</translation>
    </message>
</context>
<context>
    <name>NodeEditor</name>
    <message>
        <source>Typing</source>
        <extracomment>a short message for the status bar (e.g. why a key was refused) right-click on an underlined finding: fix it / fix all like it / set its status callable(node_id) -&gt; open findings of the node (set by the window); underlined</extracomment>
        <translation>输入文字</translation>
    </message>
    <message>
        <source>The break before this paragraph is a guess. Backspace at its start merges it with the previous paragraph; Layout ▸ Confirm Break keeps it.</source>
        <translation>这一段之前的分段是推测的。在段首按退格键可与上一段合并；“版面 ▸ 确认分段”则保留分段。</translation>
    </message>
    <message>
        <source>Page furniture: not exported. Layout ▸ Restore as Text brings it back.</source>
        <translation>页面杂项：不会导出。“版面 ▸ 恢复为正文”可恢复。</translation>
    </message>
    <message>
        <source>This text cannot be changed here: edit one paragraph or title at a time.</source>
        <translation>此处文字不能这样修改：一次只能编辑一个段落或标题。</translation>
    </message>
    <message>
        <source>Paste into one paragraph or title at a time.</source>
        <translation>一次只能粘贴到一个段落或标题中。</translation>
    </message>
    <message>
        <source>Enter splits a paragraph at the cursor; here there is nothing to split.</source>
        <translation>回车键在光标处拆分段落；此处没有可拆分的段落。</translation>
    </message>
    <message>
        <source>Only two paragraphs next to each other can be merged.</source>
        <translation>只能合并相邻的两个段落。</translation>
    </message>
</context>
<context>
    <name>NodeEditorPanel</name>
    <message>
        <source>lines %1–%2</source>
        <translation>第 %1–%2 行</translation>
    </message>
    <message>
        <source>This node has no text of its own. Select an entry under it.</source>
        <translation>此节点本身没有正文，请选择其下的条目。</translation>
    </message>
</context>
<context>
    <name>Outline</name>
    <message>
        <source>Front matter</source>
        <translation>前言</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <source>Division</source>
        <translation>分目</translation>
    </message>
    <message>
        <source>Subdivision</source>
        <translation>子目</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文献</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>节</translation>
    </message>
    <message>
        <source>Unreviewed</source>
        <translation>未校</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>已校</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已审</translation>
    </message>
</context>
<context>
    <name>OutlineModel</name>
    <message>
        <source>Outline</source>
        <extracomment>the fields of a node shown in its row (a change is reported as dataChanged) titles, kinds or the tree&apos;s shape changed (what a filter matches); after the rows&apos; own signals grows whenever what a filter matches may have changed (titles, kinds, shape)</extracomment>
        <translation>目录结构</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>条目数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Categories, divisions, subdivisions and entries</source>
        <translation>类目、分目、子目和条目</translation>
    </message>
    <message>
        <source>Entries under this node</source>
        <translation>此节点下的条目数</translation>
    </message>
    <message>
        <source>Review status (Ctrl+1/2/3)</source>
        <translation>校审状态（Ctrl+1/2/3）</translation>
    </message>
    <message>
        <source>Open findings of the checks</source>
        <translation>检查发现的未处理问题</translation>
    </message>
    <message>
        <source>Tags of this node</source>
        <translation>本节点的标签</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>%1 · lines %2–%3</source>
        <translation>%1 · 第 %2–%3 行</translation>
    </message>
    <message>
        <source>The level or kind of this node is a guess: please confirm.</source>
        <translation>此节点的层级或类型是推测的，请确认。</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>标签：%1</translation>
    </message>
</context>
<context>
    <name>OutlinePanel</name>
    <message>
        <source>Filter the outline by title…</source>
        <extracomment>the user chose a node in the tree</extracomment>
        <translation>按标题筛选目录…</translation>
    </message>
    <message>
        <source>Shows matching nodes with the headings above them</source>
        <translation>显示匹配的节点及其上级标题</translation>
    </message>
</context>
<context>
    <name>QuickStartDialog</name>
    <message>
        <source>Quick Start</source>
        <extracomment>Markdown without raw HTML: a tag in the text is shown, never interpreted the setting that turns the tip at start on and off</extracomment>
        <translation>快速入门</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Damaged Store</source>
        <translation>资料库已损坏</translation>
    </message>
    <message>
        <source>Restore from Backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>choose one of the automatic backups below and click “Restore Selected Backup”</source>
        <translation>可以在下面选一份自动备份，再点“恢复所选备份”</translation>
    </message>
    <message>
        <source>there is no usable automatic backup of it (see below)</source>
        <translation>它没有可用的自动备份（见下面的说明）</translation>
    </message>
    <message>
        <source>Restoring puts an automatic backup in the place of the store “%1”; the file in use now is kept beside it under another name, nothing is deleted.</source>
        <translation>恢复会用一份自动备份替换资料库 “%1”；现在使用的文件改名保留在旁边，不会删除任何内容。</translation>
    </message>
    <message>
        <source>Choose a backup to put in its place. The damaged file is kept beside it under another name; changes made after the backup are not in it.</source>
        <translation>请选择一份备份放回原处。损坏的文件会改名保留在旁边；备份之后所做的修改不在备份中。</translation>
    </message>
    <message>
        <source>There is no usable backup of this store. The damaged file has not been changed; keep it and ask for help before deleting it.</source>
        <translation>这个资料库没有可用的备份。损坏的文件没有被改动；请保留它，先求助再决定是否删除。</translation>
    </message>
    <message>
        <source>Changes made after the backup was taken are not in it; they stay in the file kept aside.</source>
        <translation>备份之后所做的修改不在备份中，它们仍在改名保留的文件里。</translation>
    </message>
    <message>
        <source>There is no usable backup of this store yet: one is taken when the program opens the store (at most every ten minutes, when something changed).</source>
        <translation>这个资料库还没有可用的备份：程序打开资料库时会自动备份（有改动时，最多每十分钟一次）。</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Volumes</source>
        <translation>卷数</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>whole</source>
        <translation>完好</translation>
    </message>
    <message>
        <source>damaged, cannot be used</source>
        <translation>已损坏，不能使用</translation>
    </message>
    <message>
        <source>The file in use until now was kept as %1.</source>
        <translation>原来使用的文件已保留为 %1。</translation>
    </message>
    <message>
        <source>Restore Selected Backup</source>
        <translation>恢复所选备份</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>The backup of %1 is back in place.</source>
        <translation>%1 的备份已放回原处。</translation>
    </message>
    <message>
        <source>The damaged file was kept as %1.</source>
        <translation>损坏的文件已保留为 %1。</translation>
    </message>
</context>
<context>
    <name>ReviewProgress</name>
    <message>
        <source>Unreviewed %1 · Checked %2 · Approved %3</source>
        <translation>未校 %1 · 已校 %2 · 已审 %3</translation>
    </message>
    <message>
        <source>%1% of the nodes reviewed</source>
        <translation>已校审 %1% 的节点</translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <source>&amp;Search All Volumes…</source>
        <extracomment>seconds between two pieces of a search index built in the background (the editor&apos;s edits go first)</extracomment>
        <translation>全库检索(&amp;S)…</translation>
    </message>
    <message>
        <source>Full-text search over every volume of the store, with filters</source>
        <translation>在资料库的所有年鉴中全文检索，可按条件筛选</translation>
    </message>
    <message>
        <source>Subject &amp;Index…</source>
        <translation>主题索引(&amp;I)…</translation>
    </message>
    <message>
        <source>The 主题索引 of this volume, from its index-term tags, in pinyin order</source>
        <translation>本卷的主题索引：由索引词标签生成，按拼音排序</translation>
    </message>
    <message>
        <source>Search All Volumes</source>
        <translation>全库检索</translation>
    </message>
    <message>
        <source>That volume is no longer in the store.</source>
        <translation>资料库中已没有这个卷册。</translation>
    </message>
    <message>
        <source>Tag the nodes of %1 results with</source>
        <translation>给这 %1 条结果所在的节点加标签</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search every volume of the store…</source>
        <translation>在资料库的所有年鉴中检索…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>检索</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>Show the next %1 results</source>
        <translation>再显示 %1 条结果</translation>
    </message>
    <message>
        <source>All volumes</source>
        <translation>所有年鉴</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>任意标签</translation>
    </message>
    <message>
        <source>Any level</source>
        <translation>任意层级</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>%1 results</source>
        <translation>%1 条结果</translation>
    </message>
    <message>
        <source>First %1 results</source>
        <translation>前 %1 条结果</translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>没有找到。</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>Volume</source>
        <translation>年鉴</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>%1 · line %2</source>
        <translation>%1 · 第 %2 行</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>This change cannot be made: %1</source>
        <translation>无法进行这项修改：%1</translation>
    </message>
    <message>
        <source>Make heading</source>
        <translation>设为标题</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>按检查结果修改</translation>
    </message>
    <message>
        <source>edit</source>
        <extracomment>the stored reason codes (``core.edits.REASON_CODES``), marked for translation</extracomment>
        <translation>修改</translation>
    </message>
    <message>
        <source>typing</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>replace all</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <source>fix from the checks</source>
        <translation>按检查结果修改</translation>
    </message>
    <message>
        <source>fix all from the checks</source>
        <translation>按检查结果全部修改</translation>
    </message>
    <message>
        <source>fill a blank</source>
        <translation>填写空白</translation>
    </message>
    <message>
        <source>layout</source>
        <translation>版式调整</translation>
    </message>
    <message>
        <source>structure</source>
        <translation>结构调整</translation>
    </message>
    <message>
        <source>review status</source>
        <translation>审校状态</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>加标签</translation>
    </message>
    <message>
        <source>remove tag</source>
        <translation>去标签</translation>
    </message>
    <message>
        <source>suggested tag</source>
        <translation>采纳建议标签</translation>
    </message>
    <message>
        <source>restore an earlier version</source>
        <translation>恢复历史版本</translation>
    </message>
    <message>
        <source>several changes</source>
        <translation>多处修改</translation>
    </message>
    <message>
        <source>The store is open read-only (the banner above says why): changes cannot be saved.</source>
        <extracomment>(ChangeSet, initiator) after every applied edit, undo and redo a volume was opened (its id) (node id, initiator): the node shown in every pane editors must write pending typing now (before an undo, a structural edit, closing) a sentence to show the editor (an edit was refused, the store failed …) after an undo or redo: (a sentence naming it, (block id, offset of the first character it changed) or None): the window says what was undone and shows the place a passing sentence for the status bar (typing kept while another program holds the store) another instance has the store open: nothing is written (a banner says so) the volumes&apos; texts in memory for one- and two-character searches typing the store could not take yet (another program held it): block id → (edit, initiator, reason, undo text, merge key); saved every RETRY_MS, before any other edit, undo or redo</extracomment>
        <translation>资料库以只读方式打开（原因见窗口上方的提示），修改无法保存。</translation>
    </message>
    <message>
        <source>Another program is holding the store: what you typed is kept and saved as soon as it is free.</source>
        <translation>另一个程序正占用资料库：刚才输入的文字已保留，资料库一空出来就自动保存。</translation>
    </message>
    <message>
        <source>The typing kept while the store was busy is saved.</source>
        <translation>资料库被占用时保留的输入已保存。</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <source>Redone: %1</source>
        <translation>已重做：%1</translation>
    </message>
    <message>
        <source>Mark as furniture</source>
        <translation>标为页面杂项</translation>
    </message>
    <message>
        <source>Restore as text</source>
        <translation>恢复为正文</translation>
    </message>
    <message>
        <source>Tag “%1”</source>
        <translation>加标签“%1”</translation>
    </message>
    <message>
        <source>Remove tag “%1”</source>
        <translation>去掉标签“%1”</translation>
    </message>
    <message>
        <source>Edit text</source>
        <extracomment>every edit&apos;s label key (``Edit.LABEL`` / ``label_key()``), marked for translation here because lupdate reads only the GUI (a test checks that each edit class&apos;s key is listed)</extracomment>
        <translation>修改文字</translation>
    </message>
    <message>
        <source>Set review status</source>
        <translation>设置校审状态</translation>
    </message>
    <message>
        <source>Several changes</source>
        <translation>多项修改</translation>
    </message>
    <message>
        <source>Merge paragraphs</source>
        <translation>合并段落</translation>
    </message>
    <message>
        <source>Split paragraph</source>
        <translation>拆分段落</translation>
    </message>
    <message>
        <source>Move block</source>
        <translation>移动段落</translation>
    </message>
    <message>
        <source>Change heading level</source>
        <translation>调整标题层级</translation>
    </message>
    <message>
        <source>Make entry title</source>
        <translation>设为条目标题</translation>
    </message>
    <message>
        <source>Make paragraph</source>
        <translation>设为正文</translation>
    </message>
    <message>
        <source>Confirm break</source>
        <translation>确认分段</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>In the panes</source>
        <translation>各栏中</translation>
    </message>
</context>
<context>
    <name>SourceView</name>
    <message>
        <source>page number</source>
        <translation>页码</translation>
    </message>
    <message>
        <source>page marker</source>
        <translation>页面标记</translation>
    </message>
    <message>
        <source>running header</source>
        <translation>页眉</translation>
    </message>
    <message>
        <source>web address</source>
        <translation>网址</translation>
    </message>
    <message>
        <source>dot leader</source>
        <translation>目录引导线</translation>
    </message>
    <message>
        <source>separator</source>
        <translation>分隔线</translation>
    </message>
    <message>
        <source>caption</source>
        <translation>图表说明</translation>
    </message>
    <message>
        <source>furniture</source>
        <translation>页面杂项</translation>
    </message>
</context>
<context>
    <name>StartTip</name>
    <message>
        <source>Welcome to Yearbook Editor</source>
        <translation>欢迎使用年鉴校对台</translation>
    </message>
    <message>
        <source>On the left is the outline of the volume, in the middle the extracted source, on the right the corrected text of the selected node, which you edit in place. Every change is saved by itself as a revision and can be undone.

New here? %1 shows the day&apos;s work in a few short pages; %2 lists every key.</source>
        <translation>左边是这一卷的目录结构，中间是提取出来的原文，右边是所选节点校正后的文字，可以直接修改。每一处修改都会自动保存为一条修订记录，并且可以撤销。

第一次使用？%1 用几页短文介绍一天的校对工作；%2 列出了所有快捷键。</translation>
    </message>
    <message>
        <source>Show this tip at start</source>
        <translation>启动时显示此提示</translation>
    </message>
    <message>
        <source>Open Quick Start</source>
        <translation>打开快速入门</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>StepsModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>What</source>
        <translation>做了什么</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>StoreLocation</name>
    <message>
        <source>Store in a Shared or Synced Folder</source>
        <translation>资料库位于共享或同步文件夹中</translation>
    </message>
    <message>
        <source>Copy to This Computer and Open</source>
        <translation>复制到本机后打开</translation>
    </message>
    <message>
        <source>Open Where It Is</source>
        <translation>仍在原处打开</translation>
    </message>
    <message>
        <source>The store could not be copied (%1), so it is opened where it is.</source>
        <translation>未能复制资料库（%1），仍在原处打开。</translation>
    </message>
    <message>
        <source>The store was copied to “%1”; you are now working on that copy, not on the file in the shared or synced folder.</source>
        <translation>资料库已复制到 “%1”，现在打开的是这份本机副本，不是共享或同步文件夹中的原文件。</translation>
    </message>
    <message>
        <source>Yearbook Editor</source>
        <translation>年鉴校对台</translation>
    </message>
</context>
<context>
    <name>StoreWatch</name>
    <message>
        <source>Yearbook Editor</source>
        <translation>年鉴校对台</translation>
    </message>
    <message>
        <source>The store&apos;s file “%1” was deleted or replaced by another program while it was open here, so what is saved from now on may not reach the file on disk; everything you have typed is still held here: save a copy of the store now and go on working in the copy.</source>
        <translation>资料库的文件 “%1” 在本程序打开期间被其他程序删除或替换了，此后保存的内容可能到不了磁盘上的文件；您输入的内容都还保留在本程序中，请立即另存一份资料库副本，并在副本中继续工作。</translation>
    </message>
    <message>
        <source>Save a Copy and Open It…</source>
        <translation>另存副本并打开…</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Save a Copy of the Store</source>
        <translation>另存资料库副本</translation>
    </message>
    <message>
        <source>Stores (*.db)</source>
        <translation>资料库 (*.db)</translation>
    </message>
    <message>
        <source>A copy of the store with all your changes was saved as “%1”; you are working in it now.</source>
        <translation>含有全部修改的资料库副本已保存为 “%1”，现在您正在这份副本中工作。</translation>
    </message>
</context>
<context>
    <name>StructureController</name>
    <message>
        <source>&amp;Structure Review</source>
        <extracomment>after an edit made outside the table, its rows and doubts are worked out again this much later</extracomment>
        <translation>结构审校(&amp;S)</translation>
    </message>
    <message>
        <source>Every heading in one table, edited several at a time, and the frame (目录 or 篇目框架) beside it</source>
        <translation>所有标题列在一张表中，可一次改多行，旁边是框架（目录或篇目框架）</translation>
    </message>
    <message>
        <source>Promote</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>The chosen headings one level up, with everything under them</source>
        <translation>所选标题连同下属内容升一级</translation>
    </message>
    <message>
        <source>Demote</source>
        <translation>降级</translation>
    </message>
    <message>
        <source>The chosen headings one level down, with everything under them</source>
        <translation>所选标题连同下属内容降一级</translation>
    </message>
    <message>
        <source>Not a Heading</source>
        <translation>不是标题</translation>
    </message>
    <message>
        <source>The chosen headings become ordinary text</source>
        <translation>所选标题改为正文</translation>
    </message>
    <message>
        <source>Make Heading</source>
        <translation>设为标题</translation>
    </message>
    <message>
        <source>The chosen paragraphs become headings one level below the heading above them</source>
        <translation>所选段落设为标题，比上面的标题低一级</translation>
    </message>
    <message>
        <source>Join with Next Line</source>
        <translation>与下一行合并</translation>
    </message>
    <message>
        <source>A heading wrapped over two lines: join it with the line after it</source>
        <translation>标题折成了两行：把它与下一行合并</translation>
    </message>
    <message>
        <source>Choose Headings Like This</source>
        <translation>选中同类标题</translation>
    </message>
    <message>
        <source>Choose every heading of the same shape: kind, level, place under its parent, letter spacing and numbering</source>
        <translation>选中形式相同的所有标题：类别、层级、在上级中的位置、是否字间加空格、编号方式都相同</translation>
    </message>
    <message>
        <source>Volume&apos;s 目录</source>
        <translation>本卷目录</translation>
    </message>
    <message>
        <source>Take the volume&apos;s own 目录 as the frame</source>
        <translation>以本卷自己的目录作为框架</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Open a frame from a text file</source>
        <translation>从文本文件打开框架</translation>
    </message>
    <message>
        <source>Align</source>
        <translation>对照</translation>
    </message>
    <message>
        <source>Match the frame&apos;s rows to the body&apos;s headings</source>
        <translation>把框架各行与正文标题对照</translation>
    </message>
    <message>
        <source>Apply Frame Levels</source>
        <translation>按框架定层级</translation>
    </message>
    <message>
        <source>Give every matched heading its frame row&apos;s level (one step) and list the rest</source>
        <translation>把对上的标题都改为框架行的层级（一步完成），并列出其余的</translation>
    </message>
    <message>
        <source>Structure Review</source>
        <translation>结构审校</translation>
    </message>
    <message>
        <source>Change heading level</source>
        <translation>调整标题层级</translation>
    </message>
    <message>
        <source>Choose headings in the table first (a 类目 cannot be promoted).</source>
        <translation>请先在表中选中标题（类目不能再升级）。</translation>
    </message>
    <message>
        <source>Make paragraph</source>
        <translation>设为正文</translation>
    </message>
    <message>
        <source>Choose headings in the table first.</source>
        <translation>请先在表中选中标题。</translation>
    </message>
    <message>
        <source>Make heading</source>
        <translation>设为标题</translation>
    </message>
    <message>
        <source>Choose paragraphs first: turn on “Paragraphs that may be headings” to list them.</source>
        <translation>请先选中段落：勾选“可能是标题的段落”即可列出。</translation>
    </message>
    <message>
        <source>Merge paragraphs</source>
        <translation>合并段落</translation>
    </message>
    <message>
        <source>Choose the heading whose second line follows it.</source>
        <translation>请选中第二行紧跟在后面的那个标题。</translation>
    </message>
    <message>
        <source>Choose a heading in the table first.</source>
        <translation>请先在表中选中一个标题。</translation>
    </message>
    <message>
        <source>%1 headings like this are chosen.</source>
        <translation>已选中 %1 个同类标题。</translation>
    </message>
    <message>
        <source>This volume has no 目录: paste a frame or open one.</source>
        <translation>本卷没有目录，请粘贴或打开一个框架。</translation>
    </message>
    <message>
        <source>Open Frame</source>
        <translation>打开框架</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The frame is empty: paste one title a line first.</source>
        <translation>框架是空的，请先粘贴标题，每行一个。</translation>
    </message>
    <message>
        <source>Apply frame levels</source>
        <translation>按框架定层级</translation>
    </message>
    <message>
        <source>The matched headings already have the frame&apos;s levels.</source>
        <translation>对上的标题已经是框架的层级。</translation>
    </message>
    <message>
        <source>%1 headings moved to their frame level.</source>
        <translation>%1 个标题已改为框架的层级。</translation>
    </message>
    <message>
        <source>%1 could not move there.</source>
        <translation>有 %1 个标题无法改到该层级。</translation>
    </message>
</context>
<context>
    <name>StructureReviewPanel</name>
    <message>
        <source>Filter headings by title</source>
        <translation>按标题筛选</translation>
    </message>
    <message>
        <source>Doubtful only</source>
        <translation>只看可疑的</translation>
    </message>
    <message>
        <source>Only the headings the structure check doubts</source>
        <translation>只列出结构检查认为可疑的标题</translation>
    </message>
    <message>
        <source>Paragraphs that may be headings</source>
        <translation>可能是标题的段落</translation>
    </message>
    <message>
        <source>Also list short paragraphs without final punctuation and former headings, to make them headings</source>
        <translation>同时列出末尾没有句号的短段落和原来是标题的段落，以便设为标题</translation>
    </message>
    <message>
        <source>%1 headings, %2 doubtful</source>
        <translation>%1 个标题，%2 个可疑</translation>
    </message>
</context>
<context>
    <name>TagModel</name>
    <message>
        <source>Tag</source>
        <translation>加标签</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>节点数</translation>
    </message>
</context>
<context>
    <name>Tags</name>
    <message>
        <source>Topics (主题)</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Workflow (工作流程)</source>
        <translation>工作流程</translation>
    </message>
    <message>
        <source>Index terms (索引词)</source>
        <translation>索引词</translation>
    </message>
    <message>
        <source>Contributors (供稿)</source>
        <translation>供稿</translation>
    </message>
</context>
<context>
    <name>TagsController</name>
    <message>
        <source>Show &amp;Tags Panel</source>
        <translation>显示标签面板(&amp;T)</translation>
    </message>
    <message>
        <source>The tag vocabulary, counts and suggestions</source>
        <translation>标签词表、计数和建议</translation>
    </message>
    <message>
        <source>Tag with the &amp;Chosen Tag</source>
        <translation>加上选中的标签(&amp;C)</translation>
    </message>
    <message>
        <source>Put the tag chosen in the Tags panel on the selected nodes</source>
        <translation>给选中的节点加上标签面板中选中的标签</translation>
    </message>
    <message>
        <source>Tag &amp;With</source>
        <translation>加标签(&amp;W)</translation>
    </message>
    <message>
        <source>Put a tag on the selected nodes</source>
        <translation>给选中的节点加标签</translation>
    </message>
    <message>
        <source>&amp;Remove Tag</source>
        <translation>去掉标签(&amp;R)</translation>
    </message>
    <message>
        <source>Take a tag off the selected nodes</source>
        <translation>去掉选中节点上的标签</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Select the nodes to tag in the outline first.</source>
        <translation>请先在目录结构中选中要加标签的节点。</translation>
    </message>
    <message>
        <source>Choose a tag in the Tags panel, then press Ctrl+T again.</source>
        <translation>请在标签面板中选一个标签，再按 Ctrl+T。</translation>
    </message>
    <message>
        <source>(no tags yet)</source>
        <translation>（还没有标签）</translation>
    </message>
    <message>
        <source>New Tag…</source>
        <translation>新建标签…</translation>
    </message>
    <message>
        <source>(no tags on the selection)</source>
        <translation>（选中的节点没有标签）</translation>
    </message>
    <message>
        <source>Rename Tag</source>
        <translation>重命名标签</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Import Tag Vocabulary</source>
        <translation>导入标签词表</translation>
    </message>
    <message>
        <source>Tag vocabulary (*.json);;All files (*)</source>
        <translation>标签词表 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 tags read from the vocabulary file.</source>
        <translation>从词表文件读入了 %1 个标签。</translation>
    </message>
    <message>
        <source>Export Tag Vocabulary</source>
        <translation>导出标签词表</translation>
    </message>
    <message>
        <source>Tag vocabulary (*.json)</source>
        <translation>标签词表 (*.json)</translation>
    </message>
    <message>
        <source>%1 tags written to %2.</source>
        <translation>已将 %1 个标签写入 %2。</translation>
    </message>
    <message>
        <source>Suggestions appear once the word lists have loaded…</source>
        <translation>词库加载完成后会显示建议…</translation>
    </message>
    <message>
        <source>Select an entry to see suggested tags.</source>
        <translation>选中一个条目即可看到建议的标签。</translation>
    </message>
    <message>
        <source>Suggested tags for “%1”:</source>
        <translation>为“%1”建议的标签：</translation>
    </message>
    <message>
        <source>No further suggestions for “%1”.</source>
        <translation>“%1”没有更多建议。</translation>
    </message>
    <message>
        <source>Tag %1 nodes: %2</source>
        <translation>给 %1 个节点加标签：%2</translation>
    </message>
</context>
<context>
    <name>TagsPanel</name>
    <message>
        <source>New…</source>
        <extracomment>tag (tag id) the nodes chosen in the outline (or the editor&apos;s node) tag ids to filter the outline by ([] = no filter) rename the tag (tag id) (suggestions, to every selected node?) — accept</extracomment>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Add a tag to the vocabulary of this store</source>
        <translation>在本资料库的词表中新增标签</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>加标签</translation>
    </message>
    <message>
        <source>Put the chosen tag on the nodes selected in the outline (Ctrl+T)</source>
        <translation>给目录结构中选中的节点加上选中的标签（Ctrl+T）</translation>
    </message>
    <message>
        <source>Untag</source>
        <translation>去掉标签</translation>
    </message>
    <message>
        <source>Take the chosen tag off the nodes selected in the outline</source>
        <translation>去掉目录结构中选中节点上的这个标签</translation>
    </message>
    <message>
        <source>Filter Outline</source>
        <translation>筛选目录</translation>
    </message>
    <message>
        <source>Show only the nodes carrying the chosen tags</source>
        <translation>只显示带有选中标签的节点</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Add the tags of a vocabulary file</source>
        <translation>加入词表文件中的标签</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the vocabulary to a file, to share it with colleagues</source>
        <translation>把词表存为文件，与同事共用</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>采纳</translation>
    </message>
    <message>
        <source>Tag this entry with the chosen suggestions (double-click does the same)</source>
        <translation>给本条目加上选中的建议标签（双击也可）</translation>
    </message>
    <message>
        <source>Accept for Selection</source>
        <translation>用于所有选中节点</translation>
    </message>
    <message>
        <source>Tag every node selected in the outline with the chosen suggestions, as one step</source>
        <translation>给目录结构中选中的每个节点加上选中的建议标签，作为一步操作</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>不采纳</translation>
    </message>
    <message>
        <source>Do not suggest these for this entry again</source>
        <translation>不再为本条目建议这些标签</translation>
    </message>
    <message>
        <source>Tag Selected Nodes</source>
        <translation>给所选节点加此标签</translation>
    </message>
    <message>
        <source>Untag Selected Nodes</source>
        <translation>去掉所选节点的此标签</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>%1 — group: %2, score %3</source>
        <translation>%1 — 分组：%2，得分 %3</translation>
    </message>
    <message>
        <source>Suggested tags for this entry:</source>
        <translation>为本条目建议的标签：</translation>
    </message>
</context>
<context>
    <name>VolumesController</name>
    <message>
        <source>“%1” could not be read: it is not a text file or volume JSON this program understands (%2). Nothing was stored.</source>
        <translation>无法读取“%1”：它不是本程序能识别的文本文件或年鉴 JSON（%2）。没有存入任何内容。</translation>
    </message>
    <message>
        <source>&amp;Import Text File…</source>
        <extracomment>set by the window: called with (another file?) after the session switched stores</extracomment>
        <translation>导入文本文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Read, repair and store an extracted text (runs in the background)</source>
        <translation>读取、修复并保存提取的文本（在后台进行）</translation>
    </message>
    <message>
        <source>Import Volume &amp;JSON…</source>
        <translation>导入年鉴 &amp;JSON…</translation>
    </message>
    <message>
        <source>Bring back a volume exported as JSON</source>
        <translation>导入以 JSON 格式导出的年鉴</translation>
    </message>
    <message>
        <source>&amp;Open Store…</source>
        <translation>打开资料库(&amp;O)…</translation>
    </message>
    <message>
        <source>Open another store file</source>
        <translation>打开另一个资料库文件</translation>
    </message>
    <message>
        <source>&amp;New Store…</source>
        <translation>新建资料库(&amp;N)…</translation>
    </message>
    <message>
        <source>Create an empty store file</source>
        <translation>新建一个空的资料库文件</translation>
    </message>
    <message>
        <source>Restore from &amp;Backup…</source>
        <translation>从备份恢复(&amp;B)…</translation>
    </message>
    <message>
        <source>Put one of the store&apos;s automatic backups in its place (the file in use now is kept beside it)</source>
        <translation>用资料库的一份自动备份替换它（现在使用的文件改名保留在旁边）</translation>
    </message>
    <message>
        <source>Open &amp;Volume</source>
        <translation>打开卷册(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Recent</source>
        <translation>最近使用(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the corrected volume as text, Markdown, Word, JSON or a change report</source>
        <translation>将校正后的年鉴导出为文本、Markdown、Word、JSON 或修改报告</translation>
    </message>
    <message>
        <source>(no volumes: import a text file)</source>
        <translation>（没有卷册：请导入文本文件）</translation>
    </message>
    <message>
        <source>(nothing yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <source>That volume is no longer in the store.</source>
        <translation>资料库中已没有这个卷册。</translation>
    </message>
    <message>
        <source>The store “%1” is open in another window of Yearbook Editor: use that window, or close it first.</source>
        <translation>资料库“%1”已在另一个年鉴校对台窗口中打开：请使用那个窗口，或先把它关闭。</translation>
    </message>
    <message>
        <source>The store is empty: use File ▸ Import to add a volume.</source>
        <translation>资料库是空的：请用“文件 ▸ 导入”添加卷册。</translation>
    </message>
    <message>
        <source>Open Store</source>
        <translation>打开资料库</translation>
    </message>
    <message>
        <source>Stores (*.db *.sqlite);;All files (*)</source>
        <translation>资料库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>New Store</source>
        <translation>新建资料库</translation>
    </message>
    <message>
        <source>Stores (*.db)</source>
        <translation>资料库 (*.db)</translation>
    </message>
    <message>
        <source>Import Volume JSON</source>
        <translation>导入年鉴 JSON</translation>
    </message>
    <message>
        <source>Volume JSON (*.json);;All files (*)</source>
        <translation>年鉴 JSON (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import Text File</source>
        <translation>导入文本文件</translation>
    </message>
    <message>
        <source>Text files and volume JSON (*.txt *.json);;All files (*)</source>
        <translation>文本文件和年鉴 JSON (*.txt *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Another import is still running.</source>
        <translation>另一个导入任务仍在进行。</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was stored.</source>
        <translation>导入已取消，未写入任何内容。</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>正在导入 %1</translation>
    </message>
    <message>
        <source>“%1” is already in the store; it was opened, not imported again.</source>
        <translation>“%1”已在资料库中，已直接打开，未重复导入。</translation>
    </message>
</context>
</TS>
