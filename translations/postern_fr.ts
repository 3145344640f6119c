<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Postern::Calendar::InvitationPreview</name>
    <message>
        <source>Calendar message</source>
        <translation>Message d’agenda</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Original time</source>
        <translation>Heure d’origine</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Répétition</translation>
    </message>
    <message>
        <source>Exceptions</source>
        <translation>Exceptions</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <source>Join online</source>
        <translation>Rejoindre en ligne</translation>
    </message>
    <message>
        <source>Organizer</source>
        <translation>Organisateur</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>Réponses</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Formatted description</source>
        <translation>Description mise en forme</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Rappel</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Pièce jointe</translation>
    </message>
    <message>
        <source>Show as</source>
        <translation>Afficher comme</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>%1 (sent by %2)</source>
        <translation>%1 (envoyé par %2)</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Reply: %1 accepted</source>
        <translation>Réponse : %1 a accepté</translation>
    </message>
    <message>
        <source>Reply: %1 declined</source>
        <translation>Réponse : %1 a refusé</translation>
    </message>
    <message>
        <source>Reply: %1 tentatively accepted</source>
        <translation>Réponse : %1 a accepté provisoirement</translation>
    </message>
    <message>
        <source>Reply: %1 delegated</source>
        <translation>Réponse : %1 a délégué</translation>
    </message>
    <message>
        <source>Reply from %1</source>
        <translation>Réponse de %1</translation>
    </message>
    <message>
        <source>Cancelled occurrence</source>
        <translation>Occurrence annulée</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Updated invitation</source>
        <translation>Invitation mise à jour</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>Invitation</translation>
    </message>
    <message>
        <source>Counter-proposal</source>
        <translation>Contre-proposition</translation>
    </message>
    <message>
        <source>Counter-proposal from %1</source>
        <translation>Contre-proposition de %1</translation>
    </message>
    <message>
        <source>Counter-proposal declined</source>
        <translation>Contre-proposition refusée</translation>
    </message>
    <message>
        <source>Added occurrences</source>
        <translation>Occurrences ajoutées</translation>
    </message>
    <message>
        <source>Request for the latest version</source>
        <translation>Demande de la dernière version</translation>
    </message>
    <message>
        <source>Published event</source>
        <translation>Événement publié</translation>
    </message>
    <message>
        <source>Calendar event</source>
        <translation>Événement d’agenda</translation>
    </message>
    <message>
        <source>Calendar message (%1)</source>
        <translation>Message d’agenda (%1)</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 jour</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 jours</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 heure</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 heures</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 minute</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 minutes</translation>
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
        <translation>%1 (toute la journée)</translation>
    </message>
    <message>
        <source>%1 – %2 (all day)</source>
        <translation>%1 – %2 (toute la journée)</translation>
    </message>
    <message>
        <source>No start time given</source>
        <translation>Aucune heure de début indiquée</translation>
    </message>
    <message>
        <source>%1 (local time wherever you are)</source>
        <translation>%1 (heure locale, où que vous soyez)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepté</translation>
    </message>
    <message>
        <source>Tentative</source>
        <translation>Provisoire</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <source>Delegated</source>
        <translation>Délégué</translation>
    </message>
    <message>
        <source>Awaiting answer</source>
        <translation>Réponse en attente</translation>
    </message>
    <message>
        <source>Other answer</source>
        <translation>Autre réponse</translation>
    </message>
    <message>
        <source>%1 accepted</source>
        <translation>%1 accepté(s)</translation>
    </message>
    <message>
        <source>%1 tentative</source>
        <translation>%1 provisoire(s)</translation>
    </message>
    <message>
        <source>%1 declined</source>
        <translation>%1 refusé(s)</translation>
    </message>
    <message>
        <source>%1 delegated</source>
        <translation>%1 délégué(s)</translation>
    </message>
    <message>
        <source>%1 awaiting answer</source>
        <translation>%1 en attente de réponse</translation>
    </message>
    <message>
        <source>%1 other</source>
        <translation>%1 autre(s)</translation>
    </message>
    <message>
        <source>chair</source>
        <translation>présidence</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <source>for information</source>
        <translation>pour information</translation>
    </message>
    <message>
        <source>required</source>
        <translation>obligatoire</translation>
    </message>
    <message>
        <source>room</source>
        <translation>salle</translation>
    </message>
    <message>
        <source>resource</source>
        <translation>ressource</translation>
    </message>
    <message>
        <source>group</source>
        <translation>groupe</translation>
    </message>
    <message>
        <source>delegated to %1</source>
        <translation>délégué à %1</translation>
    </message>
    <message>
        <source>At %1</source>
        <translation>Le %1</translation>
    </message>
    <message>
        <source>At the end</source>
        <translation>À la fin</translation>
    </message>
    <message>
        <source>%1 before the end</source>
        <translation>%1 avant la fin</translation>
    </message>
    <message>
        <source>%1 after the end</source>
        <translation>%1 après la fin</translation>
    </message>
    <message>
        <source>At the start</source>
        <translation>Au début</translation>
    </message>
    <message>
        <source>%1 before the start</source>
        <translation>%1 avant le début</translation>
    </message>
    <message>
        <source>%1 after the start</source>
        <translation>%1 après le début</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Libre</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Occupé</translation>
    </message>
    <message>
        <source>Out of office</source>
        <translation>Absent du bureau</translation>
    </message>
    <message>
        <source>Working elsewhere</source>
        <translation>Travail ailleurs</translation>
    </message>
    <message>
        <source>1 changed occurrence</source>
        <translation>1 occurrence modifiée</translation>
    </message>
    <message>
        <source>%1 changed occurrences</source>
        <translation>%1 occurrences modifiées</translation>
    </message>
    <message>
        <source>1 date left out</source>
        <translation>1 date exclue</translation>
    </message>
    <message>
        <source>%1 dates left out</source>
        <translation>%1 dates exclues</translation>
    </message>
    <message>
        <source>Embedded file</source>
        <translation>Fichier intégré</translation>
    </message>
</context>
<context>
    <name>Postern::PassphrasePrompt</name>
    <message>
        <source>That passphrase is wrong. Try again:</source>
        <translation>Cette phrase secrète est incorrecte. Réessayez :</translation>
    </message>
    <message>
        <source>Unlock the certificate store</source>
        <translation>Déverrouiller le magasin de certificats</translation>
    </message>
    <message>
        <source>A message you are sending must be signed. Enter the passphrase of Postern&apos;s certificate store:</source>
        <translation>Un message que vous envoyez doit être signé. Saisissez la phrase secrète du magasin de certificats de Postern :</translation>
    </message>
</context>
<context>
    <name>Postern::Service::ConnectionTest</name>
    <message>
        <source>The server name or port is missing.</source>
        <translation>Le nom du serveur ou le port est manquant.</translation>
    </message>
    <message>
        <source>Postern connects without encryption only to a server on this computer. Choose TLS or STARTTLS for %1.</source>
        <translation>Postern ne se connecte sans chiffrement qu’à un serveur situé sur cet ordinateur. Choisissez TLS ou STARTTLS pour %1.</translation>
    </message>
    <message>
        <source>with TLS</source>
        <translation>avec TLS</translation>
    </message>
    <message>
        <source>switching to TLS with STARTTLS</source>
        <translation>en passant à TLS avec STARTTLS</translation>
    </message>
    <message>
        <source>without encryption (the server is on this computer)</source>
        <translation>sans chiffrement (le serveur est sur cet ordinateur)</translation>
    </message>
    <message>
        <source>Connecting to %1 on port %2, %3.</source>
        <translation>Connexion à %1 sur le port %2, %3.</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>la connexion</translation>
    </message>
    <message>
        <source>setting up the encrypted connection</source>
        <translation>l’établissement de la connexion chiffrée</translation>
    </message>
    <message>
        <source>waiting for the server&apos;s greeting</source>
        <translation>l’attente du message d’accueil du serveur</translation>
    </message>
    <message>
        <source>asking what the server supports</source>
        <translation>la demande des fonctions prises en charge par le serveur</translation>
    </message>
    <message>
        <source>asking the server to switch to encryption (STARTTLS)</source>
        <translation>la demande de passage au chiffrement (STARTTLS)</translation>
    </message>
    <message>
        <source>introducing Postern to the server (EHLO)</source>
        <translation>la présentation de Postern au serveur (EHLO)</translation>
    </message>
    <message>
        <source>logging in</source>
        <translation>l’identification</translation>
    </message>
    <message>
        <source>closing the connection</source>
        <translation>la fermeture de la connexion</translation>
    </message>
    <message>
        <source>The connection is encrypted (%1). The server&apos;s certificate is for &quot;%2&quot;, issued by &quot;%3&quot;, and is trusted.</source>
        <translation>La connexion est chiffrée (%1). Le certificat du serveur est établi pour « %2 », émis par « %3 », et il est approuvé.</translation>
    </message>
    <message>
        <source>Connected; setting up encryption.</source>
        <translation>Connecté ; mise en place du chiffrement.</translation>
    </message>
    <message>
        <source>Connected; the connection is not encrypted yet.</source>
        <translation>Connecté ; la connexion n’est pas encore chiffrée.</translation>
    </message>
    <message>
        <source>Connected, without encryption.</source>
        <translation>Connecté, sans chiffrement.</translation>
    </message>
    <message>
        <source>The server agreed to switch to encryption.</source>
        <translation>Le serveur a accepté de passer au chiffrement.</translation>
    </message>
    <message>
        <source>The server did not answer within %1 seconds while %2. It may be down or overloaded, or a firewall may block port %3.</source>
        <translation>Le serveur n’a pas répondu dans les %1 secondes pendant %2. Il est peut-être arrêté ou surchargé, ou un pare-feu bloque le port %3.</translation>
    </message>
    <message>
        <source>The server name &quot;%1&quot; was not found. Check the spelling of the server name, and that this computer is connected to the internet.</source>
        <translation>Le nom de serveur « %1 » est introuvable. Vérifiez l’orthographe du nom du serveur et que cet ordinateur est bien connecté à Internet.</translation>
    </message>
    <message>
        <source>%1 refused the connection on port %2: no mail service answers there. Check the port (IMAP: 993 with TLS or 143 with STARTTLS; SMTP: 465 with TLS or 587 with STARTTLS).</source>
        <translation>%1 a refusé la connexion sur le port %2 : aucun service de messagerie n’y répond. Vérifiez le port (IMAP : 993 avec TLS ou 143 avec STARTTLS ; SMTP : 465 avec TLS ou 587 avec STARTTLS).</translation>
    </message>
    <message>
        <source>%1 cannot be reached from this computer (%2). Check the network connection.</source>
        <translation>%1 est injoignable depuis cet ordinateur (%2). Vérifiez la connexion réseau.</translation>
    </message>
    <message>
        <source>No encrypted connection could be set up on port %1: the server does not seem to speak TLS there. If this port expects STARTTLS, choose STARTTLS; otherwise use the server&apos;s TLS port (IMAP 993, SMTP 465). (%2)</source>
        <translation>Impossible d’établir une connexion chiffrée sur le port %1 : le serveur ne semble pas y parler TLS. Si ce port attend STARTTLS, choisissez STARTTLS ; sinon, utilisez le port TLS du serveur (IMAP 993, SMTP 465). (%2)</translation>
    </message>
    <message>
        <source>No encrypted connection could be set up with the server (%1).</source>
        <translation>Impossible d’établir une connexion chiffrée avec le serveur (%1).</translation>
    </message>
    <message>
        <source>The server closed the connection while %1.</source>
        <translation>Le serveur a fermé la connexion pendant %1.</translation>
    </message>
    <message>
        <source>The connection failed while %1: %2</source>
        <translation>La connexion a échoué pendant %1 : %2</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is for another name: it is for %1, not for &quot;%2&quot;. Check the server name in the account settings; if it is right, the server is set up for another name.</source>
        <translation>Le certificat du serveur est établi pour un autre nom : pour %1, et non pour « %2 ». Vérifiez le nom du serveur dans les paramètres du compte ; s’il est correct, le serveur est configuré pour un autre nom.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate (&quot;%1&quot;) expired on %2. The server&apos;s administrator must renew it.</source>
        <translation>Le certificat du serveur (« %1 ») a expiré le %2. L’administrateur du serveur doit le renouveler.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate (&quot;%1&quot;) is valid only from %2. Check this computer&apos;s date and time.</source>
        <translation>Le certificat du serveur (« %1 ») n’est valide qu’à partir du %2. Vérifiez la date et l’heure de cet ordinateur.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate was not accepted: %1.</source>
        <translation>Le certificat du serveur n’a pas été accepté : %1.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is self-signed (subject &quot;%1&quot;, issued by itself), so no known authority vouches for it. If you trust this server, add its certificate to the account&apos;s CA certificates.</source>
        <translation>Le certificat du serveur est auto-signé (sujet « %1 », émis par lui-même) : aucune autorité connue ne s’en porte garante. Si vous faites confiance à ce serveur, ajoutez son certificat aux certificats d’autorité du compte.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate (subject &quot;%1&quot;) was issued by &quot;%2&quot;, an authority this computer does not know. If you trust that authority, add its CA certificate to the account&apos;s CA certificates.</source>
        <translation>Le certificat du serveur (sujet « %1 ») a été émis par « %2 », une autorité que cet ordinateur ne connaît pas. Si vous faites confiance à cette autorité, ajoutez son certificat aux certificats d’autorité du compte.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not IMAP (%1). Check that the port belongs to the IMAP service.</source>
        <translation>La réponse du serveur n’est pas de l’IMAP (%1). Vérifiez que le port correspond au service IMAP.</translation>
    </message>
    <message>
        <source>The server refused the connection: &quot;%1&quot;.</source>
        <translation>Le serveur a refusé la connexion : « %1 ».</translation>
    </message>
    <message>
        <source>The server greeted Postern as an IMAP server.</source>
        <translation>Le serveur s’est présenté à Postern comme serveur IMAP.</translation>
    </message>
    <message>
        <source>The server ended the session while %1: &quot;%2&quot;.</source>
        <translation>Le serveur a mis fin à la session pendant %1 : « %2 ».</translation>
    </message>
    <message>
        <source>The server did not say what it supports: &quot;%1&quot;.</source>
        <translation>Le serveur n’a pas indiqué ce qu’il prend en charge : « %1 ».</translation>
    </message>
    <message>
        <source>The server refused to switch to encryption (STARTTLS): &quot;%1&quot;.</source>
        <translation>Le serveur a refusé de passer au chiffrement (STARTTLS) : « %1 ».</translation>
    </message>
    <message>
        <source>Logged in as %1.</source>
        <translation>Identifié en tant que %1.</translation>
    </message>
    <message>
        <source>The connection and the login work.</source>
        <translation>La connexion et l’identification fonctionnent.</translation>
    </message>
    <message>
        <source>The server requires an encrypted connection before login. Choose TLS or STARTTLS.</source>
        <translation>Le serveur exige une connexion chiffrée avant l’identification. Choisissez TLS ou STARTTLS.</translation>
    </message>
    <message>
        <source>The server cannot log anyone in right now: &quot;%1&quot;. Try again later.</source>
        <translation>Le serveur ne peut identifier personne pour le moment : « %1 ». Réessayez plus tard.</translation>
    </message>
    <message>
        <source>The user name or password is wrong (the server said: &quot;%1&quot;).</source>
        <translation>Le nom d’utilisateur ou le mot de passe est incorrect (réponse du serveur : « %1 »).</translation>
    </message>
    <message>
        <source>The server did not accept the login: &quot;%1&quot;.</source>
        <translation>Le serveur n’a pas accepté l’identification : « %1 ».</translation>
    </message>
    <message>
        <source>The server does not offer STARTTLS on port %1, so the connection cannot be encrypted. Postern never continues without encryption: use the server&apos;s TLS port (usually 993) with TLS, or ask the server&apos;s administrator.</source>
        <translation>Le serveur ne propose pas STARTTLS sur le port %1 : la connexion ne peut donc pas être chiffrée. Postern ne continue jamais sans chiffrement : utilisez le port TLS du serveur (généralement 993) avec TLS, ou adressez-vous à l’administrateur du serveur.</translation>
    </message>
    <message>
        <source>The server offers STARTTLS.</source>
        <translation>Le serveur propose STARTTLS.</translation>
    </message>
    <message>
        <source>The connection works. The login was not tested: no password was given.</source>
        <translation>La connexion fonctionne. L’identification n’a pas été testée : aucun mot de passe n’a été saisi.</translation>
    </message>
    <message>
        <source>The server does not allow logging in with a password (LOGIN).</source>
        <translation>Le serveur n’autorise pas l’identification par mot de passe (LOGIN).</translation>
    </message>
    <message>
        <source>Logging in as %1.</source>
        <translation>Identification en tant que %1.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not SMTP. Check that the port belongs to the SMTP service.</source>
        <translation>La réponse du serveur n’est pas du SMTP. Vérifiez que le port correspond au service SMTP.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not SMTP (&quot;%1&quot;). Check that the port belongs to the SMTP service.</source>
        <translation>La réponse du serveur n’est pas du SMTP (« %1 »). Vérifiez que le port correspond au service SMTP.</translation>
    </message>
    <message>
        <source>The server refused the connection: %1 &quot;%2&quot;.</source>
        <translation>Le serveur a refusé la connexion : %1 « %2 ».</translation>
    </message>
    <message>
        <source>The server greeted Postern as an SMTP server.</source>
        <translation>Le serveur s’est présenté à Postern comme serveur SMTP.</translation>
    </message>
    <message>
        <source>The server did not accept Postern&apos;s introduction (EHLO): %1 &quot;%2&quot;.</source>
        <translation>Le serveur n’a pas accepté la présentation de Postern (EHLO) : %1 « %2 ».</translation>
    </message>
    <message>
        <source>The server refused to switch to encryption (STARTTLS): %1 &quot;%2&quot;.</source>
        <translation>Le serveur a refusé de passer au chiffrement (STARTTLS) : %1 « %2 ».</translation>
    </message>
    <message>
        <source>The user name or password is wrong (the server said: %1 &quot;%2&quot;).</source>
        <translation>Le nom d’utilisateur ou le mot de passe est incorrect (réponse du serveur : %1 « %2 »).</translation>
    </message>
    <message>
        <source>The server cannot log anyone in right now: %1 &quot;%2&quot;. Try again later.</source>
        <translation>Le serveur ne peut identifier personne pour le moment : %1 « %2 ». Réessayez plus tard.</translation>
    </message>
    <message>
        <source>The server did not accept the login: %1 &quot;%2&quot;.</source>
        <translation>Le serveur n’a pas accepté l’identification : %1 « %2 ».</translation>
    </message>
    <message>
        <source>The server does not offer STARTTLS on port %1, so the connection cannot be encrypted. Postern never continues without encryption: use the server&apos;s TLS port (usually 465) with TLS, or ask the server&apos;s administrator.</source>
        <translation>Le serveur ne propose pas STARTTLS sur le port %1 : la connexion ne peut donc pas être chiffrée. Postern ne continue jamais sans chiffrement : utilisez le port TLS du serveur (généralement 465) avec TLS, ou adressez-vous à l’administrateur du serveur.</translation>
    </message>
    <message>
        <source>The server does not offer logging in (SMTP AUTH) on this port. Check the port: mail is usually sent on 587 (STARTTLS) or 465 (TLS).</source>
        <translation>Le serveur ne propose pas d’identification (SMTP AUTH) sur ce port. Vérifiez le port : le courrier est généralement envoyé sur le port 587 (STARTTLS) ou 465 (TLS).</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::AboutDialog</name>
    <message>
        <source>About Postern</source>
        <translation>À propos de Postern</translation>
    </message>
    <message>
        <source>Postern icon</source>
        <translation>Icône de Postern</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Postern %1&lt;/h2&gt;&lt;p&gt;S/MIME for your mail program, with meeting invitations that keep working.&lt;/p&gt;&lt;p&gt;Postern runs on this computer between your mail program and your mail servers: it encrypts and signs outgoing mail as your policy says, decrypts and checks incoming mail, and gives encrypted invitations back to your calendar as real invitations.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Postern %1&lt;/h2&gt;&lt;p&gt;S/MIME pour votre logiciel de messagerie, avec des invitations aux réunions qui continuent de fonctionner.&lt;/p&gt;&lt;p&gt;Postern s’exécute sur cet ordinateur, entre votre logiciel de messagerie et vos serveurs de messagerie : il chiffre et signe les courriels sortants selon vos règles, déchiffre et vérifie les courriels entrants, et rend à votre agenda les invitations chiffrées sous forme de véritables invitations.&lt;/p&gt;&lt;p&gt;Compilé avec Qt %2, exécuté avec Qt %3.&lt;/p&gt;</translation>
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
        <translation>Aucun (cet ordinateur uniquement)</translation>
    </message>
    <message>
        <source>SSL/TLS: encrypted from the start (usually ports 993 and 465). STARTTLS: upgraded to encryption at once (usually port 587); Postern never goes on without it.</source>
        <translation>SSL/TLS : chiffré dès le départ (généralement les ports 993 et 465). STARTTLS : passage immédiat au chiffrement (généralement le port 587) ; Postern ne continue jamais sans lui.</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Nouveau compte</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Compte %1</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Nom du compte</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>E-mail addresses</source>
        <translation>Adresses électroniques</translation>
    </message>
    <message>
        <source>One address per line</source>
        <translation>Une adresse par ligne</translation>
    </message>
    <message>
        <source>&amp;Addresses:</source>
        <translation>&amp;Adresses :</translation>
    </message>
    <message>
        <source>Identity: the certificate that signs and decrypts</source>
        <translation>Identité : le certificat qui signe et déchiffre</translation>
    </message>
    <message>
        <source>Chosen by address</source>
        <translation>Choisie selon l’adresse</translation>
    </message>
    <message>
        <source>%1 (%2, until %3)</source>
        <translation>%1 (%2, jusqu’au %3)</translation>
    </message>
    <message>
        <source>%1 (not in the store)</source>
        <translation>%1 (absent du magasin)</translation>
    </message>
    <message>
        <source>&amp;Identity:</source>
        <translation>&amp;Identité :</translation>
    </message>
    <message>
        <source>Your mail servers</source>
        <translation>Vos serveurs de messagerie</translation>
    </message>
    <message>
        <source>imap.example.org</source>
        <translation>imap.example.org</translation>
    </message>
    <message>
        <source>IMAP server host</source>
        <translation>Nom du serveur IMAP</translation>
    </message>
    <message>
        <source>IMAP server port</source>
        <translation>Port du serveur IMAP</translation>
    </message>
    <message>
        <source>IMAP server security</source>
        <translation>Sécurité du serveur IMAP</translation>
    </message>
    <message>
        <source>I&amp;MAP (incoming):</source>
        <translation>I&amp;MAP (entrant) :</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>Identifiant de connexion</translation>
    </message>
    <message>
        <source>Only when it is not your address</source>
        <translation>Seulement s’il diffère de votre adresse</translation>
    </message>
    <message>
        <source>&amp;Login name:</source>
        <translation>Identifiant de conne&amp;xion :</translation>
    </message>
    <message>
        <source>smtp.example.org</source>
        <translation>smtp.example.org</translation>
    </message>
    <message>
        <source>SMTP server host</source>
        <translation>Nom du serveur SMTP</translation>
    </message>
    <message>
        <source>SMTP server port</source>
        <translation>Port du serveur SMTP</translation>
    </message>
    <message>
        <source>SMTP server security</source>
        <translation>Sécurité du serveur SMTP</translation>
    </message>
    <message>
        <source>&amp;SMTP (outgoing):</source>
        <translation>&amp;SMTP (sortant) :</translation>
    </message>
    <message>
        <source>Extra server certificates</source>
        <translation>Certificats de serveur supplémentaires</translation>
    </message>
    <message>
        <source>Add &amp;certificate file…</source>
        <translation>Ajouter un fichier de &amp;certificat…</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>Retire&amp;r</translation>
    </message>
    <message>
        <source>Trusted server
certificates:</source>
        <translation>Certificats de serveur
approuvés :</translation>
    </message>
    <message>
        <source>Password for the connection test</source>
        <translation>Mot de passe pour le test de connexion</translation>
    </message>
    <message>
        <source>Optional: to test the login too (used once, never stored)</source>
        <translation>Facultatif : pour tester aussi l’identification (utilisé une seule fois, jamais enregistré)</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Mot de &amp;passe :</translation>
    </message>
    <message>
        <source>&amp;Test IMAP connection</source>
        <translation>&amp;Tester la connexion IMAP</translation>
    </message>
    <message>
        <source>T&amp;est SMTP connection</source>
        <translation>T&amp;ester la connexion SMTP</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Résultat du test de connexion</translation>
    </message>
    <message>
        <source>On this computer (what your mail program connects to)</source>
        <translation>Sur cet ordinateur (ce à quoi votre logiciel de messagerie se connecte)</translation>
    </message>
    <message>
        <source>Local IMAP port</source>
        <translation>Port IMAP local</translation>
    </message>
    <message>
        <source>Local IMAP p&amp;ort:</source>
        <translation>P&amp;ort IMAP local :</translation>
    </message>
    <message>
        <source>Local SMTP port</source>
        <translation>Port SMTP local</translation>
    </message>
    <message>
        <source>Local SMTP po&amp;rt:</source>
        <translation>Port SMTP &amp;local :</translation>
    </message>
    <message>
        <source>Local IMAP port with TLS</source>
        <translation>Port IMAP local avec TLS</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>IMAP with TLS (optional):</source>
        <translation>IMAP avec TLS (facultatif) :</translation>
    </message>
    <message>
        <source>Local SMTP port with TLS</source>
        <translation>Port SMTP local avec TLS</translation>
    </message>
    <message>
        <source>SMTP with TLS (optional):</source>
        <translation>SMTP avec TLS (facultatif) :</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>(unreadable certificate)</source>
        <translation>(certificat illisible)</translation>
    </message>
    <message>
        <source>Give the account a name.</source>
        <translation>Donnez un nom au compte.</translation>
    </message>
    <message>
        <source>An account named %1 exists already.</source>
        <translation>Un compte nommé %1 existe déjà.</translation>
    </message>
    <message>
        <source>Enter at least one e-mail address the account sends as.</source>
        <translation>Saisissez au moins une adresse électronique d’envoi pour ce compte.</translation>
    </message>
    <message>
        <source>%1 is not an e-mail address.</source>
        <translation>%1 n’est pas une adresse électronique.</translation>
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
        <translation>Saisissez le nom d’hôte de votre serveur %1.</translation>
    </message>
    <message>
        <source>Without TLS, your password and mail would cross the network in plain text; &quot;None&quot; is allowed only for a server on this computer. Choose SSL/TLS or STARTTLS for %1.</source>
        <translation>Sans TLS, votre mot de passe et vos courriels traverseraient le réseau en clair ; « Aucun » n’est autorisé que pour un serveur situé sur cet ordinateur. Choisissez SSL/TLS ou STARTTLS pour %1.</translation>
    </message>
    <message>
        <source>Local ports must be from 1024 to 65535.</source>
        <translation>Les ports locaux doivent être compris entre 1024 et 65535.</translation>
    </message>
    <message>
        <source>Port %1 on this computer is in use by another program.</source>
        <translation>Le port %1 de cet ordinateur est utilisé par un autre programme.</translation>
    </message>
    <message>
        <source>This cannot be saved: %1 %2</source>
        <translation>Impossible d’enregistrer : %1 %2</translation>
    </message>
    <message>
        <source>Server certificate or root</source>
        <translation>Certificat de serveur ou racine</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Certificats (*.pem *.crt *.cer *.der);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>%1 holds no certificate (PEM or DER expected).</source>
        <translation>%1 ne contient aucun certificat (PEM ou DER attendu).</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <source>It works: %1</source>
        <translation>Cela fonctionne : %1</translation>
    </message>
    <message>
        <source>It does not work: %1</source>
        <translation>Cela ne fonctionne pas : %1</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::AccountsPage</name>
    <message>
        <source>No profile is open.</source>
        <translation>Aucun profil n’est ouvert.</translation>
    </message>
    <message>
        <source>The accounts file cannot be used: %1. Shown and running is the last good version. Fix or remove the file to make changes here; Postern will not overwrite it.</source>
        <translation>Le fichier des comptes est inutilisable : %1. La dernière version valide est affichée et en service. Corrigez ou supprimez le fichier pour pouvoir faire des modifications ici ; Postern ne l’écrasera pas.</translation>
    </message>
    <message>
        <source>The accounts file cannot be used: %1. Fix or remove the file to make changes here; Postern will not overwrite it.</source>
        <translation>Le fichier des comptes est inutilisable : %1. Corrigez ou supprimez le fichier pour pouvoir faire des modifications ici ; Postern ne l’écrasera pas.</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>Rien n’a été enregistré : %1</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Accounts file problem</source>
        <translation>Problème de fichier des comptes</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adresses</translation>
    </message>
    <message>
        <source>Proxies</source>
        <translation>Proxys</translation>
    </message>
    <message>
        <source>Local ports</source>
        <translation>Ports locaux</translation>
    </message>
    <message>
        <source>Mail servers</source>
        <translation>Serveurs de messagerie</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>Mettre en &amp;pause</translation>
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
        <translation>désactivés</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pause</translation>
    </message>
    <message>
        <source>running</source>
        <translation>actifs</translation>
    </message>
    <message>
        <source>not running (see the status bar)</source>
        <translation>arrêtés (voir la barre d’état)</translation>
    </message>
    <message>
        <source>Re&amp;sume</source>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <source>Resume this account&apos;s proxies</source>
        <translation>Reprendre les proxys de ce compte</translation>
    </message>
    <message>
        <source>Pause this account&apos;s proxies</source>
        <translation>Mettre en pause les proxys de ce compte</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Supprimer le compte</translation>
    </message>
    <message>
        <source>Remove the account %1 and its policy? Your mail program will no longer reach its mail through Postern.</source>
        <translation>Supprimer le compte %1 et ses règles ? Votre logiciel de messagerie n’accédera plus à son courrier via Postern.</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::ActionFields</name>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Action :</translation>
    </message>
    <message>
        <source>Shown to you by your mail program when it is blocked</source>
        <translation>Affiché par votre logiciel de messagerie quand le message est bloqué</translation>
    </message>
    <message>
        <source>Reason for blocking</source>
        <translation>Motif du blocage</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motif :</translation>
    </message>
    <message>
        <source>When a recipient has no certificate</source>
        <translation>Quand un destinataire n’a pas de certificat</translation>
    </message>
    <message>
        <source>&amp;Without a certificate:</source>
        <translation>&amp;Sans certificat :</translation>
    </message>
    <message>
        <source>&amp;Sign as well</source>
        <translation>Si&amp;gner aussi</translation>
    </message>
    <message>
        <source>Turn a meeting &amp;invitation into an .ics attachment first</source>
        <translation>Transformer d’abord une &amp;invitation à une réunion en pièce jointe .ics</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::ActivityPage</name>
    <message>
        <source>Encrypted</source>
        <translation>Chiffré</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signé</translation>
    </message>
    <message>
        <source>Signed and encrypted</source>
        <translation>Signé et chiffré</translation>
    </message>
    <message>
        <source>Sent as is</source>
        <translation>Envoyé tel quel</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Bloqué</translation>
    </message>
    <message>
        <source>Decrypt</source>
        <translation>Déchiffrer</translation>
    </message>
    <message>
        <source>signature valid</source>
        <translation>signature valide</translation>
    </message>
    <message>
        <source>signature does not match</source>
        <translation>la signature ne correspond pas</translation>
    </message>
    <message>
        <source>signer not trusted</source>
        <translation>signataire non approuvé</translation>
    </message>
    <message>
        <source>signer&apos;s certificate expired</source>
        <translation>certificat du signataire expiré</translation>
    </message>
    <message>
        <source>signer&apos;s certificate not yet valid</source>
        <translation>certificat du signataire pas encore valide</translation>
    </message>
    <message>
        <source>certificate not for e-mail</source>
        <translation>certificat non prévu pour le courriel</translation>
    </message>
    <message>
        <source>signer is not the sender</source>
        <translation>le signataire n’est pas l’expéditeur</translation>
    </message>
    <message>
        <source>signature not checkable</source>
        <translation>signature invérifiable</translation>
    </message>
    <message>
        <source>signature broken</source>
        <translation>signature endommagée</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Remis</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <source>Deferred, will be retried</source>
        <translation>Différé, nouvel essai prévu</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Decrypted</source>
        <translation>Déchiffré</translation>
    </message>
    <message>
        <source>Shown unchanged</source>
        <translation>Affiché sans modification</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filtrer :</translation>
    </message>
    <message>
        <source>Subject, address, account, rule…</source>
        <translation>Objet, adresse, compte, règle…</translation>
    </message>
    <message>
        <source>Filter the activity</source>
        <translation>Filtrer l’activité</translation>
    </message>
    <message>
        <source>Sent and received</source>
        <translation>Envoyés et reçus</translation>
    </message>
    <message>
        <source>Sent only</source>
        <translation>Envoyés uniquement</translation>
    </message>
    <message>
        <source>Received only</source>
        <translation>Reçus uniquement</translation>
    </message>
    <message>
        <source>&amp;Problems only</source>
        <translation>&amp;Problèmes uniquement</translation>
    </message>
    <message>
        <source>Show only blocked, refused or failed messages</source>
        <translation>Afficher uniquement les messages bloqués, refusés ou en échec</translation>
    </message>
    <message>
        <source>What the proxies did</source>
        <translation>Ce qu’ont fait les proxys</translation>
    </message>
    <message>
        <source>Nothing has passed through Postern yet. Messages your mail client sends or reads through Postern appear here.</source>
        <translation>Rien n’est encore passé par Postern. Les messages que votre logiciel de messagerie envoie ou lit via Postern apparaîtront ici.</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(sans objet)</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>Heure :</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Compte :</translation>
    </message>
    <message>
        <source>Direction:</source>
        <translation>Sens :</translation>
    </message>
    <message>
        <source>Sent through the SMTP proxy</source>
        <translation>Envoyé via le proxy SMTP</translation>
    </message>
    <message>
        <source>Read through the IMAP proxy</source>
        <translation>Lu via le proxy IMAP</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Dossier :</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>De :</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>À :</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Objet :</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>Décision :</translation>
    </message>
    <message>
        <source>Rule:</source>
        <translation>Règle :</translation>
    </message>
    <message>
        <source>Security layers:</source>
        <translation>Couches de sécurité :</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Résultat :</translation>
    </message>
    <message>
        <source>Detail:</source>
        <translation>Détail :</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1 ; %2</translation>
    </message>
    <message>
        <source>%1, invitation converted</source>
        <translation>%1, invitation convertie</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Cancelled meeting</source>
        <translation>Réunion annulée</translation>
    </message>
    <message>
        <source>Reply to an invitation</source>
        <translation>Réponse à une invitation</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>Invitation</translation>
    </message>
    <message>
        <source>Postern keeps no calendar contents in its log; open the message in your mail client for the times, attendees and description.</source>
        <translation>Postern ne garde aucun contenu d’agenda dans son journal ; ouvrez le message dans votre logiciel de messagerie pour voir les horaires, les participants et la description.</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::CertificateDetails</name>
    <message>
        <source>Certificate of %1</source>
        <translation>Certificat de %1</translation>
    </message>
    <message>
        <source>signing e-mail</source>
        <translation>signature de courriels</translation>
    </message>
    <message>
        <source>encrypting e-mail</source>
        <translation>chiffrement de courriels</translation>
    </message>
    <message>
        <source>issuing certificates</source>
        <translation>émission de certificats</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>valide</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>expiré</translation>
    </message>
    <message>
        <source>not yet valid</source>
        <translation>pas encore valide</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adresses</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Sujet</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Émetteur</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Numéro de série</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Valide à partir du</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valide jusqu’au</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>%1, %2 bits</source>
        <translation>%1, %2 bits</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Utilisation</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>Empreinte SHA-256</translation>
    </message>
    <message>
        <source>Subject key identifier</source>
        <translation>Identifiant de la clé du sujet</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>Clé privée</translation>
    </message>
    <message>
        <source>held in the store</source>
        <translation>présente dans le magasin</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ajouté</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <source>Chain (as far as the store holds it):</source>
        <translation>Chaîne (dans la mesure où le magasin la contient) :</translation>
    </message>
    <message>
        <source>Certificate chain</source>
        <translation>Chaîne de certificats</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificat</translation>
    </message>
    <message>
        <source>Issuer not in the store: %1</source>
        <translation>Émetteur absent du magasin : %1</translation>
    </message>
    <message>
        <source>By its issuer</source>
        <translation>Par son émetteur</translation>
    </message>
    <message>
        <source>Trusted</source>
        <translation>Approuvé</translation>
    </message>
    <message>
        <source>Never trusted</source>
        <translation>Jamais approuvé</translation>
    </message>
    <message>
        <source>Ask before use</source>
        <translation>Demander avant usage</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importé</translation>
    </message>
    <message>
        <source>Collected from mail</source>
        <translation>Recueilli dans le courrier</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Généré</translation>
    </message>
    <message>
        <source>Own identity</source>
        <translation>Identité personnelle</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>Autorité de certification</translation>
    </message>
    <message>
        <source>Other person</source>
        <translation>Autre personne</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::CertificatesPage</name>
    <message>
        <source>Certificates</source>
        <translation>Certificats</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Émetteur</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valide jusqu’au</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Rechercher :</translation>
    </message>
    <message>
        <source>Name, address, issuer…</source>
        <translation>Nom, adresse, émetteur…</translation>
    </message>
    <message>
        <source>Search certificates</source>
        <translation>Rechercher des certificats</translation>
    </message>
    <message>
        <source>Certificates in the store</source>
        <translation>Certificats du magasin</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>Import certificates from files</source>
        <translation>Importer des certificats depuis des fichiers</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>Export the selected certificate</source>
        <translation>Exporter le certificat sélectionné</translation>
    </message>
    <message>
        <source>&amp;Details…</source>
        <translation>&amp;Détails…</translation>
    </message>
    <message>
        <source>Show the selected certificate&apos;s details</source>
        <translation>Afficher les détails du certificat sélectionné</translation>
    </message>
    <message>
        <source>&amp;Trust</source>
        <translation>&amp;Confiance</translation>
    </message>
    <message>
        <source>Trust setting of the selected certificate</source>
        <translation>Niveau de confiance du certificat sélectionné</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>Supprim&amp;er…</translation>
    </message>
    <message>
        <source>Delete the selected certificate</source>
        <translation>Supprimer le certificat sélectionné</translation>
    </message>
    <message>
        <source>&amp;Generate test identity…</source>
        <translation>&amp;Générer une identité de test…</translation>
    </message>
    <message>
        <source>Generate a self-signed test identity</source>
        <translation>Générer une identité de test auto-signée</translation>
    </message>
    <message>
        <source>Result of the last action</source>
        <translation>Résultat de la dernière action</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>No certificate store is open.</source>
        <translation>Aucun magasin de certificats n’est ouvert.</translation>
    </message>
    <message>
        <source>The store has no passphrase yet, so it cannot hold private keys.</source>
        <translation>Le magasin n’a pas encore de phrase secrète : il ne peut donc pas contenir de clés privées.</translation>
    </message>
    <message>
        <source>The store is locked.</source>
        <translation>Le magasin est verrouillé.</translation>
    </message>
    <message>
        <source>The passphrase is wrong.</source>
        <translation>La phrase secrète est incorrecte.</translation>
    </message>
    <message>
        <source>The certificate is no longer in the store.</source>
        <translation>Le certificat n’est plus dans le magasin.</translation>
    </message>
    <message>
        <source>The file holds no usable certificate, or its password is wrong (%1).</source>
        <translation>Le fichier ne contient aucun certificat utilisable, ou son mot de passe est incorrect (%1).</translation>
    </message>
    <message>
        <source>A file could not be written; nothing was changed (%1).</source>
        <translation>Un fichier n’a pas pu être écrit ; rien n’a été modifié (%1).</translation>
    </message>
    <message>
        <source>The store&apos;s files cannot be read (%1).</source>
        <translation>Les fichiers du magasin sont illisibles (%1).</translation>
    </message>
    <message>
        <source>%1 (expired)</source>
        <translation>%1 (expiré)</translation>
    </message>
    <message>
        <source>This certificate has expired.</source>
        <translation>Ce certificat a expiré.</translation>
    </message>
    <message>
        <source>%1 (expires soon)</source>
        <translation>%1 (expire bientôt)</translation>
    </message>
    <message numerus="yes">
        <source>This certificate expires within %n day(s).</source>
        <translation>
            <numerusform>Ce certificat expire d’ici %n jour.</numerusform>
            <numerusform>Ce certificat expire d’ici %n jours.</numerusform>
        </translation>
    </message>
    <message>
        <source>Set &amp;passphrase…</source>
        <translation>Définir la &amp;phrase secrète…</translation>
    </message>
    <message>
        <source>Give the certificate store a passphrase</source>
        <translation>Donner une phrase secrète au magasin de certificats</translation>
    </message>
    <message>
        <source>&amp;Lock store</source>
        <translation>&amp;Verrouiller le magasin</translation>
    </message>
    <message>
        <source>Un&amp;lock store…</source>
        <translation>Déverr&amp;ouiller le magasin…</translation>
    </message>
    <message>
        <source>Lock the certificate store</source>
        <translation>Verrouiller le magasin de certificats</translation>
    </message>
    <message>
        <source>Unlock the certificate store</source>
        <translation>Déverrouiller le magasin de certificats</translation>
    </message>
    <message>
        <source>The store is unlocked: private keys can be used.</source>
        <translation>Le magasin est déverrouillé : les clés privées peuvent être utilisées.</translation>
    </message>
    <message>
        <source>The store is locked: private keys cannot be used.</source>
        <translation>Le magasin est verrouillé : les clés privées ne peuvent pas être utilisées.</translation>
    </message>
    <message>
        <source>New store passphrase</source>
        <translation>Nouvelle phrase secrète du magasin</translation>
    </message>
    <message>
        <source>Private keys are kept encrypted under a passphrase. Choose one for Postern&apos;s certificate store:</source>
        <translation>Les clés privées sont conservées chiffrées sous une phrase secrète. Choisissez-en une pour le magasin de certificats de Postern :</translation>
    </message>
    <message>
        <source>Enter the same passphrase again:</source>
        <translation>Saisissez à nouveau la même phrase secrète :</translation>
    </message>
    <message>
        <source>The two passphrases differ; the store was left as it was.</source>
        <translation>Les deux phrases secrètes diffèrent ; le magasin est resté tel quel.</translation>
    </message>
    <message>
        <source>Enter the passphrase of Postern&apos;s certificate store:</source>
        <translation>Saisissez la phrase secrète du magasin de certificats de Postern :</translation>
    </message>
    <message>
        <source>%1: cannot be read (%2)</source>
        <translation>%1 : illisible (%2)</translation>
    </message>
    <message>
        <source>File password</source>
        <translation>Mot de passe du fichier</translation>
    </message>
    <message>
        <source>%1 is protected. Enter the password it was exported with:</source>
        <translation>%1 est protégé. Saisissez le mot de passe utilisé lors de son exportation :</translation>
    </message>
    <message>
        <source>%1: not imported (no password given)</source>
        <translation>%1 : non importé (aucun mot de passe saisi)</translation>
    </message>
    <message>
        <source>%1: not imported: the private key needs the store unlocked</source>
        <translation>%1 : non importé : la clé privée exige que le magasin soit déverrouillé</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n new certificate(s)</source>
        <translation>
            <numerusform>%1 : %n nouveau certificat</numerusform>
            <numerusform>%1 : %n nouveaux certificats</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n already in the store</source>
        <translation>
            <numerusform>, %n déjà dans le magasin</numerusform>
            <numerusform>, %n déjà dans le magasin</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n private key(s)</source>
        <translation>
            <numerusform>, %n clé privée</numerusform>
            <numerusform>, %n clés privées</numerusform>
        </translation>
    </message>
    <message>
        <source>Import certificates</source>
        <translation>Importer des certificats</translation>
    </message>
    <message>
        <source>Certificates and identities (*.p12 *.pfx *.pem *.crt *.cer *.der *.p7b *.p7c);;All files (*)</source>
        <translation>Certificats et identités (*.p12 *.pfx *.pem *.crt *.cer *.der *.p7b *.p7c);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Only an own identity, with its private key, can be exported as PKCS#12.</source>
        <translation>Seule une identité personnelle, avec sa clé privée, peut être exportée en PKCS#12.</translation>
    </message>
    <message>
        <source>The store must be unlocked to export a private key.</source>
        <translation>Le magasin doit être déverrouillé pour exporter une clé privée.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 n’a pas pu être écrit : %2</translation>
    </message>
    <message>
        <source>Certificate, PEM (*.pem);;Certificate, DER (*.cer)</source>
        <translation>Certificat, PEM (*.pem);;Certificat, DER (*.cer)</translation>
    </message>
    <message>
        <source>;;Identity with private key, PKCS#12 (*.p12)</source>
        <translation>;;Identité avec clé privée, PKCS#12 (*.p12)</translation>
    </message>
    <message>
        <source>Export certificate</source>
        <translation>Exporter le certificat</translation>
    </message>
    <message>
        <source>Export password</source>
        <translation>Mot de passe d’exportation</translation>
    </message>
    <message>
        <source>The private key leaves the store protected by a password. Choose one:</source>
        <translation>La clé privée quitte le magasin protégée par un mot de passe. Choisissez-en un :</translation>
    </message>
    <message>
        <source>Enter the same password again:</source>
        <translation>Saisissez à nouveau le même mot de passe :</translation>
    </message>
    <message>
        <source>The two passwords differ; nothing was exported.</source>
        <translation>Les deux mots de passe diffèrent ; rien n’a été exporté.</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Exporté vers %1.</translation>
    </message>
    <message>
        <source>Trust set to &quot;%1&quot;.</source>
        <translation>Confiance réglée sur « %1 ».</translation>
    </message>
    <message>
        <source>The private key was deleted; the certificate stays.</source>
        <translation>La clé privée a été supprimée ; le certificat est conservé.</translation>
    </message>
    <message>
        <source>The certificate was deleted.</source>
        <translation>Le certificat a été supprimé.</translation>
    </message>
    <message>
        <source>Delete certificate</source>
        <translation>Supprimer le certificat</translation>
    </message>
    <message>
        <source>Delete the certificate of %1 (%2)?</source>
        <translation>Supprimer le certificat de %1 (%2) ?</translation>
    </message>
    <message>
        <source>This is your own identity. Without its private key, mail encrypted to it can no longer be read.</source>
        <translation>Il s’agit de votre propre identité. Sans sa clé privée, les courriels chiffrés pour elle ne pourront plus être lus.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Delete the private &amp;key only</source>
        <translation>Supprimer uniquement la &amp;clé privée</translation>
    </message>
    <message>
        <source>A test identity needs an e-mail address.</source>
        <translation>Une identité de test nécessite une adresse électronique.</translation>
    </message>
    <message>
        <source>The store must be unlocked to keep a new private key.</source>
        <translation>Le magasin doit être déverrouillé pour conserver une nouvelle clé privée.</translation>
    </message>
    <message>
        <source>A self-signed test identity for %1 was created. Other people&apos;s software will not trust it.</source>
        <translation>Une identité de test auto-signée a été créée pour %1. Les logiciels des autres personnes ne lui feront pas confiance.</translation>
    </message>
    <message>
        <source>Generate a test identity</source>
        <translation>Générer une identité de test</translation>
    </message>
    <message>
        <source>A self-signed certificate and private key, for trying Postern out. Real correspondents need one from a certification authority.</source>
        <translation>Un certificat auto-signé et sa clé privée, pour essayer Postern. Pour de vrais correspondants, il vous en faut un délivré par une autorité de certification.</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>Adresse électronique</translation>
    </message>
    <message>
        <source>Key type</source>
        <translation>Type de clé</translation>
    </message>
    <message>
        <source>RSA, 3072 bits (works everywhere)</source>
        <translation>RSA, 3072 bits (fonctionne partout)</translation>
    </message>
    <message>
        <source>Elliptic curve P-256 (smaller, newer clients only)</source>
        <translation>Courbe elliptique P-256 (plus compacte, logiciels récents uniquement)</translation>
    </message>
    <message>
        <source>E-mail &amp;address:</source>
        <translation>&amp;Adresse électronique :</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Key type:</source>
        <translation>&amp;Type de clé :</translation>
    </message>
    <message>
        <source>The store is unlocked.</source>
        <translation>Le magasin est déverrouillé.</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::ConditionEditor</name>
    <message>
        <source>Condition</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>Condition type</source>
        <translation>Type de condition</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <source>&amp;Not: the rule applies when this does not hold</source>
        <translation>&amp;Non : la règle s’applique quand ceci n’est pas vrai</translation>
    </message>
    <message>
        <source>e.g. X-Classification</source>
        <translation>p. ex. X-Classification</translation>
    </message>
    <message>
        <source>Header field name</source>
        <translation>Nom du champ d’en-tête</translation>
    </message>
    <message>
        <source>&amp;Header field:</source>
        <translation>Champ d’&amp;en-tête :</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>contient</translation>
    </message>
    <message>
        <source>is exactly</source>
        <translation>est exactement</translation>
    </message>
    <message>
        <source>matches the regular expression</source>
        <translation>correspond à l’expression régulière</translation>
    </message>
    <message>
        <source>How the text is compared</source>
        <translation>Comment le texte est comparé</translation>
    </message>
    <message>
        <source>&amp;Compare:</source>
        <translation>&amp;Comparaison :</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>T&amp;ext:</source>
        <translation>Te&amp;xte :</translation>
    </message>
    <message>
        <source>Upper and lower &amp;case differ</source>
        <translation>&amp;Respecter la casse</translation>
    </message>
    <message>
        <source>Only these kinds (none ticked: any invitation)</source>
        <translation>Uniquement ces types (aucun coché : toute invitation)</translation>
    </message>
    <message>
        <source>One per line; *.example.org also covers the subdomains of example.org</source>
        <translation>Une par ligne ; *.example.org couvre aussi les sous-domaines de example.org</translation>
    </message>
    <message>
        <source>Addresses or domains</source>
        <translation>Adresses ou domaines</translation>
    </message>
    <message>
        <source>&amp;Values:</source>
        <translation>&amp;Valeurs :</translation>
    </message>
    <message>
        <source>any recipient</source>
        <translation>n’importe quel destinataire</translation>
    </message>
    <message>
        <source>every recipient</source>
        <translation>chaque destinataire</translation>
    </message>
    <message>
        <source>Which recipients</source>
        <translation>Quels destinataires</translation>
    </message>
    <message>
        <source>&amp;Holds for:</source>
        <translation>S’&amp;applique à :</translation>
    </message>
    <message>
        <source>Holds when every recipient has a valid, trusted encryption certificate in the store.</source>
        <translation>Vrai quand chaque destinataire a un certificat de chiffrement valide et approuvé dans le magasin.</translation>
    </message>
    <message>
        <source>e.g. application/pdf or application/*</source>
        <translation>p. ex. application/pdf ou application/*</translation>
    </message>
    <message>
        <source>Attachment type</source>
        <translation>Type de pièce jointe</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>T&amp;ype :</translation>
    </message>
    <message>
        <source>e.g. *.pdf</source>
        <translation>p. ex. *.pdf</translation>
    </message>
    <message>
        <source>Attachment file name</source>
        <translation>Nom de fichier de la pièce jointe</translation>
    </message>
    <message>
        <source>&amp;File name:</source>
        <translation>Nom de &amp;fichier :</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> octets</translation>
    </message>
    <message>
        <source>Size in bytes</source>
        <translation>Taille en octets</translation>
    </message>
    <message>
        <source>&amp;Larger than:</source>
        <translation>&amp;Plus grand que :</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::DefaultActionEditor</name>
    <message>
        <source>When no rule matches</source>
        <translation>Quand aucune règle ne s’applique</translation>
    </message>
    <message>
        <source>What Postern does with a message that no rule decided:</source>
        <translation>Ce que fait Postern d’un message pour lequel aucune règle n’a décidé :</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::InspectorPage</name>
    <message>
        <source>Inspector</source>
        <translation>Inspecteur</translation>
    </message>
    <message>
        <source>Drop an .eml, .p7m, .p7s or .ics file here to see its structure, its security layers and their verdicts, its decrypted content and, for an invitation, the event.</source>
        <translation>Déposez ici un fichier .eml, .p7m, .p7s ou .ics pour voir sa structure, ses couches de sécurité et leurs verdicts, son contenu déchiffré et, pour une invitation, l’événement.</translation>
    </message>
    <message>
        <source>&amp;Open files…</source>
        <translation>&amp;Ouvrir des fichiers…</translation>
    </message>
    <message>
        <source>Open files to inspect</source>
        <translation>Ouvrir des fichiers à inspecter</translation>
    </message>
    <message>
        <source>Opened files</source>
        <translation>Fichiers ouverts</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Ouvrir…</translation>
    </message>
    <message>
        <source>Open more files to inspect</source>
        <translation>Ouvrir d’autres fichiers à inspecter</translation>
    </message>
    <message>
        <source>Only a message whose every security layer was opened can be saved decrypted.</source>
        <translation>Seul un message dont toutes les couches de sécurité ont été ouvertes peut être enregistré déchiffré.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 n’a pas pu être écrit : %2</translation>
    </message>
    <message>
        <source>Messages and S/MIME objects (*.eml *.p7m *.p7s *.ics);;All files (*)</source>
        <translation>Messages et objets S/MIME (*.eml *.p7m *.p7s *.ics);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Save decrypted message</source>
        <translation>Enregistrer le message déchiffré</translation>
    </message>
    <message>
        <source>-decrypted</source>
        <translation>-déchiffré</translation>
    </message>
    <message>
        <source>Mail messages (*.eml)</source>
        <translation>Messages électroniques (*.eml)</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Le fichier est illisible : %1</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Le fichier est vide.</translation>
    </message>
    <message>
        <source>This is neither a mail message nor an S/MIME (CMS) object.</source>
        <translation>Ce n’est ni un message électronique ni un objet S/MIME (CMS).</translation>
    </message>
    <message>
        <source>A security layer is broken: %1</source>
        <translation>Une couche de sécurité est endommagée : %1</translation>
    </message>
    <message>
        <source>The message nests more security layers than any real mail does; it was not read further.</source>
        <translation>Le message imbrique plus de couches de sécurité qu’aucun vrai courriel ; sa lecture a été arrêtée.</translation>
    </message>
    <message>
        <source>the encrypted content was changed in transit</source>
        <translation>le contenu chiffré a été modifié en chemin</translation>
    </message>
    <message>
        <source>its structure is broken</source>
        <translation>sa structure est endommagée</translation>
    </message>
    <message>
        <source>none of the store&apos;s keys is a recipient</source>
        <translation>aucune des clés du magasin n’est destinataire</translation>
    </message>
    <message>
        <source>it uses an algorithm this build cannot decrypt</source>
        <translation>elle utilise un algorithme que cette version ne sait pas déchiffrer</translation>
    </message>
    <message>
        <source>its data is corrupt</source>
        <translation>ses données sont corrompues</translation>
    </message>
    <message>
        <source>decryption failed</source>
        <translation>le déchiffrement a échoué</translation>
    </message>
    <message>
        <source>unknown signer (certificate not included)</source>
        <translation>signataire inconnu (certificat non inclus)</translation>
    </message>
    <message>
        <source>no signing time</source>
        <translation>sans date de signature</translation>
    </message>
    <message>
        <source>%1, %2 with %3, signed %4</source>
        <translation>%1, %2 avec %3, signé %4</translation>
    </message>
    <message>
        <source>message</source>
        <translation>message</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::InspectorTab</name>
    <message>
        <source>Reading the file</source>
        <translation>Lecture du fichier</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Stop reading this file</source>
        <translation>Arrêter la lecture de ce fichier</translation>
    </message>
    <message>
        <source>&amp;Save decrypted message…</source>
        <translation>&amp;Enregistrer le message déchiffré…</translation>
    </message>
    <message>
        <source>Save the decrypted message</source>
        <translation>Enregistrer le message déchiffré</translation>
    </message>
    <message>
        <source>MIME structure</source>
        <translation>Structure MIME</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Partie</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Security layers</source>
        <translation>Couches de sécurité</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>En-têtes</translation>
    </message>
    <message>
        <source>Decrypted content</source>
        <translation>Contenu déchiffré</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>Invitation</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Contenu</translation>
    </message>
    <message>
        <source>Reading %1 (%2)…</source>
        <translation>Lecture de %1 (%2)…</translation>
    </message>
    <message>
        <source>Reading was cancelled.</source>
        <translation>La lecture a été annulée.</translation>
    </message>
    <message>
        <source>
--- headers of the innermost part ---
</source>
        <translation>
--- en-têtes de la partie la plus interne ---
</translation>
    </message>
    <message>
        <source>
[… %1 more not shown; save the message to see all of it]</source>
        <translation>
[… %1 de plus non affichés ; enregistrez le message pour tout voir]</translation>
    </message>
    <message>
        <source>Calendar file (not a message, no security layers)</source>
        <translation>Fichier d’agenda (pas un message, aucune couche de sécurité)</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Objet :</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>De :</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>À :</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Date :</translation>
    </message>
    <message>
        <source>Only a message whose every security layer was opened can be saved decrypted.</source>
        <translation>Seul un message dont toutes les couches de sécurité ont été ouvertes peut être enregistré déchiffré.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>fichier</translation>
    </message>
    <message>
        <source>The content is not MIME.</source>
        <translation>Le contenu n’est pas au format MIME.</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>Neither encrypted nor signed</source>
        <translation>Ni chiffré ni signé</translation>
    </message>
    <message>
        <source>Wrapped as %1</source>
        <translation>Encapsulé sous la forme %1</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>Chiffré</translation>
    </message>
    <message>
        <source>Decrypted: %1, key by %2</source>
        <translation>Déchiffré : %1, clé de %2</translation>
    </message>
    <message>
        <source>Opened with the key of %1</source>
        <translation>Ouvert avec la clé de %1</translation>
    </message>
    <message>
        <source>Authenticated encryption: changes would have been noticed</source>
        <translation>Chiffrement authentifié : toute modification aurait été détectée</translation>
    </message>
    <message>
        <source>Encryption without authentication: changes cannot be noticed without a signature inside</source>
        <translation>Chiffrement sans authentification : les modifications ne peuvent être détectées sans une signature à l’intérieur</translation>
    </message>
    <message>
        <source>Not decrypted: %1</source>
        <translation>Non déchiffré : %1</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signé</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>Non vérifié</translation>
    </message>
    <message>
        <source>Signer: %1</source>
        <translation>Signataire : %1</translation>
    </message>
    <message>
        <source>Chain: %1</source>
        <translation>Chaîne : %1</translation>
    </message>
    <message>
        <source>Technical detail: %1</source>
        <translation>Détail technique : %1</translation>
    </message>
    <message>
        <source>Compressed</source>
        <translation>Compressé</translation>
    </message>
    <message>
        <source>Decompressed</source>
        <translation>Décompressé</translation>
    </message>
    <message>
        <source>Not decompressed</source>
        <translation>Non décompressé</translation>
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
        <translation>Chronologie de la journée</translation>
    </message>
    <message>
        <source>Invitation preview</source>
        <translation>Aperçu de l’invitation</translation>
    </message>
    <message>
        <source>&amp;Export .ics…</source>
        <translation>&amp;Exporter en .ics…</translation>
    </message>
    <message>
        <source>Export the invitation as an .ics file</source>
        <translation>Exporter l’invitation dans un fichier .ics</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>&amp;Copier les détails</translation>
    </message>
    <message>
        <source>Copy the invitation&apos;s details</source>
        <translation>Copier les détails de l’invitation</translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation>(sans titre)</translation>
    </message>
    <message>
        <source>All day</source>
        <translation>Toute la journée</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Sender&apos;s time</source>
        <translation>Heure de l’expéditeur</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Répétition</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Rejoindre</translation>
    </message>
    <message>
        <source>Organizer</source>
        <translation>Organisateur</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Réponses</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Rappels</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Pièces jointes</translation>
    </message>
    <message>
        <source>Show as</source>
        <translation>Afficher comme</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>There is no calendar data to export.</source>
        <translation>Il n’y a aucune donnée d’agenda à exporter.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 n’a pas pu être écrit : %2</translation>
    </message>
    <message>
        <source>Export invitation</source>
        <translation>Exporter l’invitation</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics)</source>
        <translation>Fichiers iCalendar (*.ics)</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::MailClientSetup</name>
    <message>
        <source>&lt;b&gt;Set up your mail client&lt;/b&gt;</source>
        <translation>&lt;b&gt;Configurer votre logiciel de messagerie&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Point your mail program at Postern instead of at your mail servers. Postern runs on this computer only; your password stays the one you always had: Postern passes it on to the real servers and stores nothing.</source>
        <translation>Faites pointer votre logiciel de messagerie vers Postern au lieu de vos serveurs de messagerie. Postern s’exécute uniquement sur cet ordinateur ; votre mot de passe reste celui que vous avez toujours eu : Postern le transmet aux vrais serveurs et n’enregistre rien.</translation>
    </message>
    <message>
        <source>Mail programs</source>
        <translation>Logiciels de messagerie</translation>
    </message>
    <message>
        <source>IMAP</source>
        <translation>IMAP</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Normal password</source>
        <translation>Mot de passe normal</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>incoming %1</source>
        <translation>entrant %1</translation>
    </message>
    <message>
        <source>outgoing %1</source>
        <translation>sortant %1</translation>
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
        <translation>Choisissez un compte pour voir ses réglages.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>Copier %1</translation>
    </message>
    <message>
        <source>Account type:</source>
        <translation>Type de compte&#xa0;:</translation>
    </message>
    <message>
        <source>Incoming mail server:</source>
        <translation>Serveur de courrier entrant&#xa0;:</translation>
    </message>
    <message>
        <source>Incoming port:</source>
        <translation>Port entrant&#xa0;:</translation>
    </message>
    <message>
        <source>Encryption method (incoming):</source>
        <translation>Méthode de chiffrement (entrant)&#xa0;:</translation>
    </message>
    <message>
        <source>Outgoing mail server:</source>
        <translation>Serveur de courrier sortant&#xa0;:</translation>
    </message>
    <message>
        <source>Outgoing port:</source>
        <translation>Port sortant&#xa0;:</translation>
    </message>
    <message>
        <source>Encryption method (outgoing):</source>
        <translation>Méthode de chiffrement (sortant)&#xa0;:</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Nom d’utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>Require logon using Secure Password Authentication (SPA):</source>
        <translation>Exiger l’authentification par mot de passe sécurisé (SPA) lors de la connexion&#xa0;:</translation>
    </message>
    <message>
        <source>Incoming server protocol:</source>
        <translation>Protocole du serveur entrant&#xa0;:</translation>
    </message>
    <message>
        <source>Incoming server hostname:</source>
        <translation>Nom d’hôte du serveur entrant&#xa0;:</translation>
    </message>
    <message>
        <source>Incoming server port:</source>
        <translation>Port du serveur entrant&#xa0;:</translation>
    </message>
    <message>
        <source>Incoming server connection security:</source>
        <translation>Sécurité de la connexion du serveur entrant&#xa0;:</translation>
    </message>
    <message>
        <source>Incoming server authentication method:</source>
        <translation>Méthode d’authentification du serveur entrant&#xa0;:</translation>
    </message>
    <message>
        <source>Outgoing server hostname:</source>
        <translation>Nom d’hôte du serveur sortant&#xa0;:</translation>
    </message>
    <message>
        <source>Outgoing server port:</source>
        <translation>Port du serveur sortant&#xa0;:</translation>
    </message>
    <message>
        <source>Outgoing server connection security:</source>
        <translation>Sécurité de la connexion du serveur sortant&#xa0;:</translation>
    </message>
    <message>
        <source>Outgoing server authentication method:</source>
        <translation>Méthode d’authentification du serveur sortant&#xa0;:</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Nom d’utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>Account Type:</source>
        <translation>Type de compte&#xa0;:</translation>
    </message>
    <message>
        <source>Incoming Mail Server:</source>
        <translation>Serveur de réception&#xa0;:</translation>
    </message>
    <message>
        <source>Outgoing Mail Server:</source>
        <translation>Serveur d’envoi&#xa0;:</translation>
    </message>
    <message>
        <source>User Name:</source>
        <translation>Nom d’utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>Incoming port (Server Settings):</source>
        <translation>Port de réception (Réglages du serveur)&#xa0;:</translation>
    </message>
    <message>
        <source>Outgoing port (Server Settings):</source>
        <translation>Port d’envoi (Réglages du serveur)&#xa0;:</translation>
    </message>
    <message>
        <source>Use TLS/SSL:</source>
        <translation>Utiliser TLS/SSL&#xa0;:</translation>
    </message>
    <message>
        <source>Authentication:</source>
        <translation>Authentification&#xa0;:</translation>
    </message>
    <message>
        <source>Automatically manage connection settings:</source>
        <translation>Gérer automatiquement les réglages de connexion&#xa0;:</translation>
    </message>
    <message>
        <source>If your program insists on SSL/TLS, use instead the ports:</source>
        <translation>Si votre logiciel exige SSL/TLS, utilisez plutôt les ports&#xa0;:</translation>
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
        <translation>Rubriques</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>Règles</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Certificats</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspecteur</translation>
    </message>
    <message>
        <source>Proxies</source>
        <translation>Proxys</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Open file…</source>
        <translation>&amp;Ouvrir un fichier…</translation>
    </message>
    <message>
        <source>Messages, certificates and invitations (%1);;All files (*)</source>
        <translation>Messages, certificats et invitations (%1);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Proxies</source>
        <translation>P&amp;roxys</translation>
    </message>
    <message>
        <source>&amp;Restart proxies</source>
        <translation>&amp;Redémarrer les proxys</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>&amp;About Postern</source>
        <translation>À &amp;propos de Postern</translation>
    </message>
    <message>
        <source>Your certificate has expired</source>
        <translation>Votre certificat a expiré</translation>
    </message>
    <message>
        <source>Your certificate expires soon</source>
        <translation>Votre certificat expire bientôt</translation>
    </message>
    <message>
        <source>The certificate for %1 expired on %2; you can no longer sign or be encrypted to with it.</source>
        <translation>Le certificat de %1 a expiré le %2 ; vous ne pouvez plus signer avec, ni recevoir de messages chiffrés avec lui.</translation>
    </message>
    <message>
        <source>The certificate for %1 expires on %2. Ask for a new one in time.</source>
        <translation>Le certificat de %1 expire le %2. Demandez-en un nouveau à temps.</translation>
    </message>
    <message>
        <source>Postern cannot open %1.</source>
        <translation>Postern ne peut pas ouvrir %1.</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::PoliciesPage</name>
    <message>
        <source>encrypted</source>
        <translation>chiffré</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>signé</translation>
    </message>
    <message>
        <source>signed and encrypted</source>
        <translation>signé et chiffré</translation>
    </message>
    <message>
        <source>sent in clear</source>
        <translation>envoyé en clair</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>bloqué</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>Règles</translation>
    </message>
    <message>
        <source>Accounts file problem</source>
        <translation>Problème de fichier des comptes</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>A&amp;ccount:</source>
        <translation>&amp;Compte :</translation>
    </message>
    <message>
        <source>Policy &amp;wizard…</source>
        <translation>&amp;Assistant de règles…</translation>
    </message>
    <message>
        <source>Rules, tried from the top; the first that matches decides</source>
        <translation>Règles, essayées de haut en bas ; la première qui s’applique décide</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Règles</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>A&amp;jouter…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Mon&amp;ter</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>&amp;Descendre</translation>
    </message>
    <message>
        <source>C&amp;hange…</source>
        <translation>C&amp;hanger…</translation>
    </message>
    <message>
        <source>Change what happens when no rule matches</source>
        <translation>Changer ce qui se passe quand aucune règle ne s’applique</translation>
    </message>
    <message>
        <source>Test a message</source>
        <translation>Tester un message</translation>
    </message>
    <message>
        <source>Drop an .eml file here or choose one: Postern shows what this policy would do with it. Nothing is sent.</source>
        <translation>Déposez ici un fichier .eml ou choisissez-en un : Postern montre ce que ces règles en feraient. Rien n’est envoyé.</translation>
    </message>
    <message>
        <source>Recipients (optional; otherwise To, Cc and Bcc)</source>
        <translation>Destinataires (facultatif ; sinon À, Cc et Cci)</translation>
    </message>
    <message>
        <source>Recipients for the test</source>
        <translation>Destinataires pour le test</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;À :</translation>
    </message>
    <message>
        <source>Choose &amp;message…</source>
        <translation>Choisir un messa&amp;ge…</translation>
    </message>
    <message>
        <source>Test result</source>
        <translation>Résultat du test</translation>
    </message>
    <message>
        <source>Rules tried</source>
        <translation>Règles essayées</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>Applicable</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>%1. %2 — %3</source>
        <translation>%1. %2 — %3</translation>
    </message>
    <message>
        <source>Untick to keep the rule without using it</source>
        <translation>Décochez pour conserver la règle sans l’utiliser</translation>
    </message>
    <message>
        <source>This rule is switched off</source>
        <translation>Cette règle est désactivée</translation>
    </message>
    <message>
        <source>Add an account first; each account has its own policy.</source>
        <translation>Ajoutez d’abord un compte ; chaque compte a ses propres règles.</translation>
    </message>
    <message>
        <source>A policy of your own.</source>
        <translation>Des règles personnalisées.</translation>
    </message>
    <message>
        <source>Made from the template %1: %2</source>
        <translation>Créées à partir du modèle %1 : %2</translation>
    </message>
    <message>
        <source>When no rule matches: %1</source>
        <translation>Quand aucune règle ne s’applique : %1</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>Nouvelle règle</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>Supprimer la règle</translation>
    </message>
    <message>
        <source>Remove the rule %1?</source>
        <translation>Supprimer la règle %1 ?</translation>
    </message>
    <message>
        <source>Message to test</source>
        <translation>Message à tester</translation>
    </message>
    <message>
        <source>Messages (*.eml);;All files (*)</source>
        <translation>Messages (*.eml);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <source>%1 is empty or cannot be read.</source>
        <translation>%1 est vide ou illisible.</translation>
    </message>
    <message>
        <source>%1 is not a mail message.</source>
        <translation>%1 n’est pas un message électronique.</translation>
    </message>
    <message>
        <source>%1 would be %2%3.</source>
        <translation>%1 serait %2%3.</translation>
    </message>
    <message>
        <source>, after turning the invitation into an .ics attachment</source>
        <translation>, après transformation de l’invitation en pièce jointe .ics</translation>
    </message>
    <message>
        <source>Decided by: no rule matched, the default action</source>
        <translation>Décidé par : aucune règle ne s’applique, action par défaut</translation>
    </message>
    <message>
        <source>Decided by the rule: %1</source>
        <translation>Décidé par la règle : %1</translation>
    </message>
    <message>
        <source>Postern would refuse to send it.</source>
        <translation>Postern refuserait de l’envoyer.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Motif : %1</translation>
    </message>
    <message>
        <source>Without a certificate: %1</source>
        <translation>Sans certificat : %1</translation>
    </message>
    <message>
        <source>Sent in clear to: %1</source>
        <translation>Envoyé en clair à : %1</translation>
    </message>
    <message>
        <source>The message names no recipients; enter them under To.</source>
        <translation>Le message n’indique aucun destinataire ; saisissez-les dans le champ À.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::PolicyWizard</name>
    <message>
        <source>Invitations in clear</source>
        <translation>Invitations en clair</translation>
    </message>
    <message>
        <source>Invitations as .ics attachments</source>
        <translation>Invitations en pièces jointes .ics</translation>
    </message>
    <message>
        <source>Policy wizard for %1</source>
        <translation>Assistant de règles pour %1</translation>
    </message>
    <message>
        <source>What do you want to protect?</source>
        <translation>Que voulez-vous protéger ?</translation>
    </message>
    <message>
        <source>Postern applies this to every message the account sends.</source>
        <translation>Postern applique ce choix à chaque message envoyé par le compte.</translation>
    </message>
    <message>
        <source>&amp;Every message</source>
        <translation>&amp;Tous les messages</translation>
    </message>
    <message>
        <source>Every message is encrypted, so only its recipients can read it.</source>
        <translation>Chaque message est chiffré, de sorte que seuls ses destinataires peuvent le lire.</translation>
    </message>
    <message>
        <source>Messages to &amp;certain domains</source>
        <translation>Les messages vers &amp;certains domaines</translation>
    </message>
    <message>
        <source>Messages to the domains you name are encrypted; the rest is sent as usual.</source>
        <translation>Les messages vers les domaines que vous indiquez sont chiffrés ; les autres sont envoyés normalement.</translation>
    </message>
    <message>
        <source>&amp;Sign every message, encrypt nothing</source>
        <translation>&amp;Signer tous les messages, ne rien chiffrer</translation>
    </message>
    <message>
        <source>Recipients can check that a message comes from you and was not changed; everyone can read it.</source>
        <translation>Les destinataires peuvent vérifier qu’un message vient bien de vous et n’a pas été modifié ; tout le monde peut le lire.</translation>
    </message>
    <message>
        <source>How should meeting invitations be handled?</source>
        <translation>Comment traiter les invitations aux réunions ?</translation>
    </message>
    <message>
        <source>Calendar programs cannot act on an encrypted invitation. Choose what recipients get.</source>
        <translation>Les logiciels d’agenda ne peuvent pas traiter une invitation chiffrée. Choisissez ce que reçoivent les destinataires.</translation>
    </message>
    <message>
        <source>Send invitations &amp;in clear</source>
        <translation>Envoyer les invitations en &amp;clair</translation>
    </message>
    <message>
        <source>Invitations are sent unencrypted so every calendar can accept them, and recipients without Postern see a normal invitation; keep confidential details out of them.</source>
        <translation>Les invitations sont envoyées non chiffrées pour que tout agenda puisse les accepter, et les destinataires sans Postern voient une invitation normale ; n’y mettez aucun détail confidentiel.</translation>
    </message>
    <message>
        <source>Encrypt them with an &amp;.ics attachment</source>
        <translation>Les chiffrer avec une pièce jointe &amp;.ics</translation>
    </message>
    <message>
        <source>Invitations are encrypted with the event as an invite.ics attachment; recipients without Postern open the attachment to add the event to their calendar, but replies are not tracked.</source>
        <translation>Les invitations sont chiffrées avec l’événement en pièce jointe invite.ics ; les destinataires sans Postern ouvrent la pièce jointe pour ajouter l’événement à leur agenda, mais les réponses ne sont pas suivies.</translation>
    </message>
    <message>
        <source>Encrypt them like any &amp;other message</source>
        <translation>Les chiffrer comme tout &amp;autre message</translation>
    </message>
    <message>
        <source>Invitations are encrypted unchanged; recipients with Postern get a real invitation back, while recipients without it see the invitation as text they cannot accept.</source>
        <translation>Les invitations sont chiffrées telles quelles ; les destinataires équipés de Postern retrouvent une véritable invitation, tandis que les autres la voient sous forme de texte qu’ils ne peuvent pas accepter.</translation>
    </message>
    <message>
        <source>Which domains?</source>
        <translation>Quels domaines ?</translation>
    </message>
    <message>
        <source>Messages to these domains are encrypted. One per line; *.example.org also covers its subdomains.</source>
        <translation>Les messages vers ces domaines sont chiffrés. Un par ligne ; *.example.org couvre aussi ses sous-domaines.</translation>
    </message>
    <message>
        <source>Domains to encrypt to</source>
        <translation>Domaines vers lesquels chiffrer</translation>
    </message>
    <message>
        <source>partner.example
*.partner.example</source>
        <translation>partner.example
*.partner.example</translation>
    </message>
    <message>
        <source>What if a recipient has no certificate?</source>
        <translation>Et si un destinataire n’a pas de certificat ?</translation>
    </message>
    <message>
        <source>Postern can encrypt only to people whose certificate it has.</source>
        <translation>Postern ne peut chiffrer que pour les personnes dont il possède le certificat.</translation>
    </message>
    <message>
        <source>&amp;Refuse the message</source>
        <translation>&amp;Refuser le message</translation>
    </message>
    <message>
        <source>Your mail program shows an error naming the recipients without a certificate; nothing is sent in clear.</source>
        <translation>Votre logiciel de messagerie affiche une erreur indiquant les destinataires sans certificat ; rien n’est envoyé en clair.</translation>
    </message>
    <message>
        <source>Encrypt for those who can read it, send the others a &amp;clear copy</source>
        <translation>Chiffrer pour ceux qui peuvent le lire, envoyer aux autres une copie en &amp;clair</translation>
    </message>
    <message>
        <source>Recipients with a certificate get the encrypted message, the others a separate unencrypted copy.</source>
        <translation>Les destinataires qui ont un certificat reçoivent le message chiffré, les autres une copie séparée non chiffrée.</translation>
    </message>
    <message>
        <source>Send the whole message in c&amp;lear</source>
        <translation>Envoyer tout le message en c&amp;lair</translation>
    </message>
    <message>
        <source>When anyone lacks a certificate, nobody gets it encrypted.</source>
        <translation>Dès qu’il manque un certificat à quelqu’un, personne ne reçoit le message chiffré.</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Récapitulatif</translation>
    </message>
    <message>
        <source>These rules replace the account&apos;s policy.</source>
        <translation>Ces règles remplacent celles du compte.</translation>
    </message>
    <message>
        <source>&amp;Create the rules</source>
        <translation>&amp;Créer les règles</translation>
    </message>
    <message>
        <source>The rules are in place</source>
        <translation>Les règles sont en place</translation>
    </message>
    <message>
        <source>Postern uses them for the next message. You can change each one on the Policies page.</source>
        <translation>Postern les applique dès le prochain message. Vous pouvez modifier chacune d’elles dans la page Règles.</translation>
    </message>
    <message>
        <source>Rules created</source>
        <translation>Règles créées</translation>
    </message>
    <message>
        <source>Protect: %1</source>
        <translation>Protéger : %1</translation>
    </message>
    <message>
        <source>Meeting invitations: %1</source>
        <translation>Invitations aux réunions : %1</translation>
    </message>
    <message>
        <source>Domains: %1</source>
        <translation>Domaines : %1</translation>
    </message>
    <message>
        <source>Without a certificate: %1</source>
        <translation>Sans certificat : %1</translation>
    </message>
    <message>
        <source>The rules, tried in this order:</source>
        <translation>Les règles, essayées dans cet ordre :</translation>
    </message>
    <message>
        <source>%1. %2: %3</source>
        <translation>%1. %2 : %3</translation>
    </message>
    <message>
        <source>When no rule matches: %1</source>
        <translation>Quand aucune règle ne s’applique : %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Name at least one domain.</source>
        <translation>Indiquez au moins un domaine.</translation>
    </message>
    <message>
        <source>The account %1 no longer exists.</source>
        <translation>Le compte %1 n’existe plus.</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::RuleEditor</name>
    <message>
        <source>It is a meeting invitation</source>
        <translation>Le message est une invitation à une réunion</translation>
    </message>
    <message>
        <source>Recipient domain</source>
        <translation>Domaine du destinataire</translation>
    </message>
    <message>
        <source>Recipient address</source>
        <translation>Adresse du destinataire</translation>
    </message>
    <message>
        <source>Every recipient has a certificate</source>
        <translation>Chaque destinataire a un certificat</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Adresse de l’expéditeur</translation>
    </message>
    <message>
        <source>Sender domain</source>
        <translation>Domaine de l’expéditeur</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Header field</source>
        <translation>Champ d’en-tête</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Pièce jointe</translation>
    </message>
    <message>
        <source>Message size</source>
        <translation>Taille du message</translation>
    </message>
    <message>
        <source>Encrypt (refuse when a recipient has no certificate)</source>
        <translation>Chiffrer (refuser si un destinataire n’a pas de certificat)</translation>
    </message>
    <message>
        <source>Sign and encrypt</source>
        <translation>Signer et chiffrer</translation>
    </message>
    <message>
        <source>Sign only</source>
        <translation>Signer uniquement</translation>
    </message>
    <message>
        <source>Encrypt when possible</source>
        <translation>Chiffrer si possible</translation>
    </message>
    <message>
        <source>Send in clear</source>
        <translation>Envoyer en clair</translation>
    </message>
    <message>
        <source>Block the message</source>
        <translation>Bloquer le message</translation>
    </message>
    <message>
        <source>Turn the invitation into an .ics attachment, then go on</source>
        <translation>Transformer l’invitation en pièce jointe .ics, puis continuer</translation>
    </message>
    <message>
        <source>send the whole message in clear</source>
        <translation>envoyer tout le message en clair</translation>
    </message>
    <message>
        <source>encrypt for those who can read it, a clear copy to the others</source>
        <translation>chiffrer pour ceux qui peuvent le lire, une copie en clair pour les autres</translation>
    </message>
    <message>
        <source>refuse the message</source>
        <translation>refuser le message</translation>
    </message>
    <message>
        <source>contains %1</source>
        <translation>contient %1</translation>
    </message>
    <message>
        <source>is %1</source>
        <translation>est %1</translation>
    </message>
    <message>
        <source>matches the pattern %1</source>
        <translation>correspond au motif %1</translation>
    </message>
    <message>
        <source>The header field name</source>
        <translation>Le nom du champ d’en-tête</translation>
    </message>
    <message>
        <source>The text</source>
        <translation>Le texte</translation>
    </message>
    <message>
        <source>The list of addresses or domains</source>
        <translation>La liste des adresses ou domaines</translation>
    </message>
    <message>
        <source>The attachment type</source>
        <translation>Le type de pièce jointe</translation>
    </message>
    <message>
        <source>The attachment name</source>
        <translation>Le nom de la pièce jointe</translation>
    </message>
    <message>
        <source>The size</source>
        <translation>La taille</translation>
    </message>
    <message>
        <source>The rule name</source>
        <translation>Le nom de la règle</translation>
    </message>
    <message>
        <source>The reason</source>
        <translation>Le motif</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>header %1 %2</source>
        <translation>l’en-tête %1 %2</translation>
    </message>
    <message>
        <source>subject %1</source>
        <translation>l’objet %1</translation>
    </message>
    <message>
        <source>it is a meeting invitation</source>
        <translation>c’est une invitation à une réunion</translation>
    </message>
    <message>
        <source>it is a meeting invitation (%1)</source>
        <translation>c’est une invitation à une réunion (%1)</translation>
    </message>
    <message>
        <source>every recipient is one of %1</source>
        <translation>chaque destinataire figure parmi %1</translation>
    </message>
    <message>
        <source>a recipient is one of %1</source>
        <translation>un destinataire figure parmi %1</translation>
    </message>
    <message>
        <source>every recipient is in %1</source>
        <translation>chaque destinataire appartient à %1</translation>
    </message>
    <message>
        <source>a recipient is in %1</source>
        <translation>un destinataire appartient à %1</translation>
    </message>
    <message>
        <source>the sender is one of %1</source>
        <translation>l’expéditeur figure parmi %1</translation>
    </message>
    <message>
        <source>the sender is in %1</source>
        <translation>l’expéditeur appartient à %1</translation>
    </message>
    <message>
        <source>every recipient has a certificate</source>
        <translation>chaque destinataire a un certificat</translation>
    </message>
    <message>
        <source>of type %1</source>
        <translation>de type %1</translation>
    </message>
    <message>
        <source>named %1</source>
        <translation>nommée %1</translation>
    </message>
    <message>
        <source>it has an attachment</source>
        <translation>le message a une pièce jointe</translation>
    </message>
    <message>
        <source>it has an attachment %1</source>
        <translation>le message a une pièce jointe %1</translation>
    </message>
    <message>
        <source>it is larger than %1</source>
        <translation>le message dépasse %1</translation>
    </message>
    <message>
        <source>not (%1)</source>
        <translation>non (%1)</translation>
    </message>
    <message>
        <source>encrypt</source>
        <translation>chiffrer</translation>
    </message>
    <message>
        <source>sign and encrypt</source>
        <translation>signer et chiffrer</translation>
    </message>
    <message>
        <source>sign</source>
        <translation>signer</translation>
    </message>
    <message>
        <source>send in clear</source>
        <translation>envoyer en clair</translation>
    </message>
    <message>
        <source>block</source>
        <translation>bloquer</translation>
    </message>
    <message>
        <source>block (&quot;%1&quot;)</source>
        <translation>bloquer (« %1 »)</translation>
    </message>
    <message>
        <source>turn the invitation into an .ics attachment, then go on with the next rules</source>
        <translation>transformer l’invitation en pièce jointe .ics, puis passer aux règles suivantes</translation>
    </message>
    <message>
        <source>sign and encrypt when possible, otherwise %1</source>
        <translation>signer et chiffrer si possible, sinon %1</translation>
    </message>
    <message>
        <source>encrypt when possible, otherwise %1</source>
        <translation>chiffrer si possible, sinon %1</translation>
    </message>
    <message>
        <source>turn an invitation into an .ics attachment, then %1</source>
        <translation>transformer une invitation en pièce jointe .ics, puis %1</translation>
    </message>
    <message>
        <source>Meeting invitations in clear so every calendar can act on them; everything else encrypted.</source>
        <translation>Invitations aux réunions en clair pour que tout agenda puisse les traiter ; tout le reste chiffré.</translation>
    </message>
    <message>
        <source>Meeting invitations turned into an invite.ics attachment; everything encrypted.</source>
        <translation>Invitations aux réunions transformées en pièce jointe invite.ics ; tout chiffré.</translation>
    </message>
    <message>
        <source>Every message encrypted, invitations included.</source>
        <translation>Tous les messages chiffrés, invitations comprises.</translation>
    </message>
    <message>
        <source>Every message signed; none encrypted.</source>
        <translation>Tous les messages signés ; aucun chiffré.</translation>
    </message>
    <message>
        <source>Messages to the listed domains encrypted; the rest in clear.</source>
        <translation>Messages vers les domaines indiqués chiffrés ; les autres en clair.</translation>
    </message>
    <message>
        <source>Encrypted when every recipient has a certificate, otherwise as the rule says.</source>
        <translation>Chiffré quand chaque destinataire a un certificat, sinon selon la règle.</translation>
    </message>
    <message>
        <source>Always: %1</source>
        <translation>Toujours : %1</translation>
    </message>
    <message>
        <source> or </source>
        <translation> ou </translation>
    </message>
    <message>
        <source> and </source>
        <translation> et </translation>
    </message>
    <message>
        <source>When %1: %2</source>
        <translation>Si %1 : %2</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <source>Rule name</source>
        <translation>Nom de la règle</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>Ac&amp;tivée</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>all of these hold</source>
        <translation>toutes ces conditions sont remplies</translation>
    </message>
    <message>
        <source>any of these holds</source>
        <translation>l’une de ces conditions est remplie</translation>
    </message>
    <message>
        <source>How the conditions combine</source>
        <translation>Comment les conditions se combinent</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <source>A&amp;dd condition…</source>
        <translation>Ajouter une con&amp;dition…</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>Modi&amp;fier…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>S&amp;upprimer</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>Alors</translation>
    </message>
    <message>
        <source>(no condition: the rule applies to every message)</source>
        <translation>(aucune condition : la règle s’applique à tous les messages)</translation>
    </message>
    <message>
        <source>Give the rule a name, so the activity list can say which rule decided.</source>
        <translation>Donnez un nom à la règle, pour que la liste d’activité puisse indiquer quelle règle a décidé.</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::Security</name>
    <message>
        <source>signature valid</source>
        <translation>signature valide</translation>
    </message>
    <message>
        <source>signature does not match: the message was changed</source>
        <translation>la signature ne correspond pas : le message a été modifié</translation>
    </message>
    <message>
        <source>signature intact, but the signer&apos;s certificate is not trusted</source>
        <translation>signature intacte, mais le certificat du signataire n’est pas approuvé</translation>
    </message>
    <message>
        <source>signature intact, but the signer&apos;s certificate has expired</source>
        <translation>signature intacte, mais le certificat du signataire a expiré</translation>
    </message>
    <message>
        <source>the signer&apos;s certificate was not yet valid when it signed</source>
        <translation>le certificat du signataire n’était pas encore valide au moment de la signature</translation>
    </message>
    <message>
        <source>the signer&apos;s certificate is not meant for signing e-mail</source>
        <translation>le certificat du signataire n’est pas prévu pour signer des courriels</translation>
    </message>
    <message>
        <source>signature valid, but the signer is not the sender</source>
        <translation>signature valide, mais le signataire n’est pas l’expéditeur</translation>
    </message>
    <message>
        <source>signed with an algorithm Postern cannot check</source>
        <translation>signé avec un algorithme que Postern ne peut pas vérifier</translation>
    </message>
    <message>
        <source>the signature is broken</source>
        <translation>la signature est endommagée</translation>
    </message>
    <message>
        <source>Not protected: neither encrypted nor signed</source>
        <translation>Non protégé : ni chiffré ni signé</translation>
    </message>
    <message>
        <source>Encrypted without a signature inside: changes in transit could not be noticed</source>
        <translation>Chiffré sans signature à l’intérieur : une modification en transit n’aurait pas pu être détectée</translation>
    </message>
    <message>
        <source>Intact: nothing was changed since it was protected</source>
        <translation>Intact : rien n’a été modifié depuis sa protection</translation>
    </message>
    <message>
        <source>Broken: the message was changed after it was protected</source>
        <translation>Endommagé : le message a été modifié après sa protection</translation>
    </message>
    <message>
        <source>Unknown: a security layer could not be opened</source>
        <translation>Inconnu : une couche de sécurité n’a pas pu être ouverte</translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation>Non chiffré</translation>
    </message>
    <message>
        <source>Encrypted (%1)</source>
        <translation>Chiffré (%1)</translation>
    </message>
    <message>
        <source>Encrypted, not decrypted</source>
        <translation>Chiffré, non déchiffré</translation>
    </message>
    <message>
        <source>not signed</source>
        <translation>non signé</translation>
    </message>
    <message>
        <source>an unknown signer</source>
        <translation>un signataire inconnu</translation>
    </message>
    <message>
        <source>signed by %1: %2</source>
        <translation>signé par %1 : %2</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Start &amp;minimised to the system tray</source>
        <translation>Démarrer réduit dans la zone de &amp;notification</translation>
    </message>
    <message>
        <source>Start Postern when I &amp;log in</source>
        <translation>Démarrer Postern à l’&amp;ouverture de session</translation>
    </message>
    <message numerus="yes">
        <source> minutes</source>
        <translation>
            <numerusform> minute</numerusform>
            <numerusform> minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>until Postern quits</source>
        <translation>jusqu’à la fermeture de Postern</translation>
    </message>
    <message>
        <source>How long the passphrase is remembered</source>
        <translation>Durée pendant laquelle la phrase secrète est mémorisée</translation>
    </message>
    <message>
        <source>Remember the &amp;passphrase for:</source>
        <translation>Mémoriser la &amp;phrase secrète pendant :</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Avertissements et erreurs</translation>
    </message>
    <message>
        <source>What Postern does (normal)</source>
        <translation>Ce que fait Postern (normal)</translation>
    </message>
    <message>
        <source>Everything, for finding a problem</source>
        <translation>Tout, pour rechercher un problème</translation>
    </message>
    <message>
        <source>Log level</source>
        <translation>Niveau de journalisation</translation>
    </message>
    <message>
        <source>&amp;Log:</source>
        <translation>&amp;Journal :</translation>
    </message>
    <message>
        <source>The log never contains passwords, passphrases or message contents.</source>
        <translation>Le journal ne contient jamais de mots de passe, de phrases secrètes ni le contenu des messages.</translation>
    </message>
    <message>
        <source>The passphrase time could not be saved: %1</source>
        <translation>La durée de la phrase secrète n’a pas pu être enregistrée : %1</translation>
    </message>
    <message>
        <source>Starting at login could not be changed: %1</source>
        <translation>Le démarrage à l’ouverture de session n’a pas pu être modifié : %1</translation>
    </message>
    <message>
        <source>%1 cannot be removed</source>
        <translation>%1 ne peut pas être supprimé</translation>
    </message>
    <message>
        <source>%1 cannot be created</source>
        <translation>%1 ne peut pas être créé</translation>
    </message>
    <message>
        <source>Protects your mail with S/MIME</source>
        <translation>Protège vos courriels avec S/MIME</translation>
    </message>
    <message>
        <source>Keep decrypted messages on &amp;disk between runs</source>
        <translation>Conserver les messages déchiffrés sur le &amp;disque entre deux lancements</translation>
    </message>
    <message>
        <source>Messages are kept encrypted under a key from your certificate store, so a restart does not download and decrypt them again. Turning this off deletes them.</source>
        <translation>Les messages sont conservés chiffrés avec une clé issue de votre magasin de certificats : après un redémarrage, ils ne sont ni téléchargés ni déchiffrés à nouveau. Désactiver cette option les supprime.</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> Mo</translation>
    </message>
    <message>
        <source>Most disk space decrypted messages may take</source>
        <translation>Espace disque maximal des messages déchiffrés</translation>
    </message>
    <message>
        <source>Disk space for decrypted &amp;messages:</source>
        <translation>&amp;Espace disque pour les messages déchiffrés :</translation>
    </message>
    <message>
        <source>The message cache setting could not be saved: %1</source>
        <translation>Le réglage du cache des messages n’a pas pu être enregistré : %1</translation>
    </message>
</context>
<context>
    <name>Postern::Ui::TrayController</name>
    <message>
        <source>&amp;Show Postern</source>
        <translation>&amp;Afficher Postern</translation>
    </message>
    <message>
        <source>&amp;Pause all proxies</source>
        <translation>Mettre tous les proxys en &amp;pause</translation>
    </message>
    <message>
        <source>No message relayed yet</source>
        <translation>Aucun message relayé pour l’instant</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Proxies off: the certificate store could not be opened</source>
        <translation>Proxys arrêtés : le magasin de certificats n’a pas pu être ouvert</translation>
    </message>
    <message>
        <source>All proxies paused</source>
        <translation>Tous les proxys sont en pause</translation>
    </message>
    <message>
        <source>No accounts yet: add one on the Accounts page</source>
        <translation>Aucun compte pour l’instant : ajoutez-en un dans la page Comptes</translation>
    </message>
    <message numerus="yes">
        <source>Proxies running for %1 of %n accounts</source>
        <translation>
            <numerusform>Proxys actifs pour %1 sur %n compte</numerusform>
            <numerusform>Proxys actifs pour %1 sur %n comptes</numerusform>
        </translation>
    </message>
    <message>
        <source> — %1</source>
        <translation> — %1</translation>
    </message>
    <message>
        <source>Postern: %1</source>
        <translation>Postern : %1</translation>
    </message>
    <message>
        <source>%1
Last: %2</source>
        <translation>%1
Dernier : %2</translation>
    </message>
    <message>
        <source>%1: “%2” — %3</source>
        <translation>%1 : « %2 » — %3</translation>
    </message>
    <message>
        <source>A message was not sent</source>
        <translation>Un message n’a pas été envoyé</translation>
    </message>
    <message>
        <source>“%1” to %2: %3</source>
        <translation>« %1 » à %2 : %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
</context>
</TS>
