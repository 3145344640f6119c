#include "ActivityPage.h"

#include "core/calendar/InvitationPreview.h"
#include "ui/AppContext.h"
#include "ui/InvitationCard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace Postern::Ui {

namespace {

constexpr int EventRole = Qt::UserRole + 1;
constexpr int SearchRole = Qt::UserRole + 2;
constexpr int DirectionRole = Qt::UserRole + 3;
constexpr int ProblemRole = Qt::UserRole + 4;

QString decisionText(const ActivityEvent &event)
{
    static const QHash<QString, const char *> words = {
            {QStringLiteral("encrypt"),
             QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "Encrypted")},
            {QStringLiteral("sign"), QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "Signed")},
            {QStringLiteral("sign-encrypt"),
             QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "Signed and encrypted")},
            {QStringLiteral("clear"), QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "Sent as is")},
            {QStringLiteral("block"), QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "Blocked")},
            {QStringLiteral("decrypt"), QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "Decrypt")},
    };
    const auto word = words.constFind(event.action);
    QString text = word == words.constEnd() ? event.action : ActivityPage::tr(*word);
    if (event.convertedInvitation) {
        text = ActivityPage::tr("%1, invitation converted").arg(text);
    }
    return text;
}

QString signatureText(const QString &code)
{
    static const QHash<QString, const char *> words = {
            {QStringLiteral("valid"),
             QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "signature valid")},
            {QStringLiteral("invalid"),
             QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "signature does not match")},
            {QStringLiteral("untrusted"),
             QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "signer not trusted")},
            {QStringLiteral("expired"),
             QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "signer's certificate expired")},
            {QStringLiteral("not-yet-valid"),
             QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "signer's certificate not yet valid")},
            {QStringLiteral("wrong-usage"),
             QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "certificate not for e-mail")},
            {QStringLiteral("address-mismatch"),
             QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "signer is not the sender")},
            {QStringLiteral("unsupported-algorithm"),
             QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "signature not checkable")},
            {QStringLiteral("malformed"),
             QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "signature broken")},
    };
    const auto word = words.constFind(code);
    return word == words.constEnd() ? code : ActivityPage::tr(*word);
}

QString describeResult(const ActivityEvent &event)
{
    static const QHash<QString, const char *> words = {
            {QStringLiteral("delivered"),
             QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "Delivered")},
            {QStringLiteral("refused"), QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "Refused")},
            {QStringLiteral("deferred"),
             QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "Deferred, will be retried")},
            {QStringLiteral("failed"), QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "Failed")},
            {QStringLiteral("decrypted"),
             QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "Decrypted")},
            {QStringLiteral("served unchanged"),
             QT_TRANSLATE_NOOP("Postern::Ui::ActivityPage", "Shown unchanged")},
    };
    const auto word = words.constFind(event.result);
    QString text = word == words.constEnd() ? event.result : ActivityPage::tr(*word);
    if (!event.signature.isEmpty()) {
        text = ActivityPage::tr("%1, %2").arg(text, signatureText(event.signature));
    }
    return text;
}

bool isProblem(const ActivityEvent &event)
{
    static const QStringList bad = {QStringLiteral("refused"), QStringLiteral("deferred"),
                                    QStringLiteral("failed"), QStringLiteral("served unchanged")};
    return event.action == QLatin1String("block") || bad.contains(event.result)
           || (!event.signature.isEmpty() && event.signature != QLatin1String("valid"));
}

bool isInvitation(const ActivityEvent &event)
{
    return event.convertedInvitation || !event.invitation.isEmpty();
}

QIcon resultIcon(const ActivityEvent &event)
{
    if (isProblem(event)) {
        return QIcon(QStringLiteral(":/icons/verdict-bad.svg"));
    }
    if (isInvitation(event)) {
        return QIcon(QStringLiteral(":/icons/message-invitation.svg"));
    }
    if (event.action.contains(QLatin1String("encrypt"))
        || event.action == QLatin1String("decrypt")) {
        return QIcon(QStringLiteral(":/icons/message-encrypted.svg"));
    }
    if (event.action == QLatin1String("sign")) {
        return QIcon(QStringLiteral(":/icons/message-signed.svg"));
    }
    return {};
}

// lupdate takes a function whose return type is written with a namespace for a member of that
// type, and then files the texts inside under a wrong context; an alias keeps it on track.
using CardPreview = Calendar::InvitationPreview;

// The log keeps an invitation as "METHOD: title, d MMMM yyyy HH:mm" (English month names, the
// proxy's local time): no calendar content is written to disk, so this is all a card can show.
CardPreview previewOf(const ActivityEvent &event, const QString &security)
{
    CardPreview preview;
    QString text = event.invitation;
    QString method;
    const qsizetype colon = text.indexOf(QLatin1String(": "));
    if (colon > 0 && text.left(colon) == text.left(colon).toUpper()) {
        method = text.left(colon);
        text = text.mid(colon + 2);
    }
    const qsizetype comma = text.lastIndexOf(QLatin1String(", "));
    if (comma > 0) {
        const QDateTime start =
                QLocale::c().toDateTime(text.mid(comma + 2), QStringLiteral("d MMMM yyyy HH:mm"));
        if (start.isValid()) {
            const QLocale locale;
            preview.when =
                    locale.toString(start, locale.dateFormat(QLocale::LongFormat) + QLatin1Char(' ')
                                                   + locale.timeFormat(QLocale::ShortFormat));
            text = text.left(comma);
        }
    }
    if (method == QLatin1String("CANCEL")) {
        preview.headline = ActivityPage::tr("Cancelled meeting");
    } else if (method == QLatin1String("REPLY")) {
        preview.headline = ActivityPage::tr("Reply to an invitation");
    } else {
        preview.headline = ActivityPage::tr("Invitation");
    }
    preview.title = text.isEmpty() ? event.subject : text;
    preview.security = security;
    preview.warnings << ActivityPage::tr("Postern keeps no calendar contents in its log; open the "
                                         "message in your mail client for the times, attendees and "
                                         "description.");
    return preview;
}

} // namespace

/** Words, direction and "problems only" over the hidden columns of the first cell. */
class ActivityFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    QString text;
    QString direction;
    bool problemsOnly = false;

    void apply() { invalidateFilter(); }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex first = sourceModel()->index(row, 0, parent);
        if (!direction.isEmpty() && first.data(DirectionRole).toString() != direction) {
            return false;
        }
        if (problemsOnly && !first.data(ProblemRole).toBool()) {
            return false;
        }
        return text.isEmpty()
               || first.data(SearchRole).toString().contains(text, Qt::CaseInsensitive);
    }
};

ActivityPage::ActivityPage(AppContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setAccessibleName(tr("Activity"));

    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels({tr("Time"), tr("Account"), tr("Direction"), tr("Subject"),
                                        tr("Decision"), tr("Result")});
    m_filter = new ActivityFilter(this);
    m_filter->setSourceModel(m_model);

    auto *layout = new QVBoxLayout(this);
    auto *filters = new QHBoxLayout;
    auto *searchLabel = new QLabel(tr("&Filter:"), this);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Subject, address, account, rule…"));
    m_search->setAccessibleName(tr("Filter the activity"));
    m_search->setClearButtonEnabled(true);
    searchLabel->setBuddy(m_search);
    m_direction = new QComboBox(this);
    m_direction->setAccessibleName(tr("Direction"));
    m_direction->addItems({tr("Sent and received"), tr("Sent only"), tr("Received only")});
    m_problems = new QCheckBox(tr("&Problems only"), this);
    m_problems->setAccessibleName(tr("Show only blocked, refused or failed messages"));
    filters->addWidget(searchLabel);
    filters->addWidget(m_search, 1);
    filters->addWidget(m_direction);
    filters->addWidget(m_problems);
    layout->addLayout(filters);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    auto *listArea = new QWidget(splitter);
    auto *listLayout = new QVBoxLayout(listArea);
    listLayout->setContentsMargins(0, 0, 0, 0);
    m_view = new QTreeView(listArea);
    m_view->setModel(m_filter);
    m_view->setRootIsDecorated(false);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAccessibleName(tr("What the proxies did"));
    m_view->header()->setSectionResizeMode(SubjectColumn, QHeaderView::Stretch);
    m_view->header()->setStretchLastSection(false);
    m_empty = new QLabel(tr("Nothing has passed through Postern yet. Messages your mail client "
                            "sends or reads through Postern appear here."),
                         listArea);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    listLayout->addWidget(m_view, 1);
    listLayout->addWidget(m_empty);

    // Below the list: what the log kept about the entry, and beside it the invitation card,
    // each scrolling on its own so a long card never squeezes the details.
    auto *below = new QSplitter(Qt::Horizontal, splitter);
    auto *detailsScroll = new QScrollArea(below);
    detailsScroll->setWidgetResizable(true);
    m_details = new QWidget(detailsScroll);
    m_details->setObjectName(QStringLiteral("details"));
    m_detailsForm = new QFormLayout(m_details);
    detailsScroll->setWidget(m_details);
    auto *cardScroll = new QScrollArea(below);
    cardScroll->setWidgetResizable(true);
    m_card = new InvitationCard(context, cardScroll);
    cardScroll->setWidget(m_card);
    m_cardScroll = cardScroll;
    below->addWidget(detailsScroll);
    below->addWidget(cardScroll);
    splitter->addWidget(listArea);
    splitter->addWidget(below);
    // Weights, not pixels: the splitters share out whatever size the page gets.
    below->setSizes({400, 500});
    splitter->setSizes({450, 550});
    layout->addWidget(splitter, 1);
    m_cardScroll->hide();

    connect(m_search, &QLineEdit::textChanged, this, &ActivityPage::setFilterText);
    connect(m_direction, &QComboBox::currentIndexChanged, this, &ActivityPage::setDirectionFilter);
    connect(m_problems, &QCheckBox::toggled, this, &ActivityPage::setProblemsOnly);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ActivityPage::showSelected);
    if (m_context != nullptr && m_context->activity != nullptr) {
        connect(m_context->activity, &ActivityLog::recorded, this, &ActivityPage::addEvent);
    }
    reload();
}

QAbstractItemModel *ActivityPage::model() const
{
    return m_filter;
}

void ActivityPage::setFilterText(const QString &text)
{
    if (m_search->text() != text) {
        m_search->setText(text);
    }
    m_filter->text = text.trimmed();
    m_filter->apply();
}

void ActivityPage::setDirectionFilter(int index)
{
    if (m_direction->currentIndex() != index) {
        m_direction->setCurrentIndex(index);
    }
    m_filter->direction = index == 1   ? QStringLiteral("outgoing")
                          : index == 2 ? QStringLiteral("incoming")
                                       : QString();
    m_filter->apply();
}

void ActivityPage::setProblemsOnly(bool only)
{
    if (m_problems->isChecked() != only) {
        m_problems->setChecked(only);
    }
    m_filter->problemsOnly = only;
    m_filter->apply();
}

void ActivityPage::reload()
{
    m_events.clear();
    m_model->removeRows(0, m_model->rowCount());
    if (m_context != nullptr && m_context->activity != nullptr) {
        const QList<ActivityEvent> events = m_context->activity->recent(maxEvents);
        for (const ActivityEvent &event : events) {
            addEvent(event);
        }
    }
    m_empty->setVisible(m_model->rowCount() == 0);
    for (int column = 0; column < ColumnCount; ++column) {
        if (column != SubjectColumn) {
            m_view->resizeColumnToContents(column);
        }
    }
}

void ActivityPage::addEvent(const Postern::ActivityEvent &event)
{
    // Rows beyond maxEvents are dropped from the list; their copies go once enough gather.
    if (m_events.size() >= 2 * maxEvents && m_context != nullptr
        && m_context->activity != nullptr) {
        reload();
        return;
    }
    m_events.append(event);
    addRow(event, int(m_events.size() - 1));
    if (m_model->rowCount() > maxEvents) {
        m_model->removeRow(m_model->rowCount() - 1);
    }
    m_empty->hide();
}

void ActivityPage::addRow(const ActivityEvent &event, int index)
{
    const QLocale locale;
    const QDateTime local = event.time.toLocalTime();
    const QString time = local.date() == QDate::currentDate()
                                 ? locale.toString(local.time(), QLocale::ShortFormat)
                                 : locale.toString(local, QLocale::ShortFormat);
    const QString direction = event.direction == QLatin1String("outgoing")   ? tr("Sent")
                              : event.direction == QLatin1String("incoming") ? tr("Received")
                                                                             : event.direction;
    const QStringList texts{time,
                            event.account,
                            direction,
                            event.subject.isEmpty() ? tr("(no subject)") : event.subject,
                            decisionText(event),
                            describeResult(event)};
    QList<QStandardItem *> row;
    for (const QString &text : texts) {
        auto *item = new QStandardItem(text);
        item->setEditable(false);
        item->setToolTip(text);
        row << item;
    }
    row[TimeColumn]->setData(index, EventRole);
    row[TimeColumn]->setData(event.direction, DirectionRole);
    row[TimeColumn]->setData(isProblem(event), ProblemRole);
    row[TimeColumn]->setData(QStringList{texts.join(QLatin1Char(' ')), event.sender,
                                         event.recipients.join(QLatin1Char(' ')), event.rule,
                                         event.detail, event.folder, event.invitation}
                                     .join(QLatin1Char(' ')),
                             SearchRole);
    row[ResultColumn]->setIcon(resultIcon(event));
    if (isInvitation(event)) {
        row[SubjectColumn]->setIcon(QIcon(QStringLiteral(":/icons/message-invitation.svg")));
    }
    if (isProblem(event)) {
        // A tint reads on light and dark palettes; the icon and the words carry it as well.
        for (QStandardItem *item : std::as_const(row)) {
            item->setBackground(QColor(208, 68, 62, 60));
        }
    }
    m_model->insertRow(0, row);
}

QString ActivityPage::detailsText() const
{
    QStringList lines;
    for (int row = 0; row < m_detailsForm->rowCount(); ++row) {
        auto *label = qobject_cast<QLabel *>(
                m_detailsForm->itemAt(row, QFormLayout::LabelRole) != nullptr
                        ? m_detailsForm->itemAt(row, QFormLayout::LabelRole)->widget()
                        : nullptr);
        auto *value = qobject_cast<QLabel *>(
                m_detailsForm->itemAt(row, QFormLayout::FieldRole) != nullptr
                        ? m_detailsForm->itemAt(row, QFormLayout::FieldRole)->widget()
                        : nullptr);
        if (label != nullptr && value != nullptr) {
            lines << label->text() + QLatin1Char(' ') + value->text();
        }
    }
    return lines.join(QLatin1Char('\n'));
}

void ActivityPage::showSelected()
{
    while (m_detailsForm->rowCount() > 0) {
        m_detailsForm->removeRow(0);
    }
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_cardScroll->hide();
        return;
    }
    const int index = m_filter->index(current.row(), 0).data(EventRole).toInt();
    if (index < 0 || index >= m_events.size()) {
        return;
    }
    const ActivityEvent &event = m_events.at(index);
    const QLocale locale;
    const auto add = [this](const QString &label, const QString &value) {
        if (value.isEmpty()) {
            return;
        }
        auto *text = new QLabel(value, m_details);
        text->setTextFormat(Qt::PlainText);
        text->setWordWrap(true);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        text->setFocusPolicy(Qt::StrongFocus);
        text->setAccessibleName(label);
        m_detailsForm->addRow(label, text);
    };
    add(tr("Time:"), locale.toString(event.time.toLocalTime(), QLocale::LongFormat));
    add(tr("Account:"), event.account);
    add(tr("Direction:"), event.direction == QLatin1String("outgoing")
                                  ? tr("Sent through the SMTP proxy")
                                  : tr("Read through the IMAP proxy"));
    add(tr("Folder:"), event.folder);
    add(tr("From:"), event.sender);
    add(tr("To:"), event.recipients.join(QStringLiteral(", ")));
    add(tr("Subject:"), event.subject);
    add(tr("Decision:"), decisionText(event));
    add(tr("Rule:"), event.rule);
    add(tr("Security layers:"), event.layers.join(QLatin1Char('\n')));
    add(tr("Result:"), describeResult(event));
    add(tr("Detail:"), event.detail);

    if (isInvitation(event)) {
        QString security = event.layers.join(QStringLiteral(", "));
        if (security.isEmpty()) {
            security = decisionText(event);
        }
        if (!event.signature.isEmpty()) {
            security = tr("%1; %2").arg(security, signatureText(event.signature));
        }
        m_card->setPreview(previewOf(event, security));
        m_cardScroll->show();
    } else {
        m_cardScroll->hide();
    }
}

QString ActivityPage::resultText(const ActivityEvent &event)
{
    return describeResult(event);
}

} // namespace Postern::Ui
