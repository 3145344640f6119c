#include "AccountsFile.h"

#include "core/base/Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QRegularExpression>
#include <QSaveFile>

namespace Postern::Policy {

namespace {

// Walks JSON text that is already known to be well-formed, only to find where a value starts.
class Scanner
{
public:
    explicit Scanner(const QByteArray &text)
        : m_text(text)
    {
    }

    qsizetype position() const { return m_position; }

    void skipSpace()
    {
        while (m_position < m_text.size()
               && (m_text[m_position] == ' ' || m_text[m_position] == '\n'
                   || m_text[m_position] == '\r' || m_text[m_position] == '\t')) {
            ++m_position;
        }
    }

    bool at(char character) const
    {
        return m_position < m_text.size() && m_text[m_position] == character;
    }

    void advance() { ++m_position; }

    QString readString()
    {
        const qsizetype start = m_position;
        advance(); // the opening quote
        while (m_position < m_text.size() && m_text[m_position] != '"') {
            m_position += m_text[m_position] == '\\' ? 2 : 1;
        }
        advance();
        // Let the JSON parser undo the escapes, so keys compare as the document means them.
        const QByteArray quoted = m_text.mid(start, m_position - start);
        const QJsonDocument document =
                QJsonDocument::fromJson(QByteArrayLiteral("[") + quoted + QByteArrayLiteral("]"));
        return document.array().at(0).toString();
    }

    void skipValue()
    {
        skipSpace();
        if (at('"')) {
            readString();
            return;
        }
        if (at('{') || at('[')) {
            int depth = 0;
            while (m_position < m_text.size()) {
                if (at('"')) {
                    readString();
                    continue;
                }
                if (at('{') || at('[')) {
                    ++depth;
                } else if (at('}') || at(']')) {
                    --depth;
                    if (depth == 0) {
                        advance();
                        return;
                    }
                }
                advance();
            }
            return;
        }
        while (m_position < m_text.size() && !at(',') && !at('}') && !at(']')) {
            advance();
        }
    }

    /** Moves into the current object's member @p key; false (and back where it was) if absent. */
    bool enterMember(const QString &key)
    {
        const qsizetype start = m_position;
        skipSpace();
        if (!at('{')) {
            return false;
        }
        advance();
        while (m_position < m_text.size()) {
            skipSpace();
            if (!at('"')) {
                break;
            }
            const QString name = readString();
            skipSpace();
            advance(); // the colon
            skipSpace();
            if (name == key) {
                return true;
            }
            skipValue();
            skipSpace();
            if (!at(',')) {
                break;
            }
            advance();
        }
        m_position = start;
        return false;
    }

    /** The first member name that appears twice in one object, anywhere below here, with its
     *  path and where its second appearance starts. JSON parsers quietly keep one of the two,
     *  which turns a hand edit into a silent change. */
    std::optional<std::pair<QString, qsizetype>> duplicateKey(const QString &path, int depth = 0)
    {
        skipSpace();
        if (depth > 512) {
            return std::nullopt;
        }
        if (at('[')) {
            advance();
            for (qsizetype index = 0; m_position < m_text.size(); ++index) {
                skipSpace();
                if (at(']')) {
                    advance();
                    break;
                }
                if (auto found = duplicateKey(QStringLiteral("%1[%2]").arg(path).arg(index),
                                              depth + 1)) {
                    return found;
                }
                skipSpace();
                if (at(',')) {
                    advance();
                }
            }
            return std::nullopt;
        }
        if (!at('{')) {
            skipValue();
            return std::nullopt;
        }
        advance();
        QStringList seen;
        while (m_position < m_text.size()) {
            skipSpace();
            if (at('}')) {
                advance();
                break;
            }
            const qsizetype start = m_position;
            const QString name = readString();
            const QString member = path.isEmpty() ? name : path + QLatin1Char('.') + name;
            if (seen.contains(name)) {
                return std::make_pair(member, start);
            }
            seen.append(name);
            skipSpace();
            advance(); // the colon
            if (auto found = duplicateKey(member, depth + 1)) {
                return found;
            }
            skipSpace();
            if (at(',')) {
                advance();
            }
        }
        return std::nullopt;
    }

    bool enterElement(qsizetype index)
    {
        const qsizetype start = m_position;
        skipSpace();
        if (!at('[')) {
            return false;
        }
        advance();
        for (qsizetype current = 0; m_position < m_text.size(); ++current) {
            skipSpace();
            if (at(']')) {
                break;
            }
            if (current == index) {
                return true;
            }
            skipValue();
            skipSpace();
            if (!at(',')) {
                break;
            }
            advance();
        }
        m_position = start;
        return false;
    }

private:
    const QByteArray &m_text;
    qsizetype m_position = 0;
};

std::pair<int, int> lineAndColumn(const QByteArray &text, qsizetype offset)
{
    offset = qBound<qsizetype>(0, offset, text.size());
    const QByteArrayView before(text.constData(), offset);
    const auto line = static_cast<int>(before.count('\n')) + 1;
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const auto column = static_cast<int>(
            QString::fromUtf8(text.constData() + lineStart, offset - lineStart).size() + 1);
    return {line, column};
}

bool writeWhole(const QString &path, const QByteArray &bytes, QString &error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        error = file.errorString();
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        error = file.errorString();
        return false;
    }
    return true;
}

tl::expected<QByteArray, FileProblem> readBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return tl::unexpected(FileProblem{
                path, 0, 0, QString(), QStringLiteral("cannot be read: %1").arg(file.errorString()),
                FileProblem::Kind::Access});
    }
    return file.readAll();
}

tl::expected<Configuration, FileProblem> parse(const QByteArray &bytes, const QString &path)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(bytes, error.offset);
        return tl::unexpected(
                FileProblem{path, line, column, QString(),
                            QStringLiteral("is not valid JSON: %1").arg(error.errorString())});
    }
    if (!document.isObject()) {
        return tl::unexpected(FileProblem{path, 1, 1, QString(),
                                          QStringLiteral("must hold a JSON object with \"version\" "
                                                         "and \"accounts\"")});
    }
    if (auto duplicate = AccountsFile::duplicateField(bytes, path)) {
        return tl::unexpected(*duplicate);
    }
    auto configuration = configurationFromJson(document.object());
    if (!configuration) {
        const auto [line, column] = AccountsFile::locate(bytes, configuration.error().field);
        return tl::unexpected(FileProblem{path, line, column, configuration.error().field,
                                          configuration.error().reason});
    }
    return *configuration;
}

// The file as it is when a change is about to be made: its text (empty when there is none yet)
// and what it holds. A broken file is refused here, so that no change overwrites a hand edit.
tl::expected<std::pair<QByteArray, Configuration>, FileProblem> current(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        return std::pair<QByteArray, Configuration>();
    }
    auto bytes = readBytes(path);
    if (!bytes) {
        return tl::unexpected(bytes.error());
    }
    auto configuration = parse(*bytes, path);
    if (!configuration) {
        FileProblem problem = configuration.error();
        problem.reason += QStringLiteral(
                "; the file was left as it is: fix or remove it before changing accounts");
        return tl::unexpected(problem);
    }
    return std::make_pair(*bytes, *configuration);
}

// A reader records the version it read only while no change is under way: a writer records its
// own result, and a reader that read just before a change must not put the older text back
// afterwards.
void recordLastGood(const AccountsFile &file, const QByteArray &bytes)
{
    QFile lastGood(file.lastGoodPath());
    if (lastGood.open(QIODevice::ReadOnly) && lastGood.readAll() == bytes) {
        return;
    }
    QLockFile lock(file.lockPath());
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0)) {
        qCDebug(lcPolicy) << "not recording the last good accounts file now: its lock is held "
                             "or cannot be made";
        return;
    }
    QFile again(file.path());
    if (!again.open(QIODevice::ReadOnly) || again.readAll() != bytes) {
        return;
    }
    QString error;
    if (!writeWhole(file.lastGoodPath(), bytes, error)) {
        qCWarning(lcPolicy) << "cannot record the last good accounts file:" << error;
    }
}

} // namespace

QString FileProblem::toString() const
{
    QString place = file;
    if (line > 0) {
        place += QStringLiteral(":%1:%2").arg(line).arg(column);
    }
    if (!field.isEmpty()) {
        return QStringLiteral("%1: %2 %3").arg(place, field, reason);
    }
    return QStringLiteral("%1: %2").arg(place, reason);
}

AccountsFile::AccountsFile(QString path)
    : m_path(std::move(path))
{
}

AccountsFile AccountsFile::inProfile(const QString &profileDirectory)
{
    return AccountsFile(QDir(profileDirectory).filePath(QStringLiteral("accounts.json")));
}

QString AccountsFile::backupPath() const
{
    return m_path + QStringLiteral(".bak");
}

QString AccountsFile::lastGoodPath() const
{
    const QFileInfo info(m_path);
    return info.dir().filePath(info.completeBaseName() + QStringLiteral(".last-good.")
                               + info.suffix());
}

std::pair<int, int> AccountsFile::locate(const QByteArray &json, const QString &field)
{
    static const QRegularExpression segment(QStringLiteral("([^.\\[\\]]+)|\\[(\\d+)\\]"));
    Scanner scanner(json);
    scanner.skipSpace();
    auto matches = segment.globalMatch(field);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        const bool found = match.capturedLength(2) > 0
                                   ? scanner.enterElement(match.captured(2).toLongLong())
                                   : scanner.enterMember(match.captured(1));
        if (!found) {
            break;
        }
    }
    scanner.skipSpace();
    return lineAndColumn(json, scanner.position());
}

std::optional<FileProblem> AccountsFile::duplicateField(const QByteArray &json, const QString &file)
{
    Scanner scanner(json);
    const auto duplicate = scanner.duplicateKey(QString());
    if (!duplicate) {
        return std::nullopt;
    }
    const auto [line, column] = lineAndColumn(json, duplicate->second);
    return FileProblem{file, line, column, duplicate->first,
                       QStringLiteral("appears twice in the same object; remove one of them")};
}

QString AccountsFile::lockPath() const
{
    return m_path + QStringLiteral(".lock");
}

tl::expected<Configuration, FileProblem> AccountsFile::read(const QString &path) const
{
    auto bytes = readBytes(path);
    if (!bytes) {
        return tl::unexpected(bytes.error());
    }
    return parse(*bytes, path);
}

AccountsFile::Loaded AccountsFile::load() const
{
    Loaded loaded;
    if (!QFileInfo::exists(m_path)) {
        return loaded;
    }
    auto bytes = readBytes(m_path);
    auto configuration =
            bytes ? parse(*bytes, m_path)
                  : tl::expected<Configuration, FileProblem>(tl::unexpect, bytes.error());
    if (configuration) {
        loaded.configuration = std::move(*configuration);
        recordLastGood(*this, *bytes);
        return loaded;
    }
    loaded.problem = configuration.error();
    if (QFileInfo::exists(lastGoodPath())) {
        auto fallback = read(lastGoodPath());
        if (fallback) {
            loaded.configuration = std::move(*fallback);
            loaded.fromLastGood = true;
        }
    }
    return loaded;
}

tl::expected<std::unique_ptr<QLockFile>, FileProblem>
AccountsFile::lock(std::chrono::milliseconds wait) const
{
    auto lockFile = std::make_unique<QLockFile>(lockPath());
    // A holder that no longer runs is replaced at once (QLockFile looks for its process); one
    // that runs is never replaced for being slow, since two writers would lose a change.
    lockFile->setStaleLockTime(0);
    if (lockFile->tryLock(static_cast<int>(wait.count()))) {
        return lockFile;
    }
    if (lockFile->error() != QLockFile::LockFailedError) {
        const QString why = lockFile->error() == QLockFile::PermissionError
                                    ? QStringLiteral("permission denied")
                                    : QStringLiteral("unknown error");
        return tl::unexpected(
                FileProblem{lockPath(), 0, 0, QString(),
                            QStringLiteral("cannot be created (%1), so %2 cannot be changed safely")
                                    .arg(why, m_path),
                            FileProblem::Kind::Access});
    }
    qint64 pid = 0;
    QString host;
    QString program;
    const QString holder =
            lockFile->getLockInfo(&pid, &host, &program)
                    ? QStringLiteral("process %1 (%2 on %3)")
                              .arg(pid)
                              .arg(program.isEmpty() ? QStringLiteral("unknown program") : program,
                                   host.isEmpty() ? QStringLiteral("this machine") : host)
                    : QStringLiteral("another process");
    return tl::unexpected(FileProblem{
            m_path, 0, 0, QString(),
            QStringLiteral("is being changed by %1, which did not finish within %2 s; nothing "
                           "was changed. Try again; if that process no longer runs, remove %3")
                    .arg(holder, QString::number(static_cast<double>(wait.count()) / 1000.0),
                         lockPath()),
            FileProblem::Kind::Busy});
}

tl::expected<bool, FileProblem> AccountsFile::save(const Configuration &configuration,
                                                   std::chrono::milliseconds wait) const
{
    auto held = lock(wait);
    if (!held) {
        return tl::unexpected(held.error());
    }
    auto before = current(m_path);
    if (!before) {
        return tl::unexpected(before.error());
    }
    return write(configuration, before->first);
}

tl::expected<bool, FileProblem>
AccountsFile::update(const std::function<bool(Configuration &)> &change,
                     std::chrono::milliseconds wait) const
{
    auto held = lock(wait);
    if (!held) {
        return tl::unexpected(held.error());
    }
    auto before = current(m_path);
    if (!before) {
        return tl::unexpected(before.error());
    }
    Configuration configuration = std::move(before->second);
    if (!change(configuration)) {
        return false;
    }
    return write(configuration, before->first);
}

// Under the lock: the caller holds it and has checked that the file is not broken.
tl::expected<bool, FileProblem> AccountsFile::write(const Configuration &configuration,
                                                    const QByteArray &previous) const
{
    if (auto checked = validate(configuration); !checked) {
        return tl::unexpected(
                FileProblem{m_path, 0, 0, checked.error().field, checked.error().reason});
    }
    const QByteArray bytes = QJsonDocument(toJson(configuration)).toJson(QJsonDocument::Indented);
    QString error;
    if (!previous.isEmpty() && previous != bytes && !writeWhole(backupPath(), previous, error)) {
        return tl::unexpected(FileProblem{backupPath(), 0, 0, QString(),
                                          QStringLiteral("cannot be written: %1").arg(error),
                                          FileProblem::Kind::Access});
    }
    if (!writeWhole(m_path, bytes, error)) {
        return tl::unexpected(FileProblem{m_path, 0, 0, QString(),
                                          QStringLiteral("cannot be written: %1").arg(error),
                                          FileProblem::Kind::Access});
    }
    if (!writeWhole(lastGoodPath(), bytes, error)) {
        qCWarning(lcPolicy) << "cannot record the last good accounts file:" << error;
    }
    return true;
}

} // namespace Postern::Policy
