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
<context>
    <name>Postern::Calendar::InvitationPreview</name>
    <message>
        <source>%1 (sent by %2)</source>
        <translation>%1 (gesendet von %2)</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Reply: %1 accepted</source>
        <translation>Antwort: %1 hat zugesagt</translation>
    </message>
    <message>
        <source>Reply: %1 declined</source>
        <translation>Antwort: %1 hat abgesagt</translation>
    </message>
    <message>
        <source>Reply: %1 tentatively accepted</source>
        <translation>Antwort: %1 hat vorläufig zugesagt</translation>
    </message>
    <message>
        <source>Reply: %1 delegated</source>
        <translation>Antwort: %1 hat delegiert</translation>
    </message>
    <message>
        <source>Reply from %1</source>
        <translation>Antwort von %1</translation>
    </message>
    <message>
        <source>Cancelled occurrence</source>
        <translation>Abgesagter Termin der Serie</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgesagt</translation>
    </message>
    <message>
        <source>Updated invitation</source>
        <translation>Aktualisierte Einladung</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>Einladung</translation>
    </message>
    <message>
        <source>Counter-proposal</source>
        <translation>Gegenvorschlag</translation>
    </message>
    <message>
        <source>Counter-proposal from %1</source>
        <translation>Gegenvorschlag von %1</translation>
    </message>
    <message>
        <source>Counter-proposal declined</source>
        <translation>Gegenvorschlag abgelehnt</translation>
    </message>
    <message>
        <source>Added occurrences</source>
        <translation>Hinzugefügte Termine</translation>
    </message>
    <message>
        <source>Request for the latest version</source>
        <translation>Bitte um die neueste Fassung</translation>
    </message>
    <message>
        <source>Published event</source>
        <translation>Veröffentlichter Termin</translation>
    </message>
    <message>
        <source>Calendar event</source>
        <translation>Kalendertermin</translation>
    </message>
    <message>
        <source>Calendar message (%1)</source>
        <translation>Kalendernachricht (%1)</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 Stunden</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 Minute</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 Minuten</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1, %2 – %3</source>
        <translation>%1, %2 – %3</translation>
    </message>
    <message>
        <source>%1, %2 – %3, %4</source>
        <translation>%1, %2 – %3, %4</translation>
    </message>
    <message>
        <source>%1 (all day)</source>
        <translation>%1 (ganztägig)</translation>
    </message>
    <message>
        <source>%1 – %2 (all day)</source>
        <translation>%1 – %2 (ganztägig)</translation>
    </message>
    <message>
        <source>No start time given</source>
        <translation>Keine Anfangszeit angegeben</translation>
    </message>
    <message>
        <source>%1 (local time wherever you are)</source>
        <translation>%1 (Ortszeit, wo immer Sie sind)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Zugesagt</translation>
    </message>
    <message>
        <source>Tentative</source>
        <translation>Vorläufig</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Abgesagt</translation>
    </message>
    <message>
        <source>Delegated</source>
        <translation>Delegiert</translation>
    </message>
    <message>
        <source>Awaiting answer</source>
        <translation>Antwort ausstehend</translation>
    </message>
    <message>
        <source>Other answer</source>
        <translation>Andere Antwort</translation>
    </message>
    <message>
        <source>%1 accepted</source>
        <translation>%1 zugesagt</translation>
    </message>
    <message>
        <source>%1 tentative</source>
        <translation>%1 vorläufig</translation>
    </message>
    <message>
        <source>%1 declined</source>
        <translation>%1 abgesagt</translation>
    </message>
    <message>
        <source>%1 delegated</source>
        <translation>%1 delegiert</translation>
    </message>
    <message>
        <source>%1 awaiting answer</source>
        <translation>%1 ohne Antwort</translation>
    </message>
    <message>
        <source>%1 other</source>
        <translation>%1 andere</translation>
    </message>
    <message>
        <source>chair</source>
        <translation>Leitung</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>for information</source>
        <translation>zur Information</translation>
    </message>
    <message>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <source>room</source>
        <translation>Raum</translation>
    </message>
    <message>
        <source>resource</source>
        <translation>Ressource</translation>
    </message>
    <message>
        <source>group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>delegated to %1</source>
        <translation>delegiert an %1</translation>
    </message>
    <message>
        <source>At %1</source>
        <translation>Am %1</translation>
    </message>
    <message>
        <source>At the end</source>
        <translation>Zum Ende</translation>
    </message>
    <message>
        <source>%1 before the end</source>
        <translation>%1 vor dem Ende</translation>
    </message>
    <message>
        <source>%1 after the end</source>
        <translation>%1 nach dem Ende</translation>
    </message>
    <message>
        <source>At the start</source>
        <translation>Zum Beginn</translation>
    </message>
    <message>
        <source>%1 before the start</source>
        <translation>%1 vor Beginn</translation>
    </message>
    <message>
        <source>%1 after the start</source>
        <translation>%1 nach Beginn</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Frei</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Beschäftigt</translation>
    </message>
    <message>
        <source>Out of office</source>
        <translation>Abwesend</translation>
    </message>
    <message>
        <source>Working elsewhere</source>
        <translation>An anderem Ort tätig</translation>
    </message>
    <message>
        <source>1 changed occurrence</source>
        <translation>1 geänderter Termin</translation>
    </message>
    <message>
        <source>%1 changed occurrences</source>
        <translation>%1 geänderte Termine</translation>
    </message>
    <message>
        <source>1 date left out</source>
        <translation>1 Termin ausgelassen</translation>
    </message>
    <message>
        <source>%1 dates left out</source>
        <translation>%1 Termine ausgelassen</translation>
    </message>
    <message>
        <source>Embedded file</source>
        <translation>Eingebettete Datei</translation>
    </message>
    <message>
        <source>Calendar message</source>
        <translation>Kalendernachricht</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Original time</source>
        <translation>Ursprüngliche Zeit</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <source>Exceptions</source>
        <translation>Ausnahmen</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>Join online</source>
        <translation>Online teilnehmen</translation>
    </message>
    <message>
        <source>Organizer</source>
        <translation>Organisator</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Formatted description</source>
        <translation>Formatierte Beschreibung</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Erinnerung</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Anhang</translation>
    </message>
    <message>
        <source>Show as</source>
        <translation>Anzeigen als</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>Postern::PassphrasePrompt</name>
    <message>
        <source>That passphrase is wrong. Try again:</source>
        <translation>Diese Passphrase ist falsch. Versuchen Sie es erneut:</translation>
    </message>
    <message>
        <source>Unlock the certificate store</source>
        <translation>Zertifikatsspeicher entsperren</translation>
    </message>
    <message>
        <source>A message you are sending must be signed. Enter the passphrase of Postern&apos;s certificate store:</source>
        <translation>Eine Nachricht, die Sie senden, muss signiert werden. Geben Sie die Passphrase des Postern-Zertifikatsspeichers ein:</translation>
    </message>
</context>
</TS>
