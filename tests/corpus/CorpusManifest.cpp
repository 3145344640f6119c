#include "CorpusManifest.h"

#include <QRegularExpression>

namespace Postern::Test::Manifest {

namespace {

// The lines under a "## " heading that starts with @p title, up to the next such heading.
QStringList section(const QString &manifest, const QString &title)
{
    QStringList lines;
    bool inside = false;
    for (const QString &line : manifest.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("## "))) {
            inside = line.mid(3).startsWith(title);
            continue;
        }
        if (inside) {
            lines.append(line);
        }
    }
    return lines;
}

// A name written without its origin ("test256.message" after "bc-java__test128.message") takes
// the origin of the name before it.
QString withOrigin(const QString &name, const QString &previous)
{
    const qsizetype separator = previous.indexOf(QLatin1String("__"));
    if (name.contains(QLatin1String("__")) || separator < 0) {
        return name;
    }
    return previous.left(separator + 2) + name;
}

// "Known disagreements" bullets that say OpenSSL 3.0 fails, cannot or misreports a sample.
QStringList beyondOpenSslFiles(const QString &manifest)
{
    static const QRegularExpression limitation(
            QStringLiteral("OpenSSL 3\\.0(?:\\.\\d+)? (?:fails|cannot|says)"));
    static const QRegularExpression quoted(QStringLiteral("`([^`\\s]+\\.[^`\\s]+)`"));
    QStringList files;
    for (const QString &line : section(manifest, QStringLiteral("Known disagreements"))) {
        if (!line.startsWith(QLatin1String("* ")) || !line.contains(limitation)) {
            continue;
        }
        QString previous;
        for (const auto &match : quoted.globalMatch(line)) {
            previous = withOrigin(match.captured(1), previous);
            files.append(previous);
        }
    }
    return files;
}

// The key files named after "decrypts with", each with the passphrase in its parentheses.
QList<KeyFile> keyFilesIn(const QString &clause)
{
    static const QRegularExpression mention(QStringLiteral(
            "(?:keys/)?([\\w.-]+\\.(?:p12|pfx|pkcs12|pem|key))(?: \\+ [\\w.-]+)? \\(([^)]*)\\)"));
    static const QRegularExpression password(QStringLiteral("pw \"([^\"]*)\""));
    QList<KeyFile> files;
    QString previous;
    for (const auto &match : mention.globalMatch(clause)) {
        previous = withOrigin(match.captured(1), previous);
        const auto pw = password.match(match.captured(2));
        files.append({previous, pw.hasMatch() ? pw.captured(1).toUtf8() : QByteArray()});
    }
    return files;
}

// "ECDH(stdDH,X9.63-SHA256)/RSA-OAEP": split on the slashes outside parentheses.
QStringList splitOutsideParentheses(const QString &text, QChar separator)
{
    QStringList parts(QString{});
    int depth = 0;
    for (const QChar c : text) {
        depth += (c == QLatin1Char('(')) ? 1 : (c == QLatin1Char(')')) ? -1 : 0;
        if (c == separator && depth == 0) {
            parts.append(QString());
        } else {
            parts.last().append(c);
        }
    }
    return parts;
}

bool parseEncrypted(const QString &text, Element &element)
{
    static const QRegularExpression form(
            QStringLiteral("^(Auth)?EnvelopedData (.+?) key-mgmt (.+?) \\[[a-z,]+\\] -> (.+)$"));
    const auto match = form.match(text);
    if (!match.hasMatch()) {
        return false;
    }
    element.kind = ElementKind::Encrypted;
    element.authenticated = match.capturedLength(1) > 0;
    element.beyondOpenSsl = text.contains(QLatin1String("unknown to OpenSSL"));
    const QString cipher = match.captured(2);
    element.cipher = cipher.startsWith(QLatin1Char('(')) ? QString() : cipher;
    const QString keyManagement = match.captured(3);
    if (!keyManagement.startsWith(QLatin1Char('('))) {
        element.keyManagement = splitOutsideParentheses(keyManagement, QLatin1Char('/'));
    }
    element.decrypts = match.captured(4).startsWith(QLatin1String("decrypts with"));
    element.keyFiles = element.decrypts ? keyFilesIn(match.captured(4)) : QList<KeyFile>();
    return true;
}

// "signature VALID, signer S, chain OK" with an optional "; at signingTime T: chain OK" or
// "…: still fails (reason)" when the chain fails today.
bool parseValidSignature(const QString &verdict, Element &element)
{
    static const QRegularExpression form(
            QStringLiteral("^signature VALID, signer (.+?), chain (?:OK|FAILS today \\((.+?)\\))"
                           "(?:; at signingTime .+? GMT: (?:chain OK|still fails \\((.+)\\)))?$"));
    const auto match = form.match(verdict);
    if (!match.hasMatch()) {
        return false;
    }
    element.signatureValid = true;
    element.signer = match.captured(1);
    element.chainToday = match.captured(2);
    element.checkedAtSigningTime = verdict.contains(QLatin1String("; at signingTime "));
    element.chainAtSigningTime = match.captured(3);
    return true;
}

bool parseSigned(const QString &text, Element &element)
{
    static const QRegularExpression form(
            QStringLiteral("^(multipart/signed \\(detached\\)|opaque signed-data) (\\S+): (.+)$"));
    static const QRegularExpression broken(
            QStringLiteral("^signature does NOT verify \\((.+)\\)$"));
    const auto match = form.match(text);
    if (!match.hasMatch()) {
        return false;
    }
    element.kind = ElementKind::Signed;
    element.detached = match.captured(1).startsWith(QLatin1String("multipart/signed"));
    element.algorithms = match.captured(2).split(QLatin1Char('/'));
    const QString verdict = match.captured(3);
    const auto failure = broken.match(verdict);
    if (failure.hasMatch()) {
        element.failure = failure.captured(1);
        return true;
    }
    return parseValidSignature(verdict, element);
}

bool parseContent(const QString &text, Element &element)
{
    // Greedy up to the last quote: snippets may hold quotes themselves (XML declarations).
    static const QRegularExpression form(QStringLiteral("^content (\\S+) \"(.*)\"$"));
    const auto match = form.match(text);
    if (!match.hasMatch()) {
        return false;
    }
    element.kind = ElementKind::Content;
    element.contentType = match.captured(1).toLatin1().toLower();
    element.snippet = match.captured(2);
    return true;
}

bool parseElement(const QString &text, Element &element)
{
    element.text = text;
    if (text.contains(QLatin1String("not parseable as CMS"))) {
        element.kind = ElementKind::NotCms;
        return true;
    }
    if (text.startsWith(QLatin1String("CompressedData"))) {
        element.kind = ElementKind::Compressed;
        return true;
    }
    return parseEncrypted(text, element) || parseSigned(text, element)
           || parseContent(text, element);
}

// Elements are separated by "; ", but so are a signature's "at signingTime" clause and some
// key-file remarks; split only where the next element begins.
QStringList splitElements(const QString &check)
{
    static const QRegularExpression boundary(
            QStringLiteral("; (?=(?:Auth)?EnvelopedData |multipart/signed |opaque signed-data "
                           "|CompressedData|content |\\[)"));
    return check.split(boundary);
}

Row parseRow(const QStringList &cells, const QStringList &beyondOpenSsl)
{
    static const QRegularExpression marker(QStringLiteral("OpenSSL [0-9.]+ check:\\s*"));
    Row row;
    row.file = cells.first();
    row.description = cells.at(cells.size() - 2);
    row.verdict = cells.last();
    row.beyondOpenSsl =
            beyondOpenSsl.contains(row.file.mid(row.file.indexOf(QLatin1Char('/')) + 1));
    const auto match = marker.match(row.verdict);
    row.hasCheck = match.hasMatch();
    if (!row.hasCheck) {
        return row;
    }
    for (const QString &text : splitElements(row.verdict.mid(match.capturedEnd()).trimmed())) {
        Element element;
        if (!parseElement(text, element)) {
            row.unparsed.append(text);
            continue;
        }
        // The element the limitation is about is the one OpenSSL could not open.
        element.beyondOpenSsl |= row.beyondOpenSsl && !element.decrypts && !element.signatureValid
                                 && element.kind != ElementKind::Content;
        row.elements.append(element);
    }
    return row;
}

} // namespace

// Markdown table cells, with the escaped bar "\|" turned back into text.
QStringList tableCells(const QString &line)
{
    static const QRegularExpression bar(QStringLiteral("(?<!\\\\)\\|"));
    QStringList cells = line.split(bar);
    if (cells.size() < 2) {
        return {};
    }
    cells = cells.mid(1, cells.size() - 2);
    for (QString &cell : cells) {
        cell = cell.replace(QLatin1String("\\|"), QLatin1String("|")).trimmed();
    }
    return cells;
}

QList<Row> smimeRows(const QString &manifest)
{
    const QStringList beyond = beyondOpenSslFiles(manifest);
    QList<Row> rows;
    for (const QString &line : manifest.split(QLatin1Char('\n'))) {
        if (!line.startsWith(QLatin1String("| smime/"))
            || line.startsWith(QLatin1String("| smime/keys/"))) {
            continue;
        }
        const QStringList cells = tableCells(line);
        if (cells.size() >= 3) {
            rows.append(parseRow(cells, beyond));
        }
    }
    return rows;
}

QList<QByteArray> passphrases(const QString &manifest)
{
    static const QRegularExpression quoted(QStringLiteral("`([^`\\s]*)`"));
    static const QRegularExpression remark(QStringLiteral("\\([^)]*\\)"));
    static const QRegularExpression named(QStringLiteral("pw \"([^\"]*)\""));
    QList<QByteArray> found{QByteArray()};
    const auto add = [&found](const QString &value) {
        if (!found.contains(value.toUtf8())) {
            found.append(value.toUtf8());
        }
    };
    for (const QString &line : section(manifest, QStringLiteral("Keys and passwords"))) {
        // Remarks in parentheses quote aliases and command options, not passphrases.
        const QString cell = tableCells(line).value(1).remove(remark);
        for (const auto &match : quoted.globalMatch(cell)) {
            add(match.captured(1));
        }
    }
    for (const auto &match : named.globalMatch(manifest)) {
        add(match.captured(1));
    }
    return found;
}

} // namespace Postern::Test::Manifest
