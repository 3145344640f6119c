#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Postern::Test::Manifest {

// The corpus MANIFEST.md is the independent source of truth for the S/MIME samples: its
// "Correct result" cells end in a machine-readable part, "OpenSSL 3.0.22 check: …", that lists
// what an OpenSSL run found, element after element, outermost first, separated by "; ":
//
//   EnvelopedData aes-128-cbc key-mgmt RSA-PKCS1v1.5 [ktri] -> decrypts with keys/X (pw "nss")
//   multipart/signed (detached) sha256/RSA-PKCS1v1.5: signature VALID, signer a@b, chain OK
//   opaque signed-data sha1/RSA-PKCS1v1.5: signature does NOT verify (no content)
//   content text/plain "first 70 characters, whitespace collapsed"
//
// The walk is depth first, so a content element before a security element means the security
// part sits beside plain parts (a mailing-list footer, an attachment), not around the message.
// These functions read that text at run time and nothing else, so the tests cannot drift from
// the corpus.

enum class ElementKind {
    Encrypted,  // EnvelopedData or AuthEnvelopedData
    Signed,     // multipart/signed (detached) or opaque signed-data
    Compressed, // CompressedData
    Content,    // a leaf the walk reached
    NotCms,     // a security part OpenSSL could not parse at all
};

/** A key file the manifest says opens a message, with the passphrase it gives for it. */
struct KeyFile
{
    QString name; // file name inside smime/keys/
    QByteArray passphrase;
};

/** One element of a check part. Only the fields of its kind are filled in. */
struct Element
{
    ElementKind kind = ElementKind::Content;
    QString text;               // as written, for failure messages
    bool beyondOpenSsl = false; // uses an algorithm the manifest says OpenSSL 3.0 lacks

    // Encrypted.
    bool authenticated = false; // AuthEnvelopedData
    QString cipher;             // "aes-128-cbc", "3DES-CBC"; empty when unknown to OpenSSL
    QStringList keyManagement;  // "RSA-PKCS1v1.5", "RSA-OAEP", "ECDH(stdDH,…)", "PWRI(…)"…
    bool decrypts = false;
    QList<KeyFile> keyFiles; // every shipped key the manifest names as opening it

    // Signed.
    bool detached = false;
    QStringList algorithms;      // digests and signature algorithms: "sha256", "RSA-PSS"…
    bool signatureValid = false; // the mathematics, trust aside
    QString failure;             // why it does not verify: "content verify error"…
    QString signer;              // an address, or a subject description when it has none
    QString chainToday;          // empty when the chain is OK today, else OpenSSL's reason
    bool checkedAtSigningTime = false;
    QString chainAtSigningTime; // empty when OK at the signing time, else the reason

    // Content.
    QByteArray contentType; // "text/plain"
    QString snippet;        // the start of the text, whitespace collapsed
};

/** One S/MIME sample row of the manifest. */
struct Row
{
    QString file;               // relative to the corpus: "smime/…"
    QString description;        // the "What it is" cell
    QString verdict;            // the whole "Correct result" cell
    bool hasCheck = false;      // the verdict carries an "OpenSSL … check:" part
    bool beyondOpenSsl = false; // "Known disagreements" says OpenSSL 3.0 cannot handle it
    QList<Element> elements;    // the check part, outermost first
    QStringList unparsed;       // check elements this parser does not understand
};

/** Every sample row for a file directly under smime/ (key material excluded). */
QList<Row> smimeRows(const QString &manifest);

/** The cells of one Markdown table row, with the escaped bar "\|" turned back into text. */
QStringList tableCells(const QString &line);

/** Every passphrase the manifest names: the keys table and the check parts. */
QList<QByteArray> passphrases(const QString &manifest);

} // namespace Postern::Test::Manifest
