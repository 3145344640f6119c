#pragma once

#include "core/activity/ActivityLog.h"

#include <QList>
#include <QWidget>

class QAbstractItemModel;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QStandardItemModel;
class QTreeView;

namespace Postern::Ui {

struct AppContext;
class ActivityFilter;
class InvitationCard;

/**
 * What the proxies did, newest first: time, account, direction, subject, decision and security
 * result, filtered by words, direction and problems. It fills from the activity log on disk and
 * follows its recorded signal. Selecting an entry shows everything the log kept about it and,
 * for an invitation, its preview card.
 */
class ActivityPage : public QWidget
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        AccountColumn,
        DirectionColumn,
        SubjectColumn,
        DecisionColumn,
        ResultColumn,
        ColumnCount
    };

    /** How many events are listed at most; older ones drop off the end. */
    static constexpr int maxEvents = 2000;

    explicit ActivityPage(AppContext *context, QWidget *parent = nullptr);

    /** The list as shown (filtered, newest first). */
    QAbstractItemModel *model() const;

    QTreeView *view() const { return m_view; }

    InvitationCard *invitationCard() const { return m_card; }

    void setFilterText(const QString &text);
    /** 0: both directions, 1: outgoing, 2: incoming. */
    void setDirectionFilter(int index);
    void setProblemsOnly(bool only);

    /** What became of a message (delivered, refused, …) in words, with the signature's verdict
     *  when there is one. */
    static QString resultText(const Postern::ActivityEvent &event);

    /** The details pane's text, label and value per line, for tests and copying. */
    QString detailsText() const;

public Q_SLOTS:
    /** Reads the most recent events from the log again. */
    void reload();
    void addEvent(const Postern::ActivityEvent &event);

private:
    void showSelected();
    void addRow(const ActivityEvent &event, int index);

    AppContext *m_context = nullptr;
    QList<ActivityEvent> m_events;
    QStandardItemModel *m_model = nullptr;
    ActivityFilter *m_filter = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_direction = nullptr;
    QCheckBox *m_problems = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_empty = nullptr;
    QWidget *m_details = nullptr;
    QFormLayout *m_detailsForm = nullptr;
    QWidget *m_cardScroll = nullptr;
    InvitationCard *m_card = nullptr;
};

} // namespace Postern::Ui
