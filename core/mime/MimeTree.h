#pragma once

#include "core/base/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Postern::Mime {

enum class MimeError {
    Empty,
    NotMime,
    TooDeep,
};

/** The deepest nesting of multiparts and attached messages the reader follows. Real mail
 *  rarely passes 10; anything far beyond that is an attack on the parser or the reader. */
constexpr int maxDepth = 64;

/**
 * One entity of a MIME tree as a person inspecting a file wants to see it. The path uses IMAP
 * section numbering (RFC 3501, 6.4.5): "1.2" is the second child of the first child.
 */
struct PartSummary
{
    QByteArray section;
    QByteArray contentType;
    QByteArray contentDisposition;
    QByteArray transferEncoding;
    QByteArray charset;
    QString fileName;
    qint64 contentBytes = 0;
    QList<PartSummary> children;
};

struct MessageSummary
{
    QString subject;
    QString from;
    QString to;
    QString date;
    QString messageId;
    PartSummary root;
};

/** Parses @p message (an RFC 5322 message) and describes its MIME tree. Broken MIME is
 *  described as GMime recovers it; nothing is dropped silently. */
Result<MessageSummary, MimeError> summarize(const QByteArray &message);

QJsonObject toJson(const MessageSummary &summary);

/** Indented, one entity per line, for the command line. */
QString toText(const MessageSummary &summary);

} // namespace Postern::Mime
