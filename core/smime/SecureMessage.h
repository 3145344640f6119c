#pragma once

#include "core/base/Result.h"
#include "core/crypto/Cms.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Postern::Smime {

enum class ReadError {
    Empty,        // nothing to read
    NotMime,      // neither a message nor a CMS object
    BadStructure, // a security layer whose MIME or CMS structure is broken
    TooDeep,      // more nested security layers than maxLayers
};

/** Security layers beyond this are refused: real mail has at most three (triple wrapping). */
constexpr int maxLayers = 16;

enum class LayerKind {
    Encrypted,
    Signed,
    Compressed,
};

/** One security layer as it was found, with what removing it gave. */
struct Layer
{
    LayerKind kind = LayerKind::Encrypted;
    QByteArray wrapper; // "multipart/signed", "application/pkcs7-mime; smime-type=…", "CMS"
    Crypto::CmsType cmsType = Crypto::CmsType::Unknown;
    bool opened = false;          // decrypted, verified (whatever the verdict) or decompressed
    QString problem;              // why it could not be opened; empty when opened
    bool structureBroken = false; // the MIME or CMS is corrupt
    Crypto::CryptoError cryptoError = Crypto::CryptoError::Failed; // why, when not opened

    /** Authenticated decryption failed: the ciphertext was changed. */
    bool decryptionDamaged() const;

    // Encrypted layers.
    Crypto::DecryptOutcome decryption;
    bool garbledContent = false; // the decrypted entity's header block is not text

    // Signed layers.
    Crypto::SignatureOutcome signature;
};

/** What the reader concludes about the message as a whole. */
enum class Integrity {
    NotProtected, // no security layer at all
    Unverifiable, // encrypted with an unauthenticated mode (CBC) and not signed inside: a
                  // changed ciphertext cannot be detected (EFAIL)
    Intact,       // an intact signature inside, or authenticated encryption
    Broken,       // a signature that does not match, or authenticated decryption that failed
    Unknown,      // a layer could not be opened
};

QString describe(Integrity integrity);

/** The verdict over a list of layers, outermost first. */
Integrity judgeIntegrity(const QList<Layer> &layers);

struct ReadOptions
{
    QList<Crypto::Identity> identities;
    Crypto::TrustSettings trust;
};

struct ReadResult
{
    QByteArray outerHeaders; // the top-level header block, raw, with its final empty line
    QByteArray innerEntity;  // the innermost entity, byte-exact, once every layer is removed
    QList<Layer> layers;     // outermost first
    bool complete = false;   // every layer was removed
    Integrity integrity = Integrity::NotProtected;
    QString fromAddress; // the From: address the signer was checked against
    QList<Crypto::Certificate> collectedCertificates; // for the store to collect

    bool isEncrypted() const;
    bool isSigned() const;

    /** The outermost signature verdict, or nullptr when nothing is signed. */
    const Layer *firstSignature() const;

    /** The message a client should see: the outer headers without their Content-* fields, then
     *  the inner entity (its own headers and body). */
    QByteArray decryptedMessage() const;

    /** The same as decryptedMessage(), as pieces to write one after the other. */
    QList<QByteArray> decryptedMessagePieces() const;
};

/**
 * Reads any S/MIME message or bare CMS object (DER or PEM .p7m/.p7s): recognises every
 * wrapping (application/pkcs7-mime and x-pkcs7-mime with any or no smime-type, Outlook's
 * smime.p7m as application/octet-stream, multipart/signed with pkcs7-signature or
 * x-pkcs7-signature), and removes layer after layer (decrypt, verify, decompress) until the
 * content is reached or a layer cannot be opened.
 */
Result<ReadResult, ReadError> read(const QByteArray &message, const ReadOptions &options);

QJsonObject toJson(const ReadResult &result);

enum class WriteError {
    BadInput, // the message to protect is not MIME
    NoRecipients,
    CryptoFailed,
};

enum class SignMode {
    Detached, // multipart/signed: readable without S/MIME support (the default)
    Opaque,   // application/pkcs7-mime; smime-type=signed-data
};

/**
 * Protects a whole RFC 5322 message. The outer headers (From, To, Subject, Date, Message-ID…)
 * stay; the Content-* headers and body become the protected entity. Entities are
 * canonicalised (CRLF, 7-bit safe transfer encodings) before signing so signatures survive
 * transport (RFC 8551, 3.1).
 */
Result<QByteArray, WriteError> encryptMessage(const QByteArray &message,
                                              const QList<Crypto::Certificate> &recipients,
                                              const Crypto::EncryptOptions &options);

Result<QByteArray, WriteError>
signMessage(const QByteArray &message, const Crypto::Identity &signer, SignMode mode);

Result<QByteArray, WriteError> signAndEncryptMessage(const QByteArray &message,
                                                     const Crypto::Identity &signer,
                                                     const QList<Crypto::Certificate> &recipients,
                                                     const Crypto::EncryptOptions &options);

} // namespace Postern::Smime
