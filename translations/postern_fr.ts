<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
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
        <source>Mail accounts whose messages Postern protects, and how to point your mail client at Postern.</source>
        <translation>Les comptes de messagerie dont Postern protège les messages, et comment configurer votre logiciel de messagerie pour passer par Postern.</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>Règles</translation>
    </message>
    <message>
        <source>What Postern does with each outgoing message: encrypt, sign, send in clear or block.</source>
        <translation>Ce que Postern fait de chaque message sortant : le chiffrer, le signer, l’envoyer en clair ou le bloquer.</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Certificats</translation>
    </message>
    <message>
        <source>Your own identities and the certificates of the people you write to.</source>
        <translation>Vos propres identités et les certificats des personnes à qui vous écrivez.</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>What Postern did with each message it relayed.</source>
        <translation>Ce que Postern a fait de chaque message qu’il a relayé.</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspecteur</translation>
    </message>
    <message>
        <source>Open or drop a message, certificate or invitation file to see what it contains.</source>
        <translation>Ouvrez ou déposez ici un message, un certificat ou une invitation pour voir ce qu’il contient.</translation>
    </message>
    <message>
        <source>Proxies not configured</source>
        <translation>Aucun proxy configuré</translation>
    </message>
</context>
<context>
    <name>Postern::Calendar::InvitationPreview</name>
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
        <translation>Travail à un autre endroit</translation>
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
</TS>
