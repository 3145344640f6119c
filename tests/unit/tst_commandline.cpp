#include "app/CommandLine.h"

#include <QTest>

using Postern::Cli::Invocation;
using Postern::Cli::parseCommandLine;

Q_DECLARE_METATYPE(Invocation::Mode)

class TestCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modes_data();
    void modes();
    void errors_data();
    void errors();
    void commandArguments();
    void profileBeforeCommand();
    void commandHelpNamesItsOptions();
    void globalHelpListsCommands();
};

void TestCommandLine::modes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<Invocation::Mode>("mode");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<bool>("verbose");

    QTest::newRow("no arguments starts the window") << QStringList{QStringLiteral("postern")}
                                                    << Invocation::Mode::Gui << QString() << false;
    QTest::newRow("headless") << QStringList{QStringLiteral("postern"),
                                             QStringLiteral("--headless")}
                              << Invocation::Mode::Headless << QString() << false;
    QTest::newRow("headless with profile and verbose")
            << QStringList{QStringLiteral("postern"), QStringLiteral("--headless"),
                           QStringLiteral("--profile"), QStringLiteral("/tmp/p"),
                           QStringLiteral("--verbose")}
            << Invocation::Mode::Headless << QStringLiteral("/tmp/p") << true;
    QTest::newRow("profile with equals sign")
            << QStringList{QStringLiteral("postern"), QStringLiteral("--profile=/srv/x")}
            << Invocation::Mode::Gui << QStringLiteral("/srv/x") << false;
    QTest::newRow("version") << QStringList{QStringLiteral("postern"), QStringLiteral("--version")}
                             << Invocation::Mode::Version << QString() << false;
    QTest::newRow("help") << QStringList{QStringLiteral("postern"), QStringLiteral("--help")}
                          << Invocation::Mode::Help << QString() << false;
    QTest::newRow("short help") << QStringList{QStringLiteral("postern"), QStringLiteral("-h")}
                                << Invocation::Mode::Help << QString() << false;
    QTest::newRow("inspect") << QStringList{QStringLiteral("postern"), QStringLiteral("inspect"),
                                            QStringLiteral("a.eml")}
                             << Invocation::Mode::Command << QString() << false;
}

void TestCommandLine::modes()
{
    QFETCH(QStringList, arguments);
    QFETCH(Invocation::Mode, mode);
    QFETCH(QString, profile);
    QFETCH(bool, verbose);

    const auto parsed = parseCommandLine(arguments);
    QVERIFY2(parsed.has_value(), parsed ? "" : qPrintable(parsed.error().message));
    QCOMPARE(parsed->mode, mode);
    QCOMPARE(parsed->profileDirectory, profile);
    QCOMPARE(parsed->verbose, verbose);
}

void TestCommandLine::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("unknown option")
            << QStringList{QStringLiteral("postern"), QStringLiteral("--frobnicate")}
            << QStringLiteral("frobnicate");
    QTest::newRow("unknown command")
            << QStringList{QStringLiteral("postern"), QStringLiteral("explode")}
            << QStringLiteral("explode");
    QTest::newRow("profile without value")
            << QStringList{QStringLiteral("postern"), QStringLiteral("--profile")}
            << QStringLiteral("profile");
    QTest::newRow("inspect without file")
            << QStringList{QStringLiteral("postern"), QStringLiteral("inspect")}
            << QStringLiteral("FILE");
    QTest::newRow("inspect with two files")
            << QStringList{QStringLiteral("postern"), QStringLiteral("inspect"),
                           QStringLiteral("a"), QStringLiteral("b")}
            << QStringLiteral("FILE");
    QTest::newRow("command option outside its command")
            << QStringList{QStringLiteral("postern"), QStringLiteral("--json")}
            << QStringLiteral("json");
    QTest::newRow("headless is not a command option")
            << QStringList{QStringLiteral("postern"), QStringLiteral("inspect"),
                           QStringLiteral("--headless"), QStringLiteral("a.eml")}
            << QStringLiteral("headless");
}

void TestCommandLine::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);

    const auto parsed = parseCommandLine(arguments);
    QVERIFY(!parsed.has_value());
    QVERIFY2(parsed.error().message.contains(mentions), qPrintable(parsed.error().message));
}

void TestCommandLine::commandArguments()
{
    const auto parsed = parseCommandLine({QStringLiteral("postern"), QStringLiteral("inspect"),
                                          QStringLiteral("--json"), QStringLiteral("msg.eml")});
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->command, QStringLiteral("inspect"));
    QCOMPARE(parsed->arguments, QStringList{QStringLiteral("msg.eml")});
    QVERIFY(parsed->json);
}

void TestCommandLine::profileBeforeCommand()
{
    // The profile's value must not be taken for the command name.
    const auto parsed = parseCommandLine({QStringLiteral("postern"), QStringLiteral("--profile"),
                                          QStringLiteral("inspect"), QStringLiteral("inspect"),
                                          QStringLiteral("file.eml")});
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->profileDirectory, QStringLiteral("inspect"));
    QCOMPARE(parsed->command, QStringLiteral("inspect"));
    QCOMPARE(parsed->arguments, QStringList{QStringLiteral("file.eml")});
}

void TestCommandLine::commandHelpNamesItsOptions()
{
    const auto parsed = parseCommandLine(
            {QStringLiteral("postern"), QStringLiteral("inspect"), QStringLiteral("--help")});
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->mode, Invocation::Mode::Help);
    QVERIFY(parsed->helpText.contains(QStringLiteral("--json")));
    QVERIFY(parsed->helpText.contains(QStringLiteral("FILE")));
}

void TestCommandLine::globalHelpListsCommands()
{
    const auto parsed = parseCommandLine({QStringLiteral("postern"), QStringLiteral("--help")});
    QVERIFY(parsed.has_value());
    for (const QString &name : Postern::Cli::commandNames()) {
        QVERIFY2(parsed->helpText.contains(name), qPrintable(name));
    }
    QVERIFY(parsed->helpText.contains(QStringLiteral("--headless")));
    QVERIFY(parsed->helpText.contains(QStringLiteral("--profile")));
}

QTEST_APPLESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
