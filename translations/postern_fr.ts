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
</TS>