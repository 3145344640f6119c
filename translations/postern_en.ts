<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Postern::Ui::CertificatesPage</name>
    <message numerus="yes">
        <source>This certificate expires within %n day(s).</source>
        <translation>
            <numerusform>This certificate expires within %n day.</numerusform>
            <numerusform>This certificate expires within %n days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n new certificate(s)</source>
        <translation>
            <numerusform>%1: %n new certificate</numerusform>
            <numerusform>%1: %n new certificates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n already in the store</source>
        <translation>
            <numerusform>, %n already in the store</numerusform>
            <numerusform>, %n already in the store</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n private key(s)</source>
        <translation>
            <numerusform>, %n private key</numerusform>
            <numerusform>, %n private keys</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Postern::Ui::SettingsDialog</name>
    <message numerus="yes">
        <source> minutes</source>
        <translation>
            <numerusform> minute</numerusform>
            <numerusform> minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Postern::Ui::TrayController</name>
    <message numerus="yes">
        <source>Proxies running for %1 of %n accounts</source>
        <translation>
            <numerusform>Proxies running for %1 of %n account</numerusform>
            <numerusform>Proxies running for %1 of %n accounts</numerusform>
        </translation>
    </message>
</context>
</TS>
