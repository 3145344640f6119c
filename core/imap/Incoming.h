#pragma once

#include "core/activity/ActivityLog.h"
#include "core/crypto/Certificate.h"
#include "core/smime/SecureMessage.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace Postern::Policy {
struct Account;
} // namespace Postern::Policy

namespace Postern::Store {
class CertificateStore;
} // namespace Postern::Store

namespace Postern::Imap {

class MessageView;

/** Whether a stored message's header block says it is encrypted S/MIME: pkcs7-mime (x- too)
 *  without a smime-type that names something else, or Outlook's smime.p7m attachment form.
 *  Signed-only messages are not: the client verifies those itself, byte for byte. */
bool looksEncrypted(const QByteArray &headerBlock);

/** Whether a header block holds an X-Postern field: only Postern writes those, into the
 *  messages it decrypted; one arriving from outside is a forged verdict. */
bool carriesPosternFields(const QByteArray &headerBlock);

/** Whether Postern serves its own view of a message: encrypted, or with a forged verdict. */
bool needsView(const QByteArray &headerBlock);

/** What the reader needs to open stored messages away from the proxy's thread: copies only. */
struct OpenOptions
{
    Smime::ReadOptions read;
};

/** One stored message after Postern read it. */
struct Opened
{
    std::shared_ptr<const MessageView> view; // the message the client sees; null: unchanged
    QString problem;                         // why it is served unchanged
    bool permanent = true;                   // the same bytes will fail the same way again
    ActivityEvent event;                     // without account and folder, which the caller adds
    QList<Crypto::Certificate> collected;    // signers' certificates, for the store
};

/** Decrypts, verifies and, for invitations, rehydrates one message. Safe on any thread. */
Opened openStoredMessage(const QByteArray &message, const OpenOptions &options);

/** What becomes of a message the client APPENDs (a Sent copy, a draft). */
struct StoredCopy
{
    QByteArray message;             // what goes to the server
    bool encrypted = false;         // encrypted to the account's own certificate
    std::optional<QString> refusal; // not stored: the policy says encrypt and Postern cannot
    QString rule;
    QString subject;
};

/** Encrypts the account's own clear mail to its own certificate when the account's policy
 *  would encrypt it, so that the server never holds in clear what was sent encrypted. */
StoredCopy protectStoredCopy(const QByteArray &message,
                             const Policy::Account &account,
                             const Store::CertificateStore &store);

} // namespace Postern::Imap
