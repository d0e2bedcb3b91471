<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Yearbook Editor</source>
        <translation>年鉴校对台</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>Something went wrong inside the program (%1). Your saved work is not affected.</source>
        <translation>程序内部出错（%1）。已保存的内容不受影响。</translation>
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
    <message>
        <source>replace “%1” with “%2”</source>
        <translation>将“%1”替换为“%2”</translation>
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
        <source>Set the text back to what it was after this change (a new revision)</source>
        <translation>把文字恢复为这次修改后的样子（记为一次新的修改）</translation>
    </message>
    <message>
        <source>Restore Text Before</source>
        <translation>恢复为修改前</translation>
    </message>
    <message>
        <source>Set the text back to what it was before this change</source>
        <translation>把文字恢复为这次修改前的样子</translation>
    </message>
    <message>
        <source>%1 — %2 revision(s), newest first</source>
        <translation>%1 —— 共 %2 次修改，最新的在前</translation>
    </message>
    <message>
        <source>restore revision #%1</source>
        <translation>恢复修改 #%1</translation>
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
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
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
        <source>&amp;Import Text File…</source>
        <translation>导入文本文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Read, repair and store an extracted text (runs in the background)</source>
        <translation>读取、修复并保存提取的文本（在后台进行）</translation>
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
        <source>&amp;Export Corrected Text…</source>
        <translation>导出校正文本(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the corrected volume as plain text</source>
        <translation>把校正后的卷册导出为纯文本</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
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
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
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
        <source>Not available: this version of the core has no %1.</source>
        <translation>不可用：此版本的核心没有 %1。</translation>
    </message>
    <message>
        <source>Find and Replace</source>
        <translation>查找和替换</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
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
        <source>Yearbook Editor</source>
        <translation>年鉴校对台</translation>
    </message>
    <message>
        <source>The translation could not be loaded; English texts are shown.</source>
        <translation>无法加载翻译文件，界面显示英文。</translation>
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
        <source>Export Corrected Text</source>
        <translation>导出校正文本</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
    <message>
        <source>Exported %1 lines to %2.</source>
        <translation>已导出 %1 行到 %2。</translation>
    </message>
    <message>
        <source>Import Text File</source>
        <translation>导入文本文件</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
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
    <message>
        <source>Unreviewed %1 · Checked %2 · Approved %3</source>
        <translation>未校 %1 · 已校 %2 · 已审 %3</translation>
    </message>
    <message>
        <source>%1% of the nodes reviewed</source>
        <translation>已校审 %1% 的节点</translation>
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
    <name>NodeEditor</name>
    <message>
        <source>Typing</source>
        <extracomment>a short message for the status bar (e.g. why a key was refused)</extracomment>
        <translation>输入文字</translation>
    </message>
    <message>
        <source>typing</source>
        <translation>输入</translation>
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
        <source>Merging paragraphs is not available in this version.</source>
        <translation>此版本不支持合并段落。</translation>
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
    <name>RevisionsModel</name>
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
        <translation>修改内容</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>This change cannot be made: %1</source>
        <extracomment>field names that point at blocks in edits edits that re-derive the outline (the core recomputes it in the same transaction) (ChangeSet, initiator) after every applied edit, undo and redo a volume was opened (its id) (node id, initiator): the node shown in every pane editors must write pending typing now (before an undo, a structural edit, closing) a sentence to show the editor (an edit was refused, the store failed …)</extracomment>
        <translation>无法进行这项修改：%1</translation>
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
        <source>Edit text</source>
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
</TS>
