<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name />
    <message>
        <source>Why (kept in the audit trail)</source>
        <translation>原因（记入审计追踪）</translation>
    </message>
    <message>
        <source>Item {0} changed.</source>
        <translation>物料 {0} 已修改。</translation>
    </message>
    <message>
        <source>Edit item {0}</source>
        <translation>编辑物料 {0}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>追溯方式</translation>
    </message>
    <message>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <source>Shelf life (days, 0 = none)</source>
        <translation>保质期（天，0 = 无）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>{0} changed.</source>
        <translation>{0} 已修改。</translation>
    </message>
    <message>
        <source>Edit supplier {0}</source>
        <translation>编辑供应商 {0}</translation>
    </message>
    <message>
        <source>Edit customer {0}</source>
        <translation>编辑客户 {0}</translation>
    </message>
    <message>
        <source>GLN</source>
        <translation>GLN</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Location {0} changed.</source>
        <translation>库位 {0} 已修改。</translation>
    </message>
    <message>
        <source>Edit location {0}</source>
        <translation>编辑库位 {0}</translation>
    </message>
    <message>
        <source>Leave empty to keep the PIN</source>
        <translation>留空则保留原 PIN 码</translation>
    </message>
    <message>
        <source>May sign in</source>
        <translation>允许登录</translation>
    </message>
    <message>
        <source>A PIN must be 4 to 12 digits.</source>
        <translation>PIN 必须为 4 至 12 位数字。</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>没有任何修改。</translation>
    </message>
    <message>
        <source>User {0} changed.</source>
        <translation>用户 {0} 已修改。</translation>
    </message>
    <message>
        <source>Edit user {0}</source>
        <translation>编辑用户 {0}</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>新 PIN 码</translation>
    </message>
    <message>
        <source>e.g. ^] when the scanner cannot send GS</source>
        <translation>例如 ^]（扫描枪无法发送 GS 时）</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Baud</source>
        <translation>波特率</translation>
    </message>
    <message>
        <source>Suffix</source>
        <translation>结束符</translation>
    </message>
    <message>
        <source>GS sent as</source>
        <translation>GS 替代字符</translation>
    </message>
    <message>
        <source>Device {0} saved, but the devices could not start: {1}</source>
        <translation>设备 {0} 已保存，但设备无法启动：{1}</translation>
    </message>
    <message>
        <source>Device {0} saved and started.</source>
        <translation>设备 {0} 已保存并启动。</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About TraceDesk</source>
        <translation>关于 TraceDesk</translation>
    </message>
    <message>
        <source>Reading the database…</source>
        <translation>正在读取数据库…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>AlertsTab</name>
    <message>
        <source>Alert</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>About</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>No alerts: expiring lots, long quarantine, BOM deviations and held lots in open orders appear here.</source>
        <translation>没有警报：即将过期的批次、长期待检、物料清单偏差以及在用工单中被冻结的批次会显示在这里。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>TraceDesk cannot start</source>
        <translation>TraceDesk 无法启动</translation>
    </message>
    <message>
        <source>The database could not be opened: {0}</source>
        <translation>无法打开数据库：{0}</translation>
    </message>
    <message>
        <source>Recording three months of a biscuit factory…</source>
        <translation>正在录入饼干厂三个月的演示数据…</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Event type, e.g. lot_held</source>
        <translation>事件类型，例如 lot_held</translation>
    </message>
    <message>
        <source>From YYYY-MM-DD</source>
        <translation>起始日期 YYYY-MM-DD</translation>
    </message>
    <message>
        <source>To YYYY-MM-DD</source>
        <translation>截止日期 YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Recorded changes matching the filter appear here.</source>
        <translation>符合筛选条件的记录变更显示在这里。</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s), newest first (at most 1000 here; Export CSV writes all of them).</source>
        <translation>
            <numerusform>%n 条事件，最新的在前（此处最多显示 1000 条；“导出 CSV”会写出全部）。</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Audit trail saved: %n event(s) in {0}.</source>
        <translation>
            <numerusform>审计追踪已保存：%n 条事件，文件 {0}。</numerusform></translation>
    </message>
    <message>
        <source>Export audit trail</source>
        <translation>导出审计追踪</translation>
    </message>
    <message>
        <source>Writing the audit trail…</source>
        <translation>正在写入审计追踪…</translation>
    </message>
</context>
<context>
    <name>ChooseLotDialog</name>
    <message>
        <source>Choose the lot</source>
        <translation>选择批次</translation>
    </message>
    <message>
        <source>More than one lot matches this code. Which one is it?</source>
        <translation>有多个批次与此代码匹配，是哪一个？</translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收货时间</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>What the customer found</source>
        <translation>客户发现的问题</translation>
    </message>
    <message>
        <source>No complaints. Complaints registered here or from the command line appear in this list.</source>
        <translation>没有投诉。在此处或通过命令行登记的投诉会显示在此列表中。</translation>
    </message>
    <message>
        <source>New complaint</source>
        <translation>新投诉</translation>
    </message>
    <message>
        <source>Scan the lot or serial</source>
        <translation>扫描批次或序列号</translation>
    </message>
    <message>
        <source>no files</source>
        <translation>无附件</translation>
    </message>
    <message>
        <source>Attach photos / files…</source>
        <translation>附加照片/文件…</translation>
    </message>
    <message>
        <source>Register complaint</source>
        <translation>登记投诉</translation>
    </message>
    <message>
        <source>Lot / serial</source>
        <translation>批次/序列号</translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation>客户代码</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>Chosen complaint</source>
        <translation>所选投诉</translation>
    </message>
    <message>
        <source>No action on the lot</source>
        <translation>不对批次采取措施</translation>
    </message>
    <message>
        <source>Put the lot on hold</source>
        <translation>冻结该批次</translation>
    </message>
    <message>
        <source>Start a recall of the lot</source>
        <translation>对该批次启动召回</translation>
    </message>
    <message>
        <source>What it came from, in a few words (e.g. foreign body)</source>
        <translation>原因，用几个词说明（例如：异物）</translation>
    </message>
    <message>
        <source>Needed to close: root cause and what was done</source>
        <translation>关闭时必填：根本原因及处理措施</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>investigating</source>
        <translation>调查中</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>附加文件</translation>
    </message>
    <message>
        <source>Complaint {0} registered against lot {1}.</source>
        <translation>已针对批次 {1} 登记投诉 {0}。</translation>
    </message>
    <message>
        <source>Choose a complaint in the table first.</source>
        <translation>请先在表格中选择一条投诉。</translation>
    </message>
    <message>
        <source>Complaint {0} is {1}.</source>
        <translation>投诉 {0} 状态：{1}。</translation>
    </message>
</context>
<context>
    <name>ConflictsTab</name>
    <message>
        <source>Facts recorded at different stations that contradict each other. Every record is kept; decide what happened and resolve the conflict with a note (signed).</source>
        <translation>不同工作站记录的事实相互矛盾。所有记录都会保留；请判断实际情况，并附说明解决冲突（需签名）。</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>No conflicts. Facts recorded offline at two stations that contradict each other appear here.</source>
        <translation>没有冲突。两个工作站离线记录的相互矛盾的事实会显示在这里。</translation>
    </message>
    <message>
        <source>Show resolved conflicts too</source>
        <translation>同时显示已解决的冲突</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>解决…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Choose an open conflict in the list first.</source>
        <translation>请先在列表中选择一个未解决的冲突。</translation>
    </message>
    <message>
        <source>Resolve conflict {0}</source>
        <translation>解决冲突 {0}</translation>
    </message>
    <message>
        <source>{0} between stations {1}. What happened, and what was done?</source>
        <translation>工作站 {1} 之间：{0}。实际发生了什么，采取了什么措施？</translation>
    </message>
    <message>
        <source>Conflict {0} resolved: {1}</source>
        <translation>冲突 {0} 已解决：{1}</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <source>product / item</source>
        <translation>产品 / 物料</translation>
    </message>
    <message>
        <source>supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>lot family (flow)</source>
        <translation>批次家族（流向）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Export charts…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Point at a bar, a dot or a band; click it to list the lots behind it.</source>
        <translation>将鼠标指向柱、点或流带；单击可列出其背后的批次。</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物料</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Open the chosen lot in Trace &amp;&amp; QA</source>
        <translation>在“追溯与质量”中打开所选批次</translation>
    </message>
    <message>
        <source>input</source>
        <translation>投入</translation>
    </message>
    <message>
        <source>output</source>
        <translation>产出</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>已投料</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Supplier quality: rejection rate per month (p-chart)</source>
        <translation>供应商质量：每月拒收率（p 控制图）</translation>
    </message>
    <message>
        <source>Yield: deviation from the BOM per order, by week</source>
        <translation>收率：各工单相对 BOM 的偏差（按周）</translation>
    </message>
    <message>
        <source>Yield: distribution of deviations (%)</source>
        <translation>收率：偏差分布（%）</translation>
    </message>
    <message>
        <source>Time in quarantine (hours, then days) and lots waiting now</source>
        <translation>待检时间（先按小时，后按天）及当前待检批次</translation>
    </message>
    <message>
        <source>Expiry exposure: stock by days to expiry</source>
        <translation>效期风险：按距到期天数的库存</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>&lt; 7 days</source>
        <translation>&lt; 7 天</translation>
    </message>
    <message>
        <source>&lt; 30 days</source>
        <translation>&lt; 30 天</translation>
    </message>
    <message>
        <source>&lt; 90 days</source>
        <translation>&lt; 90 天</translation>
    </message>
    <message>
        <source>later</source>
        <translation>更晚</translation>
    </message>
    <message>
        <source>Material flow: suppliers → items → customers</source>
        <translation>物料流向：供应商 → 物料 → 客户</translation>
    </message>
    <message>
        <source>Complaints per month</source>
        <translation>每月投诉</translation>
    </message>
    <message>
        <source>Complaint causes (Pareto)</source>
        <translation>投诉原因（帕累托）</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>未说明</translation>
    </message>
    <message>
        <source>Response: hours to first action (blue) and to hold (red)</source>
        <translation>响应：到首次处理（蓝）和到冻结（红）的小时数</translation>
    </message>
    <message>
        <source>Recalls (red) and mock recalls (grey): lots reached</source>
        <translation>召回（红）与模拟召回（灰）：涉及批次数</translation>
    </message>
    <message>
        <source>Supplier drifting: {0}</source>
        <translation>供应商质量漂移：{0}</translation>
    </message>
    <message>
        <source>Behind {0}: {1}</source>
        <translation>{0} 背后：{1}</translation>
    </message>
    <message>
        <source>waiting now</source>
        <translation>当前待检</translation>
    </message>
    <message>
        <source>released after {0}</source>
        <translation>{0} 内放行</translation>
    </message>
    <message>
        <source>Choose a lot in the list first.</source>
        <translation>请先在列表中选择一个批次。</translation>
    </message>
    <message>
        <source>Export charts to</source>
        <translation>导出图表到</translation>
    </message>
    <message>
        <source>Show the dashboard first; then export it.</source>
        <translation>请先显示看板，再导出。</translation>
    </message>
    <message>
        <source>The charts could not be written to {0}: {1}</source>
        <translation>无法将图表写入 {0}：{1}</translation>
    </message>
    <message>
        <source>{0} files written to {1}.</source>
        <translation>已将 {0} 个文件写入 {1}。</translation>
    </message>
</context>
<context>
    <name>DatabaseUpkeep</name>
    <message>
        <source>The database is read-only: everything can be read, nothing can be recorded.</source>
        <translation>数据库为只读：所有内容均可读取，但无法记录任何内容。</translation>
    </message>
    <message>
        <source>The database is damaged: TraceDesk records nothing more in it. Restore a backup.</source>
        <translation>数据库已损坏：TraceDesk 不再向其中记录任何内容。请恢复备份。</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>Backup checked and saved: {0}</source>
        <translation>备份已检查并保存：{0}</translation>
    </message>
    <message>
        <source>The automatic backup could not be made: {0}</source>
        <translation>无法完成自动备份：{0}</translation>
    </message>
</context>
<context>
    <name>DeviceTestDialog</name>
    <message>
        <source>Test {0}</source>
        <translation>测试 {0}</translation>
    </message>
    <message>
        <source>Scan a barcode with {0} now ({1} s left). What it sends appears below, exactly; nothing is recorded.</source>
        <translation>请现在用 {0} 扫描条码（剩余 {1} 秒）。设备发送的内容将原样显示在下方，不会记录任何数据。</translation>
    </message>
    <message numerus="yes">
        <source>Test over: %n code(s) received from {0}.</source>
        <translation>
            <numerusform>测试结束：从 {0} 收到 %n 个条码。</numerusform></translation>
    </message>
</context>
<context>
    <name>ExportsTab</name>
    <message>
        <source>What to export</source>
        <translation>导出内容</translation>
    </message>
    <message>
        <source>Scan or type a lot: its whole family is exported</source>
        <translation>扫描或输入批次：将导出其整个族谱</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>From day</source>
        <translation>起始日</translation>
    </message>
    <message>
        <source>To day</source>
        <translation>截止日</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Supplier lot</source>
        <translation>供应商批号</translation>
    </message>
    <message>
        <source>Trace dossier (PDF)…</source>
        <translation>追溯档案（PDF）…</translation>
    </message>
    <message>
        <source>EPCIS 2.0 (JSON-LD)…</source>
        <translation>EPCIS 2.0（JSON-LD）…</translation>
    </message>
    <message>
        <source>FSMA 204 (Excel)…</source>
        <translation>FSMA 204（Excel）…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>{0} written: {1}.</source>
        <translation>已写入 {0}：{1}。</translation>
    </message>
    <message>
        <source>the Gaps sheet</source>
        <translation>“Gaps”工作表</translation>
    </message>
    <message>
        <source>{0} gaps (missing identifiers or key data elements) listed in {1}.</source>
        <translation>{0} 处缺漏（缺少标识代码或关键数据元素）已列于 {1}。</translation>
    </message>
    <message>
        <source>Writing {0}…</source>
        <translation>正在写入 {0}…</translation>
    </message>
</context>
<context>
    <name>FamilyGraphView</name>
    <message>
        <source>+ {0} more</source>
        <translation>还有 {0} 个</translation>
    </message>
</context>
<context>
    <name>FirstAdminPage</name>
    <message>
        <source>Create the first administrator</source>
        <translation>创建第一个管理员</translation>
    </message>
    <message>
        <source>This database has no users yet. The first user is the administrator, who then adds everyone else under Master data → Users.</source>
        <translation>此数据库还没有用户。第一个用户是管理员，之后由管理员在“主数据 → 用户”中添加其他人。</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>User code (to sign in)</source>
        <translation>用户代码（用于登录）</translation>
    </message>
    <message>
        <source>PIN (4 to 12 digits)</source>
        <translation>PIN 码（4 到 12 位数字）</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>再次输入 PIN 码</translation>
    </message>
    <message>
        <source>Create administrator and sign in</source>
        <translation>创建管理员并登录</translation>
    </message>
    <message>
        <source>Give your name.</source>
        <translation>请填写您的姓名。</translation>
    </message>
    <message>
        <source>Give a user code to sign in with, e.g. your first name.</source>
        <translation>请填写用于登录的用户代码，例如您的名字。</translation>
    </message>
    <message>
        <source>A PIN is 4 to 12 digits.</source>
        <translation>PIN 码为 4 到 12 位数字。</translation>
    </message>
    <message>
        <source>The two PINs differ; type the same PIN twice.</source>
        <translation>两次输入的 PIN 码不同；请输入相同的 PIN 码两次。</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to TraceDesk</source>
        <translation>欢迎使用 TraceDesk</translation>
    </message>
    <message>
        <source>This PC is a new TraceDesk station. Give it a name and the letters its lot codes start with.</source>
        <translation>这台电脑是新的 TraceDesk 工作站。请为它命名，并设定批次号的前缀字母。</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>工作站名称</translation>
    </message>
    <message>
        <source>Lot-code prefix</source>
        <translation>批次号前缀</translation>
    </message>
    <message>
        <source>Start with demo data (a biscuit factory, to try things out)</source>
        <translation>使用演示数据开始（一家饼干厂，用于试用）</translation>
    </message>
    <message>
        <source>Start with an empty database</source>
        <translation>使用空数据库开始</translation>
    </message>
    <message>
        <source>Give the station a name.</source>
        <translation>请为工作站命名。</translation>
    </message>
    <message>
        <source>The prefix is 1 to 8 capital letters or digits, starting with a letter.</source>
        <translation>前缀为 1 至 8 位大写字母或数字，且以字母开头。</translation>
    </message>
</context>
<context>
    <name>GenealogyModel</name>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物料</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message numerus="yes">
        <source>{0}; the lot itself shipped %n time(s)</source>
        <translation>
            <numerusform>{0}；本批次自身发货 %n 次</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Made from (upstream): %n lot(s)</source>
        <translation>
            <numerusform>来源（上游）：%n 个批次</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Made from (upstream): %n lot(s) directly, {0} at all levels</source>
        <translation>
            <numerusform>来源（上游）：直接 %n 个批次，所有层级共 {0} 个</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Used in (downstream): %n lot(s)</source>
        <translation>
            <numerusform>去向（下游）：%n 个批次</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Used in (downstream): %n lot(s) directly, {0} at all levels</source>
        <translation>
            <numerusform>去向（下游）：直接 %n 个批次，所有层级共 {0} 个</numerusform></translation>
    </message>
    <message>
        <source>Customer {0} — {1}</source>
        <translation>客户 {0} — {1}</translation>
    </message>
    <message>
        <source>Shipped under document {0}</source>
        <translation>发货单据 {0}</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>{0} shipped to {1} ({2}) under document {3} on {4}</source>
        <translation>{0} 于 {4} 按单据 {3} 发往 {1}（{2}）</translation>
    </message>
</context>
<context>
    <name>HoldsTab</name>
    <message>
        <source>Open holds and the suspect lots they block (lots made from a held lot).</source>
        <translation>未解除的冻结及其牵连的可疑批次（由被冻结批次制成的批次）。</translation>
    </message>
    <message>
        <source>Held lot</source>
        <translation>被冻结批次</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回</translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation>进行中的工单</translation>
    </message>
    <message>
        <source>Suspect lots made from it</source>
        <translation>由其制成的可疑批次</translation>
    </message>
    <message>
        <source>No lot is on hold. Lots put on hold (and the lots made from them) appear here.</source>
        <translation>没有被冻结的批次。被冻结的批次（及由其制成的批次）会显示在这里。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message numerus="yes">
        <source>%n lot(s): {0}</source>
        <translation>
            <numerusform>%n 个批次：{0}</numerusform></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
</context>
<context>
    <name>HubPage</name>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>中心库地址</translation>
    </message>
    <message>
        <source>Sync every</source>
        <translation>同步间隔</translation>
    </message>
    <message>
        <source>Enter the hub's address first.</source>
        <translation>请先输入中心库地址。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>The hub answered (hub schema {0}).</source>
        <translation>中心库已响应（中心库结构 {0}）。</translation>
    </message>
</context>
<context>
    <name>InspectionWorkspace</name>
    <message>
        <source>Waiting for inspection (quarantine)</source>
        <translation>待检验（隔离中）</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物料</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Supplier lot</source>
        <translation>供应商批号</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收货时间</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>PO</source>
        <translation>采购单</translation>
    </message>
    <message>
        <source>Nothing waiting for inspection. Lots in quarantine after receiving appear here.</source>
        <translation>没有待检验的批次。收货后处于待检状态的批次会显示在这里。</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>conditional</source>
        <translation>有条件合格</translation>
    </message>
    <message>
        <source>Notes (CoA checked, visual ...)</source>
        <translation>备注（已核对 COA、外观检查……）</translation>
    </message>
    <message>
        <source>Record inspection</source>
        <translation>记录检验</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>拒收…</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>检验</translation>
    </message>
    <message>
        <source>Select a lot in the list, or scan its label.</source>
        <translation>请在列表中选择批次，或扫描其标签。</translation>
    </message>
    <message>
        <source>Lot {0} selected: record the result, then release or reject.</source>
        <translation>已选择批次 {0}：请记录结果，然后放行或拒收。</translation>
    </message>
    <message>
        <source>Lot {0} is not waiting for inspection.</source>
        <translation>批次 {0} 不在待检列表中。</translation>
    </message>
    <message>
        <source>Inspection of lot {0} recorded: {1}.</source>
        <translation>批次 {0} 的检验已记录：{1}。</translation>
    </message>
    <message>
        <source>Release lot {0}</source>
        <translation>放行批次 {0}</translation>
    </message>
    <message>
        <source>Release the lot for use?</source>
        <translation>放行此批次供使用？</translation>
    </message>
    <message>
        <source>released after inspection</source>
        <translation>检验后放行</translation>
    </message>
    <message>
        <source>Lot {0} released: it may now be used.</source>
        <translation>批次 {0} 已放行，现在可以使用。</translation>
    </message>
    <message>
        <source>Reject lot {0}</source>
        <translation>拒收批次 {0}</translation>
    </message>
    <message>
        <source>Why is the lot rejected?</source>
        <translation>拒收原因？</translation>
    </message>
    <message>
        <source>Lot {0} rejected: {1}.</source>
        <translation>批次 {0} 已拒收：{1}。</translation>
    </message>
</context>
<context>
    <name>LabelCheck</name>
    <message>
        <source>Label check, serial {0}: {1}</source>
        <translation>标签核验，序列号 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>LabelCounts</name>
    <message numerus="yes">
        <source>%n label(s) sent to {0}.</source>
        <translation>
            <numerusform>%n 张标签已发送到 {0}。</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n label(s) saved to {0}.</source>
        <translation>
            <numerusform>%n 张标签已保存到 {0}。</numerusform></translation>
    </message>
</context>
<context>
    <name>LabelPrinter</name>
    <message>
        <source>The labels did not print: {0}</source>
        <translation>标签未能打印：{0}</translation>
    </message>
    <message>
        <source>Printing cancelled; nothing recorded.</source>
        <translation>打印已取消，未记录任何内容。</translation>
    </message>
</context>
<context>
    <name>LeadChart</name>
    <message>
        <source>waiting now: {0}</source>
        <translation>当前待检：{0}</translation>
    </message>
</context>
<context>
    <name>LotPanel</name>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物料</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Quantity / balance</source>
        <translation>数量 / 结存</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Supplier lot</source>
        <translation>供应商批号</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Received / produced</source>
        <translation>收货 / 生产</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>冻结</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>TraceDesk — {0}</source>
        <translation>TraceDesk — {0}</translation>
    </message>
    <message>
        <source>Station: {0}</source>
        <translation>工作站：{0}</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>The language is now {0}.</source>
        <translation>语言已切换为{0}。</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>Welcome. Create the administrator of this database to begin.</source>
        <translation>欢迎。请先创建此数据库的管理员。</translation>
    </message>
    <message>
        <source>There are users now: choose your name and type your PIN.</source>
        <translation>现在已有用户：请选择您的姓名并输入 PIN 码。</translation>
    </message>
    <message>
        <source>Administrator {0} created and signed in. Add the other users under Master data → Users.</source>
        <translation>管理员 {0} 已创建并已登录。请在“主数据 → 用户”中添加其他用户。</translation>
    </message>
    <message>
        <source>Signed in as {0}.</source>
        <translation>已登录：{0}。</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Nobody is signed in.</source>
        <translation>当前无人登录。</translation>
    </message>
    <message>
        <source>Signed out. Sign in to continue.</source>
        <translation>已退出登录，请登录以继续。</translation>
    </message>
    <message numerus="yes">
        <source>Signed out after %n minute(s) without activity.</source>
        <translation>
            <numerusform>%n 分钟无操作，已自动退出登录。</numerusform></translation>
    </message>
    <message>
        <source>A scan from {0}, which is no longer set up at this station, was not used: {1}</source>
        <translation>来自 {0} 的扫描未被使用，因为该设备已不再设置在本工作站：{1}</translation>
    </message>
    <message>
        <source>Choose a task before scanning.</source>
        <translation>扫描前请先选择任务。</translation>
    </message>
</context>
<context>
    <name>MasterDataEdits</name>
    <message>
        <source>Business name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Street address</source>
        <translation>街道地址</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>State / region</source>
        <translation>州 / 地区</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>e.g. US, DE, CN</source>
        <translation>例如 US、DE、CN</translation>
    </message>
    <message>
        <source>Choose a row in the table first.</source>
        <translation>请先在表格中选择一行。</translation>
    </message>
    <message>
        <source>Edit device {0}</source>
        <translation>编辑设备 {0}</translation>
    </message>
    <message>
        <source>Device {0} removed and stopped.</source>
        <translation>设备 {0} 已删除并停止。</translation>
    </message>
</context>
<context>
    <name>MasterDataWorkspace</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>追溯方式</translation>
    </message>
    <message>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <source>Shelf life (days)</source>
        <translation>保质期（天）</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Per unit</source>
        <translation>单位用量</translation>
    </message>
    <message>
        <source>Substitutes</source>
        <translation>替代料</translation>
    </message>
    <message>
        <source>Location description</source>
        <translation>地点描述</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Port / USB id</source>
        <translation>端口 / USB ID</translation>
    </message>
    <message>
        <source>Baud</source>
        <translation>波特率</translation>
    </message>
    <message>
        <source>Suffix</source>
        <translation>结束符</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>物料</translation>
    </message>
    <message>
        <source>BOMs</source>
        <translation>物料清单</translation>
    </message>
    <message>
        <source>Suppliers</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Test…</source>
        <translation>测试…</translation>
    </message>
    <message>
        <source>Shows what the device sends for a few seconds</source>
        <translation>显示设备在几秒内发送的内容</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>GLN</source>
        <translation>GLN</translation>
    </message>
    <message>
        <source>Inside</source>
        <translation>所属位置</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>已封存</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Master data</source>
        <translation>主数据</translation>
    </message>
    <message>
        <source>New item</source>
        <translation>新物料</translation>
    </message>
    <message>
        <source>Shelf life (days, 0 = none)</source>
        <translation>保质期（天，0 = 无）</translation>
    </message>
    <message>
        <source>Item {0} added.</source>
        <translation>物料 {0} 已添加。</translation>
    </message>
    <message>
        <source>New supplier</source>
        <translation>新供应商</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新客户</translation>
    </message>
    <message>
        <source>{0} added.</source>
        <translation>{0} 已添加。</translation>
    </message>
    <message>
        <source>plant</source>
        <translation>工厂</translation>
    </message>
    <message>
        <source>warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>our sites: the GLN partners know them by</source>
        <translation>本厂场地：合作伙伴识别它所用的 GLN</translation>
    </message>
    <message>
        <source>the plant, warehouse or area it lies in</source>
        <translation>所在的工厂、仓库或区域</translation>
    </message>
    <message>
        <source>Blocked: a quarantine location</source>
        <translation>封存：隔离位置</translation>
    </message>
    <message>
        <source>A location needs a code and a name.</source>
        <translation>库位需要代码和名称。</translation>
    </message>
    <message>
        <source>Location {0} added.</source>
        <translation>库位 {0} 已添加。</translation>
    </message>
    <message>
        <source>New location</source>
        <translation>新库位</translation>
    </message>
    <message>
        <source>Write each line as COMPONENT=quantity per unit, separated by commas.</source>
        <translation>每行写成 组件=单位用量，用逗号分隔。</translation>
    </message>
    <message>
        <source>BOM version {0} of {1} added.</source>
        <translation>{1} 的物料清单版本 {0} 已添加。</translation>
    </message>
    <message>
        <source>New BOM version</source>
        <translation>新物料清单版本</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>A PIN must be 4 to 12 digits.</source>
        <translation>PIN 必须为 4 至 12 位数字。</translation>
    </message>
    <message>
        <source>User {0} added.</source>
        <translation>用户 {0} 已添加。</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>新用户</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>Badge (optional)</source>
        <translation>工牌（可选）</translation>
    </message>
    <message>
        <source>New device</source>
        <translation>新设备</translation>
    </message>
</context>
<context>
    <name>NoticeReceiving</name>
    <message>
        <source>Not against this notice</source>
        <translation>不按此到货通知收货</translation>
    </message>
    <message>
        <source>Expected from advance notices</source>
        <translation>到货通知中的预计收货</translation>
    </message>
    <message>
        <source>Import advance notice…</source>
        <translation>导入到货通知…</translation>
    </message>
    <message>
        <source>A supplier's EPCIS file: its shipments become expected receipts. Choose the supplier first if its GLN is not on file.</source>
        <translation>供应商的 EPCIS 文件：其中的发货成为预计收货。如该供应商的 GLN 尚未登记，请先选择供应商。</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Despatch</source>
        <translation>发货单</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物料</translation>
    </message>
    <message>
        <source>Supplier lot</source>
        <translation>供应商批号</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>预计</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>No deliveries expected. Lines of imported advance notices appear here.</source>
        <translation>没有预计到货。导入的预先发货通知的各行会显示在这里。</translation>
    </message>
    <message>
        <source>Import advance notice</source>
        <translation>导入到货通知</translation>
    </message>
    <message>
        <source>Advance notice of {0} recorded: {1} expected receipts.</source>
        <translation>已记录 {0} 的到货通知：{1} 条预计收货。</translation>
    </message>
    <message>
        <source>This advance notice was imported before; nothing new.</source>
        <translation>此到货通知已导入过，没有新内容。</translation>
    </message>
    <message>
        <source>Against advance notice {0} of {1}: {2} of lot {3} expected.</source>
        <translation>按 {1} 的到货通知 {0} 收货：预计批号 {3}，共 {2}。</translation>
    </message>
    <message>
        <source>GTIN {0} of the notice belongs to no item: choose the item; the difference is recorded.</source>
        <translation>到货通知中的 GTIN {0} 不属于任何物料：请选择物料，差异将被记录。</translation>
    </message>
    <message>
        <source>Lot {0} is not in the notice (it expects {1}): the difference is recorded when you receive.</source>
        <translation>批号 {0} 不在到货通知中（通知为 {1}）：收货时将记录此差异。</translation>
    </message>
    <message>
        <source>{0} notice lines travel on this unit; this is the first. Check the item and lot.</source>
        <translation>此物流单元上有 {0} 条通知明细，这是第一条。请核对物料和批号。</translation>
    </message>
    <message>
        <source>Filled from the advance notice. Check the quantity and receive.</source>
        <translation>已按到货通知填写。请核对数量后收货。</translation>
    </message>
</context>
<context>
    <name>PrintersPage</name>
    <message>
        <source>Remove the chosen printer</source>
        <translation>删除所选打印机</translation>
    </message>
    <message>
        <source>Add a printer</source>
        <translation>添加打印机</translation>
    </message>
    <message>
        <source>Thermal printer, ZPL over the network (port 9100)</source>
        <translation>热敏打印机，网络 ZPL（端口 9100）</translation>
    </message>
    <message>
        <source>Thermal printer, ZPL over a serial port</source>
        <translation>热敏打印机，串口 ZPL</translation>
    </message>
    <message>
        <source>Office printer (system queue, PDF)</source>
        <translation>办公打印机（系统队列，PDF）</translation>
    </message>
    <message>
        <source>192.168.1.50:9100, /dev/ttyUSB0, COM3 or the queue name</source>
        <translation>192.168.1.50:9100、/dev/ttyUSB0、COM3 或队列名称</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Baud (serial)</source>
        <translation>波特率（串口）</translation>
    </message>
    <message>
        <source>This station prints labels on</source>
        <translation>本工作站的标签打印机</translation>
    </message>
    <message>
        <source>No fixed printer: as chosen under General → Labels</source>
        <translation>不固定打印机：按“常规 → 标签”中的设置</translation>
    </message>
    <message>
        <source>A printer needs a name.</source>
        <translation>打印机需要一个名称。</translation>
    </message>
    <message>
        <source>A printer named {0} already exists.</source>
        <translation>名为 {0} 的打印机已存在。</translation>
    </message>
</context>
<context>
    <name>ProductionWorkspace</name>
    <message>
        <source>Work order</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>New order…</source>
        <translation>新建工单…</translation>
    </message>
    <message>
        <source>Close order</source>
        <translation>关闭工单</translation>
    </message>
    <message>
        <source>Choose or scan a work order, then scan the lots you put in.</source>
        <translation>选择或扫描工单，然后扫描投入的批次。</translation>
    </message>
    <message>
        <source>Issue the scanned lot</source>
        <translation>投料：已扫描的批次</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>投料</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已投</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>未投</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物料</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Output lot</source>
        <translation>产出批次</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Bill of materials: required, issued, outstanding</source>
        <translation>物料清单：需求、已投、未投</translation>
    </message>
    <message>
        <source>Choose or scan a work order: its components, issued and outstanding, appear here.</source>
        <translation>选择或扫描工单：其组件及已投料、未投料数量会显示在这里。</translation>
    </message>
    <message>
        <source>Issued lots</source>
        <translation>已投批次</translation>
    </message>
    <message>
        <source>Lots you scan and issue to the order appear here.</source>
        <translation>您扫描并投料到工单的批次会显示在这里。</translation>
    </message>
    <message>
        <source>Output lots</source>
        <translation>产出批次</translation>
    </message>
    <message>
        <source>Output lots recorded on the order appear here.</source>
        <translation>工单上记录的产出批次会显示在这里。</translation>
    </message>
    <message>
        <source>Process parameters recorded on the order appear here.</source>
        <translation>工单上记录的工艺参数会显示在这里。</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>工艺参数</translation>
    </message>
    <message>
        <source>Record output</source>
        <translation>记录产出</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Record output and print label</source>
        <translation>记录产出并打印标签</translation>
    </message>
    <message>
        <source>Process parameter</source>
        <translation>工艺参数</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>生产</translation>
    </message>
    <message>
        <source>— choose a work order —</source>
        <translation>— 选择工单 —</translation>
    </message>
    <message>
        <source>No open work orders — create one with New order…</source>
        <translation>没有未完成的工单 — 请用“新建工单…”创建一个</translation>
    </message>
    <message>
        <source>No open work orders — ask a line lead to open one.</source>
        <translation>没有未完成的工单 — 请产线组长新建一个。</translation>
    </message>
    <message>
        <source>{0}: {1} {2}, planned {3} · line {4} · equipment {5} · operators {6}</source>
        <translation>{0}：{1} {2}，计划 {3} · 产线 {4} · 设备 {5} · 操作员 {6}</translation>
    </message>
    <message>
        <source>Work order {0} chosen: scan the lots you put in.</source>
        <translation>已选择工单 {0}：请扫描投入的批次。</translation>
    </message>
    <message>
        <source>Choose or scan a work order first.</source>
        <translation>请先选择或扫描工单。</translation>
    </message>
    <message>
        <source>Lot {0} · {1} · balance {2}</source>
        <translation>批次 {0} · {1} · 结存 {2}</translation>
    </message>
    <message>
        <source>Order {0} needs no more {1}: what its BOM asks for is issued. To put more in, type the quantity and give a reason; otherwise press Cancel.</source>
        <translation>工单 {0} 不再需要 {1}：物料清单要求的用量已投料。如要多投，请输入数量并填写原因；否则请按取消。</translation>
    </message>
    <message>
        <source>First expired, first out: lot {0} of {1} expires earlier ({2}). Use it first, or press Enter to issue {3} anyway.</source>
        <translation>先到期先出：{1} 的批次 {0} 更早到期（{2}）。请先用它，或按回车仍然投入 {3}。</translation>
    </message>
    <message>
        <source>Lot {0} ({1}) may be issued: check the quantity and press Enter.</source>
        <translation>批次 {0}（{1}）可以投料：请核对数量后按回车。</translation>
    </message>
    <message>
        <source>Nothing issued: the quantity is more than the order still needs.</source>
        <translation>未投料：数量超过工单仍需的用量。</translation>
    </message>
    <message>
        <source>Issue more than the order needs</source>
        <translation>投料超过工单所需</translation>
    </message>
    <message>
        <source>Components never issued</source>
        <translation>有组件从未投料</translation>
    </message>
    <message>
        <source>Issued {0} of lot {1} to order {2}; {3} left in the lot.</source>
        <translation>已将批次 {1} 的 {0} 投入工单 {2}；批次剩余 {3}。</translation>
    </message>
    <message>
        <source>Choose a work order first.</source>
        <translation>请先选择工单。</translation>
    </message>
    <message>
        <source>No output recorded: issue the missing components first.</source>
        <translation>未记录产出：请先投料缺少的组件。</translation>
    </message>
    <message>
        <source>Output lot {0} recorded: {1} {2}.</source>
        <translation>产出批次 {0} 已记录：{1} {2}。</translation>
    </message>
    <message>
        <source>Parameter {0} = {1} {2} recorded on {3}.</source>
        <translation>参数 {0} = {1} {2} 已记录到 {3}。</translation>
    </message>
    <message>
        <source>Work order {0} closed.</source>
        <translation>工单 {0} 已关闭。</translation>
    </message>
    <message>
        <source>Mass balance of {0}</source>
        <translation>{0} 的物料平衡</translation>
    </message>
    <message>
        <source>New work order</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Planned quantity</source>
        <translation>计划数量</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>产线</translation>
    </message>
    <message>
        <source>Equipment</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Work order {0} opened for {1} {2}.</source>
        <translation>工单 {0} 已创建：{1} {2}。</translation>
    </message>
</context>
<context>
    <name>QaCounts</name>
    <message numerus="yes">
        <source>%n lot(s)</source>
        <translation>
            <numerusform>%n 个批次</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n 个工单</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n 个客户</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Exporting the trace of {0}: %n lot(s)…</source>
        <translation>
            <numerusform>正在导出 {0} 的追溯：%n 个批次…</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Trace of {0} exported: %n lot(s) in {1}.</source>
        <translation>
            <numerusform>{0} 的追溯已导出：%n 个批次，保存于 {1}。</numerusform></translation>
    </message>
</context>
<context>
    <name>QaDecisions</name>
    <message>
        <source>Hold lot {0}</source>
        <translation>冻结批次 {0}</translation>
    </message>
    <message>
        <source>Why is the lot put on hold?</source>
        <translation>冻结原因？</translation>
    </message>
    <message>
        <source>Lot {0} is on hold: {1}. Lots made from it are blocked too.</source>
        <translation>批次 {0} 已冻结：{1}。由其制成的批次也一并锁定。</translation>
    </message>
    <message>
        <source>Release lot {0}</source>
        <translation>放行批次 {0}</translation>
    </message>
    <message>
        <source>Why may the lot be used again?</source>
        <translation>为何可以重新使用此批次？</translation>
    </message>
    <message>
        <source>Lot {0} is now {1}.</source>
        <translation>批次 {0} 现在为{1}。</translation>
    </message>
    <message>
        <source>Reject lot {0}</source>
        <translation>拒收批次 {0}</translation>
    </message>
    <message>
        <source>Why is the lot rejected?</source>
        <translation>拒收原因？</translation>
    </message>
    <message>
        <source>Lot {0} rejected: {1}.</source>
        <translation>批次 {0} 已拒收：{1}。</translation>
    </message>
    <message>
        <source>{0} of lot {1} destroyed, witnessed by {2}.</source>
        <translation>批次 {1} 的 {0} 已销毁，见证人 {2}。</translation>
    </message>
    <message>
        <source>{0} of lot {1} scrapped.</source>
        <translation>批次 {1} 的 {0} 已报废。</translation>
    </message>
    <message>
        <source>Lot {0} reworked into lot {1} ({2}), in quarantine.</source>
        <translation>批次 {0} 已返工为批次 {1}（{2}），待检。</translation>
    </message>
</context>
<context>
    <name>QaLookup</name>
    <message>
        <source>Lot {0} is blocked: {1}</source>
        <translation>批次 {0} 已被锁定：{1}</translation>
    </message>
    <message>
        <source>Lot {0}: {1}, {2}.</source>
        <translation>批次 {0}：{1}，{2}。</translation>
    </message>
</context>
<context>
    <name>QaReports</name>
    <message>
        <source>Recall of {0}: {1}, {2}, {3} affected.</source>
        <translation>召回 {0}：涉及 {1}、{2}、{3}。</translation>
    </message>
    <message>
        <source>Recall summary of {0}</source>
        <translation>{0} 的召回汇总</translation>
    </message>
    <message>
        <source>Export trace</source>
        <translation>导出追溯</translation>
    </message>
    <message>
        <source>Exporting the trace of {0}…</source>
        <translation>正在导出 {0} 的追溯…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>QaWorkspace</name>
    <message>
        <source>Lot family tree</source>
        <translation>批次家族树</translation>
    </message>
    <message>
        <source>Search: our lot code, supplier lot, serial or item</source>
        <translation>搜索：本厂批次号、供应商批号、序列号或物料</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物料</translation>
    </message>
    <message>
        <source>Supplier lot</source>
        <translation>供应商批号</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>结存</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Scan a lot or search by lot code, supplier lot, item or PO: matching lots appear here.</source>
        <translation>扫描批次，或按批次号、供应商批次、物料或采购单搜索：匹配的批次会显示在这里。</translation>
    </message>
    <message>
        <source>Put on hold…</source>
        <translation>冻结…</translation>
    </message>
    <message>
        <source>Release / lift hold…</source>
        <translation>放行 / 解除冻结…</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>拒收…</translation>
    </message>
    <message>
        <source>Scrap / destroy…</source>
        <translation>报废 / 销毁…</translation>
    </message>
    <message>
        <source>Rework…</source>
        <translation>返工…</translation>
    </message>
    <message>
        <source>Recall summary</source>
        <translation>召回汇总</translation>
    </message>
    <message>
        <source>Export trace (CSV)…</source>
        <translation>导出追溯（CSV）…</translation>
    </message>
    <message>
        <source>Print label</source>
        <translation>打印标签</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Family tree</source>
        <translation>家族树</translation>
    </message>
    <message>
        <source>Family graph</source>
        <translation>家族图</translation>
    </message>
    <message>
        <source>History</source>
        <translation>履历</translation>
    </message>
    <message>
        <source>Open a lot to see everything recorded about it.</source>
        <translation>打开一个批次即可查看关于它的全部记录。</translation>
    </message>
    <message>
        <source>Trace &amp;&amp; QA</source>
        <translation>追溯与质量</translation>
    </message>
    <message>
        <source>Open a lot first: scan its label or search for it.</source>
        <translation>请先打开一个批次：扫描其标签或搜索它。</translation>
    </message>
    <message>
        <source>No lot matches {0!r}.</source>
        <translation>没有批次匹配 {0!r}。</translation>
    </message>
    <message numerus="yes">
        <source>%n lot(s) found; choose one.</source>
        <translation>
            <numerusform>找到 %n 个批次，请选择一个。</numerusform></translation>
    </message>
</context>
<context>
    <name>QualityDeskWorkspace</name>
    <message>
        <source>Open holds</source>
        <translation>未解除冻结</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>看板</translation>
    </message>
    <message>
        <source>Conflicts between stations</source>
        <translation>工作站间冲突</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计追踪</translation>
    </message>
    <message>
        <source>Quality desk</source>
        <translation>质量台</translation>
    </message>
    <message>
        <source>Open Complaints, Recall, Exports or Audit trail to use a scan here.</source>
        <translation>请打开“投诉”“召回”“导出”或“审计追踪”页后再扫描。</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Reason (kept in the lot's history)</source>
        <translation>原因（记入批次履历）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Your PIN, to sign this decision</source>
        <translation>输入您的 PIN 码以签署此决定</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
</context>
<context>
    <name>RecallTab</name>
    <message>
        <source>Scan lots, or type codes separated by spaces</source>
        <translation>扫描批次，或输入以空格分隔的批次号</translation>
    </message>
    <message>
        <source>optional: when several suppliers use the same lot number</source>
        <translation>可选：多个供应商使用相同批号时填写</translation>
    </message>
    <message>
        <source>Our lots</source>
        <translation>本厂批次</translation>
    </message>
    <message>
        <source>or supplier lot</source>
        <translation>或供应商批号</translation>
    </message>
    <message>
        <source>Supplier code</source>
        <translation>供应商代码</translation>
    </message>
    <message>
        <source>Show what is affected</source>
        <translation>显示受影响范围</translation>
    </message>
    <message>
        <source>Start recall (hold all)…</source>
        <translation>启动召回（全部冻结）…</translation>
    </message>
    <message>
        <source>Begin mock recall</source>
        <translation>开始模拟召回</translation>
    </message>
    <message>
        <source>Save report (PDF)…</source>
        <translation>保存报告（PDF）…</translation>
    </message>
    <message>
        <source>Save report (Excel)…</source>
        <translation>保存报告（Excel）…</translation>
    </message>
    <message>
        <source>Name the source of the problem, then show what is affected.</source>
        <translation>请填写问题来源，然后显示受影响范围。</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物料</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>The lots, orders, shipments and customers a recall reaches appear here once you start or open one.</source>
        <translation>开始或打开召回后，其涉及的批次、工单、发货和客户会显示在这里。</translation>
    </message>
    <message>
        <source>Past mock recalls</source>
        <translation>以往的模拟召回</translation>
    </message>
    <message>
        <source>Drill</source>
        <translation>演练</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Time taken</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Run by</source>
        <translation>执行人</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Mock recalls you finish appear here, with the time each took.</source>
        <translation>您完成的模拟召回会显示在这里，并附每次所用时间。</translation>
    </message>
    <message>
        <source>{0}

Show recall {1}?</source>
        <translation>{0}

要查看召回 {1} 吗？</translation>
    </message>
    <message>
        <source>Scan or type the lots of the drill (or a supplier lot) first.</source>
        <translation>请先扫描或输入本次演练的批次（或供应商批次）。</translation>
    </message>
    <message>
        <source>Save the mock recall report</source>
        <translation>保存模拟召回报告</translation>
    </message>
    <message>
        <source>Finish mock recall…</source>
        <translation>完成模拟召回…</translation>
    </message>
    <message>
        <source>Mock recall report saved: {0}</source>
        <translation>模拟召回报告已保存：{0}</translation>
    </message>
    <message>
        <source>Writing the mock recall report…</source>
        <translation>正在写入模拟召回报告…</translation>
    </message>
    <message>
        <source>Following every lot made from the sources…</source>
        <translation>正在追踪由来源制成的所有批次…</translation>
    </message>
    <message>
        <source>{0}: {1}, {2}, {3} affected.</source>
        <translation>{0}：影响 {1}、{2}、{3}。</translation>
    </message>
    <message numerus="yes">
        <source>%n lot(s)</source>
        <translation>
            <numerusform>%n 个批次</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n 个工单</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n 个客户</numerusform></translation>
    </message>
    <message>
        <source>Mock recall finished in {0}.</source>
        <translation>模拟召回用时 {0}。</translation>
    </message>
    <message>
        <source>Start a recall</source>
        <translation>启动召回</translation>
    </message>
    <message>
        <source>Every affected lot is put on hold. Why?</source>
        <translation>所有受影响批次都将被冻结。原因是？</translation>
    </message>
    <message>
        <source>Mock recall running: {0}</source>
        <translation>模拟召回进行中：{0}</translation>
    </message>
    <message>
        <source>Save recall report</source>
        <translation>保存召回报告</translation>
    </message>
    <message>
        <source>Writing the recall report…</source>
        <translation>正在写入召回报告…</translation>
    </message>
    <message>
        <source>Recall report saved: {0}</source>
        <translation>召回报告已保存：{0}</translation>
    </message>
</context>
<context>
    <name>ReceivingWorkspace</name>
    <message>
        <source>Incoming lot</source>
        <translation>来料批次</translation>
    </message>
    <message>
        <source>YYYY-MM-DD (empty: from shelf life)</source>
        <translation>YYYY-MM-DD（留空：按保质期计算）</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物料</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Supplier lot</source>
        <translation>供应商批号</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Manufactured</source>
        <translation>生产日期</translation>
    </message>
    <message>
        <source>Purchase order</source>
        <translation>采购单</translation>
    </message>
    <message>
        <source>Containers (labels)</source>
        <translation>包装件数（标签）</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Receive and print labels</source>
        <translation>收货并打印标签</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>收货</translation>
    </message>
    <message>
        <source>Scan the supplier's label: item, lot, expiry and quantity fill in.</source>
        <translation>扫描供应商标签：自动填入物料、批号、有效期和数量。</translation>
    </message>
    <message>
        <source>Received at this station</source>
        <translation>本工作站已收货</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Nothing received at this station yet. Lots you receive appear here.</source>
        <translation>本工作站尚未收货。您收货的批次会显示在这里。</translation>
    </message>
    <message>
        <source>This is our own label of lot {0} ({1}); it was received already.</source>
        <translation>这是本厂批次 {0} 的标签（{1}），已经收过货。</translation>
    </message>
    <message>
        <source>Unknown code: taken as the supplier lot. Choose the item and supplier, then save.</source>
        <translation>未知代码：已作为供应商批号填入。请选择物料和供应商后保存。</translation>
    </message>
    <message>
        <source>Supplier lot {0} was received before as {1}. Check before receiving it again.</source>
        <translation>供应商批号 {0} 之前已收货为 {1}。再次收货前请核实。</translation>
    </message>
    <message>
        <source>Label read. Complete supplier, PO and containers, then save.</source>
        <translation>标签已读取。请补充供应商、采购单和件数，然后保存。</translation>
    </message>
    <message>
        <source>Choose the item (or scan the supplier's label).</source>
        <translation>请选择物料（或扫描供应商标签）。</translation>
    </message>
    <message>
        <source>Choose the supplier.</source>
        <translation>请选择供应商。</translation>
    </message>
    <message>
        <source>Lot {0} received: {1} {2} in quarantine.</source>
        <translation>批次 {0} 已收货：{1} {2}，处于隔离状态。</translation>
    </message>
    <message>
        <source>Differences from the advance notice recorded: {0}</source>
        <translation>已记录与到货通知的差异：{0}</translation>
    </message>
</context>
<context>
    <name>ReworkDialog</name>
    <message>
        <source>Rework lot {0}</source>
        <translation>返工批次 {0}</translation>
    </message>
    <message>
        <source>empty: the whole balance</source>
        <translation>留空：全部余量</translation>
    </message>
    <message>
        <source>Quantity reworked</source>
        <translation>返工数量</translation>
    </message>
    <message>
        <source>Quantity made</source>
        <translation>产出数量</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>Receiving / shipping clerk</source>
        <translation>收发货员</translation>
    </message>
    <message>
        <source>Line lead</source>
        <translation>产线班长</translation>
    </message>
    <message>
        <source>Quality (QA)</source>
        <translation>质量（QA）</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>ScanField</name>
    <message>
        <source>Scan a label here — or type a code and press Enter</source>
        <translation>在此扫描标签 — 或输入代码后按回车</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
</context>
<context>
    <name>ScrapDialog</name>
    <message>
        <source>Scrap lot {0}</source>
        <translation>报废批次 {0}</translation>
    </message>
    <message>
        <source>empty: the whole balance</source>
        <translation>留空：全部余量</translation>
    </message>
    <message>
        <source>Destroyed (a second person witnesses it)</source>
        <translation>销毁（由第二人见证）</translation>
    </message>
    <message>
        <source>the witness's user code</source>
        <translation>见证人的用户代码</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Witness</source>
        <translation>见证人</translation>
    </message>
    <message>
        <source>Witness PIN</source>
        <translation>见证人 PIN</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Large text and buttons (touch screen)</source>
        <translation>大字体和大按钮（触摸屏）</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Beep on refusals</source>
        <translation>拒绝时蜂鸣</translation>
    </message>
    <message>
        <source>Save as PDF files</source>
        <translation>保存为 PDF 文件</translation>
    </message>
    <message>
        <source>Print preview, then print</source>
        <translation>先预览再打印</translation>
    </message>
    <message>
        <source>Print directly on the default printer</source>
        <translation>直接用默认打印机打印</translation>
    </message>
    <message>
        <source>A checked backup is made every day; older automatic backups are removed.</source>
        <translation>每天制作一份经过检查的备份；较早的自动备份会被删除。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Sign out after</source>
        <translation>自动退出时间</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>工作站名称</translation>
    </message>
    <message>
        <source>Lot-code prefix</source>
        <translation>批次号前缀</translation>
    </message>
    <message>
        <source>Daily backups kept</source>
        <translation>保留的每日备份数</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Printers</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Hub</source>
        <translation>中心库</translation>
    </message>
    <message>
        <source>Printers, the station's name and lot-code prefix, and the hub are set up by an administrator.</source>
        <translation>打印机、工作站名称和批次号前缀以及中心库由管理员设置。</translation>
    </message>
    <message>
        <source>About TraceDesk</source>
        <translation>关于 TraceDesk</translation>
    </message>
    <message>
        <source>Test the connection to the new hub before saving.</source>
        <translation>保存前请先测试与新中心库的连接。</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>started {0}</source>
        <translation>已启动 {0}</translation>
    </message>
    <message>
        <source>restarted with new settings {0}</source>
        <translation>已按新设置重启 {0}</translation>
    </message>
    <message>
        <source>stopped {0}</source>
        <translation>已停止 {0}</translation>
    </message>
    <message>
        <source>Devices changed: {0}.</source>
        <translation>设备已变更：{0}。</translation>
    </message>
    <message>
        <source>The station's printer {0} was removed; labels do not print until you choose another under Settings → Printers.</source>
        <translation>本工作站的打印机 {0} 已被移除；在“设置 → 打印机”中选择另一台之前，标签不会打印。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Printers changed; configured now: {0}.</source>
        <translation>打印机已变更；当前已配置：{0}。</translation>
    </message>
</context>
<context>
    <name>ShippingWorkspace</name>
    <message>
        <source>Shipping</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>发货单</translation>
    </message>
    <message>
        <source>delivery note number</source>
        <translation>送货单号</translation>
    </message>
    <message>
        <source>empty: the lot's whole balance</source>
        <translation>留空：批次全部结存</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据号</translation>
    </message>
    <message>
        <source>Quantity per scan</source>
        <translation>每次扫描数量</translation>
    </message>
    <message>
        <source>Then scan each lot's label. Held, quarantined, rejected or expired lots are refused.</source>
        <translation>然后逐个扫描批次标签。冻结、隔离、拒收或过期的批次将被拒绝。</translation>
    </message>
    <message>
        <source>On this shipment</source>
        <translation>本次发货</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>发货时间</translation>
    </message>
    <message>
        <source>Scan the lots that leave: each appears here with its quantity before you record the shipment.</source>
        <translation>扫描要发出的批次：在记录发货前，每个批次及其数量会显示在这里。</translation>
    </message>
    <message>
        <source>Choose the customer before scanning lots.</source>
        <translation>扫描批次前请先选择客户。</translation>
    </message>
    <message>
        <source>Type the document (delivery note) number before scanning lots.</source>
        <translation>扫描批次前请先输入单据（送货单）号。</translation>
    </message>
    <message>
        <source>Choose the customer.</source>
        <translation>请选择客户。</translation>
    </message>
    <message>
        <source>Lot {0}: {1} shipped to {2} on {3}.</source>
        <translation>批次 {0}：{1} 已发往 {2}，单据 {3}。</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Choose your name and type your PIN, or scan your badge.</source>
        <translation>选择您的名字并输入 PIN 码，或扫描工牌。</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>suspect — {0}</source>
        <translation>可疑 — {0}</translation>
    </message>
    <message>
        <source>suspect — hold on {0}: {1}</source>
        <translation>可疑 — {0} 被冻结：{1}</translation>
    </message>
    <message>
        <source> (and {0} more holds)</source>
        <translation>（另有 {0} 个冻结）</translation>
    </message>
    <message>
        <source>in quarantine</source>
        <translation>隔离中</translation>
    </message>
    <message>
        <source>released</source>
        <translation>已放行</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒收</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
</context>
<context>
    <name>StatusBanner</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Ready. Scan a label or choose a task.</source>
        <translation>就绪。请扫描标签或选择任务。</translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation>已拒绝：{0}</translation>
    </message>
    <message>
        <source>Another program is writing to the database; trying again ({0} of {1})…</source>
        <translation>另一个程序正在写入数据库；正在重试（第 {0} 次，共 {1} 次）…</translation>
    </message>
</context>
<context>
    <name>SupplierChart</name>
    <message>
        <source>before the period</source>
        <translation>本期之前</translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <source>No hub</source>
        <translation>无中心库</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未</translation>
    </message>
    <message>
        <source>Hub: connecting…</source>
        <translation>中心库：正在连接…</translation>
    </message>
    <message>
        <source>Hub reachable · last sync {0}</source>
        <translation>中心库可达 · 上次同步 {0}</translation>
    </message>
    <message>
        <source>Hub refused · last sync {0} · {1} waiting</source>
        <translation>中心库拒绝 · 上次同步 {0} · {1} 个待发送</translation>
    </message>
    <message>
        <source>Hub unreachable, working offline · last sync {0} · {1} waiting</source>
        <translation>中心库不可达，离线工作 · 上次同步 {0} · {1} 个待发送</translation>
    </message>
</context>
<context>
    <name>WarehouseWorkspace</name>
    <message>
        <source>Warehouse</source>
        <translation>仓储</translation>
    </message>
    <message>
        <source>Move and put away</source>
        <translation>移库与上架</translation>
    </message>
    <message>
        <source>scan a location label, or type its code</source>
        <translation>扫描位置标签，或输入位置代码</translation>
    </message>
    <message>
        <source>empty: the whole lot</source>
        <translation>留空：整个批次</translation>
    </message>
    <message>
        <source>Put-away after receiving or output</source>
        <translation>收货或产出后上架</translation>
    </message>
    <message>
        <source>Print location label</source>
        <translation>打印位置标签</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Scan a lot and a location, in either order. Held, quarantined or expired lots go only into a quarantine location.</source>
        <translation>扫描批次和位置，顺序不限。冻结、待检或过期的批次只能放入隔离位置。</translation>
    </message>
    <message>
        <source>Picking</source>
        <translation>拣货</translation>
    </message>
    <message>
        <source>empty: every plant</source>
        <translation>留空：所有工厂</translation>
    </message>
    <message>
        <source>delivery note number</source>
        <translation>送货单号</translation>
    </message>
    <message>
        <source>Make pick list</source>
        <translation>生成拣货单</translation>
    </message>
    <message>
        <source>Ship the pick list</source>
        <translation>按拣货单发运</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物料</translation>
    </message>
    <message>
        <source>Plant</source>
        <translation>工厂</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据号</translation>
    </message>
    <message>
        <source>Customer return</source>
        <translation>客户退货</translation>
    </message>
    <message>
        <source>the shipment's delivery note</source>
        <translation>发运时的送货单号</translation>
    </message>
    <message>
        <source>empty: everything still out</source>
        <translation>留空：尚未退回的全部数量</translation>
    </message>
    <message>
        <source>a quarantine location</source>
        <translation>隔离位置</translation>
    </message>
    <message>
        <source>Receive the return</source>
        <translation>接收退货</translation>
    </message>
    <message>
        <source>Shipped lot</source>
        <translation>已发运批次</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Pick list</source>
        <translation>拣货单</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Recorded here</source>
        <translation>本处记录</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>In this location</source>
        <translation>此位置的库存</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>In transit between plants</source>
        <translation>工厂间在途</translation>
    </message>
    <message>
        <source>From plant</source>
        <translation>发出工厂</translation>
    </message>
    <message>
        <source>To plant</source>
        <translation>目的工厂</translation>
    </message>
    <message>
        <source>Location {0}: now scan the lots to put there.</source>
        <translation>位置 {0}：请扫描要放入的批次。</translation>
    </message>
    <message>
        <source>Lot {0}: now scan the location it goes to.</source>
        <translation>批次 {0}：请扫描目标位置。</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>已移动</translation>
    </message>
    <message>
        <source>{0} of lot {1} split off as lot {2}, now in {3}.</source>
        <translation>批次 {1} 的 {0} 已拆分为批次 {2}，现位于 {3}。</translation>
    </message>
    <message>
        <source>Lot {0} is now in {1}.</source>
        <translation>批次 {0} 现位于 {1}。</translation>
    </message>
    <message>
        <source>Scan or type the location whose label to print.</source>
        <translation>请扫描或输入要打印标签的位置。</translation>
    </message>
    <message>
        <source>Location {0}:</source>
        <translation>位置 {0}：</translation>
    </message>
    <message>
        <source>Pick {0} lots, first expiring first.</source>
        <translation>拣 {0} 个批次，先到期先出。</translation>
    </message>
    <message>
        <source>Choose the customer before shipping the pick list.</source>
        <translation>按拣货单发运前请先选择客户。</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>{0} lots shipped from the picked locations.</source>
        <translation>已从拣货位置发运 {0} 个批次。</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>{0} of lot {1} came back from {2} as lot {3}, in quarantine.</source>
        <translation>批次 {1} 的 {0} 由 {2} 退回，入为批次 {3}，待检。</translation>
    </message>
</context>
<context>
    <name>WorkContext</name>
    <message>
        <source>Sign in first.</source>
        <translation>请先登录。</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Scans are not used on the {0} tab: open Trace &amp; QA to look the code up.</source>
        <translation>“{0}”页不使用扫描：请打开“追溯与质量”查询此代码。</translation>
    </message>
    <message>
        <source>Lot {0} is part of an open conflict between stations ({1}); QA settles it on the quality desk.</source>
        <translation>批次 {0} 涉及工作站间未解决的冲突（{1}）；由 QA 在质量工作台处理。</translation>
    </message>
</context>
<context>
    <name>_Page</name>
    <message>
        <source>Nothing here yet. Add the first one with Add…</source>
        <translation>这里还没有内容。用“添加…”添加第一条。</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Recall already open</source>
        <translation>召回已在进行中</translation>
    </message>
</context>
</TS>