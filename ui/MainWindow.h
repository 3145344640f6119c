#pragma once

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace Postern::Ui {

/**
 * The application window: a navigation list on the left (Accounts, Policies, Certificates,
 * Activity, Inspector) and the selected page on the right. Geometry and the last page are kept
 * in the profile's UI settings file.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class Page {
        Accounts,
        Policies,
        Certificates,
        Activity,
        Inspector,
    };

    explicit MainWindow(QString settingsFile, QWidget *parent = nullptr);
    ~MainWindow() override;

    Page currentPage() const;

    void showPage(Page page);

    QStringList pageTitles() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void addPage(const QString &title, const QString &explanation);
    void restoreState();
    void saveState() const;

    QString m_settingsFile;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
};

} // namespace Postern::Ui
