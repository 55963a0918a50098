<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AuditTab</name>
    <message numerus="yes">
        <source>%n event(s), newest first (at most 1000 here; Export CSV writes all of them).</source>
        <translation>
            <numerusform>%n event, newest first (at most 1000 here; Export CSV writes all of them).</numerusform><numerusform>%n events, newest first (at most 1000 here; Export CSV writes all of them).</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Audit trail saved: %n event(s) in {0}.</source>
        <translation>
            <numerusform>Audit trail saved: %n event in {0}.</numerusform><numerusform>Audit trail saved: %n events in {0}.</numerusform></translation>
    </message>
</context>
<context>
    <name>DeviceTestDialog</name>
    <message numerus="yes">
        <source>Test over: %n code(s) received from {0}.</source>
        <translation>
            <numerusform>Test over: %n code received from {0}.</numerusform><numerusform>Test over: %n codes received from {0}.</numerusform></translation>
    </message>
</context>
<context>
    <name>GenealogyModel</name>
    <message numerus="yes">
        <source>{0}; the lot itself shipped %n time(s)</source>
        <translation>
            <numerusform>{0}; the lot itself shipped %n time</numerusform><numerusform>{0}; the lot itself shipped %n times</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Made from (upstream): %n lot(s)</source>
        <translation>
            <numerusform>Made from (upstream): %n lot</numerusform><numerusform>Made from (upstream): %n lots</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Made from (upstream): %n lot(s) directly, {0} at all levels</source>
        <translation>
            <numerusform>Made from (upstream): %n lot directly, {0} at all levels</numerusform><numerusform>Made from (upstream): %n lots directly, {0} at all levels</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Used in (downstream): %n lot(s)</source>
        <translation>
            <numerusform>Used in (downstream): %n lot</numerusform><numerusform>Used in (downstream): %n lots</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Used in (downstream): %n lot(s) directly, {0} at all levels</source>
        <translation>
            <numerusform>Used in (downstream): %n lot directly, {0} at all levels</numerusform><numerusform>Used in (downstream): %n lots directly, {0} at all levels</numerusform></translation>
    </message>
</context>
<context>
    <name>HoldsTab</name>
    <message numerus="yes">
        <source>%n lot(s): {0}</source>
        <translation>
            <numerusform>%n lot: {0}</numerusform><numerusform>%n lots: {0}</numerusform></translation>
    </message>
</context>
<context>
    <name>LabelCounts</name>
    <message numerus="yes">
        <source>%n label(s) sent to {0}.</source>
        <translation>
            <numerusform>%n label sent to {0}.</numerusform><numerusform>%n labels sent to {0}.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n label(s) saved to {0}.</source>
        <translation>
            <numerusform>%n label saved to {0}.</numerusform><numerusform>%n labels saved to {0}.</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Signed out after %n minute(s) without activity.</source>
        <translation>
            <numerusform>Signed out after %n minute without activity.</numerusform><numerusform>Signed out after %n minutes without activity.</numerusform></translation>
    </message>
</context>
<context>
    <name>QaCounts</name>
    <message numerus="yes">
        <source>%n lot(s)</source>
        <translation>
            <numerusform>%n lot</numerusform><numerusform>%n lots</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n order</numerusform><numerusform>%n orders</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform><numerusform>%n customers</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Exporting the trace of {0}: %n lot(s)…</source>
        <translation>
            <numerusform>Exporting the trace of {0}: %n lot…</numerusform><numerusform>Exporting the trace of {0}: %n lots…</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Trace of {0} exported: %n lot(s) in {1}.</source>
        <translation>
            <numerusform>Trace of {0} exported: %n lot in {1}.</numerusform><numerusform>Trace of {0} exported: %n lots in {1}.</numerusform></translation>
    </message>
</context>
<context>
    <name>QaWorkspace</name>
    <message numerus="yes">
        <source>%n lot(s) found; choose one.</source>
        <translation>
            <numerusform>%n lot found; choose one.</numerusform><numerusform>%n lots found; choose one.</numerusform></translation>
    </message>
</context>
<context>
    <name>RecallTab</name>
    <message numerus="yes">
        <source>%n lot(s)</source>
        <translation>
            <numerusform>%n lot</numerusform><numerusform>%n lots</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n order</numerusform><numerusform>%n orders</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform><numerusform>%n customers</numerusform></translation>
    </message>
</context>
</TS>