#include "ImapProxy.h"

#include "core/activity/ActivityLog.h"
#include "core/base/Logging.h"
#include "core/base/UpstreamTls.h"
#include "core/imap/ClientCommand.h"
#include "core/imap/DiskCache.h"
#include "core/imap/FetchItems.h"
#include "core/imap/ImapResponse.h"
#include "core/imap/Incoming.h"
#include "core/imap/MessageView.h"
#include "core/service/LoopbackServer.h"
#include "core/store/CertificateStore.h"

#include <QFutureWatcher>
#include <QHash>
#include <QPointer>
#include <QPromise>
#include <QSet>
#include <QSslSocket>
#include <QThread>
#include <QTimer>

#include <limits>

namespace Postern::Imap {

namespace {

int sessionCounter = 0;

QList<QSslCertificate> rootsOf(const Policy::Account &account)
{
    QList<QSslCertificate> roots;
    for (const QString &pem : account.caCertificates) {
        roots += QSslCertificate::fromData(pem.toLatin1(), QSsl::Pem);
    }
    return roots;
}

// Items whose value comes from the message's bytes; a decrypted message gets its own.
bool isContentItem(const QByteArray &name)
{
    const QByteArray upper = name.toUpper();
    return upper.startsWith("BODY") || upper.startsWith("RFC822") || upper == "ENVELOPE"
           || upper.startsWith("BINARY");
}

// "1,2,3,5" as "1:3,5": a long FETCH for many UIDs stays short.
QByteArray uidSet(QList<quint32> uids)
{
    std::sort(uids.begin(), uids.end());
    QByteArray set;
    for (qsizetype i = 0; i < uids.size();) {
        qsizetype j = i;
        while (j + 1 < uids.size() && uids.at(j + 1) == uids.at(j) + 1) {
            ++j;
        }
        if (!set.isEmpty()) {
            set += ',';
        }
        set += QByteArray::number(uids.at(i));
        if (j > i) {
            set += ':' + QByteArray::number(uids.at(j));
        }
        i = j + 1;
    }
    return set;
}

// "1:3,7" as UIDs; absurd ranges are cut short rather than spelled out.
QList<quint32> uidsOf(const QByteArray &set)
{
    QList<quint32> uids;
    for (const QByteArray &range : set.split(',')) {
        const QList<QByteArray> ends = range.split(':');
        const quint32 first = ends.constFirst().toUInt();
        const quint32 last = ends.size() > 1 ? ends.at(1).toUInt() : first;
        for (quint64 uid = qMin(first, last); uid <= qMax(first, last) && uids.size() < 100000;
             ++uid) {
            uids.append(static_cast<quint32>(uid));
        }
    }
    return uids;
}

constexpr qint64 optimisticLimit = 32;

// RFC 3501 5.1.3: mailbox names travel in modified UTF-7; people read them decoded.
QString decodeMailboxName(const QByteArray &name)
{
    QString decoded;
    for (qsizetype at = 0; at < name.size(); ++at) {
        if (name.at(at) != '&') {
            decoded += QLatin1Char(name.at(at));
            continue;
        }
        const qsizetype end = name.indexOf('-', at + 1);
        if (end < 0) {
            return QString::fromUtf8(name); // not modified UTF-7 after all
        }
        if (end == at + 1) {
            decoded += QLatin1Char('&');
        } else {
            QByteArray base64 = name.mid(at + 1, end - at - 1).replace(',', '/');
            const QByteArray utf16 = QByteArray::fromBase64(base64);
            for (qsizetype i = 0; i + 1 < utf16.size(); i += 2) {
                decoded += QChar(static_cast<char16_t>((static_cast<uchar>(utf16.at(i)) << 8)
                                                       | static_cast<uchar>(utf16.at(i + 1))));
            }
        }
        at = end;
    }
    return decoded;
}

// What tells whether a stored message needs Postern's own view of it: encrypted, or carrying
// a security verdict that Postern did not write.
constexpr char probeSection[] = "HEADER.FIELDS (CONTENT-TYPE X-POSTERN-SECURITY)";
constexpr char probeName[] = "BODY[HEADER.FIELDS (CONTENT-TYPE X-POSTERN-SECURITY)]";

// How many messages a sequence set names at most; "*" counts as many.
qint64 messagesNamed(const QByteArray &set)
{
    qint64 count = 0;
    for (const QByteArray &range : set.split(',')) {
        const QList<QByteArray> ends = range.split(':');
        bool firstOk = false;
        bool lastOk = false;
        const qint64 first = ends.constFirst().toLongLong(&firstOk);
        const qint64 last = ends.constLast().toLongLong(&lastOk);
        if (!firstOk || !lastOk) {
            return std::numeric_limits<qint64>::max();
        }
        count += qAbs(last - first) + 1;
    }
    return count;
}

// "* 12 FETCH (" without parsing the rest: an untagged FETCH response.
bool isPlainFetch(const QByteArray &bytes)
{
    if (!bytes.startsWith("* ")) {
        return false;
    }
    qsizetype at = 2;
    while (at < bytes.size() && bytes.at(at) >= '0' && bytes.at(at) <= '9') {
        ++at;
    }
    return at > 2 && bytes.mid(at, 7).compare(" FETCH ", Qt::CaseInsensitive) == 0;
}

const Value *fetchList(const Response &response)
{
    if (response.values.size() < 3 || response.values.at(2).kind != Value::Kind::List) {
        return nullptr;
    }
    return &response.values.at(2);
}

// The value of a FETCH response item named @p name (upper case, section included).
const Value *fetchValue(const Value &list, const QByteArray &prefix)
{
    for (qsizetype i = 0; i + 1 < list.items.size(); i += 2) {
        if (list.items.at(i).kind == Value::Kind::Atom
            && list.items.at(i).text.toUpper().startsWith(prefix)) {
            return &list.items.at(i + 1);
        }
    }
    return nullptr;
}

std::optional<quint32> uidOf(const Value &list)
{
    const Value *uid = fetchValue(list, "UID");
    if (uid == nullptr || !uid->isNumber() || uid->number() <= 0 || uid->number() > 0xffffffffLL) {
        return std::nullopt;
    }
    return static_cast<quint32>(uid->number());
}

QByteArray decodePlainUser(const QByteArray &base64)
{
    const auto decoded = QByteArray::fromBase64Encoding(base64.trimmed(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return {};
    }
    // authzid NUL authcid NUL password (RFC 4616): the authorisation identity, when given, is
    // whose mailbox this is.
    const QList<QByteArray> parts = decoded.decoded.split('\0');
    if (parts.size() != 3) {
        return {};
    }
    return parts.at(0).isEmpty() ? parts.at(1) : parts.at(0);
}

/** One mail client's connection and its upstream session. */
class Session : public QObject
{
public:
    Session(QSslSocket *client, ImapProxy *proxy);

    /** The proxy is going away (Postern stops, or the account changed): the client is told. */
    void stopping()
    {
        if (m_mode != Mode::Closed) {
            qCInfo(lcImap).noquote() << m_tag + QLatin1Char(':') << "ended: the proxy stops";
            toClient("* BYE Postern is stopping or reloading this account\r\n");
            m_client->flush();
        }
    }

private:
    enum class Mode {
        Connecting, // reaching upstream, TLS, greeting
        Commands,   // reading the client's commands
        Closed,
    };

    enum class Kind {
        Plain,
        Login,
        Select,
        Deselect,
        Fetch,
        Capability,
    };

    enum class FetchPhase {
        Probe,  // which messages are encrypted, and their UIDs
        Bodies, // the encrypted ones not in the cache, downloaded and opened
        Client, // the client's own FETCH, answered for the decrypted messages
    };

    struct Current
    {
        ClientCommand command;
        QList<QByteArray> pieces; // still to send, each after a continuation
        QByteArray user;          // LOGIN, AUTHENTICATE
        QString mailbox;          // SELECT, EXAMINE
        // FETCH
        QByteArray set;
        QList<FetchItem> items;    // those that describe content
        QList<FetchItem> allItems; // as the client asked
        QList<quint32> uids;       // the messages the set names, where known
        QSet<quint32> answered;
        QHash<quint32, std::shared_ptr<const MessageView>> views;
        QList<quint32> toOpen;
        Smime::ReadOptions readOptions;
        QByteArray storeState; // the store's state the messages are judged under
        // Unknown messages: the client's FETCH goes at once, with the Content-Type asked too;
        // answers for encrypted messages not yet decrypted wait, and everything after them.
        QList<Response> held;
        std::optional<Response> completion;
        std::optional<ActivityEvent> storedEvent; // an APPEND encrypted, told once answered
        Kind kind = Kind::Plain;
        FetchPhase phase = FetchPhase::Probe;
        quint32 uidValidity = 0;
        int opening = 0;
        bool clientLine = false; // a continuation was passed on: the client answers with a line
        bool uid = false;
        bool reduced = false;  // the server is asked for no content: all of it is Postern's
        bool addedUid = false; // UID was asked for Postern's sake, not the client's
        bool optimistic = false;
        bool addedProbe = false;
        bool bodiesDone = false;
    };

    void connectUpstream();
    void onServerData();
    void onClientData();
    void handleResponse(const Response &response);
    void handleGreeting(const Response &response);
    void pumpClient();
    void startNext();
    void send(const ClientCommand &command);
    void sendInternal(const QByteArray &line);
    void sendFetch();
    void sendOptimistic();
    void answerOptimistic(const Response &response);
    QByteArray withoutAddedItems(const Response &response) const;
    void replayHeld();
    void onInternalUntagged(const Response &response);
    void onInternalDone(const Response &response);
    void forgetSequence(qint64 gone);
    void observe(const Response &response);
    std::optional<QList<quint32>> resolve(const QByteArray &set, bool uid) const;
    QString knowledgeKey() const;
    bool useKnowledge();
    void shareKnowledge();
    void onCommandDone(const Response &response);
    void forwardUntagged(const Response &response);
    void startFetch();
    void startBodies();
    void opened(quint32 uid, const Opened &result);
    void maybeAnswerFetch();
    QByteArray rewriteFetch(const Response &response, quint32 uid, const MessageView &view);
    void startAppend();
    QByteArray withFilteredCapabilities(const Response &response);
    void rememberCapabilities(const QList<QByteArray> &atoms);
    void toClient(const QByteArray &bytes);
    void toServer(const QByteArray &bytes);
    bool serverOwesAnswer() const;
    void watchServer(bool heard);
    void fail(const QString &why, const QByteArray &bye);
    void finish();
    bool accountUser(const QByteArray &user) const;
    QString folder() const;

    // Without a UIDVALIDITY a mailbox deleted and made again would reuse the same UIDs: only
    // memory, which lives no longer than the session's view of the mailbox, may hold those.
    bool diskCacheable() const { return m_uidValidity != 0; }

    ImapProxy *m_proxy;
    Policy::Account m_account;
    QSslSocket *m_client;
    QSslSocket *m_server;
    QString m_tag;
    Mode m_mode = Mode::Connecting;
    ResponseReader m_reader;
    ClientCommandReader m_commands;
    QList<ClientCommand> m_queue;
    std::optional<Current> m_current;
    QByteArray m_internalTag;
    int m_internalCounter = 0;
    bool m_startTlsSent = false;
    bool m_authenticated = false;
    QString m_user; // the account's login, once logged in as the account
    bool m_selected = false;
    QString m_mailbox;
    quint32 m_uidValidity = 0;
    // What the session learned of the selected mailbox, so that a FETCH of known messages
    // needs no probe: UIDs by sequence number, the message count, which UIDs are encrypted.
    QHash<qint64, quint32> m_uidBySequence;
    qint64 m_exists = 0;
    QHash<quint32, bool> m_encrypted;
    quint32 m_uidNext = 0; // from SELECT, while no message arrived since: every UID is below
    bool m_uidNextValid = false;
    bool m_literalPlus = false;
    bool m_unlocking = false;
    bool m_finished = false;
    bool m_serverSaidBye = false;
    QTimer m_connectTimer;
    QTimer m_answerTimer;
};

Session::Session(QSslSocket *client, ImapProxy *proxy)
    : QObject(proxy)
    , m_proxy(proxy)
    , m_account(proxy->account())
    , m_client(client)
    , m_server(new QSslSocket(this))
    , m_tag(QStringLiteral("%1#%2").arg(m_account.name).arg(++sessionCounter))
    , m_reader(proxy->limits().maximumResponse)
    , m_commands(proxy->limits().maximumCommandLine, proxy->limits().maximumLiteral)
{
    m_client->setParent(this);
    // Commands and responses are small and interactive: no waiting for more to fill a packet.
    m_client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_client, &QSslSocket::sslErrors, this,
            [this](const QList<QSslError> &) { m_client->abort(); });
    connect(m_client, &QSslSocket::disconnected, this, [this] {
        qCDebug(lcImap).noquote() << m_tag + QLatin1Char(':') << "the client left";
        finish();
    });
    connect(m_client, &QSslSocket::readyRead, this, &Session::onClientData);

    m_server->setSslConfiguration(upstreamTlsConfiguration(rootsOf(m_account)));
    m_server->setPeerVerifyName(m_account.imap.host);
    connect(m_server, &QSslSocket::connected, this,
            [this] { m_server->setSocketOption(QAbstractSocket::LowDelayOption, 1); });
    connect(m_server, &QSslSocket::readyRead, this, &Session::onServerData);
    connect(m_server, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList reasons;
        for (const QSslError &error : errors) {
            reasons.append(error.errorString());
        }
        fail(QStringLiteral("the certificate of %1 is not trusted: %2")
                     .arg(m_account.imap.display(), reasons.join(QStringLiteral("; "))),
             "Postern cannot trust the certificate of " + m_account.imap.host.toUtf8());
    });
    connect(m_server, &QSslSocket::encrypted, this, [this] {
        if (m_mode == Mode::Connecting && m_startTlsSent) {
            // Capabilities change with TLS; the client asks for them again.
            m_connectTimer.stop();
            m_mode = Mode::Commands;
            toClient("* OK Postern IMAP proxy ready\r\n");
            pumpClient();
        }
    });
    connect(m_server, &QSslSocket::disconnected, this, [this] {
        if (m_mode == Mode::Closed) {
            return;
        }
        if (m_serverSaidBye) {
            // The server said goodbye (LOGOUT, or its own shutdown); the client heard it.
            m_mode = Mode::Closed;
            m_client->disconnectFromHost();
            QTimer::singleShot(5000, this, [this] { finish(); });
            return;
        }
        fail(QStringLiteral("%1 closed the connection").arg(m_account.imap.display()),
             "Postern lost the connection to " + m_account.imap.host.toUtf8());
    });
    connect(m_server, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_mode == Mode::Closed || m_server->error() == QAbstractSocket::RemoteHostClosedError
            || m_server->error() == QAbstractSocket::SslHandshakeFailedError) {
            return;
        }
        fail(QStringLiteral("%1: %2").arg(m_account.imap.display(), m_server->errorString()),
             "Postern cannot reach " + m_account.imap.host.toUtf8());
    });
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        fail(QStringLiteral("%1 did not greet in time").arg(m_account.imap.display()),
             "Postern received no greeting in time from " + m_account.imap.host.toUtf8());
    });
    m_answerTimer.setSingleShot(true);
    connect(&m_answerTimer, &QTimer::timeout, this, [this] {
        const double seconds = m_proxy->limits().answerTimeout / 1000.0;
        fail(QStringLiteral("%1 stopped answering: silent for %2 s while a command was open")
                     .arg(m_account.imap.display())
                     .arg(seconds),
             "Postern received no answer in time from " + m_account.imap.host.toUtf8());
    });
    qCInfo(lcImap).noquote() << m_tag + QLatin1Char(':') << "client connected";
    connectUpstream();
}

void Session::connectUpstream()
{
    m_connectTimer.start(m_proxy->limits().connectTimeout);
    if (m_account.imap.security == Policy::Security::Tls) {
        m_server->connectToHostEncrypted(m_account.imap.host, m_account.imap.port);
    } else {
        m_server->connectToHost(m_account.imap.host, m_account.imap.port);
    }
}

void Session::toClient(const QByteArray &bytes)
{
    if (m_client->state() == QAbstractSocket::ConnectedState) {
        m_client->write(bytes);
    }
}

void Session::toServer(const QByteArray &bytes)
{
    if (m_server->state() == QAbstractSocket::ConnectedState) {
        m_server->write(bytes);
        watchServer(false);
    }
}

// The server owes an answer while a command is open, unless it waits for the client (a
// continuation: IDLE, AUTHENTICATE, a literal) or the rest is Postern's (decrypting, a
// passphrase prompt).
bool Session::serverOwesAnswer() const
{
    if (m_mode != Mode::Commands || m_unlocking) {
        return false;
    }
    if (!m_internalTag.isEmpty()) {
        return true;
    }
    if (!m_current || m_current->clientLine) {
        return false;
    }
    return !(m_current->kind == Kind::Fetch && m_current->phase == FetchPhase::Bodies
             && m_current->bodiesDone);
}

// Anything heard from the server restarts the wait; a new wait starts when one begins.
void Session::watchServer(bool heard)
{
    if (!serverOwesAnswer()) {
        m_answerTimer.stop();
    } else if (heard || !m_answerTimer.isActive()) {
        m_answerTimer.start(m_proxy->limits().answerTimeout);
    }
}

void Session::fail(const QString &why, const QByteArray &bye)
{
    if (m_mode == Mode::Closed) {
        return;
    }
    qCWarning(lcImap).noquote() << m_tag + QLatin1Char(':') << why;
    m_mode = Mode::Closed;
    toClient("* BYE " + bye + "\r\n");
    m_server->abort();
    m_client->disconnectFromHost();
    if (m_client->state() == QAbstractSocket::UnconnectedState) {
        finish();
    } else {
        // A client that does not close its end does not keep the session.
        QTimer::singleShot(5000, this, [this] { finish(); });
    }
}

void Session::finish()
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_mode = Mode::Closed;
    m_server->abort();
    m_client->abort();
    qCInfo(lcImap).noquote() << m_tag + QLatin1Char(':') << "session ended";
    deleteLater();
}

bool Session::accountUser(const QByteArray &user) const
{
    const QString name = QString::fromUtf8(user);
    if (!m_account.imap.user.isEmpty()) {
        return name == m_account.imap.user;
    }
    const QString address = Crypto::normalisedAddress(name);
    return std::any_of(
            m_account.addresses.cbegin(), m_account.addresses.cend(),
            [&address](const QString &own) { return Crypto::normalisedAddress(own) == address; });
}

QString Session::folder() const
{
    return decodeMailboxName(m_mailbox.toUtf8());
}

void Session::onServerData()
{
    m_reader.feed(m_server->readAll());
    if (m_unlocking) {
        return;
    }
    while (m_mode != Mode::Closed) {
        auto bytes = m_reader.nextBytes();
        if (!bytes) {
            break;
        }
        // Message data the session has nothing to change in goes on without being parsed:
        // most of what a client fetches.
        if (m_mode == Mode::Commands && m_internalTag.isEmpty()
            && (!m_current || (m_current->views.isEmpty() && !m_current->optimistic))
            && isPlainFetch(*bytes)) {
            toClient(*bytes);
            continue;
        }
        QString why;
        auto response = parseResponse(*bytes, &why);
        if (!response) {
            fail(QStringLiteral("%1 sent something that is not IMAP: %2")
                         .arg(m_account.imap.display(), why),
                 "Postern received a response it cannot read from " + m_account.imap.host.toUtf8());
            return;
        }
        handleResponse(*response);
    }
    watchServer(true);
    m_client->flush();
    if (m_reader.hasError() && m_mode != Mode::Closed) {
        fail(QStringLiteral("%1 sent something that is not IMAP: %2")
                     .arg(m_account.imap.display(), m_reader.error()),
             "Postern received a response it cannot read from " + m_account.imap.host.toUtf8());
    }
}

void Session::onClientData()
{
    m_commands.feed(m_client->readAll());
    pumpClient();
    watchServer(false);
    // Written now rather than when the event loop comes round: each hop's wait adds up.
    m_server->flush();
}

void Session::handleGreeting(const Response &response)
{
    if (m_startTlsSent) {
        if (response.kind == Response::Kind::Tagged && response.tag == m_internalTag) {
            m_internalTag.clear();
            if (response.name() != "OK") {
                fail(QStringLiteral("%1 refused STARTTLS").arg(m_account.imap.display()),
                     "Postern cannot start TLS with " + m_account.imap.host.toUtf8());
                return;
            }
            m_server->startClientEncryption();
        }
        return;
    }
    if (response.kind != Response::Kind::Untagged) {
        fail(QStringLiteral("%1 did not greet").arg(m_account.imap.display()),
             "Postern received no greeting from " + m_account.imap.host.toUtf8());
        return;
    }
    const QByteArray name = response.name();
    if (name == "BYE") {
        toClient(response.bytes);
        fail(QStringLiteral("%1 refused the connection").arg(m_account.imap.display()),
             "the server refused the connection");
        return;
    }
    if (m_account.imap.security == Policy::Security::StartTls) {
        m_startTlsSent = true;
        m_internalTag = "Postern0";
        toServer(m_internalTag + " STARTTLS\r\n");
        return;
    }
    m_connectTimer.stop();
    if (name == "PREAUTH") {
        // Logged in before any LOGIN, as nobody Postern knows: messages relayed untouched.
        m_authenticated = true;
    }
    m_mode = Mode::Commands;
    toClient(withFilteredCapabilities(response));
    pumpClient();
}

void Session::rememberCapabilities(const QList<QByteArray> &atoms)
{
    m_literalPlus = std::any_of(atoms.cbegin(), atoms.cend(), [](const QByteArray &atom) {
        return atom.compare("LITERAL+", Qt::CaseInsensitive) == 0;
    });
}

QByteArray Session::withFilteredCapabilities(const Response &response)
{
    const bool offerTls =
            m_proxy->tlsConfiguration() && !m_client->isEncrypted() && !m_authenticated;
    const auto rebuilt = [this, offerTls](const QList<QByteArray> &atoms) -> QByteArray {
        rememberCapabilities(atoms);
        QList<QByteArray> shown = filterCapabilities(atoms);
        if (offerTls) {
            shown.append("STARTTLS");
        }
        return "CAPABILITY " + shown.join(' ');
    };
    if (response.kind == Response::Kind::Untagged && response.name() == "CAPABILITY") {
        QList<QByteArray> atoms;
        for (qsizetype i = 1; i < response.values.size(); ++i) {
            atoms.append(response.values.at(i).text);
        }
        return "* " + rebuilt(atoms) + "\r\n";
    }
    // "[CAPABILITY …]" in a status response: the greeting, the end of LOGIN.
    for (const Value &value : response.values) {
        if (value.kind == Value::Kind::Atom && value.text.startsWith('[')
            && value.text.mid(1, 11).toUpper() == "CAPABILITY ") {
            const QByteArray inner = value.text.mid(12, value.text.size() - 13);
            QList<QByteArray> atoms;
            for (const QByteArray &atom : inner.split(' ')) {
                if (!atom.isEmpty()) {
                    atoms.append(atom);
                }
            }
            return response.bytes.left(value.start) + '[' + rebuilt(atoms) + ']'
                   + response.bytes.mid(value.end);
        }
    }
    return response.bytes;
}

void Session::handleResponse(const Response &response)
{
    if (m_mode == Mode::Connecting) {
        handleGreeting(response);
        return;
    }
    switch (response.kind) {
    case Response::Kind::Continuation:
        if (m_current && !m_current->pieces.isEmpty()) {
            toServer(m_current->pieces.takeFirst());
            return;
        }
        if (m_current && m_current->phase == FetchPhase::Client) {
            // IDLE, AUTHENTICATE and the like: the client answers with a line.
            m_current->clientLine = true;
            toClient(response.bytes);
            pumpClient();
            return;
        }
        qCWarning(lcImap).noquote()
                << m_tag + QLatin1Char(':') << "a continuation nobody asked for";
        return;
    case Response::Kind::Tagged:
        if (!m_internalTag.isEmpty() && response.tag == m_internalTag) {
            onInternalDone(response);
        } else if (m_current && response.tag == m_current->command.tag) {
            onCommandDone(response);
        } else {
            toClient(response.bytes);
        }
        return;
    case Response::Kind::Untagged:
        observe(response);
        if (!m_internalTag.isEmpty()) {
            onInternalUntagged(response);
        } else {
            forwardUntagged(response);
        }
        return;
    }
}

void Session::forwardUntagged(const Response &response)
{
    const QByteArray name = response.name();
    if (m_current && m_current->optimistic) {
        // Once an answer waits for decryption, all that follows waits behind it: an EXPUNGE
        // passed on early would renumber the messages of the answers still to come.
        if (name == "FETCH" && m_current->phase == FetchPhase::Client) {
            answerOptimistic(response);
            return;
        }
        if (!m_current->held.isEmpty()) {
            m_current->held.append(response);
            return;
        }
    }
    if (name == "CAPABILITY") {
        toClient(withFilteredCapabilities(response));
        return;
    }
    if (name == "BYE") {
        m_serverSaidBye = true;
    }
    if (name == "OK" || name == "NO" || name == "BAD" || name == "BYE") {
        if (m_current && m_current->kind == Kind::Select && response.values.size() >= 2) {
            const QByteArray code = response.values.at(1).text.toUpper();
            if (code.startsWith("[UIDVALIDITY ")) {
                m_current->uidValidity = code.mid(13, code.size() - 14).toUInt();
            } else if (code.startsWith("[UIDNEXT ")) {
                m_uidNext = code.mid(9, code.size() - 10).toUInt();
            }
        }
        toClient(withFilteredCapabilities(response));
        return;
    }
    if (name == "FETCH" && m_current && m_current->kind == Kind::Fetch
        && m_current->phase == FetchPhase::Client && !m_current->views.isEmpty()) {
        if (const Value *list = fetchList(response)) {
            std::optional<quint32> uid = uidOf(*list);
            if (!uid) {
                const auto found = m_uidBySequence.constFind(*response.number());
                if (found != m_uidBySequence.constEnd()) {
                    uid = *found;
                }
            }
            const auto view = uid ? m_current->views.constFind(*uid) : m_current->views.constEnd();
            if (view != m_current->views.constEnd()) {
                toClient(rewriteFetch(response, *uid, **view));
                return;
            }
        }
    }
    toClient(response.bytes);
}

QByteArray Session::rewriteFetch(const Response &response, quint32 uid, const MessageView &view)
{
    const Value &list = *fetchList(response);
    bool hasContent = false;
    QList<QByteArray> kept;
    for (qsizetype i = 0; i + 1 < list.items.size(); i += 2) {
        const Value &name = list.items.at(i);
        const Value &value = list.items.at(i + 1);
        if (name.kind == Value::Kind::Atom && isContentItem(name.text)) {
            hasContent = true;
            continue;
        }
        if (m_current->addedUid && name.isAtom("UID")) {
            continue;
        }
        kept.append(response.bytes.mid(name.start, value.end - name.start));
    }
    // The answer to a reduced FETCH carries no content of its own; the first response for each
    // message gets it. Any other response is a flag change the server announced on its own.
    const bool answer = hasContent || (m_current->reduced && !m_current->answered.contains(uid));
    if (!answer && kept.isEmpty()) {
        return {};
    }
    if (!answer) {
        return m_current->addedUid ? "* " + QByteArray::number(*response.number()) + " FETCH ("
                                             + kept.join(' ') + ")\r\n"
                                   : response.bytes;
    }
    m_current->answered.insert(uid);
    for (const FetchItem &item : m_current->items) {
        kept.append(view.render(item));
    }
    return "* " + QByteArray::number(*response.number()) + " FETCH (" + kept.join(' ') + ")\r\n";
}

void Session::pumpClient()
{
    while (m_mode == Mode::Commands) {
        if (m_current && m_current->clientLine) {
            auto line = m_commands.takeLine();
            if (!line) {
                return;
            }
            m_current->clientLine = false;
            if (m_current->command.name == "AUTHENTICATE" && m_current->user.isEmpty()) {
                m_current->user = decodePlainUser(*line);
            }
            toServer(*line);
            continue;
        }
        switch (m_commands.next()) {
        case ClientCommandReader::Status::NeedMore:
            return;
        case ClientCommandReader::Status::Continue:
            toClient("+ Ready for literal data\r\n");
            continue;
        case ClientCommandReader::Status::Error: {
            const QByteArray tag = m_commands.badTag().isEmpty() ? "*" : m_commands.badTag();
            qCInfo(lcImap).noquote() << m_tag + QLatin1Char(':')
                                     << "a client command refused:" << m_commands.error();
            toClient(tag + " BAD " + m_commands.error().toUtf8() + "\r\n");
            if (!m_commands.recover()) {
                fail(m_commands.error(),
                     "Postern ends this session: " + m_commands.error().toUtf8());
                return;
            }
            continue;
        }
        case ClientCommandReader::Status::Command:
            m_queue.append(m_commands.takeCommand());
            if (!m_current) {
                startNext();
            }
            continue;
        }
    }
}

void Session::send(const ClientCommand &command)
{
    m_current->pieces = command.upstreamPieces(m_literalPlus);
    m_current->phase = FetchPhase::Client;
    toServer(m_current->pieces.takeFirst());
}

void Session::sendFetch()
{
    Current &current = *m_current;
    const bool allDecrypted =
            !current.uids.isEmpty()
            && std::all_of(current.uids.cbegin(), current.uids.cend(),
                           [&current](quint32 uid) { return current.views.contains(uid); });
    if (!allDecrypted || current.command.pieces.size() != 1) {
        send(current.command);
        return;
    }
    // Every message is answered from its decrypted form: the server need not send the
    // encrypted bytes only for them to be dropped. It is asked for the other items, and for
    // one small section where the client's items mark the message \Seen.
    QList<QByteArray> asked;
    bool marksSeen = false;
    bool hasUid = false;
    for (const FetchItem &item : std::as_const(current.allItems)) {
        if (item.describesContent()) {
            marksSeen = marksSeen
                        || ((item.kind == FetchItem::Kind::Section && !item.peek)
                            || item.kind == FetchItem::Kind::Rfc822
                            || item.kind == FetchItem::Kind::Rfc822Text);
            continue;
        }
        hasUid = hasUid || item.kind == FetchItem::Kind::Uid;
        asked.append(item.name);
    }
    if (!hasUid) {
        asked.append("UID");
        current.addedUid = !current.uid;
    }
    if (marksSeen) {
        asked.append("BODY[HEADER.FIELDS (MESSAGE-ID)]");
    }
    const QByteArray line = current.command.pieces.constFirst().line;
    const Value &argument = current.command.arguments.at(1);
    current.reduced = true;
    current.phase = FetchPhase::Client;
    toServer(line.left(argument.start) + '(' + asked.join(' ') + ')' + line.mid(argument.end));
}

void Session::sendOptimistic()
{
    Current &current = *m_current;
    QList<QByteArray> asked;
    bool hasUid = false;
    bool hasProbe = false;
    for (const FetchItem &item : std::as_const(current.allItems)) {
        hasUid = hasUid || item.kind == FetchItem::Kind::Uid;
        hasProbe = hasProbe
                   || (item.kind == FetchItem::Kind::Section && item.section == probeSection
                       && !item.partialOffset);
        asked.append(item.name);
    }
    if (!hasUid) {
        asked.append("UID");
        current.addedUid = !current.uid;
    }
    if (!hasProbe) {
        asked.append(QByteArray("BODY.PEEK[") + probeSection + ']');
        current.addedProbe = true;
    }
    const QByteArray line = current.command.pieces.constFirst().line;
    const Value &argument = current.command.arguments.at(1);
    current.optimistic = true;
    current.phase = FetchPhase::Client;
    toServer(line.left(argument.start) + '(' + asked.join(' ') + ')' + line.mid(argument.end));
}

void Session::answerOptimistic(const Response &response)
{
    Current &current = *m_current;
    const Value *list = fetchList(response);
    const auto uid = list != nullptr ? uidOf(*list) : std::nullopt;
    const Value *header = nullptr;
    if (list != nullptr) {
        for (qsizetype i = 0; i + 1 < list->items.size(); i += 2) {
            if (list->items.at(i).isAtom(probeName)) {
                header = &list->items.at(i + 1);
            }
        }
    }
    if (!uid || header == nullptr) {
        // Not an answer to this FETCH: a flag change the server announced on its own.
        if (current.held.isEmpty()) {
            toClient(response.bytes);
        } else {
            current.held.append(response);
        }
        return;
    }
    m_uidBySequence.insert(*response.number(), *uid);
    const QString key = MessageCache::key(m_user, m_mailbox, m_uidValidity, *uid);
    const bool looksEncrypted = header->isString() && needsView(header->text);
    // The disk is only worth a look for a message that needs a view at all.
    const auto cached = m_proxy->cache().find(key, looksEncrypted && diskCacheable());
    const bool encrypted = cached || looksEncrypted;
    m_encrypted.insert(*uid, encrypted);
    if (encrypted && cached && cached->view) {
        current.views.insert(*uid, cached->view);
    }
    if (encrypted && !cached) {
        current.toOpen.append(*uid);
    }
    // In order: once one answer waits, every later one waits behind it.
    if (!current.held.isEmpty() || (encrypted && !cached)) {
        current.held.append(response);
        return;
    }
    if (encrypted && cached && cached->view) {
        toClient(rewriteFetch(response, *uid, *cached->view));
        return;
    }
    toClient(withoutAddedItems(response));
}

QByteArray Session::withoutAddedItems(const Response &response) const
{
    const Current &current = *m_current;
    if (!current.addedUid && !current.addedProbe) {
        return response.bytes;
    }
    const Value *list = fetchList(response);
    if (list == nullptr) {
        return response.bytes;
    }
    QList<QByteArray> kept;
    for (qsizetype i = 0; i + 1 < list->items.size(); i += 2) {
        const Value &name = list->items.at(i);
        const Value &value = list->items.at(i + 1);
        if ((current.addedUid && name.isAtom("UID"))
            || (current.addedProbe && name.isAtom(probeName))) {
            continue;
        }
        kept.append(response.bytes.mid(name.start, value.end - name.start));
    }
    if (kept.isEmpty()) {
        return {};
    }
    return "* " + QByteArray::number(*response.number()) + " FETCH (" + kept.join(' ') + ")\r\n";
}

void Session::replayHeld()
{
    Current &current = *m_current;
    const QList<Response> held = std::move(current.held);
    current.held.clear();
    for (const Response &response : held) {
        if (response.name() != "FETCH") {
            toClient(response.bytes);
            continue;
        }
        const Value *list = fetchList(response);
        const auto uid = list != nullptr ? uidOf(*list) : std::nullopt;
        const auto view = uid ? current.views.constFind(*uid) : current.views.constEnd();
        if (view != current.views.constEnd()) {
            toClient(rewriteFetch(response, *uid, **view));
        } else {
            // Served unchanged (no key, corrupt, a locked store): the activity log says why.
            toClient(withoutAddedItems(response));
        }
    }
    if (current.completion) {
        toClient(withFilteredCapabilities(*current.completion));
    }
    shareKnowledge();
    m_current.reset();
    startNext();
}

void Session::sendInternal(const QByteArray &line)
{
    m_internalTag = "Postern" + QByteArray::number(++m_internalCounter);
    toServer(m_internalTag + ' ' + line + "\r\n");
}

void Session::startNext()
{
    while (!m_current && !m_queue.isEmpty() && m_mode == Mode::Commands) {
        m_current = Current{};
        m_current->command = m_queue.takeFirst();
        const ClientCommand &command = m_current->command;
        const QByteArray &name = command.name;
        const QList<Value> &arguments = command.arguments;
        if (name == "STARTTLS") {
            if (m_proxy->tlsConfiguration() && !m_client->isEncrypted() && !m_authenticated) {
                toClient(command.tag + " OK Begin TLS negotiation now\r\n");
                m_client->flush();
                // Anything the client sent after STARTTLS came in clear: dropped (RFC 3501 11.1).
                m_commands.takePending();
                m_queue.clear();
                m_client->startServerEncryption();
            } else {
                toClient(command.tag + " BAD STARTTLS is not available now\r\n");
            }
            m_current.reset();
            continue;
        }
        if (name == "COMPRESS") {
            toClient(command.tag + " NO Postern does not relay compressed sessions\r\n");
            m_current.reset();
            continue;
        }
        if (name == "LOGIN" && !arguments.isEmpty()) {
            m_current->kind = Kind::Login;
            m_current->user = arguments.constFirst().text;
        } else if (name == "AUTHENTICATE" && !arguments.isEmpty()) {
            if (!arguments.constFirst().isAtom("PLAIN")) {
                toClient(command.tag
                         + " NO [CANNOT] Postern passes on the login only as LOGIN or "
                           "AUTHENTICATE PLAIN\r\n");
                m_current.reset();
                continue;
            }
            m_current->kind = Kind::Login;
            if (arguments.size() > 1) {
                m_current->user = decodePlainUser(arguments.at(1).text);
            }
        } else if ((name == "SELECT" || name == "EXAMINE") && !arguments.isEmpty()) {
            m_current->kind = Kind::Select;
            m_current->mailbox = QString::fromUtf8(arguments.constFirst().text);
            // Selecting anything deselects what was selected, even when it fails.
            m_selected = false;
            m_uidBySequence.clear();
            m_encrypted.clear();
            m_exists = 0;
            m_uidNext = 0;
            m_uidNextValid = false;
        } else if (name == "CLOSE" || name == "UNSELECT") {
            m_current->kind = Kind::Deselect;
        } else if ((name == "FETCH" || name == "UID FETCH") && !m_user.isEmpty() && m_selected
                   && arguments.size() >= 2) {
            m_current->kind = Kind::Fetch;
            startFetch();
            return;
        } else if (name == "APPEND" && !m_user.isEmpty() && m_account.encryptStoredCopies) {
            startAppend();
            if (!m_current) {
                continue;
            }
            return;
        }
        send(m_current->command);
    }
}

void Session::onCommandDone(const Response &response)
{
    const bool ok = response.name() == "OK";
    Current &current = *m_current;
    if (current.storedEvent) {
        current.storedEvent->result =
                ok ? QStringLiteral("stored encrypted") : QStringLiteral("not stored");
        if (!ok) {
            current.storedEvent->detail = QStringLiteral("the server refused the copy: %1")
                                                  .arg(QString::fromUtf8(response.bytes.trimmed()));
        }
        if (m_proxy->activity() != nullptr) {
            m_proxy->activity()->record(*current.storedEvent);
        }
        current.storedEvent.reset();
    }
    if (current.kind == Kind::Fetch && current.optimistic && !current.held.isEmpty()) {
        current.completion = response;
        startBodies();
        return;
    }
    switch (current.kind) {
    case Kind::Login:
        if (ok) {
            m_authenticated = true;
            if (accountUser(current.user)) {
                m_user = QString::fromUtf8(current.user);
                qCInfo(lcImap).noquote() << m_tag + QLatin1Char(':')
                                         << "logged in as the account; encrypted mail is decrypted";
            } else {
                // Someone else's mailbox: read and written as the server has it, never with
                // the account's keys.
                qCInfo(lcImap).noquote() << m_tag + QLatin1Char(':')
                                         << "logged in as another user; messages relayed untouched";
            }
        }
        break;
    case Kind::Select:
        m_selected = ok;
        m_mailbox = current.mailbox;
        m_uidValidity = current.uidValidity;
        m_uidNextValid = ok && m_uidNext > 0;
        break;
    case Kind::Deselect:
        if (ok) {
            m_selected = false;
        }
        break;
    case Kind::Fetch:
        shareKnowledge();
        break;
    case Kind::Plain:
    case Kind::Capability:
        break;
    }
    toClient(withFilteredCapabilities(response));
    m_current.reset();
    startNext();
}

// FETCH for a session of the account: first learn which of the messages are encrypted.
void Session::startFetch()
{
    Current &current = *m_current;
    const ClientCommand &command = current.command;
    current.uid = command.name == "UID FETCH";
    const Value &set = command.arguments.constFirst();
    current.set = set.text;
    // The items are the argument after the set: one item, a list, or a macro.
    const Value &argument = command.arguments.at(1);
    QByteArray text = command.bytes().mid(argument.start, argument.end - argument.start);
    const bool macro = argument.isAtom("ALL") || argument.isAtom("FAST") || argument.isAtom("FULL");
    if (argument.kind == Value::Kind::Atom && !macro) {
        text = '(' + text + ')';
    }
    qsizetype consumed = 0;
    QString error;
    const auto items = parseFetchItems(text, &consumed, &error);
    if (set.kind != Value::Kind::Atom || !items) {
        // The server judges what Postern cannot read; nothing of it needs decrypting.
        send(command);
        return;
    }
    for (const FetchItem &item : *items) {
        if (item.kind == FetchItem::Kind::Other && item.name.toUpper().startsWith("BINARY")) {
            // Not offered: BINARY of an encrypted message would be the ciphertext's parts.
            toClient(command.tag + " NO [CANNOT] Postern does not offer BINARY; use BODY\r\n");
            m_current.reset();
            startNext();
            return;
        }
    }
    current.allItems = *items;
    for (const FetchItem &item : *items) {
        if (item.describesContent()) {
            current.items.append(item);
        }
    }
    if (current.items.isEmpty()) {
        send(command);
        return;
    }
    if (useKnowledge()) {
        return;
    }
    if (const auto known = resolve(current.set, current.uid)) {
        current.uids = *known;
        for (const quint32 uid : *known) {
            if (!m_encrypted.value(uid)) {
                continue;
            }
            const QString key = MessageCache::key(m_user, m_mailbox, m_uidValidity, uid);
            if (const auto cached = m_proxy->cache().find(key, diskCacheable())) {
                if (cached->view) {
                    current.views.insert(uid, cached->view);
                }
            } else {
                current.toOpen.append(uid);
            }
        }
        if (current.toOpen.isEmpty()) {
            sendFetch();
        } else {
            startBodies();
        }
        return;
    }
    // A few messages (a client opening one) go at once, saving the probe's round trip; a
    // mailbox-wide FETCH is probed first, so that its answers, mostly clear in most mailboxes,
    // pass on without being read.
    if (command.pieces.size() == 1 && messagesNamed(current.set) <= optimisticLimit) {
        sendOptimistic();
        return;
    }
    current.phase = FetchPhase::Probe;
    sendInternal((current.uid ? "UID FETCH " : "FETCH ") + current.set + " (UID BODY.PEEK["
                 + probeSection + "])");
}

void Session::onInternalUntagged(const Response &response)
{
    if (response.name() != "FETCH" || !m_current || m_current->kind != Kind::Fetch) {
        forwardUntagged(response);
        return;
    }
    Current &current = *m_current;
    const Value *list = fetchList(response);
    const auto uid = list != nullptr ? uidOf(*list) : std::nullopt;
    if (list == nullptr || !uid) {
        return;
    }
    // A flag change the server attached to Postern's own FETCH still reaches the client.
    if (const Value *flags = fetchValue(*list, "FLAGS")) {
        toClient("* " + QByteArray::number(*response.number()) + " FETCH (UID "
                 + QByteArray::number(*uid) + " FLAGS "
                 + response.bytes.mid(flags->start, flags->end - flags->start) + ")\r\n");
    }
    if (current.phase == FetchPhase::Probe) {
        m_uidBySequence.insert(*response.number(), *uid);
        current.uids.append(*uid);
        // Only messages Postern made its own view of are ever cached: no second look at those.
        const QString key = MessageCache::key(m_user, m_mailbox, m_uidValidity, *uid);
        const Value *header = fetchValue(*list, probeName);
        const bool looksEncrypted =
                header != nullptr && header->isString() && needsView(header->text);
        const auto cached = m_proxy->cache().find(key, looksEncrypted && diskCacheable());
        const bool encrypted = cached || looksEncrypted;
        m_encrypted.insert(*uid, encrypted);
        if (!encrypted) {
            return;
        }
        if (cached) {
            if (cached->view) {
                current.views.insert(*uid, cached->view);
            }
            return;
        }
        current.toOpen.append(*uid);
        return;
    }
    if (current.phase == FetchPhase::Bodies) {
        const Value *body = fetchValue(*list, "BODY[]");
        if (body == nullptr || !body->isString() || !current.toOpen.contains(*uid)) {
            return;
        }
        ++current.opening;
        auto promise = std::make_shared<QPromise<Opened>>();
        auto *watcher = new QFutureWatcher<Opened>(this);
        const quint32 number = *uid;
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, number] {
            const Opened result = watcher->result();
            watcher->deleteLater();
            opened(number, result);
        });
        watcher->setFuture(promise->future());
        promise->start();
        OpenOptions options;
        options.read = current.readOptions;
        m_proxy->workers()->start([promise, message = body->text, options] {
            promise->addResult(openStoredMessage(message, options));
            promise->finish();
        });
    }
}

void Session::forgetSequence(qint64 gone)
{
    QHash<qint64, quint32> renumbered;
    renumbered.reserve(m_uidBySequence.size());
    for (auto it = m_uidBySequence.cbegin(); it != m_uidBySequence.cend(); ++it) {
        if (it.key() != gone) {
            renumbered.insert(it.key() > gone ? it.key() - 1 : it.key(), it.value());
        }
    }
    m_uidBySequence = renumbered;
    m_exists = qMax<qint64>(0, m_exists - 1);
}

void Session::observe(const Response &response)
{
    // Sequence numbers shift with every expunge: the map follows, so that the FETCH after it
    // still finds the right messages.
    const QByteArray name = response.name();
    if (name == "EXISTS" && response.number()) {
        // A message that arrived after SELECT has a UID nobody classified yet.
        if (*response.number() > m_exists && !(m_current && m_current->kind == Kind::Select)) {
            m_uidNextValid = false;
        }
        m_exists = *response.number();
    } else if (name == "EXPUNGE" && response.number()) {
        forgetSequence(*response.number());
    } else if (name == "VANISHED" && response.values.size() == 2) {
        for (const quint32 uid : uidsOf(response.values.at(1).text)) {
            const qint64 sequence = m_uidBySequence.key(uid, 0);
            if (sequence > 0) {
                forgetSequence(sequence);
            } else {
                // An expunged message whose number is unknown: nothing known can be trusted.
                m_uidBySequence.clear();
            }
            m_encrypted.remove(uid);
        }
    }
}

QString Session::knowledgeKey() const
{
    return m_user + QLatin1Char('\n') + m_mailbox + QLatin1Char('\n')
           + QString::number(m_uidValidity);
}

// What the session saw of the whole mailbox, for the sessions after it.
void Session::shareKnowledge()
{
    if (!m_uidNextValid || m_exists == 0 || m_uidBySequence.size() != m_exists) {
        return;
    }
    ImapProxy::MailboxKnowledge knowledge;
    knowledge.classifiedUpTo = m_uidNext - 1;
    for (const quint32 uid : std::as_const(m_uidBySequence)) {
        const bool encrypted = m_encrypted.value(uid);
        knowledge.encrypted.insert(uid, encrypted);
        knowledge.encryptedCount += encrypted ? 1 : 0;
    }
    m_proxy->learn(knowledgeKey(), knowledge);
}

// A FETCH in a mailbox an earlier session classified up to its newest message: a mailbox
// without encrypted mail is relayed as it is, and a UID FETCH knows its messages.
bool Session::useKnowledge()
{
    const ImapProxy::MailboxKnowledge *known = m_proxy->knowledge(knowledgeKey());
    if (known == nullptr || !m_uidNextValid || known->classifiedUpTo + 1 < m_uidNext) {
        return false;
    }
    Current &current = *m_current;
    if (known->encryptedCount == 0) {
        send(current.command);
        return true;
    }
    if (!current.uid) {
        return false;
    }
    QSet<quint32> named;
    for (const QByteArray &range : current.set.split(',')) {
        const QList<QByteArray> ends = range.split(':');
        qint64 bounds[2] = {0, 0};
        for (qsizetype i = 0; i < 2; ++i) {
            const QByteArray &end = ends.at(qMin<qsizetype>(i, ends.size() - 1));
            bool ok = true;
            bounds[i] = end == "*" ? qint64{m_uidNext} - 1 : end.toLongLong(&ok);
            if (!ok || ends.size() > 2) {
                return false;
            }
        }
        const qint64 low = qMin(bounds[0], bounds[1]);
        const qint64 high = qMax(bounds[0], bounds[1]);
        for (auto it = known->encrypted.cbegin(); it != known->encrypted.cend(); ++it) {
            if (it.key() >= low && it.key() <= high && !named.contains(it.key())) {
                named.insert(it.key());
                current.uids.append(it.key());
            }
        }
    }
    for (const quint32 uid : std::as_const(current.uids)) {
        if (!known->encrypted.value(uid)) {
            continue;
        }
        const QString key = MessageCache::key(m_user, m_mailbox, m_uidValidity, uid);
        if (const auto cached = m_proxy->cache().find(key, diskCacheable())) {
            if (cached->view) {
                current.views.insert(uid, cached->view);
            }
        } else {
            current.toOpen.append(uid);
        }
    }
    if (current.toOpen.isEmpty()) {
        sendFetch();
    } else {
        startBodies();
    }
    return true;
}

std::optional<QList<quint32>> Session::resolve(const QByteArray &set, bool uid) const
{
    // A set is resolved only from what the session knows for certain; anything else is probed.
    constexpr qsizetype maximum = 200000;
    const bool complete = m_exists > 0 && m_uidBySequence.size() == m_exists;
    quint32 highestUid = 0;
    if (uid) {
        if (!complete) {
            return std::nullopt;
        }
        for (const quint32 known : m_uidBySequence) {
            highestUid = qMax(highestUid, known);
        }
    }
    QList<quint32> uids;
    for (const QByteArray &range : set.split(',')) {
        const QList<QByteArray> ends = range.split(':');
        if (ends.isEmpty() || ends.size() > 2) {
            return std::nullopt;
        }
        qint64 bounds[2] = {0, 0};
        for (qsizetype i = 0; i < 2; ++i) {
            const QByteArray &end = ends.at(qMin<qsizetype>(i, ends.size() - 1));
            bool ok = true;
            bounds[i] = end == "*" ? (uid ? highestUid : m_exists) : end.toLongLong(&ok);
            if (!ok || bounds[i] <= 0) {
                return std::nullopt;
            }
        }
        const qint64 low = qMin(bounds[0], bounds[1]);
        const qint64 high = qMax(bounds[0], bounds[1]);
        if (uid) {
            for (const quint32 known : m_uidBySequence) {
                if (known >= low && known <= high) {
                    uids.append(known);
                }
            }
            continue;
        }
        if (high - low > maximum) {
            return std::nullopt;
        }
        for (qint64 sequence = low; sequence <= high; ++sequence) {
            const auto found = m_uidBySequence.constFind(sequence);
            if (found == m_uidBySequence.constEnd()) {
                return std::nullopt;
            }
            uids.append(*found);
        }
    }
    for (const quint32 known : std::as_const(uids)) {
        if (!m_encrypted.contains(known)) {
            return std::nullopt;
        }
    }
    return uids;
}

void Session::onInternalDone(const Response &response)
{
    m_internalTag.clear();
    if (!m_current || m_current->kind != Kind::Fetch) {
        return;
    }
    Current &current = *m_current;
    if (current.phase == FetchPhase::Probe) {
        if (response.name() != "OK") {
            // A refused probe (a set the server rejects) is the client's command's fate too.
            current.uids.clear();
            send(current.command);
            return;
        }
        shareKnowledge();
        if (current.toOpen.isEmpty()) {
            sendFetch();
            return;
        }
        startBodies();
        return;
    }
    if (current.phase == FetchPhase::Bodies) {
        current.bodiesDone = true;
        if (response.name() != "OK") {
            qCWarning(lcImap).noquote() << m_tag + QLatin1Char(':') << "the server did not hand out"
                                        << current.toOpen.size() << "encrypted messages";
        }
        maybeAnswerFetch();
    }
}

void Session::startBodies()
{
    Current &current = *m_current;
    Store::CertificateStore *store = m_proxy->store();
    if (store != nullptr && store->isInitialised() && !store->isUnlocked() && m_proxy->unlocker()) {
        // A passphrase prompt may run an event loop: this session waits meanwhile.
        QPointer<Session> alive(this);
        m_unlocking = true;
        m_answerTimer.stop();
        m_proxy->unlocker()();
        if (!alive) {
            return;
        }
        m_unlocking = false;
        QTimer::singleShot(0, this, &Session::onServerData);
    }
    if (store == nullptr || !store->isUnlocked()) {
        qCWarning(lcImap).noquote()
                << m_tag + QLatin1Char(':') << current.toOpen.size()
                << "encrypted messages served unchanged: the certificate store is locked";
        ActivityEvent event;
        event.account = m_account.name;
        event.direction = QStringLiteral("incoming");
        event.folder = folder();
        event.action = QStringLiteral("decrypt");
        event.result = QStringLiteral("served unchanged");
        event.detail = QStringLiteral("%1 encrypted messages: the certificate store is locked")
                               .arg(current.toOpen.size());
        if (m_proxy->activity() != nullptr) {
            m_proxy->activity()->record(event);
        }
        if (current.optimistic) {
            replayHeld();
        } else {
            sendFetch();
        }
        return;
    }
    const auto identities = store->identities();
    if (identities) {
        current.readOptions.identities = *identities;
    }
    current.storeState = store->stateFingerprint();
    current.readOptions.trust.trustedRoots = store->trustedCertificates();
    current.readOptions.trust.extraCertificates = store->allCertificates();
    current.readOptions.trust.useSystemRoots = true;
    current.phase = FetchPhase::Bodies;
    sendInternal("UID FETCH " + uidSet(current.toOpen) + " (UID BODY.PEEK[])");
}

void Session::opened(quint32 uid, const Opened &result)
{
    if (!m_current || m_current->kind != Kind::Fetch) {
        return;
    }
    Current &current = *m_current;
    --current.opening;
    if (result.view) {
        current.views.insert(uid, result.view);
    }
    // A verdict reached under certificates or trust that changed meanwhile is served this once
    // but not kept.
    const bool stillJudged = m_proxy->store() == nullptr
                             || current.storeState == m_proxy->store()->stateFingerprint();
    if ((result.view || result.permanent) && stillJudged) {
        m_proxy->cache().insert(MessageCache::key(m_user, m_mailbox, m_uidValidity, uid),
                                {result.view, result.problem}, diskCacheable());
    }
    if (!result.collected.isEmpty() && m_proxy->store() != nullptr) {
        m_proxy->store()->collect(result.collected);
    }
    ActivityEvent event = result.event;
    event.account = m_account.name;
    event.folder = folder();
    if (m_proxy->activity() != nullptr) {
        m_proxy->activity()->record(event);
    }
    if (!result.view) {
        qCInfo(lcImap).noquote() << m_tag + QLatin1Char(':') << "UID" << uid << "in" << m_mailbox
                                 << "served unchanged:" << result.problem;
    }
    maybeAnswerFetch();
    watchServer(false);
}

void Session::maybeAnswerFetch()
{
    Current &current = *m_current;
    if (current.phase == FetchPhase::Bodies && current.bodiesDone && current.opening == 0) {
        if (current.optimistic) {
            replayHeld();
        } else {
            sendFetch();
        }
    }
}

void Session::startAppend()
{
    Current &current = *m_current;
    ClientCommand &command = current.command;
    // One message per APPEND, as its last literal (the mailbox name may be one too). Several
    // messages (MULTIAPPEND) or one built on the server (CATENATE) could not be encrypted
    // here; neither is offered, and a client that sends them anyway is refused rather than
    // have them stored in clear.
    qsizetype messages = 0;
    bool catenate = false;
    for (qsizetype i = 1; i < command.arguments.size(); ++i) {
        messages += command.arguments.at(i).kind == Value::Kind::Literal ? 1 : 0;
        catenate = catenate || command.arguments.at(i).isAtom("CATENATE");
    }
    if (catenate || messages > 1) {
        toClient(command.tag
                 + " NO [CANNOT] Postern stores one message per APPEND, so that it can encrypt "
                   "it; MULTIAPPEND and CATENATE are not offered\r\n");
        m_current.reset();
        return;
    }
    qsizetype index = -1;
    for (qsizetype i = 0; i < command.pieces.size(); ++i) {
        if (command.pieces.at(i).hasLiteral) {
            index = i;
        }
    }
    Store::CertificateStore *store = m_proxy->store();
    if (messages == 0 || index < 0 || store == nullptr) {
        send(command);
        return;
    }
    const StoredCopy copy = protectStoredCopy(command.pieces.at(index).literal, m_account, *store);
    ActivityEvent event;
    event.account = m_account.name;
    event.direction = QStringLiteral("stored");
    event.folder = command.arguments.isEmpty() ? QString()
                                               : decodeMailboxName(command.arguments.at(0).text);
    event.subject = copy.subject;
    event.rule = copy.rule;
    if (copy.refusal) {
        event.action = QStringLiteral("encrypt");
        event.result = QStringLiteral("refused");
        event.detail = *copy.refusal;
        if (m_proxy->activity() != nullptr) {
            m_proxy->activity()->record(event);
        }
        toClient(command.tag + " NO [CANNOT] Postern: " + copy.refusal->toUtf8() + "\r\n");
        m_current.reset();
        return;
    }
    if (copy.encrypted) {
        command.pieces[index].literal = copy.message;
        event.action = QStringLiteral("encrypt");
        event.detail = QStringLiteral("encrypted to the account's own certificate");
        current.storedEvent = event;
    }
    send(command);
}

} // namespace

QList<QByteArray> filterCapabilities(const QList<QByteArray> &capabilities)
{
    // Only what the proxy relays faithfully. COMPRESS, BINARY, CATENATE, MULTIAPPEND, previews
    // and the like would hand the client the server's view of an encrypted message, or a
    // stream the proxy cannot read; IMAP4rev2 changes the FETCH answers the proxy rewrites.
    static const QSet<QByteArray> exact = {
            "IMAP4REV1",
            "LITERAL+",
            "LITERAL-",
            "SASL-IR",
            "ID",
            "ENABLE",
            "IDLE",
            "NAMESPACE",
            "UIDPLUS",
            "CHILDREN",
            "UNSELECT",
            "SPECIAL-USE",
            "LIST-EXTENDED",
            "LIST-STATUS",
            "MOVE",
            "CONDSTORE",
            "QRESYNC",
            "ESEARCH",
            "ESORT",
            "SORT",
            "SORT=DISPLAY",
            "WITHIN",
            "QUOTA",
            "ACL",
            "CREATE-SPECIAL-USE",
            "METADATA",
            "METADATA-SERVER",
            "SEARCHRES",
            "CONTEXT=SEARCH",
            "SAVEDATE",
            "OBJECTID",
            "AUTH=PLAIN",
            "XLIST",
            "STATUS=SIZE",
            "SEARCH=FUZZY",
    };
    static const QList<QByteArray> prefixes = {
            "THREAD=", "I18NLEVEL=", "QUOTA=", "RIGHTS=", "APPENDLIMIT"};
    QList<QByteArray> kept;
    for (const QByteArray &capability : capabilities) {
        const QByteArray upper = capability.toUpper();
        bool allowed = exact.contains(upper);
        for (const QByteArray &prefix : prefixes) {
            allowed = allowed || upper.startsWith(prefix);
        }
        if (allowed && !kept.contains(capability)) {
            kept.append(capability);
        }
    }
    return kept;
}

ImapProxy::ImapProxy(Policy::Account account,
                     Store::CertificateStore *store,
                     ActivityLog *activity,
                     QObject *parent)
    : QObject(parent)
    , m_account(std::move(account))
    , m_store(store)
    , m_activity(activity)
    , m_cache(m_limits.cacheBudget)
{
    if (m_store != nullptr) {
        Store::CertificateStore *certificates = m_store;
        m_cache.setStateSource([certificates] { return certificates->stateFingerprint(); });
    }
    m_workers.setMaxThreadCount(qMax(1, QThread::idealThreadCount()));
}

ImapProxy::~ImapProxy()
{
    close();
    // Sessions go before the workers they wait for.
    const QList<Session *> sessions = findChildren<Session *>(Qt::FindDirectChildrenOnly);
    for (Session *session : sessions) {
        session->stopping();
    }
    qDeleteAll(sessions);
    m_workers.waitForDone();
}

void ImapProxy::setLimits(const ProxyLimits &limits)
{
    m_limits = limits;
    m_cache.setBudget(limits.cacheBudget);
}

void ImapProxy::setDiskCache(const QString &directory, qint64 budget)
{
    const DiskCache *disk = m_cache.disk();
    if (directory.isEmpty()) {
        m_cache.setDisk(nullptr);
        return;
    }
    if (disk != nullptr && disk->directory() == directory && disk->budget() == budget) {
        return;
    }
    // The pointer is the proxy's own store, which outlives the proxy; the key is asked for at
    // each use, so the cache closes when the store locks.
    Store::CertificateStore *store = m_store;
    // The key follows the store's state as well as its passphrase, so verdicts kept on disk
    // go when certificates or trust change, whichever program changed them and whenever.
    auto key = [store]() -> std::optional<Secret> {
        if (store == nullptr) {
            return std::nullopt;
        }
        const QByteArray purpose = "imap-message-cache:" + store->stateFingerprint();
        return store->derivedKey(purpose);
    };
    m_cache.setDisk(std::make_unique<DiskCache>(directory, std::move(key), budget));
}

const ImapProxy::MailboxKnowledge *ImapProxy::knowledge(const QString &key) const
{
    const auto found = m_knowledge.constFind(key);
    return found == m_knowledge.constEnd() ? nullptr : &*found;
}

void ImapProxy::learn(const QString &key, const MailboxKnowledge &knowledge)
{
    // A bound, not a cache policy: a client that walks thousands of folders starts over.
    constexpr qsizetype maximumMailboxes = 256;
    if (m_knowledge.size() >= maximumMailboxes && !m_knowledge.contains(key)) {
        m_knowledge.clear();
    }
    m_knowledge.insert(key, knowledge);
}

int ImapProxy::sessionCount() const
{
    return static_cast<int>(findChildren<Session *>(Qt::FindDirectChildrenOnly).size());
}

bool ImapProxy::listen(QString *error)
{
    close();
    QList<std::pair<quint16, bool>> ports = {{m_account.imapListen, false}};
    if (m_account.imapListenTls != 0) {
        if (!m_tls) {
            if (error != nullptr) {
                *error = QStringLiteral("no TLS certificate for the implicit-TLS port %1 of %2")
                                 .arg(m_account.imapListenTls)
                                 .arg(m_account.name);
            }
            return false;
        }
        ports.append({m_account.imapListenTls, true});
    }
    for (const auto &[port, implicitTls] : std::as_const(ports)) {
        for (const QHostAddress &address :
             {QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)}) {
            auto *server = new Service::LoopbackServer(m_tls, implicitTls, this);
            if (!server->listen(address, port)) {
                const QString why = server->errorString();
                delete server;
                if (address == QHostAddress(QHostAddress::LocalHostIPv6)) {
                    qCInfo(lcImap).noquote() << "not listening on [::1]:" << port << why;
                    continue;
                }
                if (error != nullptr) {
                    *error = QStringLiteral("cannot listen on 127.0.0.1:%1 for %2: %3")
                                     .arg(port)
                                     .arg(m_account.name, why);
                }
                close();
                return false;
            }
            connect(server, &QTcpServer::newConnection, this, [this, server] {
                while (QTcpSocket *socket = server->nextPendingConnection()) {
                    new Session(static_cast<QSslSocket *>(socket), this);
                }
            });
            m_servers.append(server);
        }
    }
    QString listening = QStringLiteral("127.0.0.1:%1").arg(m_account.imapListen);
    if (m_account.imapListenTls != 0) {
        listening += QStringLiteral(" and %1 (TLS)").arg(m_account.imapListenTls);
    }
    qCInfo(lcImap).noquote() << "IMAP proxy for" << m_account.name << "on" << listening << "->"
                             << m_account.imap.display();
    return true;
}

void ImapProxy::close()
{
    qDeleteAll(m_servers);
    m_servers.clear();
}

quint16 ImapProxy::port() const
{
    return m_servers.isEmpty() ? 0 : m_servers.constFirst()->serverPort();
}

} // namespace Postern::Imap
