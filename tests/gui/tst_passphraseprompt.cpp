// The window's question for the store passphrase, answered as a user would: wrong first, then
// right, or cancelled.

#include "core/base/Secret.h"
#include "core/store/CertificateStore.h"
#include "ui/PassphrasePrompt.h"

#include <QApplication>
#include <QInputDialog>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Postern;

namespace {

const QByteArray passphrase = "correct horse battery staple";

// Answers the next open passphrase question with each of @p answers in turn; an empty answer
// cancels.
void answer(QStringList answers, QStringList *asked)
{
    QTimer::singleShot(50, [answers, asked]() mutable {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (dialog == nullptr) {
            answer(answers, asked);
            return;
        }
        asked->append(dialog->labelText());
        // For a person to look at: POSTERN_SCREENSHOT_DIR=dir under Xvfb saves each question.
        const QString shots = qEnvironmentVariable("POSTERN_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            dialog->grab().save(
                    QStringLiteral("%1/passphrase-%2.png").arg(shots).arg(asked->size()));
        }
        const QString next = answers.takeFirst();
        if (next.isEmpty()) {
            dialog->reject();
        } else {
            QCOMPARE(dialog->textEchoMode(), QLineEdit::Password);
            dialog->setTextValue(next);
            dialog->accept();
        }
        if (!answers.isEmpty()) {
            answer(answers, asked);
        }
    });
}

} // namespace

class TestPassphrasePrompt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void wrongThenRight();
    void cancelled();
    void alreadyUnlockedAsksNothing();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store::CertificateStore> m_store;
};

void TestPassphrasePrompt::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto store = Store::CertificateStore::open(m_dir->path());
    QVERIFY(store);
    m_store = std::move(*store);
    QVERIFY(m_store->initialise(Secret(passphrase)));
    m_store->lock();
    QVERIFY(!m_store->isUnlocked());
}

void TestPassphrasePrompt::wrongThenRight()
{
    QStringList asked;
    answer({QStringLiteral("not it"), QString::fromLatin1(passphrase)}, &asked);
    QVERIFY(Ui::askToUnlockStore(*m_store));
    QVERIFY(m_store->isUnlocked());
    QCOMPARE(asked.size(), 2);
    QVERIFY(asked.at(0).contains(QStringLiteral("must be signed")));
    QVERIFY(asked.at(1).contains(QStringLiteral("wrong")));
}

void TestPassphrasePrompt::cancelled()
{
    QStringList asked;
    answer({QString()}, &asked);
    QVERIFY(!Ui::askToUnlockStore(*m_store));
    QVERIFY(!m_store->isUnlocked());
    QCOMPARE(asked.size(), 1);
}

void TestPassphrasePrompt::alreadyUnlockedAsksNothing()
{
    QVERIFY(m_store->unlock(Secret(passphrase)));
    QVERIFY(Ui::askToUnlockStore(*m_store));
    QVERIFY(QApplication::activeModalWidget() == nullptr);
}

QTEST_MAIN(TestPassphrasePrompt)
#include "tst_passphraseprompt.moc"
