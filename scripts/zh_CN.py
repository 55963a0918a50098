"""The Simplified Chinese wording of every screen text; `python scripts/zh_CN.py` fills resources/i18n/tracedesk_zh_CN.ts.

Workflow: `pyside6-lupdate` collects new texts into the .ts, this fills them, `pyside6-lrelease`
compiles the .qm that the app loads.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ZH = {
    "TraceDesk cannot start": "TraceDesk 无法启动",
    "The database could not be opened: {0}": "无法打开数据库：{0}",
    "Recording three months of a biscuit factory…": "正在录入饼干厂三个月的演示数据…",
    "Choose the lot": "选择批次",
    "More than one lot matches this code. Which one is it?": "有多个批次与此代码匹配，是哪一个？",
    "+ {0} more": "还有 {0} 个",
    "Welcome to TraceDesk": "欢迎使用 TraceDesk",
    "This PC is a new TraceDesk station. Give it a name and the letters its lot codes start with.": "这台电脑是新的 TraceDesk 工作站。请为它命名，并设定批次号的前缀字母。",
    "Station name": "工作站名称",
    "Lot-code prefix": "批次号前缀",
    "Start with demo data (a biscuit factory, to try things out)": "使用演示数据开始（一家饼干厂，用于试用）",
    "Start with an empty database": "使用空数据库开始",
    "Give the station a name.": "请为工作站命名。",
    "The prefix is 1 to 8 capital letters or digits, starting with a letter.": "前缀为 1 至 8 位大写字母或数字，且以字母开头。",
    "Lot": "批次", "Item": "物料", "Quantity": "数量", "Status": "状态", "Order": "工单", "Date": "日期",
    "Made from (upstream): {0} lots": "来源（上游）：{0} 个批次",
    "Used in (downstream): {0} lots": "去向（下游）：{0} 个批次",
    "Waiting for inspection (quarantine)": "待检验（隔离中）",
    "Supplier": "供应商", "Supplier lot": "供应商批号", "Received": "收货时间", "Expiry": "有效期至", "PO": "采购单",
    "Result": "结果", "pass": "合格", "fail": "不合格", "conditional": "有条件合格",
    "Notes (CoA checked, visual ...)": "备注（已核对 COA、外观检查……）",
    "Record inspection": "记录检验", "Release": "放行", "Reject…": "拒收…", "Inspection": "检验",
    "Select a lot in the list, or scan its label.": "请在列表中选择批次，或扫描其标签。",
    "Lot {0} selected: record the result, then release or reject.": "已选择批次 {0}：请记录结果，然后放行或拒收。",
    "Lot {0} is not waiting for inspection.": "批次 {0} 不在待检列表中。",
    "Inspection of lot {0} recorded: {1}.": "批次 {0} 的检验已记录：{1}。",
    "Release lot {0}": "放行批次 {0}", "Release the lot for use?": "放行此批次供使用？",
    "released after inspection": "检验后放行",
    "Lot {0} released: it may now be used.": "批次 {0} 已放行，现在可以使用。",
    "Reject lot {0}": "拒收批次 {0}", "Why is the lot rejected?": "拒收原因？",
    "Lot {0} rejected: {1}.": "批次 {0} 已拒收：{1}。",
    "TraceDesk — {0}": "TraceDesk — {0}", "Station: {0}": "工作站：{0}", "Settings": "设置", "Sign out": "退出登录",
    "Working…": "处理中…", "Signed in as {0}.": "已登录：{0}。", "Not signed in": "未登录",
    "Signed out. Sign in to continue.": "已退出登录，请登录以继续。",
    "Signed out after {0} minutes without activity.": "{0} 分钟无操作，已自动退出登录。",
    "Choose a task before scanning.": "扫描前请先选择任务。",
    "Master data": "主数据", "New item": "新物料", "Code": "代码", "Name": "名称", "Unit": "单位", "Kind": "类型",
    "Tracking": "追溯方式", "GTIN": "GTIN", "Shelf life (days, 0 = none)": "保质期（天，0 = 无）",
    "Shelf life (days)": "保质期（天）",
    "Item {0} added.": "物料 {0} 已添加。", "New supplier": "新供应商", "New customer": "新客户", "{0} added.": "{0} 已添加。",
    "GLN": "GLN", "Location": "库位", "A location needs a code and a name.": "库位需要代码和名称。",
    "Location {0} added.": "库位 {0} 已添加。", "New location": "新库位",
    "Write each line as COMPONENT=quantity per unit, separated by commas.": "每行写成 组件=单位用量，用逗号分隔。",
    "BOM version {0} of {1} added.": "{1} 的物料清单版本 {0} 已添加。", "New BOM version": "新物料清单版本",
    "Product": "产品", "Components": "组件", "A PIN must be 4 to 12 digits.": "PIN 必须为 4 至 12 位数字。",
    "User {0} added.": "用户 {0} 已添加。", "New user": "新用户", "User": "用户", "PIN": "PIN 码",
    "Badge (optional)": "工牌（可选）",
    "Device {0} added; it starts with the next start of TraceDesk.": "设备 {0} 已添加，将在下次启动 TraceDesk 时启用。",
    "New device": "新设备", "Port": "端口", "Baud": "波特率", "Suffix": "结束符",
    "Items": "物料", "BOMs": "物料清单", "Suppliers": "供应商", "Customers": "客户", "Locations": "库位",
    "Users": "用户", "Devices": "设备", "Per unit": "单位用量", "Substitutes": "替代料", "Role": "角色",
    "Active": "启用", "yes": "是", "no": "否", "Device": "设备", "Port / USB id": "端口 / USB ID",
    "Work order": "工单", "New order…": "新建工单…", "Close order": "关闭工单",
    "Choose or scan a work order, then scan the lots you put in.": "选择或扫描工单，然后扫描投入的批次。",
    "Issue the scanned lot": "投料：已扫描的批次", "Issue": "投料", "Cancel": "取消", "Component": "组件",
    "Required": "需求", "Issued": "已投", "Outstanding": "未投", "Output lot": "产出批次", "Parameter": "参数",
    "Value": "数值", "Bill of materials: required, issued, outstanding": "物料清单：需求、已投、未投",
    "Issued lots": "已投批次", "Output lots": "产出批次", "Parameters": "工艺参数", "Record output": "记录产出",
    "quantity": "数量", "Record output and print label": "记录产出并打印标签", "Process parameter": "工艺参数",
    "name": "名称", "value": "数值", "unit": "单位", "Record": "记录", "Production": "生产",
    "— choose a work order —": "— 选择工单 —",
    "{0}: {1} {2}, planned {3} · line {4} · equipment {5} · operators {6}": "{0}：{1} {2}，计划 {3} · 产线 {4} · 设备 {5} · 操作员 {6}",
    "Work order {0} chosen: scan the lots you put in.": "已选择工单 {0}：请扫描投入的批次。",
    "Choose or scan a work order first.": "请先选择或扫描工单。",
    "Lot {0} · {1} · balance {2}": "批次 {0} · {1} · 结存 {2}",
    "First expired, first out: lot {0} of {1} expires earlier ({2}). Use it first, or press Enter to issue {3} anyway.": "先到期先出：{1} 的批次 {0} 更早到期（{2}）。请先用它，或按回车仍然投入 {3}。",
    "Lot {0} ({1}) may be issued: check the quantity and press Enter.": "批次 {0}（{1}）可以投料：请核对数量后按回车。",
    "Issued {0} of lot {1} to order {2}; {3} left in the lot.": "已将批次 {1} 的 {0} 投入工单 {2}；批次剩余 {3}。",
    "Choose a work order first.": "请先选择工单。", "Output lot {0} recorded: {1} {2}.": "产出批次 {0} 已记录：{1} {2}。",
    "The label did not print: {0}": "标签未能打印：{0}",
    "Parameter {0} = {1} {2} recorded on {3}.": "参数 {0} = {1} {2} 已记录到 {3}。",
    "Work order {0} closed.": "工单 {0} 已关闭。", "Mass balance of {0}": "{0} 的物料平衡",
    "New work order": "新建工单", "Planned quantity": "计划数量", "Line": "产线", "Equipment": "设备", "Operators": "操作员",
    "Work order {0} opened for {1} {2}.": "工单 {0} 已创建：{1} {2}。",
    "Lot family tree": "批次家族树", "Search: our lot code, supplier lot, serial or item": "搜索：本厂批次号、供应商批号、序列号或物料",
    "Search": "搜索", "Balance": "结存", "Quantity / balance": "数量 / 结存", "Supplier / lot": "供应商 / 批号",
    "Received / produced": "收货 / 生产", "Hold": "冻结", "Put on hold…": "冻结…", "Release / lift hold…": "放行 / 解除冻结…",
    "Recall summary": "召回汇总", "Export trace (CSV)…": "导出追溯（CSV）…", "Print label": "打印标签",
    "When": "时间", "Who": "人员", "Where": "地点", "What": "事件", "Family tree": "家族树", "Family graph": "家族图",
    "History": "履历", "Trace && QA": "追溯与质量",
    "No lot matches {0!r}.": "没有批次匹配 {0!r}。", "{0} lots found; choose one.": "找到 {0} 个批次，请选择一个。",
    "Lot {0} is blocked: {1}": "批次 {0} 已被锁定：{1}", "Lot {0}: {1}, {2}.": "批次 {0}：{1}，{2}。",
    "Hold lot {0}": "冻结批次 {0}", "Why is the lot put on hold?": "冻结原因？",
    "Lot {0} is on hold: {1}. Lots made from it are blocked too.": "批次 {0} 已冻结：{1}。由其制成的批次也一并锁定。",
    "Why may the lot be used again?": "为何可以重新使用此批次？", "Lot {0} is now {1}.": "批次 {0} 现在为{1}。",
    "Recall of {0}: {1} lots, {2} orders, {3} customers affected.": "召回 {0}：涉及 {1} 个批次、{2} 个工单、{3} 个客户。",
    "Recall summary of {0}": "{0} 的召回汇总", "Export trace": "导出追溯",
    "Exporting the trace of {0}…": "正在导出 {0} 的追溯…", "Exporting the trace of {0}: {1} lots…": "正在导出 {0} 的追溯：{1} 个批次…",
    "Trace of {0} exported: {1} lots in {2}.": "{0} 的追溯已导出：{1} 个批次，保存于 {2}。",
    "Reason (kept in the lot's history)": "原因（记入批次履历）", "Your PIN, to sign this decision": "输入您的 PIN 码以签署此决定",
    "Incoming lot": "来料批次", "YYYY-MM-DD (empty: from shelf life)": "YYYY-MM-DD（留空：按保质期计算）",
    "YYYY-MM-DD": "YYYY-MM-DD", "Manufactured": "生产日期", "Purchase order": "采购单", "Containers (labels)": "包装件数（标签）",
    "Receive and print labels": "收货并打印标签", "Clear": "清空", "Receiving": "收货",
    "Scan the supplier's label: item, lot, expiry and quantity fill in.": "扫描供应商标签：自动填入物料、批号、有效期和数量。",
    "Received at this station": "本工作站已收货",
    "This is our own label of lot {0} ({1}); it was received already.": "这是本厂批次 {0} 的标签（{1}），已经收过货。",
    "Unknown code: taken as the supplier lot. Choose the item and supplier, then save.": "未知代码：已作为供应商批号填入。请选择物料和供应商后保存。",
    "Supplier lot {0} was received before as {1}. Check before receiving it again.": "供应商批号 {0} 之前已收货为 {1}。再次收货前请核实。",
    "Label read. Complete supplier, PO and containers, then save.": "标签已读取。请补充供应商、采购单和件数，然后保存。",
    "Choose the item (or scan the supplier's label).": "请选择物料（或扫描供应商标签）。", "Choose the supplier.": "请选择供应商。",
    "Lot {0} received: {1} {2} in quarantine.": "批次 {0} 已收货：{1} {2}，处于隔离状态。",
    "The labels did not print: {0}": "标签未能打印：{0}",
    "Scan a label here — or type a code and press Enter": "在此扫描标签 — 或输入代码后按回车", "Scan": "扫描",
    "Follow the system": "跟随系统", "Large text and buttons (touch screen)": "大字体和大按钮（触摸屏）", " min": " 分钟",
    "never": "从不", "Beep on refusals": "拒绝时蜂鸣", "Save as PDF files": "保存为 PDF 文件",
    "Print preview, then print": "先预览再打印", "Print directly on the default printer": "直接用默认打印机打印",
    "Language": "语言", "Sign out after": "自动退出时间", "Labels": "标签",
    "Shipping": "发货", "Shipment": "发货单", "delivery note number": "送货单号", "empty: the lot's whole balance": "留空：批次全部结存",
    "Customer": "客户", "Document": "单据号", "Quantity per scan": "每次扫描数量",
    "Then scan each lot's label. Held, quarantined, rejected or expired lots are refused.": "然后逐个扫描批次标签。冻结、隔离、拒收或过期的批次将被拒绝。",
    "On this shipment": "本次发货", "Shipped": "发货时间",
    "Choose the customer before scanning lots.": "扫描批次前请先选择客户。",
    "Type the document (delivery note) number before scanning lots.": "扫描批次前请先输入单据（送货单）号。",
    "Choose the customer.": "请选择客户。", "Lot {0}: {1} shipped to {2} on {3}.": "批次 {0}：{1} 已发往 {2}，单据 {3}。",
    "Sign in": "登录", "Choose your name and type your PIN, or scan your badge.": "选择您的名字并输入 PIN 码，或扫描工牌。",
    "in quarantine": "隔离中", "released": "已放行", "rejected": "已拒收", "on hold": "已冻结", "open": "进行中", "closed": "已关闭",
    "Ready. Scan a label or choose a task.": "就绪。请扫描标签或选择任务。", "Add…": "添加…",
    "The language changes fully when TraceDesk is started again.": "重新启动 TraceDesk 后语言将完全切换。",
    "Receiving / shipping clerk": "收发货员", "Line lead": "产线班长", "Quality (QA)": "质量（QA）", "Administrator": "管理员",
}


def fill(path: Path) -> list[str]:
    """Write the translations into the .ts; returns the sources still without one."""
    tree = ET.parse(path)
    missing = []
    for message in tree.iter("message"):
        source = message.find("source").text or ""
        translation = message.find("translation")
        if source in ZH:
            translation.text = ZH[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "resources/i18n/tracedesk_zh_CN.ts")
    left = fill(target)
    for source in left:
        print("untranslated:", source)
    raise SystemExit(1 if left else 0)
