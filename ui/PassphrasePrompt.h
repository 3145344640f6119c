#pragma once

class QWidget;

namespace Postern::Store {
class CertificateStore;
} // namespace Postern::Store

namespace Postern::Ui {

/**
 * Asks for the certificate store's passphrase when a message the proxies are sending must be
 * signed and the unlock timeout has locked the store. Returns whether the store is unlocked
 * afterwards. Only one question is open at a time: a call while one is open returns at once.
 */
bool askToUnlockStore(Store::CertificateStore &store, QWidget *parent = nullptr);

} // namespace Postern::Ui
