#pragma once

#include <QList>
#include <QPointer>
#include <QStringList>
#include <QWidget>

class QStackedWidget;
class QTabWidget;
class QThread;

namespace Postern::Ui {

struct AppContext;
class InspectorTab;

/**
 * Opens S/MIME messages, bare CMS objects and calendar files (.eml, .p7m, .p7s, .ics), one tab
 * each, and shows what `postern inspect` reports: the MIME tree, the headers, every security
 * layer with its verdict, the decrypted content and, for invitations, the preview card. Keys
 * come from the store; a locked store is unlocked through AppContext::unlockStore when a file
 * needs a key, at most once per batch of files when the user declines. Files are read and
 * decrypted in a worker thread.
 */
class InspectorPage : public QWidget
{
    Q_OBJECT

public:
    /** From this size on, a file shows its progress and cancel button at once. */
    static constexpr qint64 largeFileBytes = 1024 * 1024;

    explicit InspectorPage(AppContext *context, QWidget *parent = nullptr);
    ~InspectorPage() override;

    QTabWidget *tabs() const { return m_tabs; }

    int fileCount() const;

    /** Whether tab @p index has a decrypted message to save (every layer was opened). */
    bool canSaveDecrypted(int index) const;

    /** Writes what `postern decrypt` writes for tab @p index: the rehydrated invitation, or the
     *  decrypted message. */
    bool saveDecrypted(int index, const QString &path, QString *error) const;

    /** Gives up on tab @p index: it shows that reading was cancelled, at once; its worker is
     *  told to stop at its next step, and whatever it still returns is discarded. */
    void cancel(int index);

    /** Workers still running, including those of cancelled or closed tabs. */
    int runningWorkers() const;

public Q_SLOTS:
    void openFiles(const QStringList &paths);
    void openWithDialog();
    void saveWithDialog();
    void closeTab(int index);

Q_SIGNALS:
    /** A file's tab shows its result (or its failure). */
    void fileInspected(const QString &path);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void start(InspectorTab *tab);
    void finished(InspectorTab *tab);
    bool abandon(InspectorTab *tab);
    bool askForKeys();

    AppContext *m_context = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTabWidget *m_tabs = nullptr;
    QList<QPointer<QThread>> m_threads;
    QList<QPointer<InspectorTab>> m_waitingForKeys;
    bool m_asking = false;
    bool m_unlockDeclined = false;
};

} // namespace Postern::Ui
