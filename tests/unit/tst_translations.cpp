// The German and French catalogues: every text translated, nothing a refresh with lupdate would
// lose (its contexts must be the ones the code asks for at run time), plural forms where a
// number is counted, and the window's texts translated when it runs in those languages. English
// has a catalogue of plural forms only, installed under every language.

#include "core/activity/ActivityLog.h"
#include "core/base/Secret.h"
#include "core/base/Translations.h"
#include "core/policy/AccountsFile.h"
#include "core/policy/Templates.h"
#include "core/service/ProxyService.h"
#include "core/smime/SecureMessage.h"
#include "core/store/CertificateStore.h"
#include "ui/AboutDialog.h"
#include "ui/AccountEditor.h"
#include "ui/AppContext.h"
#include "ui/CertificateDetails.h"
#include "ui/InspectorPage.h"
#include "ui/MailClientSetup.h"
#include "ui/MainWindow.h"
#include "ui/PolicyWizard.h"
#include "ui/SettingsDialog.h"
#include "ui/TrayController.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMutex>
#include <QProcess>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeView>
#include <QXmlStreamReader>

using namespace Postern;

namespace {

/** One message of a .ts file. */
struct Message
{
    QString context;
    QString source;
    QString type; // of its translation: empty when finished, else unfinished, vanished, …
    QStringList forms;

    bool isFinished() const
    {
        return type.isEmpty() && !forms.isEmpty()
               && std::none_of(forms.cbegin(), forms.cend(),
                               [](const QString &form) { return form.isEmpty(); });
    }

    QString key() const { return context + QStringLiteral(" | ") + source; }
};

/** The messages of @p path by context and source; empty with @p error set when unreadable. */
QMap<QString, Message> readTs(const QString &path, QString *error)
{
    QMap<QString, Message> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            continue;
        }
        if (xml.name() == QLatin1String("context")) {
            context.clear();
        } else if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            message = Message();
            message.context = context;
        } else if (xml.name() == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            // A plural message holds one <numerusform> per plural form of the language.
            QString text;
            while (!(xml.readNext() == QXmlStreamReader::EndElement
                     && xml.name() == QLatin1String("translation"))
                   && !xml.hasError()) {
                if (xml.isCharacters()) {
                    text += xml.text();
                } else if (xml.isStartElement()) {
                    message.forms.append(xml.readElementText());
                }
            }
            if (message.forms.isEmpty()) {
                message.forms.append(text);
            }
            messages.insert(message.key(), message);
        }
    }
    if (xml.hasError()) {
        *error = xml.errorString();
        return {};
    }
    return messages;
}

/**
 * Answers from the catalogue under test and notes each text of Postern's that it has no
 * translation for. Texts asked for under QWidget, QObject or no context count as Postern's:
 * they come from a class without Q_OBJECT or a call lupdate cannot place.
 */
class RecordingTranslator : public QTranslator
{
public:
    explicit RecordingTranslator(const QTranslator *catalogue)
        : m_catalogue(catalogue)
    {
    }

    bool isEmpty() const override { return false; }

    QString translate(const char *context,
                      const char *sourceText,
                      const char *disambiguation,
                      int n) const override
    {
        const QString found = m_catalogue->translate(context, sourceText, disambiguation, n);
        const QLatin1String name(context != nullptr ? context : "");
        const bool ours = name.startsWith(QLatin1String("Postern::")) || name.isEmpty()
                          || name == QLatin1String("QWidget") || name == QLatin1String("QObject");
        if (found.isEmpty() && ours) {
            const QMutexLocker locker(&m_mutex); // the inspector's worker translates too
            m_missing.insert(name + QStringLiteral(" | ") + QString::fromUtf8(sourceText));
        }
        return found;
    }

    QStringList missing() const
    {
        const QMutexLocker locker(&m_mutex);
        QStringList sorted(m_missing.cbegin(), m_missing.cend());
        sorted.sort();
        return sorted;
    }

private:
    const QTranslator *m_catalogue;
    mutable QMutex m_mutex;
    mutable QSet<QString> m_missing;
};

Policy::Server server(const QString &host, quint16 port, Policy::Security security)
{
    Policy::Server made;
    made.host = host;
    made.port = port;
    made.security = security;
    return made;
}

Policy::Configuration oneAccount()
{
    Policy::Configuration configuration;
    Policy::Account account;
    account.name = QStringLiteral("Work");
    account.addresses = {QStringLiteral("alice@example.com")};
    account.imap = server(QStringLiteral("imap.example.com"), 993, Policy::Security::Tls);
    account.smtp = server(QStringLiteral("smtp.example.com"), 587, Policy::Security::StartTls);
    account.imapListen = Policy::choosePort(configuration, 25143);
    Policy::Configuration withImap = configuration;
    withImap.accounts.append(account);
    account.smtpListen = Policy::choosePort(withImap, 25587);
    account.policy = *Policy::makeTemplate(QStringLiteral("invitations-in-clear"));
    configuration.accounts.append(account);
    return configuration;
}

// An invitation as a calendar program sends it (RFC 5545), for the inspector's card.
const QByteArray invitation = "BEGIN:VCALENDAR\r\n"
                              "VERSION:2.0\r\n"
                              "PRODID:-//Postern//Translation test//EN\r\n"
                              "METHOD:REQUEST\r\n"
                              "BEGIN:VEVENT\r\n"
                              "UID:translation-test@example.com\r\n"
                              "DTSTAMP:20260301T090000Z\r\n"
                              "DTSTART:20260305T100000Z\r\n"
                              "DTEND:20260305T113000Z\r\n"
                              "SUMMARY:Budget review\r\n"
                              "LOCATION:Room 4\r\n"
                              "ORGANIZER;CN=Alice Example:mailto:alice@example.com\r\n"
                              "ATTENDEE;CN=Bob;PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT:"
                              "mailto:bob@example.com\r\n"
                              "ATTENDEE;CN=Carol;PARTSTAT=NEEDS-ACTION;ROLE=OPT-PARTICIPANT:"
                              "mailto:carol@example.com\r\n"
                              "RRULE:FREQ=WEEKLY;COUNT=4\r\n"
                              "BEGIN:VALARM\r\n"
                              "ACTION:DISPLAY\r\n"
                              "TRIGGER:-PT15M\r\n"
                              "END:VALARM\r\n"
                              "END:VEVENT\r\n"
                              "END:VCALENDAR\r\n";

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

QString labelFor(const QWidget *root, const QWidget *buddy)
{
    for (const QLabel *label : root->findChildren<QLabel *>()) {
        if (label->buddy() == buddy) {
            return label->text();
        }
    }
    return {};
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void complete_data();
    void complete();
    void refreshKeepsTranslations_data();
    void refreshKeepsTranslations();
    void englishHasEveryPluralForm();
    void installedCatalogues_data();
    void installedCatalogues();
    void compiledCatalogueTranslates_data();
    void compiledCatalogueTranslates();
    void windowIsTranslated_data();
    void windowIsTranslated();

private:
    void languages();
};

void TestTranslations::languages()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("German") << QStringLiteral("de");
    QTest::newRow("French") << QStringLiteral("fr");
}

void TestTranslations::complete_data()
{
    languages();
}

// Every source string has a finished, non-empty translation, under a context the code can ask
// for, and the file keeps no obsolete entries.
void TestTranslations::complete()
{
    QFETCH(QString, language);
    QString error;
    const QMap<QString, Message> messages =
            readTs(QStringLiteral(POSTERN_TS_DIR "/postern_%1.ts").arg(language), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!messages.isEmpty());
    for (const Message &message : messages) {
        QVERIFY2(message.type != QLatin1String("vanished")
                         && message.type != QLatin1String("obsolete"),
                 qPrintable(QStringLiteral("obsolete: ") + message.key()));
        QVERIFY2(message.isFinished(),
                 qPrintable(QStringLiteral("untranslated: ") + message.key()));
        // No code asks for a text without a context: one there was filed by lupdate for a call
        // it could not place, and is never found at run time.
        QVERIFY2(!message.context.isEmpty(),
                 qPrintable(QStringLiteral("no context: ") + message.source));
    }
}

void TestTranslations::refreshKeepsTranslations_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("options"); // the catalogue's own, beside the common ones
    QTest::newRow("German") << QStringLiteral("de") << QStringList();
    QTest::newRow("French") << QStringLiteral("fr") << QStringList();
    QTest::newRow("English plurals")
            << QStringLiteral("en") << QStringList{QStringLiteral("-pluralonly")};
}

// What the update_translations target does, done on a copy: lupdate over the same sources with
// the same options. Every finished translation must survive it, and it must find no text that
// the catalogue lacks. A loss means that lupdate files a text under another context than the
// one the code asks for at run time (a class without Q_OBJECT, a text not marked for lupdate).
void TestTranslations::refreshKeepsTranslations()
{
    QFETCH(QString, language);
    QFETCH(QStringList, options);
    const QString name = QStringLiteral("postern_%1.ts").arg(language);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(name);
    QVERIFY(QFile::copy(QStringLiteral(POSTERN_TS_DIR "/") + name, copy));
    QVERIFY(QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner));

    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(POSTERN_LUPDATE),
                  options
                          + QStringList{QStringLiteral("-no-obsolete"),
                                        QStringLiteral("-locations"), QStringLiteral("none"),
                                        QStringLiteral("@" POSTERN_LUPDATE_SOURCES),
                                        QStringLiteral("-ts"), copy});
    QVERIFY2(lupdate.waitForFinished(120000), qPrintable(lupdate.errorString()));
    const QString output = QString::fromLocal8Bit(lupdate.readAll());
    QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
             qPrintable(output));

    QString error;
    const QMap<QString, Message> before = readTs(QStringLiteral(POSTERN_TS_DIR "/") + name, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QMap<QString, Message> after = readTs(copy, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    QStringList lost;
    for (const Message &message : before) {
        const auto refreshed = after.constFind(message.key());
        if (message.isFinished()
            && (refreshed == after.cend() || !refreshed->isFinished()
                || refreshed->forms != message.forms)) {
            lost << message.key();
        }
    }
    for (const Message &message : after) {
        if (!message.isFinished() && !before.contains(message.key())) {
            lost << QStringLiteral("new, untranslated: ") + message.key();
        }
    }
    for (const QString &text : std::as_const(lost)) {
        qWarning().noquote() << "lost:" << text; // the failure's message is cut short
    }
    QVERIFY2(lost.isEmpty(),
             qPrintable(QStringLiteral(
                                "a refresh would lose %1 translations:\n  %2\nlupdate said:\n%3")
                                .arg(lost.size())
                                .arg(lost.join(QStringLiteral("\n  ")), output)));
}

// English holds only the texts that count something, each with its singular and its plural.
void TestTranslations::englishHasEveryPluralForm()
{
    QString error;
    const QMap<QString, Message> messages =
            readTs(QStringLiteral(POSTERN_TS_DIR "/postern_en.ts"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!messages.isEmpty());
    for (const Message &message : messages) {
        QVERIFY2(message.isFinished(), qPrintable(QStringLiteral("unfinished: ") + message.key()));
        QVERIFY2(message.forms.size() == 2,
                 qPrintable(QStringLiteral("not one singular and one plural: ") + message.key()));
        QVERIFY2(message.forms.at(0) != message.forms.at(1)
                         || !message.source.contains(QLatin1Char('(')),
                 qPrintable(QStringLiteral("\"(s)\" left in both forms: ") + message.key()));
    }
}

void TestTranslations::installedCatalogues_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("place"); // where the Postern catalogues are looked for
    QTest::addColumn<QString>("one");   // the tray's tooltip text for one account of one
    QTest::addColumn<QString>("three"); // and for one of three
    QTest::addColumn<QString>("days");  // a certificate that expires within one day
    const QString built = QStringLiteral(POSTERN_QM_DIR);
    QTest::newRow("British English") << QLocale(QLocale::English, QLocale::UnitedKingdom) << built
                                     << QStringLiteral("Proxies running for 1 of 1 account")
                                     << QStringLiteral("Proxies running for 1 of 3 accounts")
                                     << QStringLiteral("This certificate expires within 1 day.");
    QTest::newRow("C locale") << QLocale::c() << built
                              << QStringLiteral("Proxies running for 1 of 1 account")
                              << QStringLiteral("Proxies running for 1 of 3 accounts")
                              << QStringLiteral("This certificate expires within 1 day.");
    // No catalogue of its own: English, with its plural forms.
    QTest::newRow("Japanese") << QLocale(QLocale::Japanese) << built
                              << QStringLiteral("Proxies running for 1 of 1 account")
                              << QStringLiteral("Proxies running for 1 of 3 accounts")
                              << QStringLiteral("This certificate expires within 1 day.");
    // The English forms are built into the library: a program without the files has them.
    QTest::newRow("English, built in") << QLocale(QLocale::English) << QStringLiteral(":/i18n")
                                       << QStringLiteral("Proxies running for 1 of 1 account")
                                       << QStringLiteral("Proxies running for 1 of 3 accounts")
                                       << QStringLiteral("This certificate expires within 1 day.");
    // German's own forms win over the English ones installed beneath them.
    QTest::newRow("German") << QLocale(QLocale::German) << built
                            << QStringLiteral("Proxys aktiv für 1 von 1 Konto")
                            << QStringLiteral("Proxys aktiv für 1 von 3 Konten")
                            << QStringLiteral("Dieses Zertifikat läuft spätestens in 1 Tag ab.");
}

void TestTranslations::installedCatalogues()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, place);
    QFETCH(QString, one);
    QFETCH(QString, three);
    QFETCH(QString, days);
    const std::vector<QTranslator *> installed =
            Translations::install(*QCoreApplication::instance(), locale, {place});
    const auto restore = qScopeGuard([&] {
        for (QTranslator *translator : installed) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    });
    QVERIFY(!installed.empty());
    const auto tray = [](int accounts) {
        return QCoreApplication::translate("Postern::Ui::TrayController",
                                           "Proxies running for %1 of %n accounts", nullptr,
                                           accounts)
                .arg(1);
    };
    QCOMPARE(tray(1), one);
    QCOMPARE(tray(3), three);
    QCOMPARE(QCoreApplication::translate("Postern::Ui::CertificatesPage",
                                         "This certificate expires within %n day(s).", nullptr, 1),
             days);
}

void TestTranslations::compiledCatalogueTranslates_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("accounts");
    QTest::newRow("German") << QStringLiteral("de") << QStringLiteral("Konten");
    QTest::newRow("French") << QStringLiteral("fr") << QStringLiteral("Comptes");
}

void TestTranslations::compiledCatalogueTranslates()
{
    QFETCH(QString, language);
    QFETCH(QString, accounts);
    QTranslator translator;
    QVERIFY(translator.load(QLocale(language), QStringLiteral("postern"), QStringLiteral("_"),
                            QStringLiteral(POSTERN_QM_DIR)));
    QCOMPARE(translator.translate("Postern::Ui::MainWindow", "Accounts"), accounts);
}

void TestTranslations::windowIsTranslated_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("running");     // the tray's tooltip, one account running
    QTest::addColumn<QString>("portLabel");   // the mail client setup's incoming port
    QTest::addColumn<QString>("portName");    // the same without its colon
    QTest::addColumn<QString>("securityTab"); // an inspector tab's Security view
    QTest::addColumn<QString>("emptyFile");   // the inspector on an empty file
    QTest::addColumn<QString>("oneMinute");   // the settings' passphrase time
    QTest::addColumn<QString>("fiveMinutes");
    QTest::newRow("German") << QStringLiteral("de")
                            << QStringLiteral("Postern: Proxys aktiv für 1 von 1 Konto")
                            << QStringLiteral("Port für eingehende E-Mails:")
                            << QStringLiteral("Port für eingehende E-Mails")
                            << QStringLiteral("Sicherheit") << QStringLiteral("Die Datei ist leer.")
                            << QStringLiteral("1 Minute") << QStringLiteral("5 Minuten");
    QTest::newRow("French") << QStringLiteral("fr")
                            << QStringLiteral("Postern : Proxys actifs pour 1 sur 1 compte")
                            << QStringLiteral("Port entrant\u00a0:")
                            << QStringLiteral("Port entrant") << QStringLiteral("Sécurité")
                            << QStringLiteral("Le fichier est vide.") << QStringLiteral("1 minute")
                            << QStringLiteral("5 minutes");
}

// The window in German and in French, every page, the tray, the dialogs and the inspector on a
// signed and encrypted message, an invitation and an empty file: no text of Postern's that the
// catalogue cannot translate (a wrong context shows here as a missing text).
void TestTranslations::windowIsTranslated()
{
    QFETCH(QString, language);
    QFETCH(QString, running);
    QFETCH(QString, portLabel);
    QFETCH(QString, portName);
    QFETCH(QString, securityTab);
    QFETCH(QString, emptyFile);
    QFETCH(QString, oneMinute);
    QFETCH(QString, fiveMinutes);

    QTranslator catalogue;
    QVERIFY(catalogue.load(QLocale(language), QStringLiteral("postern"), QStringLiteral("_"),
                           QStringLiteral(POSTERN_QM_DIR)));
    RecordingTranslator recording(&catalogue);
    QVERIFY(QCoreApplication::installTranslator(&recording));
    const QLocale before;
    QLocale::setDefault(QLocale(language));
    const auto restore = qScopeGuard([&] {
        QCoreApplication::removeTranslator(&recording);
        QLocale::setDefault(before);
    });

    // A profile with one account, an own identity, and a running proxy.
    QTemporaryDir dir;
    QVERIFY(Policy::AccountsFile::inProfile(dir.path()).save(oneAccount()));
    auto store = Store::CertificateStore::open(dir.filePath(QStringLiteral("store")));
    QVERIFY(store);
    QVERIFY((*store)->initialise(Secret(QByteArray("passphrase"))));
    QVERIFY((*store)->generateIdentity(QStringLiteral("alice@example.com"),
                                       QStringLiteral("Alice Example"), Crypto::KeyType::EcP256));
    Service::ProxyService service(dir.path(), store->get());
    QVERIFY(service.start().isEmpty());
    ActivityLog log(dir.filePath(QStringLiteral("activity.jsonl")));
    Ui::AppContext context;
    context.profileDirectory = dir.path();
    context.store = store->get();
    context.proxies = &service;
    context.activity = &log;
    context.unlockStore = [] {
        return true;
    };

    Ui::MainWindow window(&context, dir.filePath(QStringLiteral("ui.ini")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.trayController()->toolTip(), running);

    ActivityEvent event;
    event.time = QDateTime::currentDateTimeUtc();
    event.account = QStringLiteral("Work");
    event.direction = QStringLiteral("outgoing");
    event.subject = QStringLiteral("Budget review");
    event.recipients = {QStringLiteral("bob@example.com")};
    event.action = QStringLiteral("clear");
    event.convertedInvitation = true;
    event.invitation = QStringLiteral("REQUEST: Budget review, 5 March 2026 10:00");
    event.result = QStringLiteral("delivered");
    log.record(event);
    event.subject = QStringLiteral("Board papers");
    event.convertedInvitation = false;
    event.invitation.clear();
    event.action = QStringLiteral("block");
    event.result = QStringLiteral("refused");
    event.detail = QStringLiteral("Board papers go by courier.");
    log.record(event);
    for (int page = 0; page < window.pageTitles().size(); ++page) {
        window.showPage(static_cast<Ui::MainWindow::Page>(page));
        QTest::qWait(20);
    }
    auto *activity = window.page(Ui::MainWindow::Page::Activity)->findChild<QTreeView *>();
    QVERIFY(activity != nullptr);
    for (int row = 0; row < activity->model()->rowCount(); ++row) {
        activity->setCurrentIndex(activity->model()->index(row, 0));
    }

    // The mail client setup: the colon is the translation's.
    auto *setup = window.findChild<Ui::MailClientSetup *>();
    QVERIFY(setup != nullptr);
    setup->setAccount(oneAccount().accounts.constFirst());
    QLineEdit *port = nullptr;
    for (QLineEdit *edit : setup->findChildren<QLineEdit *>()) {
        if (edit->accessibleName() == portName) {
            port = edit;
        }
    }
    QVERIFY2(port != nullptr, qPrintable(portName));
    QCOMPARE(labelFor(setup, port), portLabel);

    // The inspector: a signed and encrypted message, an invitation, an empty file.
    auto identities = (*store)->identities();
    QVERIFY(identities && !identities->isEmpty());
    const QByteArray message =
            "From: alice@example.com\r\nTo: alice@example.com\r\n"
            "Subject: Budget\r\nContent-Type: text/plain\r\n\r\nThe figures.\r\n";
    auto protectedMessage = Smime::signAndEncryptMessage(
            message, identities->constFirst(), {identities->constFirst().certificate}, {});
    QVERIFY(protectedMessage);
    const QString secure = dir.filePath(QStringLiteral("budget.eml"));
    const QString calendar = dir.filePath(QStringLiteral("budget.ics"));
    const QString empty = dir.filePath(QStringLiteral("empty.eml"));
    QVERIFY(writeFile(secure, *protectedMessage));
    QVERIFY(writeFile(calendar, invitation));
    QVERIFY(writeFile(empty, QByteArray()));
    auto *inspector =
            qobject_cast<Ui::InspectorPage *>(window.page(Ui::MainWindow::Page::Inspector));
    QVERIFY(inspector != nullptr);
    QSignalSpy inspected(inspector, &Ui::InspectorPage::fileInspected);
    window.openFiles({secure, calendar, empty});
    QTRY_COMPARE_WITH_TIMEOUT(inspected.count(), 3, 30000);
    for (int tab = 0; tab < inspector->tabs()->count(); ++tab) {
        inspector->tabs()->setCurrentIndex(tab);
        QTest::qWait(20);
    }
    auto *views = inspector->tabs()->widget(0)->findChild<QTabWidget *>(QStringLiteral("views"));
    QVERIFY(views != nullptr);
    QCOMPARE(views->tabText(1), securityTab);
    QCOMPARE(inspector->tabs()->widget(2)->findChild<QLabel *>(QStringLiteral("problem"))->text(),
             emptyFile);

    // The dialogs.
    {
        Ui::SettingsDialog settings(&context, dir.filePath(QStringLiteral("ui.ini")), &window);
        auto *minutes = settings.findChild<QSpinBox *>();
        QVERIFY(minutes != nullptr);
        minutes->setValue(1);
        QCOMPARE(minutes->text(), oneMinute);
        minutes->setValue(5);
        QCOMPARE(minutes->text(), fiveMinutes);
        Ui::AboutDialog about(&window);
        Ui::AccountEditor editor(&context, oneAccount(), 0, &window);
        Ui::PolicyWizard wizard(&context, QStringLiteral("Work"), &window);
        wizard.show();
        for (int page = 0; page < 6 && wizard.currentPage() != nullptr; ++page) {
            wizard.next();
        }
        const QList<Store::Entry> entries = (*store)->entries();
        QVERIFY(!entries.isEmpty());
        Ui::CertificateDetails details(&context, entries.constFirst(), &window);
    }

    const QStringList missing = recording.missing();
    for (const QString &text : missing) {
        qWarning().noquote() << "untranslated:" << text; // the failure's message is cut short
    }
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 texts shown untranslated:\n  %2")
                                                   .arg(missing.size())
                                                   .arg(missing.join(QStringLiteral("\n  ")))));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
