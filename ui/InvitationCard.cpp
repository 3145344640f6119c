#include "InvitationCard.h"

#include "core/calendar/Invitation.h"
#include "ui/AppContext.h"

#include <QApplication>
#include <QClipboard>
#include <QCoreApplication>
#include <QFileDialog>
#include <QFontMetrics>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>

namespace Postern::Ui {

namespace {

/** The translation context of the security verdicts, which the card and the inspector share. */
class Security
{
    Q_DECLARE_TR_FUNCTIONS(Postern::Ui::Security)
};

// Descriptions are shown whole up to this length; beyond it the card would outgrow the page.
constexpr int maxDescription = 1500;

QString statusColour(const QString &status)
{
    if (status == QLatin1String("ACCEPTED")) {
        return QStringLiteral("#2e9d57");
    }
    if (status == QLatin1String("DECLINED")) {
        return QStringLiteral("#d0443e");
    }
    if (status == QLatin1String("TENTATIVE")) {
        return QStringLiteral("#c98a1b");
    }
    return QStringLiteral("#8a949e");
}

} // namespace

QString describeSignature(Crypto::SignatureStatus status)
{
    switch (status) {
    case Crypto::SignatureStatus::Valid:
        return Security::tr("signature valid");
    case Crypto::SignatureStatus::Invalid:
        return Security::tr("signature does not match: the message was changed");
    case Crypto::SignatureStatus::UntrustedChain:
        return Security::tr("signature intact, but the signer's certificate is not trusted");
    case Crypto::SignatureStatus::Expired:
        return Security::tr("signature intact, but the signer's certificate has expired");
    case Crypto::SignatureStatus::NotYetValid:
        return Security::tr("the signer's certificate was not yet valid when it signed");
    case Crypto::SignatureStatus::WrongUsage:
        return Security::tr("the signer's certificate is not meant for signing e-mail");
    case Crypto::SignatureStatus::AddressMismatch:
        return Security::tr("signature valid, but the signer is not the sender");
    case Crypto::SignatureStatus::UnsupportedAlgorithm:
        return Security::tr("signed with an algorithm Postern cannot check");
    case Crypto::SignatureStatus::Malformed:
        return Security::tr("the signature is broken");
    }
    return {};
}

QString describeIntegrity(Smime::Integrity integrity)
{
    switch (integrity) {
    case Smime::Integrity::NotProtected:
        return Security::tr("Not protected: neither encrypted nor signed");
    case Smime::Integrity::Unverifiable:
        return Security::tr("Encrypted without a signature inside: changes in transit could not "
                            "be noticed");
    case Smime::Integrity::Intact:
        return Security::tr("Intact: nothing was changed since it was protected");
    case Smime::Integrity::Broken:
        return Security::tr("Broken: the message was changed after it was protected");
    case Smime::Integrity::Unknown:
        return Security::tr("Unknown: a security layer could not be opened");
    }
    return {};
}

QString describeSecurity(const Smime::ReadResult &result)
{
    QStringList parts;
    const Smime::Layer *encrypted = nullptr;
    for (const Smime::Layer &layer : result.layers) {
        if (layer.kind == Smime::LayerKind::Encrypted) {
            encrypted = &layer;
            break;
        }
    }
    if (encrypted == nullptr) {
        parts << Security::tr("Not encrypted");
    } else if (encrypted->opened) {
        parts << Security::tr("Encrypted (%1)").arg(encrypted->decryption.contentCipher);
    } else {
        parts << Security::tr("Encrypted, not decrypted");
    }
    const Smime::Layer *signature = result.firstSignature();
    if (signature == nullptr) {
        parts << Security::tr("not signed");
    } else {
        QString signer = Security::tr("an unknown signer");
        if (!signature->signature.signers.isEmpty()) {
            const Crypto::Certificate &certificate =
                    signature->signature.signers.constFirst().certificate;
            if (!certificate.isNull()) {
                const QString address = certificate.mailboxes().value(0);
                signer = address.isEmpty()
                                 ? certificate.commonName()
                                 : QStringLiteral("%1 <%2>").arg(certificate.commonName(), address);
            }
        }
        parts << Security::tr("signed by %1: %2")
                         .arg(signer, describeSignature(signature->signature.status));
    }
    return parts.join(QStringLiteral(", "));
}

/** A day from early to late with the event drawn as a block, like a calendar's day view. */
class DayTimeline : public QWidget
{
public:
    explicit DayTimeline(QWidget *parent)
        : QWidget(parent)
    {
        setMinimumHeight(fontMetrics().height() * 3 + 8);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        setFocusPolicy(Qt::NoFocus);
        setAccessibleName(
                QCoreApplication::translate("Postern::Ui::InvitationCard", "Day timeline"));
    }

    void setEvent(const QTime &start, const QTime &end, bool allDay, const QString &text)
    {
        m_start = start;
        m_end = end;
        m_allDay = allDay;
        m_text = text;
        setAccessibleDescription(text);
        update();
    }

    QSize sizeHint() const override { return {360, fontMetrics().height() * 3 + 8}; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        const QPalette &colours = palette();
        const QFontMetrics metrics = fontMetrics();

        // The visible span is the usual working day, widened to take in the event.
        int firstHour = 8;
        int lastHour = 18;
        if (!m_allDay && m_start.isValid()) {
            firstHour = std::min(firstHour, std::max(0, m_start.hour() - 1));
            const QTime end = m_end.isValid() ? m_end : m_start;
            const int endHour = end.hour() + (end.minute() > 0 ? 1 : 0);
            lastHour = std::max(lastHour, std::min(24, endHour + 1));
            if (end < m_start) {
                lastHour = 24;
            }
        }
        const int hours = std::max(1, lastHour - firstHour);
        const QRectF band(4, metrics.height() + 4, width() - 8, height() - metrics.height() - 8);
        const auto xOf = [&](const QTime &time) {
            const double minutes = time.hour() * 60 + time.minute() - firstHour * 60;
            return band.left() + band.width() * minutes / (hours * 60.0);
        };

        painter.setPen(Qt::NoPen);
        painter.setBrush(colours.color(QPalette::AlternateBase));
        painter.drawRoundedRect(band, 4, 4);

        QColor tick = colours.color(QPalette::Text);
        tick.setAlpha(70);
        const int labelEvery = hours > 12 ? 3 : 2;
        for (int hour = firstHour; hour <= lastHour; ++hour) {
            const double x = band.left() + band.width() * (hour - firstHour) / hours;
            painter.setPen(QPen(tick, 1));
            painter.drawLine(QPointF(x, band.top()), QPointF(x, band.bottom()));
            if ((hour - firstHour) % labelEvery == 0 && hour < 24) {
                painter.setPen(colours.color(QPalette::PlaceholderText));
                const QString label = QLocale().toString(QTime(hour, 0), QLocale::ShortFormat);
                const int labelWidth = metrics.horizontalAdvance(label);
                const double left =
                        std::clamp(x - labelWidth / 2.0, 0.0, double(width() - labelWidth));
                painter.drawText(QPointF(left, metrics.ascent() + 1), label);
            }
        }

        if (!m_allDay && !m_start.isValid()) {
            return;
        }
        QRectF block = band.adjusted(0, 3, 0, -3);
        if (!m_allDay) {
            const double left = xOf(m_start);
            double right = m_end.isValid() && m_end > m_start ? xOf(m_end) : band.right();
            if (m_end.isValid() && m_end == m_start) {
                right = left + 3;
            }
            block.setLeft(left);
            block.setRight(std::max(right, left + 3));
        }
        painter.setPen(QPen(colours.color(QPalette::Highlight).darker(130), 1));
        painter.setBrush(colours.color(QPalette::Highlight));
        painter.drawRoundedRect(block, 3, 3);
        const int textWidth = metrics.horizontalAdvance(m_text);
        if (textWidth <= block.width() - 8) {
            painter.setPen(colours.color(QPalette::HighlightedText));
            painter.drawText(block.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft, m_text);
            return;
        }
        // A short event leaves no room inside its block: the time goes beside it.
        painter.setPen(colours.color(QPalette::Text));
        if (block.right() + 6 + textWidth <= band.right()) {
            painter.drawText(QRectF(block.right() + 6, block.top(), textWidth + 2, block.height()),
                             Qt::AlignVCenter | Qt::AlignLeft, m_text);
        } else {
            painter.drawText(QRectF(block.left() - 8 - textWidth, block.top(), textWidth + 2,
                                    block.height()),
                             Qt::AlignVCenter | Qt::AlignRight, m_text);
        }
    }

private:
    QTime m_start;
    QTime m_end;
    bool m_allDay = false;
    QString m_text;
};

InvitationCard::InvitationCard(AppContext *context, QWidget *parent)
    : QFrame(parent)
{
    // Every page's part takes the context; the card needs nothing of it yet.
    Q_UNUSED(context)
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setAccessibleName(tr("Invitation preview"));

    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *icon = new QLabel(this);
    const int iconSize = fontMetrics().height() * 2;
    icon->setPixmap(QIcon(QStringLiteral(":/icons/message-invitation.svg"))
                            .pixmap(QSize(iconSize, iconSize), devicePixelRatioF()));
    icon->setAlignment(Qt::AlignTop);
    top->addWidget(icon);

    auto *titles = new QVBoxLayout;
    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("headline"));
    m_headline->setForegroundRole(QPalette::PlaceholderText);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("title"));
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    titles->addWidget(m_headline);
    titles->addWidget(m_title);
    top->addLayout(titles, 1);
    layout->addLayout(top);

    m_warnings = new QLabel(this);
    m_warnings->setObjectName(QStringLiteral("warnings"));
    m_warnings->setWordWrap(true);
    m_warnings->setFrameShape(QFrame::StyledPanel);
    m_warnings->setAutoFillBackground(true);
    m_warnings->setBackgroundRole(QPalette::ToolTipBase);
    m_warnings->setForegroundRole(QPalette::ToolTipText);
    m_warnings->setMargin(4);
    layout->addWidget(m_warnings);

    m_timeline = new DayTimeline(this);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    layout->addWidget(m_timeline);

    m_rowsWidget = new QWidget(this);
    m_rows = new QGridLayout(m_rowsWidget);
    m_rows->setContentsMargins(0, 0, 0, 0);
    m_rows->setColumnStretch(1, 1);
    layout->addWidget(m_rowsWidget);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    m_export = new QPushButton(tr("&Export .ics…"), this);
    m_export->setAccessibleName(tr("Export the invitation as an .ics file"));
    m_copy = new QPushButton(tr("&Copy details"), this);
    m_copy->setAccessibleName(tr("Copy the invitation's details"));
    buttons->addWidget(m_export);
    buttons->addWidget(m_copy);
    layout->addLayout(buttons);
    layout->addStretch();

    connect(m_export, &QPushButton::clicked, this, &InvitationCard::exportWithDialog);
    connect(m_copy, &QPushButton::clicked, this, &InvitationCard::copyDetails);
    clear();
}

void InvitationCard::setCalendar(const QByteArray &calendar,
                                 const QString &security,
                                 const QTimeZone &displayZone)
{
    const Calendar::Invitation invitation = Calendar::parseInvitation(calendar);
    Calendar::PreviewOptions options;
    options.displayZone = displayZone;
    options.securityVerdict = security;
    m_preview = Calendar::InvitationPreview(invitation, options);
    m_calendar = calendar;
    m_start = {};
    m_end = {};
    m_allDay = false;
    if (const Calendar::Event *event = invitation.mainEvent()) {
        m_allDay = event->allDay;
        if (event->start.isValid()) {
            m_start = event->floating ? event->start : event->start.toTimeZone(displayZone);
        }
        if (event->end.isValid()) {
            m_end = event->floating ? event->end : event->end.toTimeZone(displayZone);
        }
    }
    rebuild();
}

void InvitationCard::setPreview(const Calendar::InvitationPreview &preview)
{
    m_preview = preview;
    m_calendar.clear();
    m_start = {};
    m_end = {};
    m_allDay = false;
    rebuild();
}

void InvitationCard::clear()
{
    m_preview = Calendar::InvitationPreview();
    m_calendar.clear();
    m_start = {};
    m_end = {};
    rebuild();
}

void InvitationCard::addRow(const QString &name,
                            const QString &label,
                            const QString &value,
                            bool rich)
{
    if (value.isEmpty()) {
        return;
    }
    const int row = m_rows->rowCount();
    auto *caption = new QLabel(label, m_rowsWidget);
    caption->setForegroundRole(QPalette::PlaceholderText);
    caption->setAlignment(Qt::AlignRight | Qt::AlignTop);
    auto *text = new QLabel(m_rowsWidget);
    text->setObjectName(name);
    text->setTextFormat(rich ? Qt::RichText : Qt::PlainText);
    text->setText(value);
    text->setWordWrap(true);
    text->setTextInteractionFlags(rich ? Qt::TextBrowserInteraction
                                       : Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    text->setOpenExternalLinks(rich);
    text->setAccessibleName(label);
    caption->setBuddy(text);
    m_rows->addWidget(caption, row, 0);
    m_rows->addWidget(text, row, 1);
}

void InvitationCard::rebuild()
{
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const Calendar::InvitationPreview &p = m_preview;
    m_headline->setText(p.headline);
    m_title->setText(p.title.isEmpty() && !p.headline.isEmpty() ? tr("(no title)") : p.title);
    m_warnings->setText(p.warnings.join(QLatin1Char('\n')));
    m_warnings->setVisible(!p.warnings.isEmpty());

    m_timeline->setVisible(m_allDay || m_start.isValid());
    if (m_allDay || m_start.isValid()) {
        QString span = tr("All day");
        if (!m_allDay) {
            const QLocale locale;
            span = m_end.isValid() ? tr("%1 – %2").arg(
                           locale.toString(m_start.time(), QLocale::ShortFormat),
                           locale.toString(m_end.time(), QLocale::ShortFormat))
                                   : locale.toString(m_start.time(), QLocale::ShortFormat);
        }
        const bool sameDay =
                !m_end.isValid() || m_end.date() == m_start.date()
                || (m_end.time() == QTime(0, 0) && m_end.date() == m_start.date().addDays(1));
        m_timeline->setEvent(m_start.time(), sameDay ? m_end.time() : QTime(), m_allDay, span);
    }

    addRow(QStringLiteral("when"), tr("When"), p.when, false);
    addRow(QStringLiteral("originalTime"), tr("Sender's time"), p.originalTime, false);
    addRow(QStringLiteral("duration"), tr("Duration"), p.duration, false);
    addRow(QStringLiteral("recurrence"), tr("Repeats"), p.recurrence, false);
    addRow(QStringLiteral("occurrences"), tr("Changes"), p.occurrences, false);
    addRow(QStringLiteral("location"), tr("Location"), p.location, false);

    QStringList links;
    for (const QString &link : p.conferenceLinks) {
        const QUrl url(link);
        const bool web =
                url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http");
        links << (web ? QStringLiteral("<a href=\"%1\">%2</a>")
                                  .arg(url.toString(QUrl::FullyEncoded).toHtmlEscaped(),
                                       link.toHtmlEscaped())
                      : link.toHtmlEscaped());
    }
    addRow(QStringLiteral("conference"), tr("Join"), links.join(QStringLiteral("<br>")), true);
    addRow(QStringLiteral("organizer"), tr("Organizer"), p.organizer, false);

    QStringList attendees;
    QString group;
    for (const Calendar::PreviewAttendee &attendee : p.attendees) {
        if (attendee.group != group) {
            group = attendee.group;
            attendees << QStringLiteral("<b>%1</b>").arg(group.toHtmlEscaped());
        }
        attendees << QStringLiteral("<span style=\"color:%1\">&#9679;</span> %2")
                             .arg(statusColour(attendee.status), attendee.text.toHtmlEscaped());
    }
    addRow(QStringLiteral("attendees"), tr("Attendees"), attendees.join(QStringLiteral("<br>")),
           true);
    addRow(QStringLiteral("responses"), tr("Answers"), p.responses, false);
    addRow(QStringLiteral("reminders"), tr("Reminders"), p.reminders.join(QLatin1Char('\n')),
           false);
    addRow(QStringLiteral("attachments"), tr("Attachments"), p.attachments.join(QLatin1Char('\n')),
           false);
    addRow(QStringLiteral("busyStatus"), tr("Show as"), p.busyStatus, false);
    QString description = p.description.trimmed();
    if (description.size() > maxDescription) {
        description = description.left(maxDescription) + QStringLiteral("…");
    }
    addRow(QStringLiteral("description"), tr("Description"), description, false);
    addRow(QStringLiteral("security"), tr("Security"), p.security, false);

    m_export->setEnabled(!m_calendar.isEmpty());
    m_copy->setEnabled(!p.title.isEmpty() || !p.headline.isEmpty());
}

QString InvitationCard::detailsText() const
{
    QStringList lines;
    const QList<Calendar::PreviewRow> rows = m_preview.rows();
    for (const Calendar::PreviewRow &row : rows) {
        if (row.kind == Calendar::PreviewRow::Kind::HtmlDescription) {
            continue;
        }
        lines << (row.label.isEmpty() ? row.value
                                      : QStringLiteral("%1: %2").arg(row.label, row.value));
    }
    return lines.join(QLatin1Char('\n'));
}

void InvitationCard::copyDetails()
{
    QApplication::clipboard()->setText(detailsText());
}

bool InvitationCard::exportCalendar(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (m_calendar.isEmpty()) {
        *error = tr("There is no calendar data to export.");
        return false;
    }
    if (!file.open(QIODevice::WriteOnly) || file.write(m_calendar) != m_calendar.size()
        || !file.commit()) {
        *error = tr("%1 could not be written: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void InvitationCard::exportWithDialog()
{
    QString name = m_preview.title;
    name.replace(QRegularExpression(QStringLiteral("[^\\w\\- ]")), QStringLiteral("_"));
    if (name.isEmpty()) {
        name = QStringLiteral("invitation");
    }
    const QString start = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                          + QLatin1Char('/') + name + QStringLiteral(".ics");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export invitation"), start,
                                                      tr("iCalendar files (*.ics)"));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    if (!exportCalendar(path, &error)) {
        QMessageBox::warning(this, tr("Export invitation"), error);
    }
}

} // namespace Postern::Ui
