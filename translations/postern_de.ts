<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Postern::Calendar::InvitationPreview</name>
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
<context>
    <name>Postern::Service::ConnectionTest</name>
    <message>
        <source>The server name or port is missing.</source>
        <translation>Der Servername oder der Port fehlt.</translation>
    </message>
    <message>
        <source>Postern connects without encryption only to a server on this computer. Choose TLS or STARTTLS for %1.</source>
        <translation>Ohne Verschlüsselung verbindet sich Postern nur mit einem Server auf diesem Computer. Wählen Sie TLS oder STARTTLS für %1.</translation>
    </message>
    <message>
        <source>with TLS</source>
        <translation>mit TLS</translation>
    </message>
    <message>
        <source>switching to TLS with STARTTLS</source>
        <translation>mit Umschaltung auf TLS per STARTTLS</translation>
    </message>
    <message>
        <source>without encryption (the server is on this computer)</source>
        <translation>ohne Verschlüsselung (der Server läuft auf diesem Computer)</translation>
    </message>
    <message>
        <source>Connecting to %1 on port %2, %3.</source>
        <translation>Verbindung zu %1 auf Port %2, %3.</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>Verbindungsaufbau</translation>
    </message>
    <message>
        <source>setting up the encrypted connection</source>
        <translation>Aufbau der verschlüsselten Verbindung</translation>
    </message>
    <message>
        <source>waiting for the server&apos;s greeting</source>
        <translation>Warten auf die Begrüßung des Servers</translation>
    </message>
    <message>
        <source>asking what the server supports</source>
        <translation>Abfrage der vom Server unterstützten Funktionen</translation>
    </message>
    <message>
        <source>asking the server to switch to encryption (STARTTLS)</source>
        <translation>Bitte an den Server, auf Verschlüsselung umzuschalten (STARTTLS)</translation>
    </message>
    <message>
        <source>introducing Postern to the server (EHLO)</source>
        <translation>Vorstellung von Postern beim Server (EHLO)</translation>
    </message>
    <message>
        <source>logging in</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>closing the connection</source>
        <translation>Schließen der Verbindung</translation>
    </message>
    <message>
        <source>The connection is encrypted (%1). The server&apos;s certificate is for &quot;%2&quot;, issued by &quot;%3&quot;, and is trusted.</source>
        <translation>Die Verbindung ist verschlüsselt (%1). Das Zertifikat des Servers gilt für „%2“, ist von „%3“ ausgestellt und vertrauenswürdig.</translation>
    </message>
    <message>
        <source>Connected; setting up encryption.</source>
        <translation>Verbunden; die Verschlüsselung wird eingerichtet.</translation>
    </message>
    <message>
        <source>Connected; the connection is not encrypted yet.</source>
        <translation>Verbunden; die Verbindung ist noch nicht verschlüsselt.</translation>
    </message>
    <message>
        <source>Connected, without encryption.</source>
        <translation>Verbunden, ohne Verschlüsselung.</translation>
    </message>
    <message>
        <source>The server agreed to switch to encryption.</source>
        <translation>Der Server hat der Umschaltung auf Verschlüsselung zugestimmt.</translation>
    </message>
    <message>
        <source>The server did not answer within %1 seconds while %2. It may be down or overloaded, or a firewall may block port %3.</source>
        <translation>Der Server hat nicht innerhalb von %1 Sekunden geantwortet (Schritt: %2). Möglicherweise ist er nicht in Betrieb oder überlastet, oder eine Firewall sperrt Port %3.</translation>
    </message>
    <message>
        <source>The server name &quot;%1&quot; was not found. Check the spelling of the server name, and that this computer is connected to the internet.</source>
        <translation>Der Servername „%1“ wurde nicht gefunden. Prüfen Sie die Schreibweise des Servernamens und ob dieser Computer mit dem Internet verbunden ist.</translation>
    </message>
    <message>
        <source>%1 refused the connection on port %2: no mail service answers there. Check the port (IMAP: 993 with TLS or 143 with STARTTLS; SMTP: 465 with TLS or 587 with STARTTLS).</source>
        <translation>%1 hat die Verbindung auf Port %2 abgelehnt: Dort antwortet kein E-Mail-Dienst. Prüfen Sie den Port (IMAP: 993 mit TLS oder 143 mit STARTTLS; SMTP: 465 mit TLS oder 587 mit STARTTLS).</translation>
    </message>
    <message>
        <source>%1 cannot be reached from this computer (%2). Check the network connection.</source>
        <translation>%1 ist von diesem Computer aus nicht erreichbar (%2). Prüfen Sie die Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>No encrypted connection could be set up on port %1: the server does not seem to speak TLS there. If this port expects STARTTLS, choose STARTTLS; otherwise use the server&apos;s TLS port (IMAP 993, SMTP 465). (%2)</source>
        <translation>Auf Port %1 konnte keine verschlüsselte Verbindung aufgebaut werden: Der Server scheint dort kein TLS zu sprechen. Wenn dieser Port STARTTLS erwartet, wählen Sie STARTTLS; andernfalls verwenden Sie den TLS-Port des Servers (IMAP 993, SMTP 465). (%2)</translation>
    </message>
    <message>
        <source>No encrypted connection could be set up with the server (%1).</source>
        <translation>Es konnte keine verschlüsselte Verbindung mit dem Server aufgebaut werden (%1).</translation>
    </message>
    <message>
        <source>The server closed the connection while %1.</source>
        <translation>Der Server hat die Verbindung geschlossen (Schritt: %1).</translation>
    </message>
    <message>
        <source>The connection failed while %1: %2</source>
        <translation>Die Verbindung ist fehlgeschlagen (Schritt: %1): %2</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is for another name: it is for %1, not for &quot;%2&quot;. Check the server name in the account settings; if it is right, the server is set up for another name.</source>
        <translation>Das Zertifikat des Servers gilt für einen anderen Namen: für %1, nicht für „%2“. Prüfen Sie den Servernamen in den Kontoeinstellungen; wenn er stimmt, ist der Server für einen anderen Namen eingerichtet.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate (&quot;%1&quot;) expired on %2. The server&apos;s administrator must renew it.</source>
        <translation>Das Zertifikat des Servers („%1“) ist am %2 abgelaufen. Der Administrator des Servers muss es erneuern.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate (&quot;%1&quot;) is valid only from %2. Check this computer&apos;s date and time.</source>
        <translation>Das Zertifikat des Servers („%1“) ist erst ab %2 gültig. Prüfen Sie Datum und Uhrzeit dieses Computers.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate was not accepted: %1.</source>
        <translation>Das Zertifikat des Servers wurde nicht akzeptiert: %1.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is self-signed (subject &quot;%1&quot;, issued by itself), so no known authority vouches for it. If you trust this server, add its certificate to the account&apos;s CA certificates.</source>
        <translation>Das Zertifikat des Servers ist selbst signiert (Inhaber „%1“, von sich selbst ausgestellt), daher bürgt keine bekannte Zertifizierungsstelle dafür. Wenn Sie diesem Server vertrauen, fügen Sie sein Zertifikat zu den CA-Zertifikaten des Kontos hinzu.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate (subject &quot;%1&quot;) was issued by &quot;%2&quot;, an authority this computer does not know. If you trust that authority, add its CA certificate to the account&apos;s CA certificates.</source>
        <translation>Das Zertifikat des Servers (Inhaber „%1“) wurde von „%2“ ausgestellt, einer Zertifizierungsstelle, die dieser Computer nicht kennt. Wenn Sie dieser Stelle vertrauen, fügen Sie ihr CA-Zertifikat zu den CA-Zertifikaten des Kontos hinzu.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not IMAP (%1). Check that the port belongs to the IMAP service.</source>
        <translation>Die Antwort des Servers ist kein IMAP (%1). Prüfen Sie, ob der Port zum IMAP-Dienst gehört.</translation>
    </message>
    <message>
        <source>The server refused the connection: &quot;%1&quot;.</source>
        <translation>Der Server hat die Verbindung abgelehnt: „%1“.</translation>
    </message>
    <message>
        <source>The server greeted Postern as an IMAP server.</source>
        <translation>Der Server hat sich gegenüber Postern als IMAP-Server gemeldet.</translation>
    </message>
    <message>
        <source>The server ended the session while %1: &quot;%2&quot;.</source>
        <translation>Der Server hat die Sitzung beendet (Schritt: %1): „%2“.</translation>
    </message>
    <message>
        <source>The server did not say what it supports: &quot;%1&quot;.</source>
        <translation>Der Server hat nicht mitgeteilt, was er unterstützt: „%1“.</translation>
    </message>
    <message>
        <source>The server refused to switch to encryption (STARTTLS): &quot;%1&quot;.</source>
        <translation>Der Server hat die Umschaltung auf Verschlüsselung (STARTTLS) abgelehnt: „%1“.</translation>
    </message>
    <message>
        <source>Logged in as %1.</source>
        <translation>Angemeldet als %1.</translation>
    </message>
    <message>
        <source>The connection and the login work.</source>
        <translation>Verbindung und Anmeldung funktionieren.</translation>
    </message>
    <message>
        <source>The server requires an encrypted connection before login. Choose TLS or STARTTLS.</source>
        <translation>Der Server verlangt vor der Anmeldung eine verschlüsselte Verbindung. Wählen Sie TLS oder STARTTLS.</translation>
    </message>
    <message>
        <source>The server cannot log anyone in right now: &quot;%1&quot;. Try again later.</source>
        <translation>Der Server kann zurzeit niemanden anmelden: „%1“. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The user name or password is wrong (the server said: &quot;%1&quot;).</source>
        <translation>Benutzername oder Passwort ist falsch (Antwort des Servers: „%1“).</translation>
    </message>
    <message>
        <source>The server did not accept the login: &quot;%1&quot;.</source>
        <translation>Der Server hat die Anmeldung nicht akzeptiert: „%1“.</translation>
    </message>
    <message>
        <source>The server does not offer STARTTLS on port %1, so the connection cannot be encrypted. Postern never continues without encryption: use the server&apos;s TLS port (usually 993) with TLS, or ask the server&apos;s administrator.</source>
        <translation>Der Server bietet auf Port %1 kein STARTTLS an, daher kann die Verbindung nicht verschlüsselt werden. Postern fährt nie ohne Verschlüsselung fort: Verwenden Sie den TLS-Port des Servers (meist 993) mit TLS, oder fragen Sie den Administrator des Servers.</translation>
    </message>
    <message>
        <source>The server offers STARTTLS.</source>
        <translation>Der Server bietet STARTTLS an.</translation>
    </message>
    <message>
        <source>The connection works. The login was not tested: no password was given.</source>
        <translation>Die Verbindung funktioniert. Die Anmeldung wurde nicht getestet, da kein Passwort angegeben wurde.</translation>
    </message>
    <message>
        <source>The server does not allow logging in with a password (LOGIN).</source>
        <translation>Der Server erlaubt keine Anmeldung mit Passwort (LOGIN).</translation>
    </message>
    <message>
        <source>Logging in as %1.</source>
        <translation>Anmeldung als %1.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not SMTP. Check that the port belongs to the SMTP service.</source>
        <translation>Die Antwort des Servers ist kein SMTP. Prüfen Sie, ob der Port zum SMTP-Dienst gehört.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not SMTP (&quot;%1&quot;). Check that the port belongs to the SMTP service.</source>
        <translation>Die Antwort des Servers ist kein SMTP („%1“). Prüfen Sie, ob der Port zum SMTP-Dienst gehört.</translation>
    </message>
    <message>
        <source>The server refused the connection: %1 &quot;%2&quot;.</source>
        <translation>Der Server hat die Verbindung abgelehnt: %1 „%2“.</translation>
    </message>
    <message>
        <source>The server greeted Postern as an SMTP server.</source>
        <translation>Der Server hat sich gegenüber Postern als SMTP-Server gemeldet.</translation>
    </message>
    <message>
        <source>The server did not accept Postern&apos;s introduction (EHLO): %1 &quot;%2&quot;.</source>
        <translation>Der Server hat die Vorstellung von Postern (EHLO) nicht akzeptiert: %1 „%2“.</translation>
    </message>
    <message>
        <source>The server refused to switch to encryption (STARTTLS): %1 &quot;%2&quot;.</source>
        <translation>Der Server hat die Umschaltung auf Verschlüsselung (STARTTLS) abgelehnt: %1 „%2“.</translation>
    </message>
    <message>
        <source>The user name or password is wrong (the server said: %1 &quot;%2&quot;).</source>
        <translation>Benutzername oder Passwort ist falsch (Antwort des Servers: %1 „%2“).</translation>
    </message>
    <message>
        <source>The server cannot log anyone in right now: %1 &quot;%2&quot;. Try again later.</source>
        <translation>Der Server kann zurzeit niemanden anmelden: %1 „%2“. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The server did not accept the login: %1 &quot;%2&quot;.</source>
        <translation>Der Server hat die Anmeldung nicht akzeptiert: %1 „%2“.</translation>
    </message>
    <message>
        <source>The server does not offer STARTTLS on port %1, so the connection cannot be encrypted. Postern never continues without encryption: use the server&apos;s TLS port (usually 465) with TLS, or ask the server&apos;s administrator.</source>
        <translation>Der Server bietet auf Port %1 kein STARTTLS an, daher kann die Verbindung nicht verschlüsselt werden. Postern fährt nie ohne Verschlüsselung fort: Verwenden Sie den TLS-Port des Servers (meist 465) mit TLS, oder fragen Sie den Administrator des Servers.</translation>
    </message>
    <message>
        <source>The server does not offer logging in (SMTP AUTH) on this port. Check the port: mail is usually sent on 587 (STARTTLS) or 465 (TLS).</source>
        <translation>Der Server bietet auf diesem Port keine Anmeldung (SMTP AUTH) an. Prüfen Sie den Port: E-Mails werden meist über 587 (STARTTLS) oder 465 (TLS) versendet.</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::AboutDialog</name>
    <message>
        <source>About Postern</source>
        <translation>Über Postern</translation>
    </message>
    <message>
        <source>Postern icon</source>
        <translation>Postern-Symbol</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Postern %1&lt;/h2&gt;&lt;p&gt;S/MIME for your mail program, with meeting invitations that keep working.&lt;/p&gt;&lt;p&gt;Postern runs on this computer between your mail program and your mail servers: it encrypts and signs outgoing mail as your policy says, decrypts and checks incoming mail, and gives encrypted invitations back to your calendar as real invitations.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Postern %1&lt;/h2&gt;&lt;p&gt;S/MIME für Ihr E-Mail-Programm, mit Besprechungseinladungen, die weiterhin funktionieren.&lt;/p&gt;&lt;p&gt;Postern läuft auf diesem Computer zwischen Ihrem E-Mail-Programm und Ihren Mailservern: Es verschlüsselt und signiert ausgehende E-Mails nach Ihrer Richtlinie, entschlüsselt und prüft eingehende E-Mails und gibt verschlüsselte Einladungen als echte Einladungen an Ihren Kalender zurück.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2, ausgeführt mit Qt %3.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::AccountEditor</name>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>None (this computer only)</source>
        <translation>Keine (nur dieser Computer)</translation>
    </message>
    <message>
        <source>SSL/TLS: encrypted from the start (usually ports 993 and 465). STARTTLS: upgraded to encryption at once (usually port 587); Postern never goes on without it.</source>
        <translation>SSL/TLS: von Anfang an verschlüsselt (meist Ports 993 und 465). STARTTLS: sofort auf Verschlüsselung umgestellt (meist Port 587); Postern fährt nie ohne Verschlüsselung fort.</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Neues Konto</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Konto %1</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Kontoname</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>E-mail addresses</source>
        <translation>E-Mail-Adressen</translation>
    </message>
    <message>
        <source>One address per line</source>
        <translation>Eine Adresse pro Zeile</translation>
    </message>
    <message>
        <source>&amp;Addresses:</source>
        <translation>&amp;Adressen:</translation>
    </message>
    <message>
        <source>Identity: the certificate that signs and decrypts</source>
        <translation>Identität: das Zertifikat, mit dem signiert und entschlüsselt wird</translation>
    </message>
    <message>
        <source>Chosen by address</source>
        <translation>Nach Adresse gewählt</translation>
    </message>
    <message>
        <source>%1 (%2, until %3)</source>
        <translation>%1 (%2, bis %3)</translation>
    </message>
    <message>
        <source>%1 (not in the store)</source>
        <translation>%1 (nicht im Speicher)</translation>
    </message>
    <message>
        <source>&amp;Identity:</source>
        <translation>&amp;Identität:</translation>
    </message>
    <message>
        <source>Your mail servers</source>
        <translation>Ihre Mailserver</translation>
    </message>
    <message>
        <source>imap.example.org</source>
        <translation>imap.example.org</translation>
    </message>
    <message>
        <source>IMAP server host</source>
        <translation>Name des IMAP-Servers</translation>
    </message>
    <message>
        <source>IMAP server port</source>
        <translation>Port des IMAP-Servers</translation>
    </message>
    <message>
        <source>IMAP server security</source>
        <translation>Sicherheit des IMAP-Servers</translation>
    </message>
    <message>
        <source>I&amp;MAP (incoming):</source>
        <translation>I&amp;MAP (eingehend):</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>Anmeldename</translation>
    </message>
    <message>
        <source>Only when it is not your address</source>
        <translation>Nur wenn er nicht Ihre Adresse ist</translation>
    </message>
    <message>
        <source>&amp;Login name:</source>
        <translation>Anme&amp;ldename:</translation>
    </message>
    <message>
        <source>smtp.example.org</source>
        <translation>smtp.example.org</translation>
    </message>
    <message>
        <source>SMTP server host</source>
        <translation>Name des SMTP-Servers</translation>
    </message>
    <message>
        <source>SMTP server port</source>
        <translation>Port des SMTP-Servers</translation>
    </message>
    <message>
        <source>SMTP server security</source>
        <translation>Sicherheit des SMTP-Servers</translation>
    </message>
    <message>
        <source>&amp;SMTP (outgoing):</source>
        <translation>&amp;SMTP (ausgehend):</translation>
    </message>
    <message>
        <source>Extra server certificates</source>
        <translation>Zusätzliche Serverzertifikate</translation>
    </message>
    <message>
        <source>Add &amp;certificate file…</source>
        <translation>&amp;Zertifikatsdatei hinzufügen…</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Trusted server
certificates:</source>
        <translation>Vertrauenswürdige
Serverzertifikate:</translation>
    </message>
    <message>
        <source>Password for the connection test</source>
        <translation>Passwort für den Verbindungstest</translation>
    </message>
    <message>
        <source>Optional: to test the login too (used once, never stored)</source>
        <translation>Optional: um auch die Anmeldung zu testen (einmal verwendet, nie gespeichert)</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Test IMAP connection</source>
        <translation>IMAP-Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>T&amp;est SMTP connection</source>
        <translation>SMTP-&amp;Verbindung testen</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Ergebnis des Verbindungstests</translation>
    </message>
    <message>
        <source>On this computer (what your mail program connects to)</source>
        <translation>Auf diesem Computer (womit sich Ihr E-Mail-Programm verbindet)</translation>
    </message>
    <message>
        <source>Local IMAP port</source>
        <translation>Lokaler IMAP-Port</translation>
    </message>
    <message>
        <source>Local IMAP p&amp;ort:</source>
        <translation>Lokaler IMAP-P&amp;ort:</translation>
    </message>
    <message>
        <source>Local SMTP port</source>
        <translation>Lokaler SMTP-Port</translation>
    </message>
    <message>
        <source>Local SMTP po&amp;rt:</source>
        <translation>Lokaler SMTP-Po&amp;rt:</translation>
    </message>
    <message>
        <source>Local IMAP port with TLS</source>
        <translation>Lokaler IMAP-Port mit TLS</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>IMAP with TLS (optional):</source>
        <translation>IMAP mit TLS (optional):</translation>
    </message>
    <message>
        <source>Local SMTP port with TLS</source>
        <translation>Lokaler SMTP-Port mit TLS</translation>
    </message>
    <message>
        <source>SMTP with TLS (optional):</source>
        <translation>SMTP mit TLS (optional):</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>(unreadable certificate)</source>
        <translation>(unlesbares Zertifikat)</translation>
    </message>
    <message>
        <source>Give the account a name.</source>
        <translation>Geben Sie dem Konto einen Namen.</translation>
    </message>
    <message>
        <source>An account named %1 exists already.</source>
        <translation>Ein Konto namens %1 existiert bereits.</translation>
    </message>
    <message>
        <source>Enter at least one e-mail address the account sends as.</source>
        <translation>Geben Sie mindestens eine E-Mail-Adresse ein, unter der das Konto sendet.</translation>
    </message>
    <message>
        <source>%1 is not an e-mail address.</source>
        <translation>%1 ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>IMAP</source>
        <translation>IMAP</translation>
    </message>
    <message>
        <source>SMTP</source>
        <translation>SMTP</translation>
    </message>
    <message>
        <source>Enter the host name of your %1 server.</source>
        <translation>Geben Sie den Hostnamen Ihres %1-Servers ein.</translation>
    </message>
    <message>
        <source>Without TLS, your password and mail would cross the network in plain text; &quot;None&quot; is allowed only for a server on this computer. Choose SSL/TLS or STARTTLS for %1.</source>
        <translation>Ohne TLS würden Ihr Passwort und Ihre E-Mails unverschlüsselt durch das Netz gehen; „Keine“ ist nur für einen Server auf diesem Computer erlaubt. Wählen Sie SSL/TLS oder STARTTLS für %1.</translation>
    </message>
    <message>
        <source>Local ports must be from 1024 to 65535.</source>
        <translation>Lokale Ports müssen zwischen 1024 und 65535 liegen.</translation>
    </message>
    <message>
        <source>Port %1 on this computer is in use by another program.</source>
        <translation>Port %1 auf diesem Computer wird von einem anderen Programm verwendet.</translation>
    </message>
    <message>
        <source>This cannot be saved: %1 %2</source>
        <translation>Speichern nicht möglich: %1 %2</translation>
    </message>
    <message>
        <source>Server certificate or root</source>
        <translation>Serverzertifikat oder Stammzertifikat</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt *.cer *.der);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1 holds no certificate (PEM or DER expected).</source>
        <translation>%1 enthält kein Zertifikat (PEM oder DER erwartet).</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird aufgebaut…</translation>
    </message>
    <message>
        <source>It works: %1</source>
        <translation>Es funktioniert: %1</translation>
    </message>
    <message>
        <source>It does not work: %1</source>
        <translation>Es funktioniert nicht: %1</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::AccountsPage</name>
    <message>
        <source>No profile is open.</source>
        <translation>Es ist kein Profil geöffnet.</translation>
    </message>
    <message>
        <source>The accounts file cannot be used: %1. Shown and running is the last good version. Fix or remove the file to make changes here; Postern will not overwrite it.</source>
        <translation>Die Kontendatei kann nicht verwendet werden: %1. Angezeigt und aktiv ist die letzte fehlerfreie Fassung. Korrigieren oder entfernen Sie die Datei, um hier Änderungen vorzunehmen; Postern überschreibt sie nicht.</translation>
    </message>
    <message>
        <source>The accounts file cannot be used: %1. Fix or remove the file to make changes here; Postern will not overwrite it.</source>
        <translation>Die Kontendatei kann nicht verwendet werden: %1. Korrigieren oder entfernen Sie die Datei, um hier Änderungen vorzunehmen; Postern überschreibt sie nicht.</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>Nichts wurde gespeichert: %1</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Accounts file problem</source>
        <translation>Problem mit der Kontendatei</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adressen</translation>
    </message>
    <message>
        <source>Proxies</source>
        <translation>Proxys</translation>
    </message>
    <message>
        <source>Local ports</source>
        <translation>Lokale Ports</translation>
    </message>
    <message>
        <source>Mail servers</source>
        <translation>Mailserver</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>IMAP %1, SMTP %2</source>
        <translation>IMAP %1, SMTP %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>running</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>not running (see the status bar)</source>
        <translation>nicht aktiv (siehe Statusleiste)</translation>
    </message>
    <message>
        <source>Re&amp;sume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Resume this account&apos;s proxies</source>
        <translation>Proxys dieses Kontos fortsetzen</translation>
    </message>
    <message>
        <source>Pause this account&apos;s proxies</source>
        <translation>Proxys dieses Kontos pausieren</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Konto entfernen</translation>
    </message>
    <message>
        <source>Remove the account %1 and its policy? Your mail program will no longer reach its mail through Postern.</source>
        <translation>Das Konto %1 und seine Richtlinie entfernen? Ihr E-Mail-Programm erreicht seine E-Mails dann nicht mehr über Postern.</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::ActionFields</name>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Aktion:</translation>
    </message>
    <message>
        <source>Shown to you by your mail program when it is blocked</source>
        <translation>Wird Ihnen von Ihrem E-Mail-Programm angezeigt, wenn die Nachricht blockiert wird</translation>
    </message>
    <message>
        <source>Reason for blocking</source>
        <translation>Grund für die Blockierung</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>When a recipient has no certificate</source>
        <translation>Wenn ein Empfänger kein Zertifikat hat</translation>
    </message>
    <message>
        <source>&amp;Without a certificate:</source>
        <translation>&amp;Ohne Zertifikat:</translation>
    </message>
    <message>
        <source>&amp;Sign as well</source>
        <translation>Auch &amp;signieren</translation>
    </message>
    <message>
        <source>Turn a meeting &amp;invitation into an .ics attachment first</source>
        <translation>Eine Besprechungs&amp;einladung zuerst in einen .ics-Anhang umwandeln</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::ActivityPage</name>
    <message>
        <source>Encrypted</source>
        <translation>Verschlüsselt</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signiert</translation>
    </message>
    <message>
        <source>Signed and encrypted</source>
        <translation>Signiert und verschlüsselt</translation>
    </message>
    <message>
        <source>Sent as is</source>
        <translation>Unverändert gesendet</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Blockiert</translation>
    </message>
    <message>
        <source>Decrypt</source>
        <translation>Entschlüsseln</translation>
    </message>
    <message>
        <source>signature valid</source>
        <translation>Signatur gültig</translation>
    </message>
    <message>
        <source>signature does not match</source>
        <translation>Signatur stimmt nicht überein</translation>
    </message>
    <message>
        <source>signer not trusted</source>
        <translation>Signierer nicht vertrauenswürdig</translation>
    </message>
    <message>
        <source>signer&apos;s certificate expired</source>
        <translation>Zertifikat des Signierers abgelaufen</translation>
    </message>
    <message>
        <source>signer&apos;s certificate not yet valid</source>
        <translation>Zertifikat des Signierers noch nicht gültig</translation>
    </message>
    <message>
        <source>certificate not for e-mail</source>
        <translation>Zertifikat nicht für E-Mail</translation>
    </message>
    <message>
        <source>signer is not the sender</source>
        <translation>Signierer ist nicht der Absender</translation>
    </message>
    <message>
        <source>signature not checkable</source>
        <translation>Signatur nicht prüfbar</translation>
    </message>
    <message>
        <source>signature broken</source>
        <translation>Signatur beschädigt</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Deferred, will be retried</source>
        <translation>Zurückgestellt, wird erneut versucht</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Decrypted</source>
        <translation>Entschlüsselt</translation>
    </message>
    <message>
        <source>Shown unchanged</source>
        <translation>Unverändert angezeigt</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>Subject, address, account, rule…</source>
        <translation>Betreff, Adresse, Konto, Regel…</translation>
    </message>
    <message>
        <source>Filter the activity</source>
        <translation>Aktivität filtern</translation>
    </message>
    <message>
        <source>Sent and received</source>
        <translation>Gesendet und empfangen</translation>
    </message>
    <message>
        <source>Sent only</source>
        <translation>Nur gesendet</translation>
    </message>
    <message>
        <source>Received only</source>
        <translation>Nur empfangen</translation>
    </message>
    <message>
        <source>&amp;Problems only</source>
        <translation>Nur &amp;Probleme</translation>
    </message>
    <message>
        <source>Show only blocked, refused or failed messages</source>
        <translation>Nur blockierte, abgelehnte oder fehlgeschlagene Nachrichten anzeigen</translation>
    </message>
    <message>
        <source>What the proxies did</source>
        <translation>Was die Proxys getan haben</translation>
    </message>
    <message>
        <source>Nothing has passed through Postern yet. Messages your mail client sends or reads through Postern appear here.</source>
        <translation>Bisher ist nichts durch Postern gelaufen. Nachrichten, die Ihr E-Mail-Programm über Postern sendet oder liest, erscheinen hier.</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>Zeit:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Konto:</translation>
    </message>
    <message>
        <source>Direction:</source>
        <translation>Richtung:</translation>
    </message>
    <message>
        <source>Sent through the SMTP proxy</source>
        <translation>Über den SMTP-Proxy gesendet</translation>
    </message>
    <message>
        <source>Read through the IMAP proxy</source>
        <translation>Über den IMAP-Proxy gelesen</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>An:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Betreff:</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>Entscheidung:</translation>
    </message>
    <message>
        <source>Rule:</source>
        <translation>Regel:</translation>
    </message>
    <message>
        <source>Security layers:</source>
        <translation>Sicherheitsebenen:</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <source>Detail:</source>
        <translation>Detail:</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1; %2</translation>
    </message>
    <message>
        <source>%1, invitation converted</source>
        <translation>%1, Einladung umgewandelt</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Cancelled meeting</source>
        <translation>Abgesagte Besprechung</translation>
    </message>
    <message>
        <source>Reply to an invitation</source>
        <translation>Antwort auf eine Einladung</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>Einladung</translation>
    </message>
    <message>
        <source>Postern keeps no calendar contents in its log; open the message in your mail client for the times, attendees and description.</source>
        <translation>Postern speichert keine Kalenderinhalte in seinem Protokoll; öffnen Sie die Nachricht in Ihrem E-Mail-Programm, um Zeiten, Teilnehmer und Beschreibung zu sehen.</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::CertificateDetails</name>
    <message>
        <source>Certificate of %1</source>
        <translation>Zertifikat von %1</translation>
    </message>
    <message>
        <source>signing e-mail</source>
        <translation>E-Mails signieren</translation>
    </message>
    <message>
        <source>encrypting e-mail</source>
        <translation>E-Mails verschlüsseln</translation>
    </message>
    <message>
        <source>issuing certificates</source>
        <translation>Zertifikate ausstellen</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>gültig</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>not yet valid</source>
        <translation>noch nicht gültig</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adressen</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>%1, %2 bits</source>
        <translation>%1, %2 Bit</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Verwendung</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256-Fingerabdruck</translation>
    </message>
    <message>
        <source>Subject key identifier</source>
        <translation>Schlüsselkennung des Inhabers</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>Privater Schlüssel</translation>
    </message>
    <message>
        <source>held in the store</source>
        <translation>im Speicher vorhanden</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>Vertrauen</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Chain (as far as the store holds it):</source>
        <translation>Kette (soweit der Speicher sie enthält):</translation>
    </message>
    <message>
        <source>Certificate chain</source>
        <translation>Zertifikatskette</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <source>Issuer not in the store: %1</source>
        <translation>Aussteller nicht im Speicher: %1</translation>
    </message>
    <message>
        <source>By its issuer</source>
        <translation>Über den Aussteller</translation>
    </message>
    <message>
        <source>Trusted</source>
        <translation>Vertrauenswürdig</translation>
    </message>
    <message>
        <source>Never trusted</source>
        <translation>Nie vertrauenswürdig</translation>
    </message>
    <message>
        <source>Ask before use</source>
        <translation>Vor Verwendung fragen</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <source>Collected from mail</source>
        <translation>Aus E-Mails übernommen</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Erzeugt</translation>
    </message>
    <message>
        <source>Own identity</source>
        <translation>Eigene Identität</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>Zertifizierungsstelle</translation>
    </message>
    <message>
        <source>Other person</source>
        <translation>Andere Person</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::CertificatesPage</name>
    <message>
        <source>Certificates</source>
        <translation>Zertifikate</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>Vertrauen</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>S&amp;uchen:</translation>
    </message>
    <message>
        <source>Name, address, issuer…</source>
        <translation>Name, Adresse, Aussteller…</translation>
    </message>
    <message>
        <source>Search certificates</source>
        <translation>Zertifikate durchsuchen</translation>
    </message>
    <message>
        <source>Certificates in the store</source>
        <translation>Zertifikate im Speicher</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Import certificates from files</source>
        <translation>Zertifikate aus Dateien importieren</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Export the selected certificate</source>
        <translation>Das ausgewählte Zertifikat exportieren</translation>
    </message>
    <message>
        <source>&amp;Details…</source>
        <translation>&amp;Details…</translation>
    </message>
    <message>
        <source>Show the selected certificate&apos;s details</source>
        <translation>Details des ausgewählten Zertifikats anzeigen</translation>
    </message>
    <message>
        <source>&amp;Trust</source>
        <translation>&amp;Vertrauen</translation>
    </message>
    <message>
        <source>Trust setting of the selected certificate</source>
        <translation>Vertrauenseinstellung des ausgewählten Zertifikats</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Delete the selected certificate</source>
        <translation>Das ausgewählte Zertifikat löschen</translation>
    </message>
    <message>
        <source>&amp;Generate test identity…</source>
        <translation>Test-Identität e&amp;rzeugen…</translation>
    </message>
    <message>
        <source>Generate a self-signed test identity</source>
        <translation>Eine selbst signierte Test-Identität erzeugen</translation>
    </message>
    <message>
        <source>Result of the last action</source>
        <translation>Ergebnis der letzten Aktion</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>No certificate store is open.</source>
        <translation>Es ist kein Zertifikatsspeicher geöffnet.</translation>
    </message>
    <message>
        <source>The store has no passphrase yet, so it cannot hold private keys.</source>
        <translation>Der Speicher hat noch keine Passphrase und kann daher keine privaten Schlüssel aufnehmen.</translation>
    </message>
    <message>
        <source>The store is locked.</source>
        <translation>Der Speicher ist gesperrt.</translation>
    </message>
    <message>
        <source>The passphrase is wrong.</source>
        <translation>Die Passphrase ist falsch.</translation>
    </message>
    <message>
        <source>The certificate is no longer in the store.</source>
        <translation>Das Zertifikat ist nicht mehr im Speicher.</translation>
    </message>
    <message>
        <source>The file holds no usable certificate, or its password is wrong (%1).</source>
        <translation>Die Datei enthält kein verwendbares Zertifikat, oder ihr Passwort ist falsch (%1).</translation>
    </message>
    <message>
        <source>A file could not be written; nothing was changed (%1).</source>
        <translation>Eine Datei konnte nicht geschrieben werden; es wurde nichts geändert (%1).</translation>
    </message>
    <message>
        <source>The store&apos;s files cannot be read (%1).</source>
        <translation>Die Dateien des Speichers können nicht gelesen werden (%1).</translation>
    </message>
    <message>
        <source>%1 (expired)</source>
        <translation>%1 (abgelaufen)</translation>
    </message>
    <message>
        <source>This certificate has expired.</source>
        <translation>Dieses Zertifikat ist abgelaufen.</translation>
    </message>
    <message>
        <source>%1 (expires soon)</source>
        <translation>%1 (läuft bald ab)</translation>
    </message>
    <message numerus="yes">
        <source>This certificate expires within %n day(s).</source>
        <translation>
            <numerusform>Dieses Zertifikat läuft spätestens in %n Tag ab.</numerusform>
            <numerusform>Dieses Zertifikat läuft spätestens in %n Tagen ab.</numerusform>
        </translation>
    </message>
    <message>
        <source>Set &amp;passphrase…</source>
        <translation>&amp;Passphrase festlegen…</translation>
    </message>
    <message>
        <source>Give the certificate store a passphrase</source>
        <translation>Dem Zertifikatsspeicher eine Passphrase geben</translation>
    </message>
    <message>
        <source>&amp;Lock store</source>
        <translation>Speicher &amp;sperren</translation>
    </message>
    <message>
        <source>Un&amp;lock store…</source>
        <translation>Speicher ent&amp;sperren…</translation>
    </message>
    <message>
        <source>Lock the certificate store</source>
        <translation>Zertifikatsspeicher sperren</translation>
    </message>
    <message>
        <source>Unlock the certificate store</source>
        <translation>Zertifikatsspeicher entsperren</translation>
    </message>
    <message>
        <source>The store is unlocked: private keys can be used.</source>
        <translation>Der Speicher ist entsperrt: Private Schlüssel können verwendet werden.</translation>
    </message>
    <message>
        <source>The store is locked: private keys cannot be used.</source>
        <translation>Der Speicher ist gesperrt: Private Schlüssel können nicht verwendet werden.</translation>
    </message>
    <message>
        <source>New store passphrase</source>
        <translation>Neue Passphrase für den Speicher</translation>
    </message>
    <message>
        <source>Private keys are kept encrypted under a passphrase. Choose one for Postern&apos;s certificate store:</source>
        <translation>Private Schlüssel werden mit einer Passphrase verschlüsselt aufbewahrt. Wählen Sie eine für den Zertifikatsspeicher von Postern:</translation>
    </message>
    <message>
        <source>Enter the same passphrase again:</source>
        <translation>Geben Sie dieselbe Passphrase noch einmal ein:</translation>
    </message>
    <message>
        <source>The two passphrases differ; the store was left as it was.</source>
        <translation>Die beiden Passphrasen stimmen nicht überein; der Speicher bleibt unverändert.</translation>
    </message>
    <message>
        <source>Enter the passphrase of Postern&apos;s certificate store:</source>
        <translation>Geben Sie die Passphrase des Postern-Zertifikatsspeichers ein:</translation>
    </message>
    <message>
        <source>%1: cannot be read (%2)</source>
        <translation>%1: kann nicht gelesen werden (%2)</translation>
    </message>
    <message>
        <source>File password</source>
        <translation>Passwort der Datei</translation>
    </message>
    <message>
        <source>%1 is protected. Enter the password it was exported with:</source>
        <translation>%1 ist geschützt. Geben Sie das Passwort ein, mit dem die Datei exportiert wurde:</translation>
    </message>
    <message>
        <source>%1: not imported (no password given)</source>
        <translation>%1: nicht importiert (kein Passwort angegeben)</translation>
    </message>
    <message>
        <source>%1: not imported: the private key needs the store unlocked</source>
        <translation>%1: nicht importiert: Für den privaten Schlüssel muss der Speicher entsperrt sein</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n new certificate(s)</source>
        <translation>
            <numerusform>%1: %n neues Zertifikat</numerusform>
            <numerusform>%1: %n neue Zertifikate</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n already in the store</source>
        <translation>
            <numerusform>, %n bereits im Speicher</numerusform>
            <numerusform>, %n bereits im Speicher</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n private key(s)</source>
        <translation>
            <numerusform>, %n privater Schlüssel</numerusform>
            <numerusform>, %n private Schlüssel</numerusform>
        </translation>
    </message>
    <message>
        <source>Import certificates</source>
        <translation>Zertifikate importieren</translation>
    </message>
    <message>
        <source>Certificates and identities (*.p12 *.pfx *.pem *.crt *.cer *.der *.p7b *.p7c);;All files (*)</source>
        <translation>Zertifikate und Identitäten (*.p12 *.pfx *.pem *.crt *.cer *.der *.p7b *.p7c);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Only an own identity, with its private key, can be exported as PKCS#12.</source>
        <translation>Nur eine eigene Identität mit ihrem privaten Schlüssel kann als PKCS#12 exportiert werden.</translation>
    </message>
    <message>
        <source>The store must be unlocked to export a private key.</source>
        <translation>Zum Exportieren eines privaten Schlüssels muss der Speicher entsperrt sein.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Certificate, PEM (*.pem);;Certificate, DER (*.cer)</source>
        <translation>Zertifikat, PEM (*.pem);;Zertifikat, DER (*.cer)</translation>
    </message>
    <message>
        <source>;;Identity with private key, PKCS#12 (*.p12)</source>
        <translation>;;Identität mit privatem Schlüssel, PKCS#12 (*.p12)</translation>
    </message>
    <message>
        <source>Export certificate</source>
        <translation>Zertifikat exportieren</translation>
    </message>
    <message>
        <source>Export password</source>
        <translation>Passwort für den Export</translation>
    </message>
    <message>
        <source>The private key leaves the store protected by a password. Choose one:</source>
        <translation>Der private Schlüssel verlässt den Speicher durch ein Passwort geschützt. Wählen Sie eines:</translation>
    </message>
    <message>
        <source>Enter the same password again:</source>
        <translation>Geben Sie dasselbe Passwort noch einmal ein:</translation>
    </message>
    <message>
        <source>The two passwords differ; nothing was exported.</source>
        <translation>Die beiden Passwörter stimmen nicht überein; es wurde nichts exportiert.</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Nach %1 exportiert.</translation>
    </message>
    <message>
        <source>Trust set to &quot;%1&quot;.</source>
        <translation>Vertrauen auf „%1“ gesetzt.</translation>
    </message>
    <message>
        <source>The private key was deleted; the certificate stays.</source>
        <translation>Der private Schlüssel wurde gelöscht; das Zertifikat bleibt erhalten.</translation>
    </message>
    <message>
        <source>The certificate was deleted.</source>
        <translation>Das Zertifikat wurde gelöscht.</translation>
    </message>
    <message>
        <source>Delete certificate</source>
        <translation>Zertifikat löschen</translation>
    </message>
    <message>
        <source>Delete the certificate of %1 (%2)?</source>
        <translation>Das Zertifikat von %1 (%2) löschen?</translation>
    </message>
    <message>
        <source>This is your own identity. Without its private key, mail encrypted to it can no longer be read.</source>
        <translation>Dies ist Ihre eigene Identität. Ohne ihren privaten Schlüssel können an sie verschlüsselte E-Mails nicht mehr gelesen werden.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Delete the private &amp;key only</source>
        <translation>Nur den privaten &amp;Schlüssel löschen</translation>
    </message>
    <message>
        <source>A test identity needs an e-mail address.</source>
        <translation>Eine Test-Identität braucht eine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>The store must be unlocked to keep a new private key.</source>
        <translation>Um einen neuen privaten Schlüssel aufzubewahren, muss der Speicher entsperrt sein.</translation>
    </message>
    <message>
        <source>A self-signed test identity for %1 was created. Other people&apos;s software will not trust it.</source>
        <translation>Eine selbst signierte Test-Identität für %1 wurde erstellt. Die Software anderer Personen wird ihr nicht vertrauen.</translation>
    </message>
    <message>
        <source>Generate a test identity</source>
        <translation>Test-Identität erzeugen</translation>
    </message>
    <message>
        <source>A self-signed certificate and private key, for trying Postern out. Real correspondents need one from a certification authority.</source>
        <translation>Ein selbst signiertes Zertifikat mit privatem Schlüssel, um Postern auszuprobieren. Für echte Korrespondenzpartner brauchen Sie eines von einer Zertifizierungsstelle.</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Key type</source>
        <translation>Schlüsseltyp</translation>
    </message>
    <message>
        <source>RSA, 3072 bits (works everywhere)</source>
        <translation>RSA, 3072 Bit (funktioniert überall)</translation>
    </message>
    <message>
        <source>Elliptic curve P-256 (smaller, newer clients only)</source>
        <translation>Elliptische Kurve P-256 (kleiner, nur neuere Programme)</translation>
    </message>
    <message>
        <source>E-mail &amp;address:</source>
        <translation>E-Mail-&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Key type:</source>
        <translation>&amp;Schlüsseltyp:</translation>
    </message>
    <message>
        <source>The store is unlocked.</source>
        <translation>Der Speicher ist entsperrt.</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::ConditionEditor</name>
    <message>
        <source>Condition</source>
        <translation>Bedingung</translation>
    </message>
    <message>
        <source>Condition type</source>
        <translation>Art der Bedingung</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>&amp;Not: the rule applies when this does not hold</source>
        <translation>&amp;Nicht: Die Regel gilt, wenn dies nicht zutrifft</translation>
    </message>
    <message>
        <source>e.g. X-Classification</source>
        <translation>z. B. X-Classification</translation>
    </message>
    <message>
        <source>Header field name</source>
        <translation>Name der Kopfzeile</translation>
    </message>
    <message>
        <source>&amp;Header field:</source>
        <translation>&amp;Kopfzeile:</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>enthält</translation>
    </message>
    <message>
        <source>is exactly</source>
        <translation>ist genau</translation>
    </message>
    <message>
        <source>matches the regular expression</source>
        <translation>passt auf den regulären Ausdruck</translation>
    </message>
    <message>
        <source>How the text is compared</source>
        <translation>Wie der Text verglichen wird</translation>
    </message>
    <message>
        <source>&amp;Compare:</source>
        <translation>&amp;Vergleich:</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>T&amp;ext:</source>
        <translation>T&amp;ext:</translation>
    </message>
    <message>
        <source>Upper and lower &amp;case differ</source>
        <translation>&amp;Groß-/Kleinschreibung beachten</translation>
    </message>
    <message>
        <source>Only these kinds (none ticked: any invitation)</source>
        <translation>Nur diese Arten (keine angekreuzt: jede Einladung)</translation>
    </message>
    <message>
        <source>One per line; *.example.org also covers the subdomains of example.org</source>
        <translation>Eine pro Zeile; *.example.org umfasst auch die Subdomains von example.org</translation>
    </message>
    <message>
        <source>Addresses or domains</source>
        <translation>Adressen oder Domains</translation>
    </message>
    <message>
        <source>&amp;Values:</source>
        <translation>&amp;Werte:</translation>
    </message>
    <message>
        <source>any recipient</source>
        <translation>ein beliebiger Empfänger</translation>
    </message>
    <message>
        <source>every recipient</source>
        <translation>jeder Empfänger</translation>
    </message>
    <message>
        <source>Which recipients</source>
        <translation>Welche Empfänger</translation>
    </message>
    <message>
        <source>&amp;Holds for:</source>
        <translation>&amp;Gilt für:</translation>
    </message>
    <message>
        <source>Holds when every recipient has a valid, trusted encryption certificate in the store.</source>
        <translation>Trifft zu, wenn jeder Empfänger ein gültiges, vertrauenswürdiges Verschlüsselungszertifikat im Speicher hat.</translation>
    </message>
    <message>
        <source>e.g. application/pdf or application/*</source>
        <translation>z. B. application/pdf oder application/*</translation>
    </message>
    <message>
        <source>Attachment type</source>
        <translation>Typ des Anhangs</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>T&amp;yp:</translation>
    </message>
    <message>
        <source>e.g. *.pdf</source>
        <translation>z. B. *.pdf</translation>
    </message>
    <message>
        <source>Attachment file name</source>
        <translation>Dateiname des Anhangs</translation>
    </message>
    <message>
        <source>&amp;File name:</source>
        <translation>&amp;Dateiname:</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> Byte</translation>
    </message>
    <message>
        <source>Size in bytes</source>
        <translation>Größe in Byte</translation>
    </message>
    <message>
        <source>&amp;Larger than:</source>
        <translation>Grö&amp;ßer als:</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::DefaultActionEditor</name>
    <message>
        <source>When no rule matches</source>
        <translation>Wenn keine Regel zutrifft</translation>
    </message>
    <message>
        <source>What Postern does with a message that no rule decided:</source>
        <translation>Was Postern mit einer Nachricht tut, über die keine Regel entschieden hat:</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::InspectorPage</name>
    <message>
        <source>Inspector</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Drop an .eml, .p7m, .p7s or .ics file here to see its structure, its security layers and their verdicts, its decrypted content and, for an invitation, the event.</source>
        <translation>Ziehen Sie eine .eml-, .p7m-, .p7s- oder .ics-Datei hierher, um ihre Struktur, ihre Sicherheitsebenen und deren Ergebnisse, ihren entschlüsselten Inhalt und bei einer Einladung den Termin zu sehen.</translation>
    </message>
    <message>
        <source>&amp;Open files…</source>
        <translation>Dateien ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open files to inspect</source>
        <translation>Dateien zum Prüfen öffnen</translation>
    </message>
    <message>
        <source>Opened files</source>
        <translation>Geöffnete Dateien</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Öffnen…</translation>
    </message>
    <message>
        <source>Open more files to inspect</source>
        <translation>Weitere Dateien zum Prüfen öffnen</translation>
    </message>
    <message>
        <source>Only a message whose every security layer was opened can be saved decrypted.</source>
        <translation>Nur eine Nachricht, deren Sicherheitsebenen alle geöffnet wurden, kann entschlüsselt gespeichert werden.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Messages and S/MIME objects (*.eml *.p7m *.p7s *.ics);;All files (*)</source>
        <translation>Nachrichten und S/MIME-Objekte (*.eml *.p7m *.p7s *.ics);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save decrypted message</source>
        <translation>Entschlüsselte Nachricht speichern</translation>
    </message>
    <message>
        <source>-decrypted</source>
        <translation>-entschlüsselt</translation>
    </message>
    <message>
        <source>Mail messages (*.eml)</source>
        <translation>E-Mail-Nachrichten (*.eml)</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Die Datei ist leer.</translation>
    </message>
    <message>
        <source>This is neither a mail message nor an S/MIME (CMS) object.</source>
        <translation>Dies ist weder eine E-Mail-Nachricht noch ein S/MIME-Objekt (CMS).</translation>
    </message>
    <message>
        <source>A security layer is broken: %1</source>
        <translation>Eine Sicherheitsebene ist beschädigt: %1</translation>
    </message>
    <message>
        <source>The message nests more security layers than any real mail does; it was not read further.</source>
        <translation>Die Nachricht verschachtelt mehr Sicherheitsebenen als jede echte E-Mail; sie wurde nicht weiter gelesen.</translation>
    </message>
    <message>
        <source>the encrypted content was changed in transit</source>
        <translation>der verschlüsselte Inhalt wurde unterwegs verändert</translation>
    </message>
    <message>
        <source>its structure is broken</source>
        <translation>ihre Struktur ist beschädigt</translation>
    </message>
    <message>
        <source>none of the store&apos;s keys is a recipient</source>
        <translation>keiner der Schlüssel im Speicher ist ein Empfänger</translation>
    </message>
    <message>
        <source>it uses an algorithm this build cannot decrypt</source>
        <translation>sie verwendet einen Algorithmus, den diese Version nicht entschlüsseln kann</translation>
    </message>
    <message>
        <source>its data is corrupt</source>
        <translation>ihre Daten sind beschädigt</translation>
    </message>
    <message>
        <source>decryption failed</source>
        <translation>die Entschlüsselung ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>unknown signer (certificate not included)</source>
        <translation>unbekannter Signierer (Zertifikat nicht enthalten)</translation>
    </message>
    <message>
        <source>no signing time</source>
        <translation>ohne Signaturzeitpunkt</translation>
    </message>
    <message>
        <source>%1, %2 with %3, signed %4</source>
        <translation>%1, %2 mit %3, signiert %4</translation>
    </message>
    <message>
        <source>message</source>
        <translation>Nachricht</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::InspectorTab</name>
    <message>
        <source>Reading the file</source>
        <translation>Datei wird gelesen</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Stop reading this file</source>
        <translation>Lesen dieser Datei abbrechen</translation>
    </message>
    <message>
        <source>&amp;Save decrypted message…</source>
        <translation>Entschlüsselte Nachricht &amp;speichern…</translation>
    </message>
    <message>
        <source>Save the decrypted message</source>
        <translation>Die entschlüsselte Nachricht speichern</translation>
    </message>
    <message>
        <source>MIME structure</source>
        <translation>MIME-Struktur</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Teil</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Security layers</source>
        <translation>Sicherheitsebenen</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Kopfzeilen</translation>
    </message>
    <message>
        <source>Decrypted content</source>
        <translation>Entschlüsselter Inhalt</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>Einladung</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>Reading %1 (%2)…</source>
        <translation>%1 wird gelesen (%2)…</translation>
    </message>
    <message>
        <source>Reading was cancelled.</source>
        <translation>Das Lesen wurde abgebrochen.</translation>
    </message>
    <message>
        <source>
--- headers of the innermost part ---
</source>
        <translation>
--- Kopfzeilen des innersten Teils ---
</translation>
    </message>
    <message>
        <source>
[… %1 more not shown; save the message to see all of it]</source>
        <translation>
[… %1 weitere nicht angezeigt; speichern Sie die Nachricht, um alles zu sehen]</translation>
    </message>
    <message>
        <source>Calendar file (not a message, no security layers)</source>
        <translation>Kalenderdatei (keine Nachricht, keine Sicherheitsebenen)</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Betreff:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>An:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Datum:</translation>
    </message>
    <message>
        <source>Only a message whose every security layer was opened can be saved decrypted.</source>
        <translation>Nur eine Nachricht, deren Sicherheitsebenen alle geöffnet wurden, kann entschlüsselt gespeichert werden.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>The content is not MIME.</source>
        <translation>Der Inhalt ist kein MIME.</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Neither encrypted nor signed</source>
        <translation>Weder verschlüsselt noch signiert</translation>
    </message>
    <message>
        <source>Wrapped as %1</source>
        <translation>Verpackt als %1</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>Verschlüsselt</translation>
    </message>
    <message>
        <source>Decrypted: %1, key by %2</source>
        <translation>Entschlüsselt: %1, Schlüssel von %2</translation>
    </message>
    <message>
        <source>Opened with the key of %1</source>
        <translation>Mit dem Schlüssel von %1 geöffnet</translation>
    </message>
    <message>
        <source>Authenticated encryption: changes would have been noticed</source>
        <translation>Authentifizierte Verschlüsselung: Änderungen wären bemerkt worden</translation>
    </message>
    <message>
        <source>Encryption without authentication: changes cannot be noticed without a signature inside</source>
        <translation>Verschlüsselung ohne Authentifizierung: Änderungen sind ohne eine innere Signatur nicht erkennbar</translation>
    </message>
    <message>
        <source>Not decrypted: %1</source>
        <translation>Nicht entschlüsselt: %1</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signiert</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <source>Signer: %1</source>
        <translation>Signierer: %1</translation>
    </message>
    <message>
        <source>Chain: %1</source>
        <translation>Kette: %1</translation>
    </message>
    <message>
        <source>Technical detail: %1</source>
        <translation>Technisches Detail: %1</translation>
    </message>
    <message>
        <source>Compressed</source>
        <translation>Komprimiert</translation>
    </message>
    <message>
        <source>Decompressed</source>
        <translation>Dekomprimiert</translation>
    </message>
    <message>
        <source>Not decompressed</source>
        <translation>Nicht dekomprimiert</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::InvitationCard</name>
    <message>
        <source>Day timeline</source>
        <translation>Tagesübersicht</translation>
    </message>
    <message>
        <source>Invitation preview</source>
        <translation>Einladungsvorschau</translation>
    </message>
    <message>
        <source>&amp;Export .ics…</source>
        <translation>.ics &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export the invitation as an .ics file</source>
        <translation>Die Einladung als .ics-Datei exportieren</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>Details &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the invitation&apos;s details</source>
        <translation>Details der Einladung kopieren</translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation>(kein Titel)</translation>
    </message>
    <message>
        <source>All day</source>
        <translation>Ganztägig</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Sender&apos;s time</source>
        <translation>Zeit des Absenders</translation>
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
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Teilnehmen</translation>
    </message>
    <message>
        <source>Organizer</source>
        <translation>Organisator</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Erinnerungen</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <source>Show as</source>
        <translation>Anzeigen als</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>There is no calendar data to export.</source>
        <translation>Es gibt keine Kalenderdaten zum Exportieren.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Export invitation</source>
        <translation>Einladung exportieren</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics)</source>
        <translation>iCalendar-Dateien (*.ics)</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::MailClientSetup</name>
    <message>
        <source>&lt;b&gt;Set up your mail client&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ihr E-Mail-Programm einrichten&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Point your mail program at Postern instead of at your mail servers. Postern runs on this computer only; your password stays the one you always had: Postern passes it on to the real servers and stores nothing.</source>
        <translation>Richten Sie Ihr E-Mail-Programm auf Postern statt auf Ihre Mailserver aus. Postern läuft nur auf diesem Computer; Ihr Passwort bleibt dasselbe wie immer: Postern gibt es an die echten Server weiter und speichert nichts.</translation>
    </message>
    <message>
        <source>Mail programs</source>
        <translation>E-Mail-Programme</translation>
    </message>
    <message>
        <source>IMAP</source>
        <translation>IMAP</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Normal password</source>
        <translation>Passwort, normal</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>incoming %1</source>
        <translation>eingehend %1</translation>
    </message>
    <message>
        <source>outgoing %1</source>
        <translation>ausgehend %1</translation>
    </message>
    <message>
        <source>Outlook</source>
        <translation>Outlook</translation>
    </message>
    <message>
        <source>Thunderbird</source>
        <translation>Thunderbird</translation>
    </message>
    <message>
        <source>Apple Mail</source>
        <translation>Apple Mail</translation>
    </message>
    <message>
        <source>Choose an account to see its settings.</source>
        <translation>Wählen Sie ein Konto, um seine Einstellungen zu sehen.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>%1 kopieren</translation>
    </message>
    <message>
        <source>Account type:</source>
        <translation>Kontotyp:</translation>
    </message>
    <message>
        <source>Incoming mail server:</source>
        <translation>Posteingangsserver:</translation>
    </message>
    <message>
        <source>Incoming port:</source>
        <translation>Port für eingehende E-Mails:</translation>
    </message>
    <message>
        <source>Encryption method (incoming):</source>
        <translation>Verschlüsselungsmethode (eingehend):</translation>
    </message>
    <message>
        <source>Outgoing mail server:</source>
        <translation>Postausgangsserver:</translation>
    </message>
    <message>
        <source>Outgoing port:</source>
        <translation>Port für ausgehende E-Mails:</translation>
    </message>
    <message>
        <source>Encryption method (outgoing):</source>
        <translation>Verschlüsselungsmethode (ausgehend):</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <source>Require logon using Secure Password Authentication (SPA):</source>
        <translation>Anmeldung mithilfe der gesicherten Kennwortauthentifizierung (SPA) erforderlich:</translation>
    </message>
    <message>
        <source>Incoming server protocol:</source>
        <translation>Protokoll des Posteingangs-Servers:</translation>
    </message>
    <message>
        <source>Incoming server hostname:</source>
        <translation>Hostname des Posteingangs-Servers:</translation>
    </message>
    <message>
        <source>Incoming server port:</source>
        <translation>Port des Posteingangs-Servers:</translation>
    </message>
    <message>
        <source>Incoming server connection security:</source>
        <translation>Verbindungssicherheit des Posteingangs-Servers:</translation>
    </message>
    <message>
        <source>Incoming server authentication method:</source>
        <translation>Authentifizierungsmethode des Posteingangs-Servers:</translation>
    </message>
    <message>
        <source>Outgoing server hostname:</source>
        <translation>Hostname des Postausgangs-Servers:</translation>
    </message>
    <message>
        <source>Outgoing server port:</source>
        <translation>Port des Postausgangs-Servers:</translation>
    </message>
    <message>
        <source>Outgoing server connection security:</source>
        <translation>Verbindungssicherheit des Postausgangs-Servers:</translation>
    </message>
    <message>
        <source>Outgoing server authentication method:</source>
        <translation>Authentifizierungsmethode des Postausgangs-Servers:</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <source>Account Type:</source>
        <translation>Accounttyp:</translation>
    </message>
    <message>
        <source>Incoming Mail Server:</source>
        <translation>Server für eintreffende E-Mails:</translation>
    </message>
    <message>
        <source>Outgoing Mail Server:</source>
        <translation>Server für ausgehende E-Mails:</translation>
    </message>
    <message>
        <source>User Name:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <source>Incoming port (Server Settings):</source>
        <translation>Port für eintreffende E-Mails (Servereinstellungen):</translation>
    </message>
    <message>
        <source>Outgoing port (Server Settings):</source>
        <translation>Port für ausgehende E-Mails (Servereinstellungen):</translation>
    </message>
    <message>
        <source>Use TLS/SSL:</source>
        <translation>TLS/SSL verwenden:</translation>
    </message>
    <message>
        <source>Authentication:</source>
        <translation>Authentifizierung:</translation>
    </message>
    <message>
        <source>Automatically manage connection settings:</source>
        <translation>Verbindungseinstellungen automatisch verwalten:</translation>
    </message>
    <message>
        <source>If your program insists on SSL/TLS, use instead the ports:</source>
        <translation>Wenn Ihr Programm auf SSL/TLS besteht, verwenden Sie stattdessen die Ports:</translation>
    </message>
</context>
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
        <source>Policies</source>
        <translation>Richtlinien</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Zertifikate</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Proxies</source>
        <translation>Proxys</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Strg+%2)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open file…</source>
        <translation>Datei ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Messages, certificates and invitations (%1);;All files (*)</source>
        <translation>Nachrichten, Zertifikate und Einladungen (%1);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Proxies</source>
        <translation>&amp;Proxys</translation>
    </message>
    <message>
        <source>&amp;Restart proxies</source>
        <translation>Proxys &amp;neu starten</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Postern</source>
        <translation>Ü&amp;ber Postern</translation>
    </message>
    <message>
        <source>Your certificate has expired</source>
        <translation>Ihr Zertifikat ist abgelaufen</translation>
    </message>
    <message>
        <source>Your certificate expires soon</source>
        <translation>Ihr Zertifikat läuft bald ab</translation>
    </message>
    <message>
        <source>The certificate for %1 expired on %2; you can no longer sign or be encrypted to with it.</source>
        <translation>Das Zertifikat für %1 ist am %2 abgelaufen; Sie können damit nicht mehr signieren, und niemand kann mehr damit an Sie verschlüsseln.</translation>
    </message>
    <message>
        <source>The certificate for %1 expires on %2. Ask for a new one in time.</source>
        <translation>Das Zertifikat für %1 läuft am %2 ab. Beantragen Sie rechtzeitig ein neues.</translation>
    </message>
    <message>
        <source>Postern cannot open %1.</source>
        <translation>Postern kann %1 nicht öffnen.</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::PoliciesPage</name>
    <message>
        <source>encrypted</source>
        <translation>verschlüsselt</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>signiert</translation>
    </message>
    <message>
        <source>signed and encrypted</source>
        <translation>signiert und verschlüsselt</translation>
    </message>
    <message>
        <source>sent in clear</source>
        <translation>unverschlüsselt gesendet</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>blockiert</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>Richtlinien</translation>
    </message>
    <message>
        <source>Accounts file problem</source>
        <translation>Problem mit der Kontendatei</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>A&amp;ccount:</source>
        <translation>&amp;Konto:</translation>
    </message>
    <message>
        <source>Policy &amp;wizard…</source>
        <translation>Richtlinien-&amp;Assistent…</translation>
    </message>
    <message>
        <source>Rules, tried from the top; the first that matches decides</source>
        <translation>Regeln, von oben nach unten geprüft; die erste passende entscheidet</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>C&amp;hange…</source>
        <translation>Ä&amp;ndern…</translation>
    </message>
    <message>
        <source>Change what happens when no rule matches</source>
        <translation>Ändern, was geschieht, wenn keine Regel zutrifft</translation>
    </message>
    <message>
        <source>Test a message</source>
        <translation>Nachricht testen</translation>
    </message>
    <message>
        <source>Drop an .eml file here or choose one: Postern shows what this policy would do with it. Nothing is sent.</source>
        <translation>Ziehen Sie eine .eml-Datei hierher oder wählen Sie eine aus: Postern zeigt, was diese Richtlinie mit ihr tun würde. Es wird nichts gesendet.</translation>
    </message>
    <message>
        <source>Recipients (optional; otherwise To, Cc and Bcc)</source>
        <translation>Empfänger (optional; sonst An, Cc und Bcc)</translation>
    </message>
    <message>
        <source>Recipients for the test</source>
        <translation>Empfänger für den Test</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;An:</translation>
    </message>
    <message>
        <source>Choose &amp;message…</source>
        <translation>Nachricht &amp;wählen…</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>Testergebnis</translation>
    </message>
    <message>
        <source>Rules tried</source>
        <translation>Geprüfte Regeln</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>Zutreffend</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>%1. %2 — %3</source>
        <translation>%1. %2 — %3</translation>
    </message>
    <message>
        <source>Untick to keep the rule without using it</source>
        <translation>Häkchen entfernen, um die Regel zu behalten, ohne sie zu verwenden</translation>
    </message>
    <message>
        <source>This rule is switched off</source>
        <translation>Diese Regel ist ausgeschaltet</translation>
    </message>
    <message>
        <source>Add an account first; each account has its own policy.</source>
        <translation>Fügen Sie zuerst ein Konto hinzu; jedes Konto hat seine eigene Richtlinie.</translation>
    </message>
    <message>
        <source>A policy of your own.</source>
        <translation>Eine eigene Richtlinie.</translation>
    </message>
    <message>
        <source>Made from the template %1: %2</source>
        <translation>Erstellt aus der Vorlage %1: %2</translation>
    </message>
    <message>
        <source>When no rule matches: %1</source>
        <translation>Wenn keine Regel zutrifft: %1</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>Neue Regel</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>Regel entfernen</translation>
    </message>
    <message>
        <source>Remove the rule %1?</source>
        <translation>Die Regel %1 entfernen?</translation>
    </message>
    <message>
        <source>Message to test</source>
        <translation>Zu testende Nachricht</translation>
    </message>
    <message>
        <source>Messages (*.eml);;All files (*)</source>
        <translation>Nachrichten (*.eml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>%1 is empty or cannot be read.</source>
        <translation>%1 ist leer oder kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>%1 is not a mail message.</source>
        <translation>%1 ist keine E-Mail-Nachricht.</translation>
    </message>
    <message>
        <source>%1 would be %2%3.</source>
        <translation>%1 würde %2 werden%3.</translation>
    </message>
    <message>
        <source>, after turning the invitation into an .ics attachment</source>
        <translation>, nachdem die Einladung in einen .ics-Anhang umgewandelt wurde</translation>
    </message>
    <message>
        <source>Decided by: no rule matched, the default action</source>
        <translation>Entschieden durch: keine passende Regel, die Standardaktion</translation>
    </message>
    <message>
        <source>Decided by the rule: %1</source>
        <translation>Entschieden durch die Regel: %1</translation>
    </message>
    <message>
        <source>Postern would refuse to send it.</source>
        <translation>Postern würde das Senden verweigern.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Grund: %1</translation>
    </message>
    <message>
        <source>Without a certificate: %1</source>
        <translation>Ohne Zertifikat: %1</translation>
    </message>
    <message>
        <source>Sent in clear to: %1</source>
        <translation>Unverschlüsselt gesendet an: %1</translation>
    </message>
    <message>
        <source>The message names no recipients; enter them under To.</source>
        <translation>Die Nachricht nennt keine Empfänger; geben Sie sie unter „An“ ein.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::PolicyWizard</name>
    <message>
        <source>Invitations in clear</source>
        <translation>Einladungen unverschlüsselt</translation>
    </message>
    <message>
        <source>Invitations as .ics attachments</source>
        <translation>Einladungen als .ics-Anhänge</translation>
    </message>
    <message>
        <source>Policy wizard for %1</source>
        <translation>Richtlinien-Assistent für %1</translation>
    </message>
    <message>
        <source>What do you want to protect?</source>
        <translation>Was möchten Sie schützen?</translation>
    </message>
    <message>
        <source>Postern applies this to every message the account sends.</source>
        <translation>Postern wendet dies auf jede Nachricht an, die das Konto sendet.</translation>
    </message>
    <message>
        <source>&amp;Every message</source>
        <translation>&amp;Jede Nachricht</translation>
    </message>
    <message>
        <source>Every message is encrypted, so only its recipients can read it.</source>
        <translation>Jede Nachricht wird verschlüsselt, sodass nur ihre Empfänger sie lesen können.</translation>
    </message>
    <message>
        <source>Messages to &amp;certain domains</source>
        <translation>Nachrichten an &amp;bestimmte Domains</translation>
    </message>
    <message>
        <source>Messages to the domains you name are encrypted; the rest is sent as usual.</source>
        <translation>Nachrichten an die von Ihnen genannten Domains werden verschlüsselt; der Rest wird wie gewohnt gesendet.</translation>
    </message>
    <message>
        <source>&amp;Sign every message, encrypt nothing</source>
        <translation>Jede Nachricht &amp;signieren, nichts verschlüsseln</translation>
    </message>
    <message>
        <source>Recipients can check that a message comes from you and was not changed; everyone can read it.</source>
        <translation>Empfänger können prüfen, dass eine Nachricht von Ihnen stammt und nicht verändert wurde; jeder kann sie lesen.</translation>
    </message>
    <message>
        <source>How should meeting invitations be handled?</source>
        <translation>Wie sollen Besprechungseinladungen behandelt werden?</translation>
    </message>
    <message>
        <source>Calendar programs cannot act on an encrypted invitation. Choose what recipients get.</source>
        <translation>Kalenderprogramme können mit einer verschlüsselten Einladung nichts anfangen. Wählen Sie, was die Empfänger erhalten.</translation>
    </message>
    <message>
        <source>Send invitations &amp;in clear</source>
        <translation>Einladungen &amp;unverschlüsselt senden</translation>
    </message>
    <message>
        <source>Invitations are sent unencrypted so every calendar can accept them, and recipients without Postern see a normal invitation; keep confidential details out of them.</source>
        <translation>Einladungen werden unverschlüsselt gesendet, damit jeder Kalender sie annehmen kann, und Empfänger ohne Postern sehen eine normale Einladung; halten Sie vertrauliche Details aus ihnen heraus.</translation>
    </message>
    <message>
        <source>Encrypt them with an &amp;.ics attachment</source>
        <translation>Mit einem &amp;.ics-Anhang verschlüsseln</translation>
    </message>
    <message>
        <source>Invitations are encrypted with the event as an invite.ics attachment; recipients without Postern open the attachment to add the event to their calendar, but replies are not tracked.</source>
        <translation>Einladungen werden verschlüsselt, mit dem Termin als Anhang invite.ics; Empfänger ohne Postern öffnen den Anhang, um den Termin in ihren Kalender zu übernehmen, aber Antworten werden nicht verfolgt.</translation>
    </message>
    <message>
        <source>Encrypt them like any &amp;other message</source>
        <translation>Wie jede &amp;andere Nachricht verschlüsseln</translation>
    </message>
    <message>
        <source>Invitations are encrypted unchanged; recipients with Postern get a real invitation back, while recipients without it see the invitation as text they cannot accept.</source>
        <translation>Einladungen werden unverändert verschlüsselt; Empfänger mit Postern erhalten eine echte Einladung zurück, Empfänger ohne Postern sehen die Einladung dagegen als Text, den sie nicht annehmen können.</translation>
    </message>
    <message>
        <source>Which domains?</source>
        <translation>Welche Domains?</translation>
    </message>
    <message>
        <source>Messages to these domains are encrypted. One per line; *.example.org also covers its subdomains.</source>
        <translation>Nachrichten an diese Domains werden verschlüsselt. Eine pro Zeile; *.example.org umfasst auch die Subdomains.</translation>
    </message>
    <message>
        <source>Domains to encrypt to</source>
        <translation>Domains, an die verschlüsselt wird</translation>
    </message>
    <message>
        <source>partner.example
*.partner.example</source>
        <translation>partner.example
*.partner.example</translation>
    </message>
    <message>
        <source>What if a recipient has no certificate?</source>
        <translation>Was, wenn ein Empfänger kein Zertifikat hat?</translation>
    </message>
    <message>
        <source>Postern can encrypt only to people whose certificate it has.</source>
        <translation>Postern kann nur an Personen verschlüsseln, deren Zertifikat es hat.</translation>
    </message>
    <message>
        <source>&amp;Refuse the message</source>
        <translation>Nachricht &amp;ablehnen</translation>
    </message>
    <message>
        <source>Your mail program shows an error naming the recipients without a certificate; nothing is sent in clear.</source>
        <translation>Ihr E-Mail-Programm zeigt einen Fehler mit den Empfängern ohne Zertifikat an; nichts wird unverschlüsselt gesendet.</translation>
    </message>
    <message>
        <source>Encrypt for those who can read it, send the others a &amp;clear copy</source>
        <translation>Für alle verschlüsseln, die es lesen können, den anderen eine &amp;unverschlüsselte Kopie senden</translation>
    </message>
    <message>
        <source>Recipients with a certificate get the encrypted message, the others a separate unencrypted copy.</source>
        <translation>Empfänger mit Zertifikat erhalten die verschlüsselte Nachricht, die anderen eine separate unverschlüsselte Kopie.</translation>
    </message>
    <message>
        <source>Send the whole message in c&amp;lear</source>
        <translation>Die ganze Nachricht unverschlüsselt &amp;senden</translation>
    </message>
    <message>
        <source>When anyone lacks a certificate, nobody gets it encrypted.</source>
        <translation>Sobald jemandem ein Zertifikat fehlt, erhält niemand die Nachricht verschlüsselt.</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>These rules replace the account&apos;s policy.</source>
        <translation>Diese Regeln ersetzen die Richtlinie des Kontos.</translation>
    </message>
    <message>
        <source>&amp;Create the rules</source>
        <translation>Regeln &amp;erstellen</translation>
    </message>
    <message>
        <source>The rules are in place</source>
        <translation>Die Regeln sind eingerichtet</translation>
    </message>
    <message>
        <source>Postern uses them for the next message. You can change each one on the Policies page.</source>
        <translation>Postern verwendet sie ab der nächsten Nachricht. Sie können jede einzelne auf der Seite „Richtlinien“ ändern.</translation>
    </message>
    <message>
        <source>Rules created</source>
        <translation>Regeln erstellt</translation>
    </message>
    <message>
        <source>Protect: %1</source>
        <translation>Schützen: %1</translation>
    </message>
    <message>
        <source>Meeting invitations: %1</source>
        <translation>Besprechungseinladungen: %1</translation>
    </message>
    <message>
        <source>Domains: %1</source>
        <translation>Domains: %1</translation>
    </message>
    <message>
        <source>Without a certificate: %1</source>
        <translation>Ohne Zertifikat: %1</translation>
    </message>
    <message>
        <source>The rules, tried in this order:</source>
        <translation>Die Regeln in dieser Reihenfolge:</translation>
    </message>
    <message>
        <source>%1. %2: %3</source>
        <translation>%1. %2: %3</translation>
    </message>
    <message>
        <source>When no rule matches: %1</source>
        <translation>Wenn keine Regel zutrifft: %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Name at least one domain.</source>
        <translation>Nennen Sie mindestens eine Domain.</translation>
    </message>
    <message>
        <source>The account %1 no longer exists.</source>
        <translation>Das Konto %1 existiert nicht mehr.</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::RuleEditor</name>
    <message>
        <source>It is a meeting invitation</source>
        <translation>Nachricht ist eine Besprechungseinladung</translation>
    </message>
    <message>
        <source>Recipient domain</source>
        <translation>Empfänger-Domain</translation>
    </message>
    <message>
        <source>Recipient address</source>
        <translation>Empfängeradresse</translation>
    </message>
    <message>
        <source>Every recipient has a certificate</source>
        <translation>Jeder Empfänger hat ein Zertifikat</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Absenderadresse</translation>
    </message>
    <message>
        <source>Sender domain</source>
        <translation>Absender-Domain</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Header field</source>
        <translation>Kopfzeile</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Anhang</translation>
    </message>
    <message>
        <source>Message size</source>
        <translation>Nachrichtengröße</translation>
    </message>
    <message>
        <source>Encrypt (refuse when a recipient has no certificate)</source>
        <translation>Verschlüsseln (ablehnen, wenn ein Empfänger kein Zertifikat hat)</translation>
    </message>
    <message>
        <source>Sign and encrypt</source>
        <translation>Signieren und verschlüsseln</translation>
    </message>
    <message>
        <source>Sign only</source>
        <translation>Nur signieren</translation>
    </message>
    <message>
        <source>Encrypt when possible</source>
        <translation>Verschlüsseln, wenn möglich</translation>
    </message>
    <message>
        <source>Send in clear</source>
        <translation>Unverschlüsselt senden</translation>
    </message>
    <message>
        <source>Block the message</source>
        <translation>Nachricht blockieren</translation>
    </message>
    <message>
        <source>Turn the invitation into an .ics attachment, then go on</source>
        <translation>Einladung in einen .ics-Anhang umwandeln, dann weiter</translation>
    </message>
    <message>
        <source>send the whole message in clear</source>
        <translation>die ganze Nachricht unverschlüsselt senden</translation>
    </message>
    <message>
        <source>encrypt for those who can read it, a clear copy to the others</source>
        <translation>für alle verschlüsseln, die es lesen können, den anderen eine unverschlüsselte Kopie</translation>
    </message>
    <message>
        <source>refuse the message</source>
        <translation>die Nachricht ablehnen</translation>
    </message>
    <message>
        <source>contains %1</source>
        <translation>enthält %1</translation>
    </message>
    <message>
        <source>is %1</source>
        <translation>ist %1</translation>
    </message>
    <message>
        <source>matches the pattern %1</source>
        <translation>passt auf das Muster %1</translation>
    </message>
    <message>
        <source>The header field name</source>
        <translation>Der Name der Kopfzeile</translation>
    </message>
    <message>
        <source>The text</source>
        <translation>Der Text</translation>
    </message>
    <message>
        <source>The list of addresses or domains</source>
        <translation>Die Liste der Adressen oder Domains</translation>
    </message>
    <message>
        <source>The attachment type</source>
        <translation>Der Typ des Anhangs</translation>
    </message>
    <message>
        <source>The attachment name</source>
        <translation>Der Name des Anhangs</translation>
    </message>
    <message>
        <source>The size</source>
        <translation>Die Größe</translation>
    </message>
    <message>
        <source>The rule name</source>
        <translation>Der Name der Regel</translation>
    </message>
    <message>
        <source>The reason</source>
        <translation>Der Grund</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>header %1 %2</source>
        <translation>Kopfzeile %1 %2</translation>
    </message>
    <message>
        <source>subject %1</source>
        <translation>Betreff %1</translation>
    </message>
    <message>
        <source>it is a meeting invitation</source>
        <translation>die Nachricht ist eine Besprechungseinladung</translation>
    </message>
    <message>
        <source>it is a meeting invitation (%1)</source>
        <translation>die Nachricht ist eine Besprechungseinladung (%1)</translation>
    </message>
    <message>
        <source>every recipient is one of %1</source>
        <translation>jeder Empfänger ist einer von %1</translation>
    </message>
    <message>
        <source>a recipient is one of %1</source>
        <translation>ein Empfänger ist einer von %1</translation>
    </message>
    <message>
        <source>every recipient is in %1</source>
        <translation>jeder Empfänger gehört zu %1</translation>
    </message>
    <message>
        <source>a recipient is in %1</source>
        <translation>ein Empfänger gehört zu %1</translation>
    </message>
    <message>
        <source>the sender is one of %1</source>
        <translation>der Absender ist einer von %1</translation>
    </message>
    <message>
        <source>the sender is in %1</source>
        <translation>der Absender gehört zu %1</translation>
    </message>
    <message>
        <source>every recipient has a certificate</source>
        <translation>jeder Empfänger hat ein Zertifikat</translation>
    </message>
    <message>
        <source>of type %1</source>
        <translation>vom Typ %1</translation>
    </message>
    <message>
        <source>named %1</source>
        <translation>namens %1</translation>
    </message>
    <message>
        <source>it has an attachment</source>
        <translation>die Nachricht hat einen Anhang</translation>
    </message>
    <message>
        <source>it has an attachment %1</source>
        <translation>die Nachricht hat einen Anhang %1</translation>
    </message>
    <message>
        <source>it is larger than %1</source>
        <translation>die Nachricht ist größer als %1</translation>
    </message>
    <message>
        <source>not (%1)</source>
        <translation>nicht (%1)</translation>
    </message>
    <message>
        <source>encrypt</source>
        <translation>verschlüsseln</translation>
    </message>
    <message>
        <source>sign and encrypt</source>
        <translation>signieren und verschlüsseln</translation>
    </message>
    <message>
        <source>sign</source>
        <translation>signieren</translation>
    </message>
    <message>
        <source>send in clear</source>
        <translation>unverschlüsselt senden</translation>
    </message>
    <message>
        <source>block</source>
        <translation>blockieren</translation>
    </message>
    <message>
        <source>block (&quot;%1&quot;)</source>
        <translation>blockieren („%1“)</translation>
    </message>
    <message>
        <source>turn the invitation into an .ics attachment, then go on with the next rules</source>
        <translation>die Einladung in einen .ics-Anhang umwandeln, dann mit den nächsten Regeln weitermachen</translation>
    </message>
    <message>
        <source>sign and encrypt when possible, otherwise %1</source>
        <translation>wenn möglich signieren und verschlüsseln, sonst %1</translation>
    </message>
    <message>
        <source>encrypt when possible, otherwise %1</source>
        <translation>wenn möglich verschlüsseln, sonst %1</translation>
    </message>
    <message>
        <source>turn an invitation into an .ics attachment, then %1</source>
        <translation>eine Einladung in einen .ics-Anhang umwandeln, dann %1</translation>
    </message>
    <message>
        <source>Meeting invitations in clear so every calendar can act on them; everything else encrypted.</source>
        <translation>Besprechungseinladungen unverschlüsselt, damit jeder Kalender sie verarbeiten kann; alles andere verschlüsselt.</translation>
    </message>
    <message>
        <source>Meeting invitations turned into an invite.ics attachment; everything encrypted.</source>
        <translation>Besprechungseinladungen als Anhang invite.ics; alles verschlüsselt.</translation>
    </message>
    <message>
        <source>Every message encrypted, invitations included.</source>
        <translation>Jede Nachricht verschlüsselt, Einladungen eingeschlossen.</translation>
    </message>
    <message>
        <source>Every message signed; none encrypted.</source>
        <translation>Jede Nachricht signiert; keine verschlüsselt.</translation>
    </message>
    <message>
        <source>Messages to the listed domains encrypted; the rest in clear.</source>
        <translation>Nachrichten an die aufgeführten Domains verschlüsselt; der Rest unverschlüsselt.</translation>
    </message>
    <message>
        <source>Encrypted when every recipient has a certificate, otherwise as the rule says.</source>
        <translation>Verschlüsselt, wenn jeder Empfänger ein Zertifikat hat, sonst wie in der Regel festgelegt.</translation>
    </message>
    <message>
        <source>Always: %1</source>
        <translation>Immer: %1</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>When %1: %2</source>
        <translation>Wenn zutrifft: %1 → %2</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Rule name</source>
        <translation>Name der Regel</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>A&amp;ktiviert</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wenn</translation>
    </message>
    <message>
        <source>all of these hold</source>
        <translation>alle diese Bedingungen zutreffen</translation>
    </message>
    <message>
        <source>any of these holds</source>
        <translation>eine dieser Bedingungen zutrifft</translation>
    </message>
    <message>
        <source>How the conditions combine</source>
        <translation>Wie die Bedingungen verknüpft werden</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>Bedingungen</translation>
    </message>
    <message>
        <source>A&amp;dd condition…</source>
        <translation>Bedingung hin&amp;zufügen…</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>Bearbe&amp;iten…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Ent&amp;fernen</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>Dann</translation>
    </message>
    <message>
        <source>(no condition: the rule applies to every message)</source>
        <translation>(keine Bedingung: Die Regel gilt für jede Nachricht)</translation>
    </message>
    <message>
        <source>Give the rule a name, so the activity list can say which rule decided.</source>
        <translation>Geben Sie der Regel einen Namen, damit die Aktivitätsliste zeigen kann, welche Regel entschieden hat.</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::Security</name>
    <message>
        <source>signature valid</source>
        <translation>Signatur gültig</translation>
    </message>
    <message>
        <source>signature does not match: the message was changed</source>
        <translation>Signatur stimmt nicht überein: Die Nachricht wurde verändert</translation>
    </message>
    <message>
        <source>signature intact, but the signer&apos;s certificate is not trusted</source>
        <translation>Signatur intakt, aber das Zertifikat des Signierers ist nicht vertrauenswürdig</translation>
    </message>
    <message>
        <source>signature intact, but the signer&apos;s certificate has expired</source>
        <translation>Signatur intakt, aber das Zertifikat des Signierers ist abgelaufen</translation>
    </message>
    <message>
        <source>the signer&apos;s certificate was not yet valid when it signed</source>
        <translation>Das Zertifikat des Signierers war beim Signieren noch nicht gültig</translation>
    </message>
    <message>
        <source>the signer&apos;s certificate is not meant for signing e-mail</source>
        <translation>Das Zertifikat des Signierers ist nicht zum Signieren von E-Mails vorgesehen</translation>
    </message>
    <message>
        <source>signature valid, but the signer is not the sender</source>
        <translation>Signatur gültig, aber der Signierer ist nicht der Absender</translation>
    </message>
    <message>
        <source>signed with an algorithm Postern cannot check</source>
        <translation>mit einem Algorithmus signiert, den Postern nicht prüfen kann</translation>
    </message>
    <message>
        <source>the signature is broken</source>
        <translation>Die Signatur ist beschädigt</translation>
    </message>
    <message>
        <source>Not protected: neither encrypted nor signed</source>
        <translation>Nicht geschützt: weder verschlüsselt noch signiert</translation>
    </message>
    <message>
        <source>Encrypted without a signature inside: changes in transit could not be noticed</source>
        <translation>Verschlüsselt ohne innere Signatur: Änderungen auf dem Transportweg wären nicht erkennbar gewesen</translation>
    </message>
    <message>
        <source>Intact: nothing was changed since it was protected</source>
        <translation>Intakt: Seit dem Schutz wurde nichts verändert</translation>
    </message>
    <message>
        <source>Broken: the message was changed after it was protected</source>
        <translation>Beschädigt: Die Nachricht wurde nach dem Schutz verändert</translation>
    </message>
    <message>
        <source>Unknown: a security layer could not be opened</source>
        <translation>Unbekannt: Eine Sicherheitsebene konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation>Nicht verschlüsselt</translation>
    </message>
    <message>
        <source>Encrypted (%1)</source>
        <translation>Verschlüsselt (%1)</translation>
    </message>
    <message>
        <source>Encrypted, not decrypted</source>
        <translation>Verschlüsselt, nicht entschlüsselt</translation>
    </message>
    <message>
        <source>not signed</source>
        <translation>nicht signiert</translation>
    </message>
    <message>
        <source>an unknown signer</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>signed by %1: %2</source>
        <translation>signiert (Signierer: %1): %2</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Start &amp;minimised to the system tray</source>
        <translation>&amp;Minimiert im Infobereich starten</translation>
    </message>
    <message>
        <source>Start Postern when I &amp;log in</source>
        <translation>Postern beim &amp;Anmelden starten</translation>
    </message>
    <message numerus="yes">
        <source> minutes</source>
        <translation>
            <numerusform> Minute</numerusform>
            <numerusform> Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>until Postern quits</source>
        <translation>bis Postern beendet wird</translation>
    </message>
    <message>
        <source>How long the passphrase is remembered</source>
        <translation>Wie lange die Passphrase gespeichert bleibt</translation>
    </message>
    <message>
        <source>Remember the &amp;passphrase for:</source>
        <translation>&amp;Passphrase merken für:</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <source>What Postern does (normal)</source>
        <translation>Was Postern tut (normal)</translation>
    </message>
    <message>
        <source>Everything, for finding a problem</source>
        <translation>Alles, zur Fehlersuche</translation>
    </message>
    <message>
        <source>Log level</source>
        <translation>Protokollstufe</translation>
    </message>
    <message>
        <source>&amp;Log:</source>
        <translation>Pr&amp;otokoll:</translation>
    </message>
    <message>
        <source>The log never contains passwords, passphrases or message contents.</source>
        <translation>Das Protokoll enthält niemals Passwörter, Passphrasen oder Nachrichteninhalte.</translation>
    </message>
    <message>
        <source>The passphrase time could not be saved: %1</source>
        <translation>Die Dauer für die Passphrase konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Starting at login could not be changed: %1</source>
        <translation>Der Start bei der Anmeldung konnte nicht geändert werden: %1</translation>
    </message>
    <message>
        <source>%1 cannot be removed</source>
        <translation>%1 kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>%1 cannot be created</source>
        <translation>%1 kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>Protects your mail with S/MIME</source>
        <translation>Schützt Ihre E-Mails mit S/MIME</translation>
    </message>
    <message>
        <source>Keep decrypted messages on &amp;disk between runs</source>
        <translation>Entschlüsselte Nachrichten zwischen Programmstarts auf der &amp;Festplatte behalten</translation>
    </message>
    <message>
        <source>Messages are kept encrypted under a key from your certificate store, so a restart does not download and decrypt them again. Turning this off deletes them.</source>
        <translation>Die Nachrichten werden unter einem Schlüssel aus Ihrem Zertifikatsspeicher verschlüsselt aufbewahrt, sodass sie nach einem Neustart nicht erneut heruntergeladen und entschlüsselt werden. Beim Ausschalten werden sie gelöscht.</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Most disk space decrypted messages may take</source>
        <translation>Höchster Speicherplatz für entschlüsselte Nachrichten</translation>
    </message>
    <message>
        <source>Disk space for decrypted &amp;messages:</source>
        <translation>&amp;Speicherplatz für entschlüsselte Nachrichten:</translation>
    </message>
    <message>
        <source>The message cache setting could not be saved: %1</source>
        <translation>Die Einstellung für den Nachrichtenzwischenspeicher konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::TrayController</name>
    <message>
        <source>&amp;Show Postern</source>
        <translation>Postern &amp;anzeigen</translation>
    </message>
    <message>
        <source>&amp;Pause all proxies</source>
        <translation>Alle Proxys &amp;pausieren</translation>
    </message>
    <message>
        <source>No message relayed yet</source>
        <translation>Noch keine Nachricht weitergeleitet</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Proxies off: the certificate store could not be opened</source>
        <translation>Proxys aus: Der Zertifikatsspeicher konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>All proxies paused</source>
        <translation>Alle Proxys pausiert</translation>
    </message>
    <message>
        <source>No accounts yet: add one on the Accounts page</source>
        <translation>Noch keine Konten: Fügen Sie auf der Seite „Konten“ eines hinzu</translation>
    </message>
    <message numerus="yes">
        <source>Proxies running for %1 of %n accounts</source>
        <translation>
            <numerusform>Proxys aktiv für %1 von %n Konto</numerusform>
            <numerusform>Proxys aktiv für %1 von %n Konten</numerusform>
        </translation>
    </message>
    <message>
        <source> — %1</source>
        <translation> — %1</translation>
    </message>
    <message>
        <source>Postern: %1</source>
        <translation>Postern: %1</translation>
    </message>
    <message>
        <source>%1
Last: %2</source>
        <translation>%1
Zuletzt: %2</translation>
    </message>
    <message>
        <source>%1: “%2” — %3</source>
        <translation>%1: „%2“ — %3</translation>
    </message>
    <message>
        <source>A message was not sent</source>
        <translation>Eine Nachricht wurde nicht gesendet</translation>
    </message>
    <message>
        <source>“%1” to %2: %3</source>
        <translation>„%1“ an %2: %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
</TS>
