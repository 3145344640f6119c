#include "MainWindow.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace Postern::Ui {

namespace {

const QLatin1String geometryKey("window/geometry");
const QLatin1String pageKey("window/page");

} // namespace

MainWindow::MainWindow(QString settingsFile, QWidget *parent)
    : QMainWindow(parent)
    , m_settingsFile(std::move(settingsFile))
{
    setWindowTitle(tr("Postern"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/postern.svg")));

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);

    m_navigation = new QListWidget(central);
    m_navigation->setAccessibleName(tr("Sections"));
    m_navigation->setMaximumWidth(200);
    m_navigation->setSelectionMode(QAbstractItemView::SingleSelection);

    m_pages = new QStackedWidget(central);

    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    addPage(tr("Accounts"), tr("Mail accounts whose messages Postern protects, and how to point "
                               "your mail client at Postern."));
    addPage(tr("Policies"), tr("What Postern does with each outgoing message: encrypt, sign, send "
                               "in clear or block."));
    addPage(tr("Certificates"),
            tr("Your own identities and the certificates of the people you write to."));
    addPage(tr("Activity"), tr("What Postern did with each message it relayed."));
    addPage(tr("Inspector"),
            tr("Open or drop a message, certificate or invitation file to see what it contains."));

    connect(m_navigation, &QListWidget::currentRowChanged, m_pages,
            &QStackedWidget::setCurrentIndex);

    statusBar()->showMessage(tr("Proxies not configured"));
    restoreState();
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(const QString &title, const QString &explanation)
{
    auto *page = new QWidget(m_pages);
    auto *layout = new QVBoxLayout(page);

    auto *heading = new QLabel(title, page);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.5);
    headingFont.setBold(true);
    heading->setFont(headingFont);

    auto *text = new QLabel(explanation, page);
    text->setWordWrap(true);

    layout->addWidget(heading);
    layout->addWidget(text);
    layout->addStretch(1);

    page->setAccessibleName(title);
    m_pages->addWidget(page);
    m_navigation->addItem(title);
}

MainWindow::Page MainWindow::currentPage() const
{
    return static_cast<Page>(m_pages->currentIndex());
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(static_cast<int>(page));
}

QStringList MainWindow::pageTitles() const
{
    QStringList titles;
    for (int row = 0; row < m_navigation->count(); ++row) {
        titles.append(m_navigation->item(row)->text());
    }
    return titles;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    QMainWindow::closeEvent(event);
}

void MainWindow::restoreState()
{
    const QSettings settings(m_settingsFile, QSettings::IniFormat);
    if (!restoreGeometry(settings.value(geometryKey).toByteArray())) {
        resize(960, 640);
    }
    const int page = settings.value(pageKey, 0).toInt();
    m_navigation->setCurrentRow(page >= 0 && page < m_navigation->count() ? page : 0);
}

void MainWindow::saveState() const
{
    QSettings settings(m_settingsFile, QSettings::IniFormat);
    settings.setValue(geometryKey, saveGeometry());
    settings.setValue(pageKey, m_navigation->currentRow());
}

} // namespace Postern::Ui
