<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../src/tracedesk/app.py" line="65" />
        <location filename="../../src/tracedesk/app.py" line="68" />
        <source>TraceDesk cannot start</source>
        <translation>TraceDesk 无法启动</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/app.py" line="69" />
        <source>The database could not be opened: {0}</source>
        <translation>无法打开数据库：{0}</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/app.py" line="92" />
        <source>Recording three months of a biscuit factory…</source>
        <translation>正在录入饼干厂三个月的演示数据…</translation>
    </message>
</context>
<context>
    <name>ChooseLotDialog</name>
    <message>
        <location filename="../../src/tracedesk/ui/dialogs.py" line="60" />
        <source>Choose the lot</source>
        <translation>选择批次</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/dialogs.py" line="63" />
        <source>More than one lot matches this code. Which one is it?</source>
        <translation>有多个批次与此代码匹配，是哪一个？</translation>
    </message>
</context>
<context>
    <name>FamilyGraphView</name>
    <message>
        <location filename="../../src/tracedesk/ui/genealogy_graph.py" line="71" />
        <source>+ {0} more</source>
        <translation>还有 {0} 个</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../src/tracedesk/ui/firstrun.py" line="28" />
        <source>Welcome to TraceDesk</source>
        <translation>欢迎使用 TraceDesk</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/firstrun.py" line="30" />
        <source>This PC is a new TraceDesk station. Give it a name and the letters its lot codes start with.</source>
        <translation>这台电脑是新的 TraceDesk 工作站。请为它命名，并设定批次号的前缀字母。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/firstrun.py" line="37" />
        <source>Station name</source>
        <translation>工作站名称</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/firstrun.py" line="38" />
        <source>Lot-code prefix</source>
        <translation>批次号前缀</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/firstrun.py" line="40" />
        <source>Start with demo data (a biscuit factory, to try things out)</source>
        <translation>使用演示数据开始（一家饼干厂，用于试用）</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/firstrun.py" line="41" />
        <source>Start with an empty database</source>
        <translation>使用空数据库开始</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/firstrun.py" line="58" />
        <source>Give the station a name.</source>
        <translation>请为工作站命名。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/firstrun.py" line="60" />
        <source>The prefix is 1 to 8 capital letters or digits, starting with a letter.</source>
        <translation>前缀为 1 至 8 位大写字母或数字，且以字母开头。</translation>
    </message>
</context>
<context>
    <name>GenealogyModel</name>
    <message>
        <location filename="../../src/tracedesk/ui/genealogy_model.py" line="52" />
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/genealogy_model.py" line="52" />
        <source>Item</source>
        <translation>物料</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/genealogy_model.py" line="52" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/genealogy_model.py" line="52" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/genealogy_model.py" line="53" />
        <source>Order</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/genealogy_model.py" line="53" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/genealogy_model.py" line="74" />
        <source>Made from (upstream): {0} lots</source>
        <translation>来源（上游）：{0} 个批次</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/genealogy_model.py" line="75" />
        <source>Used in (downstream): {0} lots</source>
        <translation>去向（下游）：{0} 个批次</translation>
    </message>
</context>
<context>
    <name>InspectionWorkspace</name>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="25" />
        <source>Waiting for inspection (quarantine)</source>
        <translation>待检验（隔离中）</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="27" />
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="28" />
        <source>Item</source>
        <translation>物料</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="29" />
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="30" />
        <source>Supplier lot</source>
        <translation>供应商批号</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="31" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="32" />
        <source>Received</source>
        <translation>收货时间</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="33" />
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="34" />
        <source>PO</source>
        <translation>采购单</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="39" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="41" />
        <source>pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="41" />
        <source>fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="41" />
        <source>conditional</source>
        <translation>有条件合格</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="45" />
        <source>Notes (CoA checked, visual ...)</source>
        <translation>备注（已核对 COA、外观检查……）</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="47" />
        <source>Record inspection</source>
        <translation>记录检验</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="48" />
        <source>Release</source>
        <translation>放行</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="50" />
        <source>Reject…</source>
        <translation>拒收…</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="61" />
        <source>Inspection</source>
        <translation>检验</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="75" />
        <source>Select a lot in the list, or scan its label.</source>
        <translation>请在列表中选择批次，或扫描其标签。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="90" />
        <source>Lot {0} selected: record the result, then release or reject.</source>
        <translation>已选择批次 {0}：请记录结果，然后放行或拒收。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="92" />
        <source>Lot {0} is not waiting for inspection.</source>
        <translation>批次 {0} 不在待检列表中。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="109" />
        <source>Inspection of lot {0} recorded: {1}.</source>
        <translation>批次 {0} 的检验已记录：{1}。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="115" />
        <source>Release lot {0}</source>
        <translation>放行批次 {0}</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="115" />
        <source>Release the lot for use?</source>
        <translation>放行此批次供使用？</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="116" />
        <source>released after inspection</source>
        <translation>检验后放行</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="125" />
        <source>Lot {0} released: it may now be used.</source>
        <translation>批次 {0} 已放行，现在可以使用。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="131" />
        <source>Reject lot {0}</source>
        <translation>拒收批次 {0}</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="131" />
        <source>Why is the lot rejected?</source>
        <translation>拒收原因？</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/inspection.py" line="141" />
        <source>Lot {0} rejected: {1}.</source>
        <translation>批次 {0} 已拒收：{1}。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/tracedesk/ui/main_window.py" line="37" />
        <source>TraceDesk — {0}</source>
        <translation>TraceDesk — {0}</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/main_window.py" line="46" />
        <source>Station: {0}</source>
        <translation>工作站：{0}</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/main_window.py" line="52" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/main_window.py" line="53" />
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/main_window.py" line="82" />
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/main_window.py" line="109" />
        <source>Signed in as {0}.</source>
        <translation>已登录：{0}。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/main_window.py" line="116" />
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/main_window.py" line="123" />
        <source>Signed out. Sign in to continue.</source>
        <translation>已退出登录，请登录以继续。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/main_window.py" line="129" />
        <source>Signed out after {0} minutes without activity.</source>
        <translation>{0} 分钟无操作，已自动退出登录。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/main_window.py" line="140" />
        <source>Choose a task before scanning.</source>
        <translation>扫描前请先选择任务。</translation>
    </message>
</context>
<context>
    <name>MasterDataWorkspace</name>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="53" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="65" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="86" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="125" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="152" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="163" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="53" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="59" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="65" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="67" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="86" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="125" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="152" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="163" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="192" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="207" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="54" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="125" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="54" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="71" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="126" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="207" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="55" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="126" />
        <source>Tracking</source>
        <translation>追溯方式</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="55" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="126" />
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="56" />
        <source>Shelf life (days)</source>
        <translation>保质期（天）</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="58" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="178" />
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="58" />
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="60" />
        <source>Per unit</source>
        <translation>单位用量</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="61" />
        <source>Substitutes</source>
        <translation>替代料</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="67" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="192" />
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="68" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="192" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="69" />
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="69" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="69" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="71" />
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="72" />
        <source>Port / USB id</source>
        <translation>端口 / USB ID</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="72" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="208" />
        <source>Baud</source>
        <translation>波特率</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="73" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="208" />
        <source>Suffix</source>
        <translation>结束符</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="76" />
        <source>Items</source>
        <translation>物料</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="76" />
        <source>BOMs</source>
        <translation>物料清单</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="76" />
        <source>Suppliers</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="76" />
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="77" />
        <source>Locations</source>
        <translation>库位</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="77" />
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="77" />
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="87" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="152" />
        <source>GLN</source>
        <translation>GLN</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="87" />
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="153" />
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="90" />
        <source>Master data</source>
        <translation>主数据</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="125" />
        <source>New item</source>
        <translation>新物料</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="127" />
        <source>Shelf life (days, 0 = none)</source>
        <translation>保质期（天，0 = 无）</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="139" />
        <source>Item {0} added.</source>
        <translation>物料 {0} 已添加。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="143" />
        <source>New supplier</source>
        <translation>新供应商</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="143" />
        <source>New customer</source>
        <translation>新客户</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="151" />
        <source>{0} added.</source>
        <translation>{0} 已添加。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="160" />
        <source>A location needs a code and a name.</source>
        <translation>库位需要代码和名称。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="162" />
        <source>Location {0} added.</source>
        <translation>库位 {0} 已添加。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="163" />
        <source>New location</source>
        <translation>新库位</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="174" />
        <source>Write each line as COMPONENT=quantity per unit, separated by commas.</source>
        <translation>每行写成 组件=单位用量，用逗号分隔。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="177" />
        <source>BOM version {0} of {1} added.</source>
        <translation>{1} 的物料清单版本 {0} 已添加。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="178" />
        <source>New BOM version</source>
        <translation>新物料清单版本</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="178" />
        <source>Components</source>
        <translation>组件</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="188" />
        <source>A PIN must be 4 to 12 digits.</source>
        <translation>PIN 必须为 4 至 12 位数字。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="191" />
        <source>User {0} added.</source>
        <translation>用户 {0} 已添加。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="192" />
        <source>New user</source>
        <translation>新用户</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="193" />
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="193" />
        <source>Badge (optional)</source>
        <translation>工牌（可选）</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="206" />
        <source>Device {0} added; it starts with the next start of TraceDesk.</source>
        <translation>设备 {0} 已添加，将在下次启动 TraceDesk 时启用。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="207" />
        <source>New device</source>
        <translation>新设备</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="207" />
        <source>Port</source>
        <translation>端口</translation>
    </message>
</context>
<context>
    <name>ProductionWorkspace</name>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="37" />
        <source>Work order</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="41" />
        <source>New order…</source>
        <translation>新建工单…</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="42" />
        <source>Close order</source>
        <translation>关闭工单</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="46" />
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="166" />
        <source>Choose or scan a work order, then scan the lots you put in.</source>
        <translation>选择或扫描工单，然后扫描投入的批次。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="49" />
        <source>Issue the scanned lot</source>
        <translation>投料：已扫描的批次</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="55" />
        <source>Issue</source>
        <translation>投料</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="57" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="64" />
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="65" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="66" />
        <source>Required</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="67" />
        <source>Issued</source>
        <translation>已投</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="68" />
        <source>Outstanding</source>
        <translation>未投</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="71" />
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="71" />
        <source>Item</source>
        <translation>物料</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="72" />
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="75" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="75" />
        <source>Output lot</source>
        <translation>产出批次</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="76" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="76" />
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="79" />
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="79" />
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="80" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="84" />
        <source>Bill of materials: required, issued, outstanding</source>
        <translation>物料清单：需求、已投、未投</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="89" />
        <source>Issued lots</source>
        <translation>已投批次</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="90" />
        <source>Output lots</source>
        <translation>产出批次</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="91" />
        <source>Parameters</source>
        <translation>工艺参数</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="95" />
        <source>Record output</source>
        <translation>记录产出</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="98" />
        <source>quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="99" />
        <source>Record output and print label</source>
        <translation>记录产出并打印标签</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="103" />
        <source>Process parameter</source>
        <translation>工艺参数</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="106" />
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="108" />
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="110" />
        <source>unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="112" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="128" />
        <source>Production</source>
        <translation>生产</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="140" />
        <source>— choose a work order —</source>
        <translation>— 选择工单 —</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="170" />
        <source>{0}: {1} {2}, planned {3} · line {4} · equipment {5} · operators {6}</source>
        <translation>{0}：{1} {2}，计划 {3} · 产线 {4} · 设备 {5} · 操作员 {6}</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="184" />
        <source>Work order {0} chosen: scan the lots you put in.</source>
        <translation>已选择工单 {0}：请扫描投入的批次。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="187" />
        <source>Choose or scan a work order first.</source>
        <translation>请先选择或扫描工单。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="204" />
        <source>Lot {0} · {1} · balance {2}</source>
        <translation>批次 {0} · {1} · 结存 {2}</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="212" />
        <source>First expired, first out: lot {0} of {1} expires earlier ({2}). Use it first, or press Enter to issue {3} anyway.</source>
        <translation>先到期先出：{1} 的批次 {0} 更早到期（{2}）。请先用它，或按回车仍然投入 {3}。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="215" />
        <source>Lot {0} ({1}) may be issued: check the quantity and press Enter.</source>
        <translation>批次 {0}（{1}）可以投料：请核对数量后按回车。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="226" />
        <source>Issued {0} of lot {1} to order {2}; {3} left in the lot.</source>
        <translation>已将批次 {1} 的 {0} 投入工单 {2}；批次剩余 {3}。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="239" />
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="258" />
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="273" />
        <source>Choose a work order first.</source>
        <translation>请先选择工单。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="246" />
        <source>Output lot {0} recorded: {1} {2}.</source>
        <translation>产出批次 {0} 已记录：{1} {2}。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="250" />
        <source>The label did not print: {0}</source>
        <translation>标签未能打印：{0}</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="266" />
        <source>Parameter {0} = {1} {2} recorded on {3}.</source>
        <translation>参数 {0} = {1} {2} 已记录到 {3}。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="279" />
        <source>Work order {0} closed.</source>
        <translation>工单 {0} 已关闭。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="284" />
        <source>Mass balance of {0}</source>
        <translation>{0} 的物料平衡</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="290" />
        <source>New work order</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="296" />
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="297" />
        <source>Planned quantity</source>
        <translation>计划数量</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="298" />
        <source>Line</source>
        <translation>产线</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="299" />
        <source>Equipment</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="300" />
        <source>Operators</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/production.py" line="308" />
        <source>Work order {0} opened for {1} {2}.</source>
        <translation>工单 {0} 已创建：{1} {2}。</translation>
    </message>
</context>
<context>
    <name>QaWorkspace</name>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="48" />
        <source>Lot family tree</source>
        <translation>批次家族树</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="50" />
        <source>Search: our lot code, supplier lot, serial or item</source>
        <translation>搜索：本厂批次号、供应商批号、序列号或物料</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="51" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="56" />
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="67" />
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="70" />
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="56" />
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="70" />
        <source>Item</source>
        <translation>物料</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="57" />
        <source>Supplier lot</source>
        <translation>供应商批号</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="58" />
        <source>Balance</source>
        <translation>结存</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="59" />
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="70" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="71" />
        <source>Quantity / balance</source>
        <translation>数量 / 结存</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="71" />
        <source>Supplier / lot</source>
        <translation>供应商 / 批号</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="72" />
        <source>Work order</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="72" />
        <source>Received / produced</source>
        <translation>收货 / 生产</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="73" />
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="73" />
        <source>Hold</source>
        <translation>冻结</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="81" />
        <source>Put on hold…</source>
        <translation>冻结…</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="83" />
        <source>Release / lift hold…</source>
        <translation>放行 / 解除冻结…</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="84" />
        <source>Reject…</source>
        <translation>拒收…</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="86" />
        <source>Recall summary</source>
        <translation>召回汇总</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="87" />
        <source>Export trace (CSV)…</source>
        <translation>导出追溯（CSV）…</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="88" />
        <source>Print label</source>
        <translation>打印标签</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="107" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="108" />
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="108" />
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="109" />
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="111" />
        <source>Family tree</source>
        <translation>家族树</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="112" />
        <source>Family graph</source>
        <translation>家族图</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="113" />
        <source>History</source>
        <translation>履历</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="136" />
        <source>Trace &amp;&amp; QA</source>
        <translation>追溯与质量</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="166" />
        <source>No lot matches {0!r}.</source>
        <translation>没有批次匹配 {0!r}。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="168" />
        <source>{0} lots found; choose one.</source>
        <translation>找到 {0} 个批次，请选择一个。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="191" />
        <source>Lot {0} is blocked: {1}</source>
        <translation>批次 {0} 已被锁定：{1}</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="193" />
        <source>Lot {0}: {1}, {2}.</source>
        <translation>批次 {0}：{1}，{2}。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="229" />
        <source>Hold lot {0}</source>
        <translation>冻结批次 {0}</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="229" />
        <source>Why is the lot put on hold?</source>
        <translation>冻结原因？</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="236" />
        <source>Lot {0} is on hold: {1}. Lots made from it are blocked too.</source>
        <translation>批次 {0} 已冻结：{1}。由其制成的批次也一并锁定。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="241" />
        <source>Release lot {0}</source>
        <translation>放行批次 {0}</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="241" />
        <source>Why may the lot be used again?</source>
        <translation>为何可以重新使用此批次？</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="255" />
        <source>Lot {0} is now {1}.</source>
        <translation>批次 {0} 现在为{1}。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="260" />
        <source>Reject lot {0}</source>
        <translation>拒收批次 {0}</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="260" />
        <source>Why is the lot rejected?</source>
        <translation>拒收原因？</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="267" />
        <source>Lot {0} rejected: {1}.</source>
        <translation>批次 {0} 已拒收：{1}。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="279" />
        <source>Recall of {0}: {1} lots, {2} orders, {3} customers affected.</source>
        <translation>召回 {0}：涉及 {1} 个批次、{2} 个工单、{3} 个客户。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="282" />
        <source>Recall summary of {0}</source>
        <translation>{0} 的召回汇总</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="287" />
        <source>Export trace</source>
        <translation>导出追溯</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="296" />
        <source>Exporting the trace of {0}…</source>
        <translation>正在导出 {0} 的追溯…</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="296" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="300" />
        <source>Exporting the trace of {0}: {1} lots…</source>
        <translation>正在导出 {0} 的追溯：{1} 个批次…</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/qa.py" line="312" />
        <source>Trace of {0} exported: {1} lots in {2}.</source>
        <translation>{0} 的追溯已导出：{1} 个批次，保存于 {2}。</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../src/tracedesk/ui/dialogs.py" line="30" />
        <source>Reason (kept in the lot's history)</source>
        <translation>原因（记入批次履历）</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/dialogs.py" line="35" />
        <source>Your PIN, to sign this decision</source>
        <translation>输入您的 PIN 码以签署此决定</translation>
    </message>
</context>
<context>
    <name>ReceivingWorkspace</name>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="44" />
        <source>Incoming lot</source>
        <translation>来料批次</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="55" />
        <source>YYYY-MM-DD (empty: from shelf life)</source>
        <translation>YYYY-MM-DD（留空：按保质期计算）</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="57" />
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="62" />
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="88" />
        <source>Item</source>
        <translation>物料</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="63" />
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="64" />
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="89" />
        <source>Supplier lot</source>
        <translation>供应商批号</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="65" />
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="90" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="66" />
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="91" />
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="67" />
        <source>Manufactured</source>
        <translation>生产日期</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="68" />
        <source>Purchase order</source>
        <translation>采购单</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="69" />
        <source>Containers (labels)</source>
        <translation>包装件数（标签）</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="70" />
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="72" />
        <source>Receive and print labels</source>
        <translation>收货并打印标签</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="74" />
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="79" />
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="102" />
        <source>Receiving</source>
        <translation>收货</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="80" />
        <source>Scan the supplier's label: item, lot, expiry and quantity fill in.</source>
        <translation>扫描供应商标签：自动填入物料、批号、有效期和数量。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="85" />
        <source>Received at this station</source>
        <translation>本工作站已收货</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="87" />
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="92" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="160" />
        <source>This is our own label of lot {0} ({1}); it was received already.</source>
        <translation>这是本厂批次 {0} 的标签（{1}），已经收过货。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="168" />
        <source>Unknown code: taken as the supplier lot. Choose the item and supplier, then save.</source>
        <translation>未知代码：已作为供应商批号填入。请选择物料和供应商后保存。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="173" />
        <source>Supplier lot {0} was received before as {1}. Check before receiving it again.</source>
        <translation>供应商批号 {0} 之前已收货为 {1}。再次收货前请核实。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="176" />
        <source>Label read. Complete supplier, PO and containers, then save.</source>
        <translation>标签已读取。请补充供应商、采购单和件数，然后保存。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="195" />
        <source>Choose the item (or scan the supplier's label).</source>
        <translation>请选择物料（或扫描供应商标签）。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="197" />
        <source>Choose the supplier.</source>
        <translation>请选择供应商。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="225" />
        <source>Lot {0} received: {1} {2} in quarantine.</source>
        <translation>批次 {0} 已收货：{1} {2}，处于隔离状态。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/receiving.py" line="229" />
        <source>The labels did not print: {0}</source>
        <translation>标签未能打印：{0}</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../src/tracedesk/ui/signin.py" line="24" />
        <source>Receiving / shipping clerk</source>
        <translation>收发货员</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/signin.py" line="25" />
        <source>Line lead</source>
        <translation>产线班长</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/signin.py" line="26" />
        <source>Quality (QA)</source>
        <translation>质量（QA）</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/signin.py" line="27" />
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>ScanField</name>
    <message>
        <location filename="../../src/tracedesk/ui/scanfield.py" line="18" />
        <source>Scan a label here — or type a code and press Enter</source>
        <translation>在此扫描标签 — 或输入代码后按回车</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/scanfield.py" line="19" />
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/tracedesk/ui/settings_dialog.py" line="18" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/settings_dialog.py" line="23" />
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/settings_dialog.py" line="27" />
        <source>Large text and buttons (touch screen)</source>
        <translation>大字体和大按钮（触摸屏）</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/settings_dialog.py" line="31" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/settings_dialog.py" line="32" />
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/settings_dialog.py" line="34" />
        <source>Beep on refusals</source>
        <translation>拒绝时蜂鸣</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/settings_dialog.py" line="37" />
        <source>Save as PDF files</source>
        <translation>保存为 PDF 文件</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/settings_dialog.py" line="37" />
        <source>Print preview, then print</source>
        <translation>先预览再打印</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/settings_dialog.py" line="38" />
        <source>Print directly on the default printer</source>
        <translation>直接用默认打印机打印</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/settings_dialog.py" line="45" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/settings_dialog.py" line="47" />
        <source>Sign out after</source>
        <translation>自动退出时间</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/settings_dialog.py" line="49" />
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/settings_dialog.py" line="50" />
        <source>Station name</source>
        <translation>工作站名称</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/settings_dialog.py" line="51" />
        <source>Lot-code prefix</source>
        <translation>批次号前缀</translation>
    </message>
</context>
<context>
    <name>ShippingWorkspace</name>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="26" />
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="56" />
        <source>Shipping</source>
        <translation>发货</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="27" />
        <source>Shipment</source>
        <translation>发货单</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="31" />
        <source>delivery note number</source>
        <translation>送货单号</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="33" />
        <source>empty: the lot's whole balance</source>
        <translation>留空：批次全部结存</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="34" />
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="48" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="35" />
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="49" />
        <source>Document</source>
        <translation>单据号</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="36" />
        <source>Quantity per scan</source>
        <translation>每次扫描数量</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="38" />
        <source>Then scan each lot's label. Held, quarantined, rejected or expired lots are refused.</source>
        <translation>然后逐个扫描批次标签。冻结、隔离、拒收或过期的批次将被拒绝。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="44" />
        <source>On this shipment</source>
        <translation>本次发货</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="46" />
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="47" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="50" />
        <source>Shipped</source>
        <translation>发货时间</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="72" />
        <source>Choose the customer before scanning lots.</source>
        <translation>扫描批次前请先选择客户。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="75" />
        <source>Type the document (delivery note) number before scanning lots.</source>
        <translation>扫描批次前请先输入单据（送货单）号。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="82" />
        <source>Choose the customer.</source>
        <translation>请选择客户。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/shipping.py" line="90" />
        <source>Lot {0}: {1} shipped to {2} on {3}.</source>
        <translation>批次 {0}：{1} 已发往 {2}，单据 {3}。</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../src/tracedesk/ui/signin.py" line="39" />
        <location filename="../../src/tracedesk/ui/signin.py" line="60" />
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/signin.py" line="43" />
        <source>Choose your name and type your PIN, or scan your badge.</source>
        <translation>选择您的名字并输入 PIN 码，或扫描工牌。</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/signin.py" line="52" />
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/signin.py" line="54" />
        <location filename="../../src/tracedesk/ui/signin.py" line="58" />
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../src/tracedesk/ui/formatting.py" line="28" />
        <source>in quarantine</source>
        <translation>隔离中</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/formatting.py" line="29" />
        <source>released</source>
        <translation>已放行</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/formatting.py" line="30" />
        <source>rejected</source>
        <translation>已拒收</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/formatting.py" line="31" />
        <source>on hold</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/formatting.py" line="32" />
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/formatting.py" line="33" />
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
</context>
<context>
    <name>StatusBanner</name>
    <message>
        <location filename="../../src/tracedesk/ui/banner.py" line="30" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../src/tracedesk/ui/banner.py" line="33" />
        <source>Ready. Scan a label or choose a task.</source>
        <translation>就绪。请扫描标签或选择任务。</translation>
    </message>
</context>
<context>
    <name>_Page</name>
    <message>
        <location filename="../../src/tracedesk/ui/workspaces/masterdata.py" line="37" />
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
</context>
<context>
    <name>self.window</name>
    <message>
        <location filename="../../src/tracedesk/ui/shell.py" line="78" />
        <source>The language changes fully when TraceDesk is started again.</source>
        <translation>重新启动 TraceDesk 后语言将完全切换。</translation>
    </message>
</context>
</TS>