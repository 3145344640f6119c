#include "PassphrasePrompt.h"

#include "core/base/Secret.h"
#include "core/store/CertificateStore.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <QLineEdit>

namespace Postern::Ui {

bool askToUnlockStore(Store::CertificateStore &store, QWidget *parent)
{
    static bool asking = false;
    if (asking || store.isUnlocked()) {
        return store.isUnlocked();
    }
    asking = true;
    QString question = QCoreApplication::translate(
            "Postern::PassphrasePrompt",
            "A message you are sending must be signed. Enter the passphrase of Postern's "
            "certificate store:");
    bool unlocked = false;
    for (int attempt = 0; attempt < 3 && !unlocked; ++attempt) {
        bool accepted = false;
        QString passphrase =
                QInputDialog::getText(parent,
                                      QCoreApplication::translate("Postern::PassphrasePrompt",
                                                                  "Unlock the certificate store"),
                                      question, QLineEdit::Password, QString(), &accepted);
        if (!accepted) {
            break;
        }
        unlocked = store.unlock(Secret(passphrase.toUtf8())).has_value();
        passphrase.fill(QLatin1Char('\0'));
        question = QCoreApplication::translate("Postern::PassphrasePrompt",
                                               "That passphrase is wrong. Try again:");
    }
    asking = false;
    return unlocked;
}

} // namespace Postern::Ui
