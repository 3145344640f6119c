<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>Postern::Ui::MainWindow</name>
    <message>
        <source>Postern</source>
        <translation>Postern</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Bereiche</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Mail accounts whose messages Postern protects, and how to point your mail client at Postern.</source>
        <translation>Die Mailkonten, deren Nachrichten Postern schützt, und wie Sie Ihr Mailprogramm auf Postern einstellen.</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>Richtlinien</translation>
    </message>
    <message>
        <source>What Postern does with each outgoing message: encrypt, sign, send in clear or block.</source>
        <translation>Was Postern mit jeder ausgehenden Nachricht tut: verschlüsseln, signieren, unverschlüsselt senden oder zurückhalten.</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Zertifikate</translation>
    </message>
    <message>
        <source>Your own identities and the certificates of the people you write to.</source>
        <translation>Ihre eigenen Identitäten und die Zertifikate der Menschen, denen Sie schreiben.</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>What Postern did with each message it relayed.</source>
        <translation>Was Postern mit jeder weitergeleiteten Nachricht getan hat.</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Open or drop a message, certificate or invitation file to see what it contains.</source>
        <translation>Öffnen Sie eine Nachricht, ein Zertifikat oder eine Einladung oder ziehen Sie die Datei hierher, um zu sehen, was sie enthält.</translation>
    </message>
    <message>
        <source>Proxies not configured</source>
        <translation>Keine Proxys eingerichtet</translation>
    </message>
</context>
</TS>