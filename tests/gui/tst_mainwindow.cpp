#include "ui/MainWindow.h"

#include <QListWidget>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>

using Postern::Ui::MainWindow;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hasEverySection();
    void navigationSwitchesPages();
    void keyboardMovesThroughSections();
    void remembersPageAndGeometry();
};

void TestMainWindow::hasEverySection()
{
    QTemporaryDir dir;
    MainWindow window(dir.filePath(QStringLiteral("ui.ini")));
    QCOMPARE(window.pageTitles(),
             (QStringList{QStringLiteral("Accounts"), QStringLiteral("Policies"),
                          QStringLiteral("Certificates"), QStringLiteral("Activity"),
                          QStringLiteral("Inspector")}));
    QCOMPARE(window.currentPage(), MainWindow::Page::Accounts);
}

void TestMainWindow::navigationSwitchesPages()
{
    QTemporaryDir dir;
    MainWindow window(dir.filePath(QStringLiteral("ui.ini")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto *navigation = window.findChild<QListWidget *>();
    auto *pages = window.findChild<QStackedWidget *>();
    QVERIFY(navigation != nullptr);
    QVERIFY(pages != nullptr);

    const QRect certificates = navigation->visualItemRect(navigation->item(2));
    QTest::mouseClick(navigation->viewport(), Qt::LeftButton, {}, certificates.center());
    QCOMPARE(window.currentPage(), MainWindow::Page::Certificates);
    QCOMPARE(pages->currentWidget()->accessibleName(), QStringLiteral("Certificates"));
}

void TestMainWindow::keyboardMovesThroughSections()
{
    QTemporaryDir dir;
    MainWindow window(dir.filePath(QStringLiteral("ui.ini")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto *navigation = window.findChild<QListWidget *>();
    navigation->setFocus();
    QTest::keyClick(navigation, Qt::Key_Down);
    QTest::keyClick(navigation, Qt::Key_Down);
    QCOMPARE(window.currentPage(), MainWindow::Page::Certificates);
    QTest::keyClick(navigation, Qt::Key_End);
    QCOMPARE(window.currentPage(), MainWindow::Page::Inspector);
}

void TestMainWindow::remembersPageAndGeometry()
{
    QTemporaryDir dir;
    const QString settings = dir.filePath(QStringLiteral("ui.ini"));
    {
        MainWindow window(settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(800, 500);
        window.showPage(MainWindow::Page::Activity);
        window.close();
    }
    MainWindow reopened(settings);
    QCOMPARE(reopened.currentPage(), MainWindow::Page::Activity);
    QCOMPARE(reopened.size(), QSize(800, 500));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
