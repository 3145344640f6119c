#include "ConnectionTest.h"

#include "core/base/Logging.h"
#include "core/base/UpstreamTls.h"
#include "core/imap/ImapResponse.h"

#include <QLocale>
#include <QSslSocket>
#include <QTimer>

#include <algorithm>

namespace Postern::Service {

namespace {

// SMTP reply lines (RFC 5321 4.5.3.1.5 allows 512) and IMAP responses (no limit in RFC 3501;
// a greeting or a capability list is a few hundred bytes) beyond these are not a mail server.
constexpr qsizetype maximumSmtpLine = 4096;
constexpr qsizetype maximumImapResponse = qsizetype(64) * 1024;

// What the server wrote after the status, for quoting it to people; long texts are cut.
QString serverText(const QByteArray &text)
{
    QByteArray trimmed = text.trimmed();
    if (trimmed.size() > 200) {
        trimmed = trimmed.left(200) + "...";
    }
    return QString::fromUtf8(trimmed);
}

// "t3 NO [AUTHENTICATIONFAILED] Authentication failed." -> "[AUTHENTICATIONFAILED] Auth…"
QByteArray imapStatusText(const QByteArray &bytes)
{
    const QList<QByteArray> words = bytes.trimmed().split(' ');
    return words.mid(2).join(' ');
}

// RFC 3501 9: an astring as a quoted string when it can be one, else a synchronising literal
// (whose bytes follow only after the server's "+").
bool isQuotable(const QByteArray &text)
{
    return std::all_of(text.cbegin(), text.cend(),
                       [](char character) { return character >= 0x20 && character < 0x7f; });
}

QByteArray quoted(const QByteArray &text)
{
    QByteArray out = "\"";
    for (const char character : text) {
        if (character == '"' || character == '\\') {
            out += '\\';
        }
        out += character;
    }
    return out + '"';
}

QString protocolVersion(QSsl::SslProtocol protocol)
{
    switch (protocol) {
    case QSsl::TlsV1_2:
        return QStringLiteral("TLS 1.2");
    case QSsl::TlsV1_3:
        return QStringLiteral("TLS 1.3");
    default:
        return QStringLiteral("TLS");
    }
}

QString nameOf(const QSslCertificate &certificate)
{
    const QString shown = certificate.subjectDisplayName();
    return shown.isEmpty() ? certificate.subjectInfo(QSslCertificate::Organization).join(u", ")
                           : shown;
}

QString issuerOf(const QSslCertificate &certificate)
{
    const QString shown = certificate.issuerDisplayName();
    return shown.isEmpty() ? certificate.issuerInfo(QSslCertificate::Organization).join(u", ")
                           : shown;
}

// The names a server certificate is valid for: its DNS and IP subjectAltNames (RFC 6125 6.4),
// or else its common name.
QStringList hostNamesOf(const QSslCertificate &certificate)
{
    const auto alternatives = certificate.subjectAlternativeNames();
    QStringList names = alternatives.values(QSsl::DnsEntry);
    names += alternatives.values(QSsl::IpAddressEntry);
    if (names.isEmpty()) {
        names = certificate.subjectInfo(QSslCertificate::CommonName);
    }
    return names;
}

QString dateOf(const QDateTime &time)
{
    return QLocale().toString(time.toLocalTime().date(), QLocale::LongFormat);
}

} // namespace

ConnectionTest::ConnectionTest(Policy::Server server,
                               QList<QSslCertificate> extraRoots,
                               Protocol protocol,
                               QObject *parent)
    : QObject(parent)
    , m_server(std::move(server))
    , m_extraRoots(std::move(extraRoots))
    , m_protocol(protocol)
    , m_socket(new QSslSocket(this))
    , m_timer(new QTimer(this))
    , m_imapReader(std::make_unique<Imap::ResponseReader>(maximumImapResponse))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ConnectionTest::onTimeout);

    m_socket->setSslConfiguration(upstreamTlsConfiguration(m_extraRoots));
    m_socket->setPeerVerifyName(m_server.host);
    connect(m_socket, &QSslSocket::connected, this, &ConnectionTest::onConnected);
    connect(m_socket, &QSslSocket::encrypted, this, &ConnectionTest::onEncrypted);
    connect(m_socket, &QSslSocket::readyRead, this, &ConnectionTest::onReadyRead);
    connect(m_socket, &QSslSocket::errorOccurred, this, &ConnectionTest::onSocketError);
    connect(m_socket, &QSslSocket::sslErrors, this, &ConnectionTest::onSslErrors);
}

ConnectionTest::~ConnectionTest()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

void ConnectionTest::setStepTimeout(std::chrono::milliseconds timeout)
{
    m_stepTimeout = timeout;
}

void ConnectionTest::start(const QString &user, const QString &password)
{
    if (m_stage != Stage::Idle) {
        return;
    }
    m_user = user.toUtf8();
    m_password = Secret(password.toUtf8());
    m_report = ConnectionReport();

    if (m_server.host.trimmed().isEmpty() || m_server.port == 0) {
        fail(tr("The server name or port is missing."));
        return;
    }
    if (m_server.security == Policy::Security::None && !Policy::isLoopbackHost(m_server.host)) {
        fail(tr("Postern connects without encryption only to a server on this computer. Choose "
                "TLS or STARTTLS for %1.")
                     .arg(m_server.host));
        return;
    }

    QString how;
    switch (m_server.security) {
    case Policy::Security::Tls:
        how = tr("with TLS");
        break;
    case Policy::Security::StartTls:
        how = tr("switching to TLS with STARTTLS");
        break;
    case Policy::Security::None:
        how = tr("without encryption (the server is on this computer)");
        break;
    }
    step(tr("Connecting to %1 on port %2, %3.").arg(m_server.host).arg(m_server.port).arg(how));
    enter(Stage::Connecting);
    if (m_server.security == Policy::Security::Tls) {
        m_socket->connectToHostEncrypted(m_server.host, m_server.port);
    } else {
        m_socket->connectToHost(m_server.host, m_server.port);
    }
}

void ConnectionTest::cancel()
{
    if (m_stage == Stage::Done) {
        return;
    }
    m_stage = Stage::Done;
    m_timer->stop();
    m_socket->abort();
    qCInfo(category()).noquote() << "connection test of" << m_server.display() << "cancelled";
}

const QLoggingCategory &ConnectionTest::category() const
{
    return m_protocol == Protocol::Imap ? lcImap() : lcSmtp();
}

QString ConnectionTest::protocolName() const
{
    return m_protocol == Protocol::Imap ? QStringLiteral("IMAP") : QStringLiteral("SMTP");
}

void ConnectionTest::enter(Stage stage)
{
    m_stage = stage;
    m_timer->start(m_stepTimeout);
}

void ConnectionTest::step(const QString &text)
{
    m_report.steps.append(text);
}

void ConnectionTest::succeed(const QString &summary)
{
    finish(true, summary);
}

void ConnectionTest::fail(const QString &summary)
{
    step(summary);
    finish(false, summary);
}

void ConnectionTest::finish(bool ok, const QString &summary)
{
    if (m_stage == Stage::Done) {
        return;
    }
    m_stage = Stage::Done;
    m_timer->stop();
    m_password = Secret();
    m_report.ok = ok;
    m_report.summary = summary;
    qCInfo(category()).noquote() << "connection test of" << m_server.display() << protocolName()
                                 << (ok ? "succeeded" : "failed:") << (ok ? QString() : summary);
    if (ok) {
        m_socket->disconnectFromHost();
    } else {
        m_socket->abort();
    }
    // Last: a receiver may delete this object from its slot.
    Q_EMIT finished(m_report);
}

QString ConnectionTest::stageText() const
{
    switch (m_stage) {
    case Stage::Idle:
    case Stage::Connecting:
        return tr("connecting");
    case Stage::Handshake:
    case Stage::StartTlsHandshake:
        return tr("setting up the encrypted connection");
    case Stage::Greeting:
        return tr("waiting for the server's greeting");
    case Stage::Capability:
        return tr("asking what the server supports");
    case Stage::StartTls:
        return tr("asking the server to switch to encryption (STARTTLS)");
    case Stage::Ehlo:
        return tr("introducing Postern to the server (EHLO)");
    case Stage::Login:
        return tr("logging in");
    case Stage::Logout:
    case Stage::Done:
        return tr("closing the connection");
    }
    return {};
}

QString ConnectionTest::certificateText() const
{
    const QSslCertificate certificate = m_socket->peerCertificate();
    return tr("The connection is encrypted (%1). The server's certificate is for \"%2\", issued "
              "by \"%3\", and is trusted.")
            .arg(protocolVersion(m_socket->sessionProtocol()), nameOf(certificate),
                 issuerOf(certificate));
}

void ConnectionTest::onConnected()
{
    if (m_stage != Stage::Connecting) {
        return;
    }
    if (m_server.security == Policy::Security::Tls) {
        step(tr("Connected; setting up encryption."));
        enter(Stage::Handshake);
        return;
    }
    step(m_server.security == Policy::Security::StartTls
                 ? tr("Connected; the connection is not encrypted yet.")
                 : tr("Connected, without encryption."));
    enter(Stage::Greeting);
}

void ConnectionTest::onEncrypted()
{
    step(certificateText());
    if (m_stage == Stage::Handshake) {
        enter(Stage::Greeting);
        onReadyRead();
        return;
    }
    if (m_stage != Stage::StartTlsHandshake) {
        return;
    }
    // RFC 3501 6.2.1 and RFC 3207 4.2: what the server said before TLS is forgotten and asked
    // again over the encrypted connection.
    m_capabilities.clear();
    if (m_protocol == Protocol::Imap) {
        sendImap(QByteArrayLiteral("CAPABILITY"), Stage::Capability);
    } else {
        sendSmtp(QByteArrayLiteral("EHLO localhost"), Stage::Ehlo);
    }
}

void ConnectionTest::startTlsHandshake()
{
    step(tr("The server agreed to switch to encryption."));
    // Anything sent before the handshake is not to be trusted (RFC 3207 6, RFC 3501 11.1).
    m_imapReader = std::make_unique<Imap::ResponseReader>(maximumImapResponse);
    m_smtpBuffer.clear();
    m_smtpLines.clear();
    enter(Stage::StartTlsHandshake);
    m_socket->startClientEncryption();
}

void ConnectionTest::onReadyRead()
{
    switch (m_stage) {
    case Stage::Idle:
    case Stage::Connecting:
    case Stage::Handshake:
    case Stage::StartTlsHandshake:
    case Stage::Done:
        return;
    default:
        break;
    }
    if (m_protocol == Protocol::Imap) {
        readImap();
    } else {
        readSmtp();
    }
}

void ConnectionTest::onTimeout()
{
    fail(tr("The server did not answer within %1 seconds while %2. It may be down or overloaded, "
            "or a firewall may block port %3.")
                 .arg(std::chrono::duration_cast<std::chrono::seconds>(m_stepTimeout).count())
                 .arg(stageText())
                 .arg(m_server.port));
}

void ConnectionTest::onSocketError()
{
    if (m_stage == Stage::Done) {
        return;
    }
    const QAbstractSocket::SocketError error = m_socket->error();
    const QString detail = m_socket->errorString();
    qCDebug(category()).noquote() << "connection test:" << m_server.display() << detail;
    const bool inTlsHandshake = m_stage == Stage::Handshake;
    switch (error) {
    case QAbstractSocket::HostNotFoundError:
        fail(tr("The server name \"%1\" was not found. Check the spelling of the server name, and "
                "that this computer is connected to the internet.")
                     .arg(m_server.host));
        return;
    case QAbstractSocket::ConnectionRefusedError:
        fail(tr("%1 refused the connection on port %2: no mail service answers there. Check the "
                "port (IMAP: 993 with TLS or 143 with STARTTLS; SMTP: 465 with TLS or 587 with "
                "STARTTLS).")
                     .arg(m_server.host)
                     .arg(m_server.port));
        return;
    case QAbstractSocket::NetworkError:
        fail(tr("%1 cannot be reached from this computer (%2). Check the network connection.")
                     .arg(m_server.host, detail));
        return;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::RemoteHostClosedError:
        if (inTlsHandshake) {
            fail(tr("No encrypted connection could be set up on port %1: the server does not seem "
                    "to speak TLS there. If this port expects STARTTLS, choose STARTTLS; "
                    "otherwise use the server's TLS port (IMAP 993, SMTP 465). (%2)")
                         .arg(m_server.port)
                         .arg(detail));
            return;
        }
        if (error == QAbstractSocket::SslHandshakeFailedError) {
            fail(tr("No encrypted connection could be set up with the server (%1).").arg(detail));
            return;
        }
        fail(tr("The server closed the connection while %1.").arg(stageText()));
        return;
    default:
        fail(tr("The connection failed while %1: %2").arg(stageText(), detail));
        return;
    }
}

void ConnectionTest::onSslErrors(const QList<QSslError> &errors)
{
    if (m_stage == Stage::Done) {
        return;
    }
    QSslCertificate leaf = m_socket->peerCertificate();
    QStringList problems;
    bool untrusted = false;
    for (const QSslError &error : errors) {
        if (leaf.isNull()) {
            leaf = error.certificate();
        }
        switch (error.error()) {
        case QSslError::HostNameMismatch:
            problems.append(
                    tr("The server's certificate is for another name: it is for %1, not for "
                       "\"%2\". Check the server name in the account settings; if it is right, "
                       "the server is set up for another name.")
                            .arg(hostNamesOf(leaf).join(u", "), m_server.host));
            break;
        case QSslError::CertificateExpired:
            problems.append(tr("The server's certificate (\"%1\") expired on %2. The server's "
                               "administrator must renew it.")
                                    .arg(nameOf(leaf), dateOf(leaf.expiryDate())));
            break;
        case QSslError::CertificateNotYetValid:
            problems.append(tr("The server's certificate (\"%1\") is valid only from %2. Check "
                               "this computer's date and time.")
                                    .arg(nameOf(leaf), dateOf(leaf.effectiveDate())));
            break;
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::CertificateUntrusted:
            untrusted = true;
            break;
        default:
            problems.append(
                    tr("The server's certificate was not accepted: %1.").arg(error.errorString()));
            break;
        }
    }
    if (untrusted) {
        const bool selfSigned = leaf.isSelfSigned();
        problems.prepend(
                selfSigned ? tr("The server's certificate is self-signed (subject \"%1\", issued "
                                "by itself), so no known authority vouches for it. If you trust "
                                "this server, add its certificate to the account's CA "
                                "certificates.")
                                     .arg(nameOf(leaf))
                           : tr("The server's certificate (subject \"%1\") was issued by \"%2\", "
                                "an authority this computer does not know. If you trust that "
                                "authority, add its CA certificate to the account's CA "
                                "certificates.")
                                     .arg(nameOf(leaf), issuerOf(leaf)));
    }
    problems.removeDuplicates();
    fail(problems.join(u' '));
}

void ConnectionTest::readImap()
{
    m_imapReader->feed(m_socket->readAll());
    while (m_stage != Stage::Done) {
        const std::optional<Imap::Response> response = m_imapReader->next();
        if (m_imapReader->hasError()) {
            fail(tr("The server's answer is not IMAP (%1). Check that the port belongs to the "
                    "IMAP service.")
                         .arg(m_imapReader->error()));
            return;
        }
        if (!response) {
            return;
        }
        imapResponse(*response);
    }
}

void ConnectionTest::imapResponse(const Imap::Response &response)
{
    const QByteArray name = response.name();
    if (m_stage == Stage::Greeting) {
        if (response.kind != Imap::Response::Kind::Untagged
            || (name != "OK" && name != "PREAUTH")) {
            fail(tr("The server refused the connection: \"%1\".")
                         .arg(serverText(response.bytes.mid(2))));
            return;
        }
        step(tr("The server greeted Postern as an IMAP server."));
        sendImap(QByteArrayLiteral("CAPABILITY"), Stage::Capability);
        return;
    }
    if (response.kind == Imap::Response::Kind::Continuation) {
        if (m_stage == Stage::Login && !m_loginParts.isEmpty()) {
            m_socket->write(m_loginParts.takeFirst());
            m_timer->start(m_stepTimeout);
        }
        return;
    }
    if (response.kind == Imap::Response::Kind::Untagged) {
        if (name == "CAPABILITY") {
            for (const Imap::Value &value : response.values.mid(1)) {
                m_capabilities.append(value.text.toUpper());
            }
        } else if (name == "BYE" && m_stage != Stage::Logout) {
            fail(tr("The server ended the session while %1: \"%2\".")
                         .arg(stageText(), serverText(response.bytes.mid(2))));
        }
        return;
    }
    if (response.tag != m_tag) {
        return;
    }

    const QByteArray text = imapStatusText(response.bytes);
    switch (m_stage) {
    case Stage::Capability:
        if (name != "OK") {
            fail(tr("The server did not say what it supports: \"%1\".").arg(serverText(text)));
            return;
        }
        afterImapCapability();
        return;
    case Stage::StartTls:
        if (name != "OK") {
            fail(tr("The server refused to switch to encryption (STARTTLS): \"%1\".")
                         .arg(serverText(text)));
            return;
        }
        startTlsHandshake();
        return;
    case Stage::Login:
        m_loginParts.clear();
        if (name == "OK") {
            step(tr("Logged in as %1.").arg(QString::fromUtf8(m_user)));
            m_socket->write("t" + QByteArray::number(++m_nextTag) + " LOGOUT\r\n");
            succeed(tr("The connection and the login work."));
            return;
        }
        if (text.contains("[PRIVACYREQUIRED]")) {
            fail(tr("The server requires an encrypted connection before login. Choose TLS or "
                    "STARTTLS."));
        } else if (text.contains("[UNAVAILABLE]")) {
            fail(tr("The server cannot log anyone in right now: \"%1\". Try again later.")
                         .arg(serverText(text)));
        } else if (name == "NO") {
            fail(tr("The user name or password is wrong (the server said: \"%1\").")
                         .arg(serverText(text)));
        } else {
            fail(tr("The server did not accept the login: \"%1\".").arg(serverText(text)));
        }
        return;
    default:
        return;
    }
}

void ConnectionTest::afterImapCapability()
{
    const bool encrypted = m_socket->isEncrypted();
    if (m_server.security == Policy::Security::StartTls && !encrypted) {
        if (!m_capabilities.contains("STARTTLS")) {
            fail(tr("The server does not offer STARTTLS on port %1, so the connection cannot be "
                    "encrypted. Postern never continues without encryption: use the server's TLS "
                    "port (usually 993) with TLS, or ask the server's administrator.")
                         .arg(m_server.port));
            return;
        }
        step(tr("The server offers STARTTLS."));
        sendImap(QByteArrayLiteral("STARTTLS"), Stage::StartTls);
        return;
    }
    if (m_password.isEmpty()) {
        m_socket->write("t" + QByteArray::number(++m_nextTag) + " LOGOUT\r\n");
        succeed(tr("The connection works. The login was not tested: no password was given."));
        return;
    }
    // RFC 3501 6.2.3: LOGINDISABLED forbids LOGIN, which servers announce before TLS.
    if (m_capabilities.contains("LOGINDISABLED")) {
        fail(encrypted ? tr("The server does not allow logging in with a password (LOGIN).")
                       : tr("The server requires an encrypted connection before login. Choose "
                            "TLS or STARTTLS."));
        return;
    }
    sendImapLogin();
}

void ConnectionTest::sendImap(const QByteArray &command, Stage stage)
{
    m_tag = "t" + QByteArray::number(++m_nextTag);
    m_socket->write(m_tag + ' ' + command + "\r\n");
    enter(stage);
}

void ConnectionTest::sendImapLogin()
{
    m_tag = "t" + QByteArray::number(++m_nextTag);
    m_loginParts.clear();
    QByteArray current = m_tag + " LOGIN";
    const QByteArray &password = m_password.bytes();
    for (const QByteArray *argument : {&std::as_const(m_user), &password}) {
        current += ' ';
        if (isQuotable(*argument)) {
            current += quoted(*argument);
            continue;
        }
        current += '{' + QByteArray::number(argument->size()) + "}\r\n";
        m_loginParts.append(current);
        current = *argument;
    }
    current += "\r\n";
    m_loginParts.append(current);
    step(tr("Logging in as %1.").arg(QString::fromUtf8(m_user)));
    m_socket->write(m_loginParts.takeFirst());
    enter(Stage::Login);
}

void ConnectionTest::readSmtp()
{
    m_smtpBuffer += m_socket->readAll();
    while (m_stage != Stage::Done) {
        const auto end = m_smtpBuffer.indexOf('\n');
        if (end < 0) {
            if (m_smtpBuffer.size() > maximumSmtpLine) {
                fail(tr("The server's answer is not SMTP. Check that the port belongs to the SMTP "
                        "service."));
            }
            return;
        }
        QByteArray line = m_smtpBuffer.left(end);
        m_smtpBuffer.remove(0, end + 1);
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        bool ok = false;
        const int code = line.left(3).toInt(&ok);
        if (line.size() < 3 || !ok || code < 200 || code > 599
            || (line.size() > 3 && line.at(3) != ' ' && line.at(3) != '-')) {
            fail(tr("The server's answer is not SMTP (\"%1\"). Check that the port belongs to the "
                    "SMTP service.")
                         .arg(serverText(line.left(80))));
            return;
        }
        m_smtpLines.append(line.mid(4));
        if (line.size() > 3 && line.at(3) == '-') {
            continue;
        }
        const QList<QByteArray> lines = m_smtpLines;
        m_smtpLines.clear();
        smtpReply(code, lines);
    }
}

void ConnectionTest::sendSmtp(const QByteArray &command, Stage stage)
{
    m_socket->write(command + "\r\n");
    enter(stage);
}

void ConnectionTest::smtpReply(int code, const QList<QByteArray> &lines)
{
    const QString text = serverText(lines.join(' '));
    switch (m_stage) {
    case Stage::Greeting:
        if (code != 220) {
            fail(tr("The server refused the connection: %1 \"%2\".").arg(code).arg(text));
            return;
        }
        step(tr("The server greeted Postern as an SMTP server."));
        sendSmtp(QByteArrayLiteral("EHLO localhost"), Stage::Ehlo);
        return;
    case Stage::Ehlo:
        if (code != 250) {
            fail(tr("The server did not accept Postern's introduction (EHLO): %1 \"%2\".")
                         .arg(code)
                         .arg(text));
            return;
        }
        m_capabilities.clear();
        for (const QByteArray &line : lines.mid(1)) {
            m_capabilities.append(line.toUpper());
        }
        afterEhlo();
        return;
    case Stage::StartTls:
        if (code != 220) {
            fail(tr("The server refused to switch to encryption (STARTTLS): %1 \"%2\".")
                         .arg(code)
                         .arg(text));
            return;
        }
        startTlsHandshake();
        return;
    case Stage::Login:
        if (code == 235) {
            step(tr("Logged in as %1.").arg(QString::fromUtf8(m_user)));
            m_socket->write(QByteArrayLiteral("QUIT\r\n"));
            succeed(tr("The connection and the login work."));
            return;
        }
        // RFC 4954 6: 535 bad credentials, 530 and 538 encryption required, 454 temporary.
        if (code == 535) {
            fail(tr("The user name or password is wrong (the server said: %1 \"%2\").")
                         .arg(code)
                         .arg(text));
        } else if (code == 530 || code == 538) {
            fail(tr("The server requires an encrypted connection before login. Choose TLS or "
                    "STARTTLS."));
        } else if (code == 454) {
            fail(tr("The server cannot log anyone in right now: %1 \"%2\". Try again later.")
                         .arg(code)
                         .arg(text));
        } else {
            fail(tr("The server did not accept the login: %1 \"%2\".").arg(code).arg(text));
        }
        return;
    default:
        return;
    }
}

void ConnectionTest::afterEhlo()
{
    const bool encrypted = m_socket->isEncrypted();
    const auto offers = [this](const QByteArray &keyword) -> QByteArray {
        for (const QByteArray &line : std::as_const(m_capabilities)) {
            const QList<QByteArray> words = line.split(' ');
            if (words.constFirst() == keyword) {
                return line;
            }
        }
        return {};
    };
    if (m_server.security == Policy::Security::StartTls && !encrypted) {
        if (offers("STARTTLS").isEmpty()) {
            fail(tr("The server does not offer STARTTLS on port %1, so the connection cannot be "
                    "encrypted. Postern never continues without encryption: use the server's TLS "
                    "port (usually 465) with TLS, or ask the server's administrator.")
                         .arg(m_server.port));
            return;
        }
        step(tr("The server offers STARTTLS."));
        sendSmtp(QByteArrayLiteral("STARTTLS"), Stage::StartTls);
        return;
    }
    if (m_password.isEmpty()) {
        m_socket->write(QByteArrayLiteral("QUIT\r\n"));
        succeed(tr("The connection works. The login was not tested: no password was given."));
        return;
    }
    const QByteArray auth = offers("AUTH");
    if (auth.isEmpty()) {
        // Servers commonly announce AUTH only once the connection is encrypted (RFC 4954 4).
        fail(encrypted ? tr("The server does not offer logging in (SMTP AUTH) on this port. "
                            "Check the port: mail is usually sent on 587 (STARTTLS) or 465 "
                            "(TLS).")
                       : tr("The server requires an encrypted connection before login. Choose "
                            "TLS or STARTTLS."));
        return;
    }
    step(tr("Logging in as %1.").arg(QString::fromUtf8(m_user)));
    // RFC 4616: authzid NUL authcid NUL passwd, in one initial response (RFC 4954 4).
    const Secret token(
            QByteArray(QByteArray(1, '\0') + m_user + QByteArray(1, '\0') + m_password.bytes())
                    .toBase64());
    sendSmtp("AUTH PLAIN " + token.bytes(), Stage::Login);
}

} // namespace Postern::Service
