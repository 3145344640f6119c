#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Postern::Imap {

/**
 * One data item of an IMAP FETCH command (RFC 3501 section 6.4.5), parsed far enough that the
 * proxy can tell which items describe the message's bytes (and must be answered from the
 * decrypted message) and which it can leave to the server.
 */
struct FetchItem
{
    enum class Kind {
        Other,
        Uid,
        Flags,
        InternalDate,
        ModSeq,
        Rfc822Size,
        Envelope,
        Body, // BODY without a section
        BodyStructure,
        Rfc822,
        Rfc822Header,
        Rfc822Text,
        Section, // BODY[...] and BODY.PEEK[...]
    };

    Kind kind = Kind::Other;
    QByteArray name;    // as the client wrote it
    QByteArray section; // between the brackets, keywords upper case: "", "1.2.MIME",
                        // "HEADER.FIELDS (SUBJECT DATE)"
    bool peek = false;
    std::optional<qint64> partialOffset;
    std::optional<qint64> partialLength;

    /** True for items whose value depends on the message's bytes (not UID, FLAGS,
     *  INTERNALDATE, MODSEQ, Other). */
    bool describesContent() const;
};

/** The items of a FETCH command: one item, a parenthesised list, or the macros ALL, FAST, FULL
 *  (expanded as RFC 3501 says). @p text starts right after the sequence set; @p consumed says
 *  how much of it the items took (a modifier list such as " (CHANGEDSINCE 5)" may follow).
 *  nullopt with a one-line error naming the problem for anything malformed. */
std::optional<QList<FetchItem>>
parseFetchItems(const QByteArray &text, qsizetype *consumed, QString *error);

} // namespace Postern::Imap
