#pragma once

#include "core/base/Result.h"
#include "core/base/Secret.h"
#include "core/crypto/Certificate.h"
#include "core/crypto/KeyMaterial.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace Postern::Store {

enum class StoreError {
    NotInitialised, // no passphrase set yet: the store holds no private key
    Locked,         // the operation needs the private keys and the store is locked
    WrongPassphrase,
    NotFound,
    BadInput, // the file to import is not usable (corrupt, wrong password, no certificate)
    Io,       // a file could not be written; nothing was changed
    Corrupt,  // the store's own files cannot be read (damaged, or the system refuses the read)
};

enum class Trust {
    Default,   // the chain to a trusted root decides
    Trusted,   // trusted as an anchor in its own right
    Untrusted, // never used and never accepted
    Ask,       // the user wants to be asked before it is used
};

enum class Origin {
    Imported,
    Collected, // found in verified signed mail
    Generated,
};

QString toString(Trust trust);
std::optional<Trust> trustFromString(const QString &text);
QString toString(Origin origin);

/** One certificate in the store, with what Postern keeps about it. */
struct Entry
{
    QString id; // SHA-256 fingerprint, upper-case hex
    Crypto::Certificate certificate;
    QString label;
    Trust trust = Trust::Default;
    Origin origin = Origin::Imported;
    bool hasPrivateKey = false;
    QDateTime added;
};

struct ImportReport
{
    QStringList added;  // ids of new certificates
    QStringList merged; // ids already present (duplicates are merged, not repeated)
    int keysAdded = 0;
};

/**
 * The profile's store of X.509 certificates and private keys, as PGP Desktop kept its keyring.
 *
 * On disk (all under one directory): `certs/ID.der` with a `certs/ID.json` sidecar (label,
 * trust, origin), `keys/ID.p8` (PKCS#8, encrypted), `store.json` (key-derivation parameters and
 * a passphrase check), and `index.json`, a cache of what look-ups need that is rebuilt from the
 * certificate files whenever it does not match them. Every file is written whole to a temporary
 * file, flushed and renamed into place, and the index last, so an interrupted write never leaves
 * a broken store.
 *
 * Private keys are encrypted at rest under a key derived from the store passphrase with
 * PBKDF2-HMAC-SHA256 (600,000 iterations); unlocking derives it once and keeps it, and the
 * decrypted keys, in memory until lock() or the unlock timeout.
 */
class CertificateStore
{
public:
    ~CertificateStore();

    CertificateStore(const CertificateStore &) = delete;
    CertificateStore &operator=(const CertificateStore &) = delete;

    /** Opens (creating the folders of) the store in @p directory. A store file or folder that
     *  exists but cannot be read fails the open (Corrupt, naming the path and the system's
     *  reason), and nothing is written: it is never taken for an empty store. */
    static Result<std::unique_ptr<CertificateStore>, StoreError> open(const QString &directory);

    QString directory() const;

    /** Reads the store again from its files: what another process (the command line) imported,
     *  removed or trusted since. The unlock state is kept; decrypted keys are read again when
     *  next needed, so a removed identity does not linger. */
    void reload();

    // Passphrase and unlocking. The timeout is checked whenever the keys are needed, and, on a
    // thread with an event loop, a timer also wipes them when it runs out.
    bool isInitialised() const;
    Result<bool, StoreError> initialise(const Secret &passphrase);
    Result<bool, StoreError> unlock(const Secret &passphrase);
    void lock();
    bool isUnlocked() const;
    /** Keeps the store unlocked for @p seconds after each unlock; 0: until lock(). A running
     *  unlock period starts again from now. */
    void setUnlockTimeout(int seconds);
    int unlockTimeout() const;
    /** A 32-byte key for @p purpose, derived from the unlocked store's master key, so data
     *  Postern keeps for itself is readable exactly when the private keys are; nothing while
     *  the store is locked. A new passphrase gives new keys. */
    std::optional<Secret> derivedKey(QByteArrayView purpose) const;

    /** Changes whenever a certificate, a private key or a trust setting comes, goes or changes,
     *  in this process or (after reload()) another, except for certificates collected from
     *  signed mail without trust of their own; the same for the same store everywhere. What was
     *  judged under one fingerprint (a signature verdict) is to be judged again under another.
     *  Needs no passphrase. */
    QByteArray stateFingerprint() const;

    // Reading.
    QList<Entry> entries() const;
    std::optional<Entry> entry(const QString &idOrPrefix) const;
    QList<Entry> findByEmail(const QString &address) const;
    QList<Entry> search(const QString &query) const;
    std::optional<Entry> findByIssuerAndSerial(const QString &issuer,
                                               const QByteArray &serial) const;
    std::optional<Entry> findBySubjectKeyIdentifier(const QByteArray &identifier) const;

    /** Roots the user trusts in Postern (Trust::Trusted), for chain building. */
    QList<Crypto::Certificate> trustedCertificates() const;

    /** Every other certificate, as intermediates for chain building. */
    QList<Crypto::Certificate> allCertificates() const;

    /** The certificate to encrypt to @p address: valid now, not untrusted, encryption-capable,
     *  trusted (a chain to the system or the user's roots, or marked trusted), newest first. */
    std::optional<Entry> encryptionCertificateFor(const QString &address) const;

    /** Whether any certificate has its private key in the store; needs no passphrase. */
    bool holdsPrivateKeys() const;

    /** The store's identities (certificate plus key); needs the store unlocked. A key file that
     *  cannot be read fails the call (Corrupt). */
    Result<QList<Crypto::Identity>, StoreError> identities() const;

    /** The identity to sign and decrypt with for @p address. */
    Result<Crypto::Identity, StoreError> identityFor(const QString &address) const;

    // Changing. Each call writes everything it changes before it returns, or nothing.
    Result<ImportReport, StoreError> importData(const QByteArray &data,
                                                const Secret &filePassphrase,
                                                Origin origin = Origin::Imported);
    Result<ImportReport, StoreError> collect(const QList<Crypto::Certificate> &certificates);
    /** Checks the address and name (BadInput) before it needs the store unlocked. */
    Result<Entry, StoreError>
    generateIdentity(const QString &address, const QString &name, Crypto::KeyType type);
    /** Removing a private key (alone, or with its certificate) needs the store unlocked. */
    Result<bool, StoreError> remove(const QString &id, bool keyOnly);
    Result<bool, StoreError> setTrust(const QString &id, Trust trust);
    Result<bool, StoreError> setLabel(const QString &id, const QString &label);
    /** PKCS#12 under @p passphrase, which must not be empty (BadInput). */
    Result<QByteArray, StoreError>
    exportIdentity(const QString &id, const Secret &passphrase, Crypto::Pkcs12Scheme scheme) const;
    Result<QByteArray, StoreError> certificateRequest(const QString &id) const;

    /** Test hook for crash safety: the write after @p writes more fails. -1: never. */
    static void failWritesAfter(int writes);

    /** Test hook: the clock the unlock timeout is measured with; empty: the system clock. */
    static void useClock(std::function<QDateTime()> clock);

private:
    struct Private;
    explicit CertificateStore(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

QString describe(StoreError error);

} // namespace Postern::Store
