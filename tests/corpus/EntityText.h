#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Postern::Test {

// What a person would read in a MIME entity, for comparing a reader's output with the text
// the corpus manifest quotes. Independent of the code under test except for GMime itself.

struct TextLeaf
{
    QByteArray contentType; // "text/plain", lower case, without parameters
    QString text;           // transfer encoding removed, converted from its charset
};

/** The entity's own media type, lower case, without parameters. */
QByteArray contentTypeOf(const QByteArray &entity);

/** Every leaf of a text type, depth first, through multiparts and attached messages. */
QList<TextLeaf> textLeaves(const QByteArray &entity);

/** The address of the first mailbox in the From: field; empty when there is none. */
QString fromAddressOf(const QByteArray &message);

} // namespace Postern::Test
