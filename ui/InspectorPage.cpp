#include "InspectorPage.h"

#include "core/calendar/Rehydration.h"
#include "core/mime/MimeTree.h"
#include "core/smime/SecureMessage.h"
#include "core/store/CertificateStore.h"
#include "ui/AppContext.h"
#include "ui/InvitationCard.h"

#include <QAction>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QThread>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <atomic>
#include <memory>

namespace Postern::Ui {

namespace {

const QStringList inspectableSuffixes = {QStringLiteral("eml"), QStringLiteral("p7m"),
                                         QStringLiteral("p7s"), QStringLiteral("ics")};

// More than this is not put into the content view: a text widget with tens of megabytes is
// slow to scroll and nobody reads it there; saving gives the whole message.
constexpr qsizetype maxShownBytes = 4 * 1024 * 1024;

// The worker reads the file in pieces of this size and looks for a cancel between them.
constexpr qint64 readPieceBytes = 1024 * 1024;

bool isInspectable(const QString &path)
{
    return inspectableSuffixes.contains(QFileInfo(path).suffix().toLower());
}

/** What reading one file found; made in the worker thread, read only on the window's. */
struct Inspection
{
    QString failure; // the file could not be read at all
    bool calendarFile = false;
    bool haveResult = false;
    Smime::ReadResult result;
    QByteArray shown;
    bool haveSummary = false;
    Mime::MessageSummary summary;
    QList<Calendar::CalendarPart> calendars;
    bool needsKeys = false;
};

bool looksLikeCalendar(const QString &path, const QByteArray &data)
{
    if (QFileInfo(path).suffix().compare(QLatin1String("ics"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    QByteArray start = data.left(64).trimmed();
    if (start.startsWith("\xEF\xBB\xBF")) {
        start = start.mid(3);
    }
    return start.toUpper().startsWith("BEGIN:VCALENDAR");
}

/** Reads all of @p file unless @p cancelled is set meanwhile; false if it was, or on an error
 *  (then @p failure says which). */
bool readWhole(QFile &file, const std::atomic_bool &cancelled, QByteArray *data, QString *failure)
{
    while (!file.atEnd()) {
        if (cancelled) {
            return false;
        }
        const QByteArray piece = file.read(readPieceBytes);
        if (piece.isEmpty()) {
            *failure = InspectorPage::tr("The file cannot be read: %1").arg(file.errorString());
            return false;
        }
        data->append(piece);
    }
    return true;
}

/** Reads and decrypts @p path in a worker thread. Looks at @p cancelled between its steps and
 *  returns null once it is set. Smime::read itself cannot be interrupted: a cancel during a
 *  long decryption takes effect when it returns. */
std::shared_ptr<Inspection> inspectFile(const QString &path,
                                        const Smime::ReadOptions &options,
                                        const std::atomic_bool &cancelled)
{
    auto inspection = std::make_shared<Inspection>();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        inspection->failure =
                InspectorPage::tr("The file cannot be read: %1").arg(file.errorString());
        return inspection;
    }
    QByteArray data;
    if (!readWhole(file, cancelled, &data, &inspection->failure)) {
        return cancelled ? nullptr : inspection;
    }
    if (looksLikeCalendar(path, data)) {
        inspection->calendarFile = true;
        inspection->shown = data;
        inspection->calendars = Calendar::findCalendarParts(data);
        return inspection;
    }
    auto result = Smime::read(data, options);
    if (cancelled) {
        return nullptr;
    }
    if (!result) {
        switch (result.error().code) {
        case Smime::ReadError::Empty:
            inspection->failure = InspectorPage::tr("The file is empty.");
            break;
        case Smime::ReadError::NotMime:
            inspection->failure =
                    InspectorPage::tr("This is neither a mail message nor an S/MIME (CMS) object.");
            break;
        case Smime::ReadError::BadStructure:
            inspection->failure =
                    InspectorPage::tr("A security layer is broken: %1").arg(result.error().detail);
            break;
        case Smime::ReadError::TooDeep:
            inspection->failure =
                    InspectorPage::tr("The message nests more security layers than any "
                                      "real mail does; it was not read further.");
            break;
        }
        return inspection;
    }
    inspection->haveResult = true;
    inspection->result = std::move(*result);
    inspection->shown = inspection->result.decryptedMessage();
    auto summary = Mime::summarize(inspection->shown);
    if (summary) {
        inspection->haveSummary = true;
        inspection->summary = std::move(*summary);
    }
    if (cancelled) {
        return nullptr;
    }
    inspection->calendars = Calendar::findCalendarParts(inspection->shown);
    for (const Smime::Layer &layer : std::as_const(inspection->result.layers)) {
        if (layer.kind == Smime::LayerKind::Encrypted && !layer.opened
            && layer.cryptoError == Crypto::CryptoError::NoMatchingKey) {
            inspection->needsKeys = true;
        }
    }
    return inspection;
}

/** Where the header block of @p entity ends (its first empty line), -1 without one. */
qsizetype headerBlockEnd(const QByteArray &entity)
{
    const qsizetype lf = entity.indexOf("\n\n");
    const qsizetype crlf = entity.indexOf("\r\n\r\n");
    if (lf < 0 || crlf < 0) {
        return std::max(lf, crlf);
    }
    return std::min(lf, crlf);
}

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

QIcon verdictIcon(Crypto::SignatureStatus status)
{
    switch (status) {
    case Crypto::SignatureStatus::Valid:
        return QIcon(QStringLiteral(":/icons/verdict-good.svg"));
    case Crypto::SignatureStatus::Invalid:
    case Crypto::SignatureStatus::Malformed:
        return QIcon(QStringLiteral(":/icons/verdict-bad.svg"));
    default:
        return QIcon(QStringLiteral(":/icons/verdict-warning.svg"));
    }
}

QString decryptionProblem(const Smime::Layer &layer)
{
    if (layer.decryptionDamaged()) {
        return InspectorPage::tr("the encrypted content was changed in transit");
    }
    if (layer.structureBroken) {
        return InspectorPage::tr("its structure is broken");
    }
    switch (layer.cryptoError) {
    case Crypto::CryptoError::NoMatchingKey:
        return InspectorPage::tr("none of the store's keys is a recipient");
    case Crypto::CryptoError::Unsupported:
        return InspectorPage::tr("it uses an algorithm this build cannot decrypt");
    case Crypto::CryptoError::BadData:
        return InspectorPage::tr("its data is corrupt");
    default:
        return InspectorPage::tr("decryption failed");
    }
}

QString signerText(const Crypto::SignerDetails &signer)
{
    const QLocale locale;
    const QString name = signer.certificate.isNull()
                                 ? InspectorPage::tr("unknown signer (certificate not included)")
                                 : QStringLiteral("%1 <%2>").arg(
                                         signer.certificate.commonName(),
                                         signer.certificate.mailboxes().join(QStringLiteral(", ")));
    const QString time =
            signer.signingTime.isValid()
                    ? locale.toString(signer.signingTime.toLocalTime(), QLocale::LongFormat)
                    : InspectorPage::tr("no signing time");
    return InspectorPage::tr("%1, %2 with %3, signed %4")
            .arg(name, signer.signatureAlgorithm, signer.digestAlgorithm, time);
}

void addPart(QTreeWidgetItem *parent, QTreeWidget *tree, const Mime::PartSummary &part)
{
    QStringList details;
    if (!part.charset.isEmpty()) {
        details << QString::fromLatin1(part.charset);
    }
    if (!part.transferEncoding.isEmpty()) {
        details << QString::fromLatin1(part.transferEncoding);
    }
    if (!part.contentDisposition.isEmpty()) {
        details << QString::fromLatin1(part.contentDisposition);
    }
    if (!part.fileName.isEmpty()) {
        details << part.fileName;
    }
    const QStringList columns{part.section.isEmpty() ? InspectorPage::tr("message")
                                                     : QString::fromLatin1(part.section),
                              QString::fromLatin1(part.contentType),
                              part.children.isEmpty() ? sizeText(part.contentBytes) : QString(),
                              details.join(QStringLiteral(", "))};
    auto *item = parent == nullptr ? new QTreeWidgetItem(tree, columns)
                                   : new QTreeWidgetItem(parent, columns);
    if (part.contentType.startsWith("text/calendar")) {
        item->setIcon(1, QIcon(QStringLiteral(":/icons/message-invitation.svg")));
    }
    for (const Mime::PartSummary &child : part.children) {
        addPart(item, tree, child);
    }
}

} // namespace

/** One opened file: its progress while it is read, then everything the reading found. */
class InspectorTab : public QWidget
{
    Q_OBJECT

public:
    InspectorTab(AppContext *context, QString path, QWidget *parent)
        : QWidget(parent)
        , m_path(std::move(path))
    {
        setAccessibleName(QFileInfo(m_path).fileName());
        auto *layout = new QVBoxLayout(this);

        m_progress = new QWidget(this);
        m_progress->setObjectName(QStringLiteral("progress"));
        auto *progressLayout = new QHBoxLayout(m_progress);
        m_progressLabel = new QLabel(m_progress);
        auto *bar = new QProgressBar(m_progress);
        bar->setRange(0, 0);
        bar->setAccessibleName(tr("Reading the file"));
        m_cancel = new QPushButton(tr("&Cancel"), m_progress);
        m_cancel->setObjectName(QStringLiteral("cancel"));
        m_cancel->setAccessibleName(tr("Stop reading this file"));
        progressLayout->addWidget(m_progressLabel);
        progressLayout->addWidget(bar, 1);
        progressLayout->addWidget(m_cancel);
        layout->addWidget(m_progress);
        m_progress->hide();

        m_problem = new QLabel(this);
        m_problem->setObjectName(QStringLiteral("problem"));
        m_problem->setWordWrap(true);
        m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(m_problem);
        m_problem->hide();

        m_body = new QWidget(this);
        auto *bodyLayout = new QVBoxLayout(m_body);
        bodyLayout->setContentsMargins(0, 0, 0, 0);
        auto *top = new QHBoxLayout;
        m_integrityIcon = new QLabel(m_body);
        m_integrity = new QLabel(m_body);
        m_integrity->setObjectName(QStringLiteral("integrity"));
        m_integrity->setWordWrap(true);
        m_integrity->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QFont bold = m_integrity->font();
        bold.setBold(true);
        m_integrity->setFont(bold);
        m_save = new QPushButton(tr("&Save decrypted message…"), m_body);
        m_save->setAccessibleName(tr("Save the decrypted message"));
        top->addWidget(m_integrityIcon);
        top->addWidget(m_integrity, 1);
        top->addWidget(m_save);
        bodyLayout->addLayout(top);
        m_summary = new QLabel(m_body);
        m_summary->setObjectName(QStringLiteral("summary"));
        m_summary->setTextFormat(Qt::PlainText);
        m_summary->setWordWrap(true);
        m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
        bodyLayout->addWidget(m_summary);

        auto *splitter = new QSplitter(Qt::Horizontal, m_body);
        m_tree = new QTreeWidget(splitter);
        m_tree->setObjectName(QStringLiteral("mimeTree"));
        m_tree->setAccessibleName(tr("MIME structure"));
        m_tree->setHeaderLabels({tr("Part"), tr("Type"), tr("Size"), tr("Details")});
        m_views = new QTabWidget(splitter);
        m_views->setObjectName(QStringLiteral("views"));
        m_layers = new QTreeWidget(m_views);
        m_layers->setObjectName(QStringLiteral("securityLayers"));
        m_layers->setAccessibleName(tr("Security layers"));
        m_layers->setHeaderLabels({tr("Layer"), tr("Verdict")});
        m_layers->setWordWrap(true);
        m_headers = new QPlainTextEdit(m_views);
        m_headers->setObjectName(QStringLiteral("headers"));
        m_headers->setAccessibleName(tr("Headers"));
        m_headers->setReadOnly(true);
        m_headers->setLineWrapMode(QPlainTextEdit::NoWrap);
        m_content = new QPlainTextEdit(m_views);
        m_content->setObjectName(QStringLiteral("content"));
        m_content->setAccessibleName(tr("Decrypted content"));
        m_content->setReadOnly(true);
        m_content->setLineWrapMode(QPlainTextEdit::NoWrap);
        const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        m_headers->setFont(fixed);
        m_content->setFont(fixed);
        auto *cardScroll = new QScrollArea(m_views);
        cardScroll->setWidgetResizable(true);
        m_card = new InvitationCard(context, cardScroll);
        cardScroll->setWidget(m_card);
        m_cardPage = cardScroll;
        // Always a tab, shown only for files with a calendar object.
        m_views->addTab(m_cardPage, QIcon(QStringLiteral(":/icons/message-invitation.svg")),
                        tr("Invitation"));
        m_views->setTabVisible(0, false);
        m_views->addTab(m_layers, tr("Security"));
        m_views->addTab(m_headers, tr("Headers"));
        m_views->addTab(m_content, tr("Content"));
        splitter->addWidget(m_tree);
        splitter->addWidget(m_views);
        splitter->setStretchFactor(0, 2);
        splitter->setStretchFactor(1, 3);
        bodyLayout->addWidget(splitter, 1);
        layout->addWidget(m_body, 1);
        m_body->hide();
        // Keeps the progress and problem lines at the top while there is no body to show.
        m_filler = new QWidget(this);
        m_filler->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
        layout->addWidget(m_filler, 1);
    }

    QString path() const { return m_path; }

    void showWorking(bool now)
    {
        m_problem->hide();
        m_body->hide();
        m_filler->show();
        m_progressLabel->setText(
                tr("Reading %1 (%2)…")
                        .arg(QFileInfo(m_path).fileName(), sizeText(QFileInfo(m_path).size())));
        if (now) {
            m_progress->show();
        } else {
            // Small files are done before a progress bar would be noticed; it would only flicker.
            QTimer::singleShot(300, this, [this, generation = m_generation] {
                if (generation == m_generation && m_working) {
                    m_progress->show();
                }
            });
        }
    }

    void showCancelled()
    {
        m_progress->hide();
        m_problem->setText(tr("Reading was cancelled."));
        m_problem->show();
    }

    void showInspection(const std::shared_ptr<Inspection> &inspection)
    {
        m_inspection = inspection;
        m_progress->hide();
        if (!inspection->failure.isEmpty()) {
            m_problem->setText(inspection->failure);
            m_problem->show();
            return;
        }
        m_body->show();
        m_filler->hide();
        fillSummary();
        fillTree();
        fillLayers();
        const QByteArray &shown = inspection->shown;
        QByteArray headers =
                inspection->haveResult ? inspection->result.outerHeaders : QByteArray();
        const QByteArray inner = inspection->haveResult ? inspection->result.innerEntity : shown;
        const qsizetype innerEnd = headerBlockEnd(inner);
        if (!inspection->calendarFile && innerEnd > 0) {
            headers +=
                    tr("\n--- headers of the innermost part ---\n").toUtf8() + inner.left(innerEnd);
        }
        m_headers->setPlainText(QString::fromUtf8(headers));
        QString content = QString::fromUtf8(shown.left(maxShownBytes));
        if (shown.size() > maxShownBytes) {
            content += tr("\n[… %1 more not shown; save the message to see all of it]")
                               .arg(sizeText(shown.size() - maxShownBytes));
        }
        m_content->setPlainText(content);
        fillCard();
    }

    const std::shared_ptr<Inspection> &inspection() const { return m_inspection; }

    bool canSave() const
    {
        if (!m_inspection || !m_inspection->haveResult || m_inspection->result.layers.isEmpty()) {
            return false;
        }
        const QList<Smime::Layer> &layers = m_inspection->result.layers;
        return std::all_of(layers.cbegin(), layers.cend(),
                           [](const Smime::Layer &layer) { return layer.opened; });
    }

    QPushButton *saveButton() const { return m_save; }

    QPushButton *cancelButton() const { return m_cancel; }

    // Worker bookkeeping, used by the page.
    int m_generation = 0;
    bool m_working = false;
    bool m_usedKeys = false;
    // Set to make the current worker stop at its next step; each start has its own.
    std::shared_ptr<std::atomic_bool> m_cancelled;

private:
    void fillSummary()
    {
        const Inspection &inspection = *m_inspection;
        if (inspection.calendarFile) {
            m_integrityIcon->clear();
            m_integrity->setText(tr("Calendar file (not a message, no security layers)"));
            m_summary->setText(QFileInfo(m_path).fileName());
            m_save->setEnabled(false);
            return;
        }
        const Smime::Integrity integrity = inspection.result.integrity;
        QString icon = QStringLiteral(":/icons/verdict-warning.svg");
        if (integrity == Smime::Integrity::Intact) {
            icon = QStringLiteral(":/icons/verdict-good.svg");
        } else if (integrity == Smime::Integrity::Broken) {
            icon = QStringLiteral(":/icons/verdict-bad.svg");
        }
        const int size = fontMetrics().height() * 3 / 2;
        m_integrityIcon->setPixmap(QIcon(icon).pixmap(QSize(size, size), devicePixelRatioF()));
        m_integrity->setText(describeIntegrity(integrity));
        if (inspection.haveSummary) {
            const Mime::MessageSummary &summary = inspection.summary;
            QStringList lines;
            const auto add = [&lines](const QString &label, const QString &value) {
                if (!value.isEmpty()) {
                    lines << label + QLatin1Char(' ') + value;
                }
            };
            add(tr("Subject:"), summary.subject);
            add(tr("From:"), summary.from);
            add(tr("To:"), summary.to);
            add(tr("Date:"), summary.date);
            m_summary->setText(lines.join(QLatin1Char('\n')));
        }
        m_save->setEnabled(canSave());
        m_save->setToolTip(canSave() ? QString()
                                     : tr("Only a message whose every security layer was "
                                          "opened can be saved decrypted."));
    }

    void fillTree()
    {
        m_tree->clear();
        if (m_inspection->calendarFile) {
            new QTreeWidgetItem(m_tree, {tr("file"), QStringLiteral("text/calendar"),
                                         sizeText(m_inspection->shown.size()), QString()});
        } else if (m_inspection->haveSummary) {
            addPart(nullptr, m_tree, m_inspection->summary.root);
        } else {
            new QTreeWidgetItem(m_tree, {tr("The content is not MIME.")});
        }
        m_tree->expandAll();
        for (int column = 0; column < 3; ++column) {
            m_tree->resizeColumnToContents(column);
        }
    }

    void fillLayers()
    {
        m_layers->clear();
        if (!m_inspection->haveResult) {
            return;
        }
        const Smime::ReadResult &result = m_inspection->result;
        if (result.layers.isEmpty()) {
            new QTreeWidgetItem(m_layers, {tr("None"), tr("Neither encrypted nor signed")});
        }
        int number = 1;
        for (const Smime::Layer &layer : result.layers) {
            QString kind;
            QString verdict;
            QIcon icon;
            QStringList details{tr("Wrapped as %1").arg(QString::fromLatin1(layer.wrapper))};
            switch (layer.kind) {
            case Smime::LayerKind::Encrypted:
                kind = tr("Encrypted");
                if (layer.opened) {
                    verdict = tr("Decrypted: %1, key by %2")
                                      .arg(layer.decryption.contentCipher,
                                           layer.decryption.keyManagement);
                    icon = QIcon(QStringLiteral(":/icons/message-encrypted.svg"));
                    if (!layer.decryption.recipient.isNull()) {
                        details << tr("Opened with the key of %1")
                                           .arg(layer.decryption.recipient.subject());
                    }
                    details << (layer.decryption.authenticated
                                        ? tr("Authenticated encryption: changes would have been "
                                             "noticed")
                                        : tr("Encryption without authentication: changes cannot "
                                             "be noticed without a signature inside"));
                } else {
                    verdict = tr("Not decrypted: %1").arg(decryptionProblem(layer));
                    icon = QIcon(QStringLiteral(":/icons/verdict-bad.svg"));
                }
                break;
            case Smime::LayerKind::Signed:
                kind = tr("Signed");
                verdict = layer.opened ? describeSignature(layer.signature.status)
                                       : tr("Not verified");
                icon = verdictIcon(layer.signature.status);
                for (const Crypto::SignerDetails &signer : layer.signature.signers) {
                    details << tr("Signer: %1").arg(signerText(signer));
                }
                for (const Crypto::Certificate &certificate : layer.signature.chain) {
                    details << tr("Chain: %1").arg(certificate.subject());
                }
                if (layer.opened && layer.signature.status != Crypto::SignatureStatus::Valid
                    && !layer.signature.detail.isEmpty()) {
                    details << tr("Technical detail: %1").arg(layer.signature.detail);
                }
                break;
            case Smime::LayerKind::Compressed:
                kind = tr("Compressed");
                verdict = layer.opened ? tr("Decompressed") : tr("Not decompressed");
                break;
            }
            if (!layer.opened && !layer.problem.isEmpty()) {
                details << tr("Technical detail: %1").arg(layer.problem);
            }
            auto *item =
                    new QTreeWidgetItem(m_layers, {tr("%1. %2").arg(number++).arg(kind), verdict});
            item->setIcon(0, icon);
            item->setToolTip(1, verdict);
            for (const QString &detail : std::as_const(details)) {
                auto *child = new QTreeWidgetItem(item, {QString(), detail});
                child->setToolTip(1, detail);
            }
        }
        m_layers->expandAll();
        m_layers->resizeColumnToContents(0);
    }

    void fillCard()
    {
        const int index = m_views->indexOf(m_cardPage);
        const QList<Calendar::CalendarPart> &parts = m_inspection->calendars;
        m_views->setTabVisible(index, !parts.isEmpty());
        if (parts.isEmpty()) {
            m_views->setCurrentWidget(m_layers);
            return;
        }
        const auto live =
                std::find_if(parts.cbegin(), parts.cend(),
                             [](const Calendar::CalendarPart &part) { return part.live; });
        const Calendar::CalendarPart &part = live != parts.cend() ? *live : parts.constFirst();
        m_card->setCalendar(part.calendar, m_inspection->haveResult
                                                   ? describeSecurity(m_inspection->result)
                                                   : QString());
        m_views->setCurrentWidget(m_cardPage);
    }

    QString m_path;
    std::shared_ptr<Inspection> m_inspection;
    QWidget *m_progress = nullptr;
    QLabel *m_progressLabel = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_problem = nullptr;
    QWidget *m_body = nullptr;
    QWidget *m_filler = nullptr;
    QLabel *m_integrityIcon = nullptr;
    QLabel *m_integrity = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_save = nullptr;
    QTreeWidget *m_tree = nullptr;
    QTabWidget *m_views = nullptr;
    QTreeWidget *m_layers = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QPlainTextEdit *m_content = nullptr;
    InvitationCard *m_card = nullptr;
    QWidget *m_cardPage = nullptr;
};

InspectorPage::InspectorPage(AppContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setAccessibleName(tr("Inspector"));
    setAcceptDrops(true);
    auto *layout = new QVBoxLayout(this);
    m_stack = new QStackedWidget(this);

    auto *empty = new QWidget(m_stack);
    auto *emptyLayout = new QVBoxLayout(empty);
    auto *hint = new QLabel(tr("Drop an .eml, .p7m, .p7s or .ics file here to see its structure, "
                               "its security layers and their verdicts, its decrypted content "
                               "and, for an invitation, the event."),
                            empty);
    hint->setWordWrap(true);
    hint->setAlignment(Qt::AlignCenter);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto *open = new QPushButton(tr("&Open files…"), empty);
    open->setAccessibleName(tr("Open files to inspect"));
    emptyLayout->addStretch();
    emptyLayout->addWidget(hint);
    emptyLayout->addWidget(open, 0, Qt::AlignHCenter);
    emptyLayout->addStretch();

    m_tabs = new QTabWidget(m_stack);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_tabs->setAccessibleName(tr("Opened files"));
    auto *corner =
            new QPushButton(QIcon::fromTheme(QStringLiteral("document-open")), tr("Open…"), m_tabs);
    corner->setAccessibleName(tr("Open more files to inspect"));
    m_tabs->setCornerWidget(corner);
    m_stack->addWidget(empty);
    m_stack->addWidget(m_tabs);
    layout->addWidget(m_stack);

    const auto shortcut = [this](QKeySequence::StandardKey key, auto slot) {
        auto *action = new QAction(this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        connect(action, &QAction::triggered, this, slot);
    };
    shortcut(QKeySequence::Open, &InspectorPage::openWithDialog);
    shortcut(QKeySequence::Save, &InspectorPage::saveWithDialog);
    shortcut(QKeySequence::Close, [this] {
        if (m_tabs->count() > 0) {
            closeTab(m_tabs->currentIndex());
        }
    });

    connect(open, &QPushButton::clicked, this, &InspectorPage::openWithDialog);
    connect(corner, &QPushButton::clicked, this, &InspectorPage::openWithDialog);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &InspectorPage::closeTab);
}

InspectorPage::~InspectorPage()
{
    // A worker still reading holds nothing of the page, but must not outlive the process's
    // teardown of OpenSSL and GMime; told to stop, it ends at its next step.
    for (int index = 0; index < m_tabs->count(); ++index) {
        abandon(qobject_cast<InspectorTab *>(m_tabs->widget(index)));
    }
    for (const QPointer<QThread> &thread : std::as_const(m_threads)) {
        if (thread) {
            thread->wait();
        }
    }
}

int InspectorPage::fileCount() const
{
    return m_tabs->count();
}

void InspectorPage::openFiles(const QStringList &paths)
{
    m_unlockDeclined = false;
    InspectorTab *last = nullptr;
    for (const QString &path : paths) {
        auto *tab = new InspectorTab(m_context, path, m_tabs);
        const int index = m_tabs->addTab(tab, QFileInfo(path).fileName());
        m_tabs->setTabToolTip(index, QDir::toNativeSeparators(path));
        connect(tab->saveButton(), &QPushButton::clicked, this, &InspectorPage::saveWithDialog);
        connect(tab->cancelButton(), &QPushButton::clicked, this,
                [this, tab] { cancel(m_tabs->indexOf(tab)); });
        start(tab);
        last = tab;
    }
    if (last != nullptr) {
        m_stack->setCurrentWidget(m_tabs);
        m_tabs->setCurrentWidget(last);
    }
}

void InspectorPage::start(InspectorTab *tab)
{
    Smime::ReadOptions options;
    Store::CertificateStore *store = m_context != nullptr ? m_context->store : nullptr;
    if (store != nullptr) {
        if (store->isUnlocked()) {
            auto identities = store->identities();
            if (identities) {
                options.identities = *identities;
            }
        }
        // The same trust as the command line: the system's roots, the roots trusted in Postern,
        // and every other certificate of the store as a possible intermediate.
        options.trust.trustedRoots = store->trustedCertificates();
        options.trust.extraCertificates = store->allCertificates();
        for (const Crypto::Identity &identity : std::as_const(options.identities)) {
            options.trust.extraCertificates += identity.chain;
        }
    }
    tab->m_usedKeys = !options.identities.isEmpty();
    tab->m_working = true;
    const int generation = ++tab->m_generation;
    tab->showWorking(QFileInfo(tab->path()).size() >= largeFileBytes);

    if (tab->m_cancelled) {
        tab->m_cancelled->store(true); // a worker of an earlier start, if still running
    }
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    tab->m_cancelled = cancelled;
    auto result = std::make_shared<std::shared_ptr<Inspection>>();
    QThread *thread = QThread::create([result, cancelled, path = tab->path(), options] {
        *result = inspectFile(path, options, *cancelled);
    });
    m_threads.removeAll(nullptr);
    m_threads.append(thread);
    connect(thread, &QThread::finished, tab, [this, tab, result, generation] {
        if (tab->m_generation != generation || !*result) {
            return; // cancelled, or started again since
        }
        tab->m_working = false;
        tab->showInspection(*result);
        finished(tab);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

bool InspectorPage::askForKeys()
{
    Store::CertificateStore *store = m_context != nullptr ? m_context->store : nullptr;
    if (store == nullptr || !store->isInitialised() || !m_context->unlockStore) {
        return false;
    }
    if (store->isUnlocked()) {
        return true;
    }
    if (m_unlockDeclined) {
        return false;
    }
    m_asking = true;
    const bool unlocked = m_context->unlockStore() && store->isUnlocked();
    m_asking = false;
    m_unlockDeclined = !unlocked;
    return unlocked;
}

void InspectorPage::finished(InspectorTab *tab)
{
    const bool needsKeys = tab->inspection() && tab->inspection()->needsKeys && !tab->m_usedKeys;
    if (needsKeys) {
        if (m_asking) {
            // Another file's question is open; this one follows its answer.
            m_waitingForKeys.append(tab);
            return;
        }
        if (askForKeys()) {
            QList<QPointer<InspectorTab>> again = m_waitingForKeys;
            m_waitingForKeys.clear();
            again.append(tab);
            for (const QPointer<InspectorTab> &waiting : std::as_const(again)) {
                if (waiting) {
                    start(waiting);
                }
            }
            return;
        }
        const QList<QPointer<InspectorTab>> declined = m_waitingForKeys;
        m_waitingForKeys.clear();
        for (const QPointer<InspectorTab> &waiting : declined) {
            if (waiting) {
                Q_EMIT fileInspected(waiting->path());
            }
        }
    }
    Q_EMIT fileInspected(tab->path());
}

bool InspectorPage::abandon(InspectorTab *tab)
{
    if (tab == nullptr || !tab->m_working) {
        return false;
    }
    // The worker stops at its next step; one inside OpenSSL's decryption finishes that first.
    // Whatever it returns is dropped: the generation no longer matches.
    tab->m_cancelled->store(true);
    ++tab->m_generation;
    tab->m_working = false;
    return true;
}

void InspectorPage::cancel(int index)
{
    auto *tab = qobject_cast<InspectorTab *>(m_tabs->widget(index));
    if (!abandon(tab)) {
        return;
    }
    tab->showCancelled();
    Q_EMIT fileInspected(tab->path());
}

int InspectorPage::runningWorkers() const
{
    return int(std::count_if(
            m_threads.cbegin(), m_threads.cend(),
            [](const QPointer<QThread> &thread) { return thread && !thread->isFinished(); }));
}

void InspectorPage::closeTab(int index)
{
    QWidget *tab = m_tabs->widget(index);
    abandon(qobject_cast<InspectorTab *>(tab));
    m_tabs->removeTab(index);
    delete tab;
    if (m_tabs->count() == 0) {
        m_stack->setCurrentIndex(0);
    }
}

bool InspectorPage::canSaveDecrypted(int index) const
{
    auto *tab = qobject_cast<InspectorTab *>(m_tabs->widget(index));
    return tab != nullptr && tab->canSave();
}

bool InspectorPage::saveDecrypted(int index, const QString &path, QString *error) const
{
    auto *tab = qobject_cast<InspectorTab *>(m_tabs->widget(index));
    if (tab == nullptr || !tab->canSave()) {
        *error = tr("Only a message whose every security layer was opened can be saved "
                    "decrypted.");
        return false;
    }
    const Smime::ReadResult &result = tab->inspection()->result;
    // As `postern decrypt`: an invitation is written as its sender's client made it, so a
    // calendar application recognises it; anything else as the decrypted message.
    const QList<Calendar::CalendarPart> parts = Calendar::findCalendarParts(result.innerEntity);
    const bool invitation =
            std::any_of(parts.cbegin(), parts.cend(),
                        [](const Calendar::CalendarPart &part) { return part.live; });
    const QList<QByteArray> pieces = invitation ? QList<QByteArray>{Calendar::rehydrate(result)}
                                                : result.decryptedMessagePieces();
    QSaveFile file(path);
    // Decrypted mail is as private as the key that opened it: the owner's alone, before any of
    // it is written, whatever the umask.
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = tr("%1 could not be written: %2").arg(path, file.errorString());
        return false;
    }
    for (const QByteArray &piece : pieces) {
        if (file.write(piece) != piece.size()) {
            *error = tr("%1 could not be written: %2").arg(path, file.errorString());
            return false;
        }
    }
    if (!file.commit()) {
        *error = tr("%1 could not be written: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void InspectorPage::openWithDialog()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
            this, tr("Open files to inspect"), QString(),
            tr("Messages and S/MIME objects (*.eml *.p7m *.p7s *.ics);;All files (*)"));
    if (!paths.isEmpty()) {
        openFiles(paths);
    }
}

void InspectorPage::saveWithDialog()
{
    const int index = m_tabs->currentIndex();
    auto *tab = qobject_cast<InspectorTab *>(m_tabs->widget(index));
    if (tab == nullptr || !tab->canSave()) {
        return;
    }
    const QFileInfo source(tab->path());
    const QString path = QFileDialog::getSaveFileName(
            this, tr("Save decrypted message"),
            source.dir().filePath(source.completeBaseName() + tr("-decrypted")
                                  + QStringLiteral(".eml")),
            tr("Mail messages (*.eml)"));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    if (!saveDecrypted(index, path, &error)) {
        QMessageBox::warning(this, tr("Save decrypted message"), error);
    }
}

void InspectorPage::dragEnterEvent(QDragEnterEvent *event)
{
    const QMimeData *mime = event->mimeData();
    if (mime == nullptr || !mime->hasUrls()) {
        return;
    }
    const QList<QUrl> urls = mime->urls();
    if (std::any_of(urls.cbegin(), urls.cend(), [](const QUrl &url) {
            return url.isLocalFile() && isInspectable(url.toLocalFile());
        })) {
        event->acceptProposedAction();
    }
}

void InspectorPage::dropEvent(QDropEvent *event)
{
    const QMimeData *mime = event->mimeData();
    if (mime == nullptr) {
        return;
    }
    QStringList paths;
    const QList<QUrl> urls = mime->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile() && isInspectable(url.toLocalFile())) {
            paths << url.toLocalFile();
        }
    }
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        openFiles(paths);
    }
}

} // namespace Postern::Ui

#include "InspectorPage.moc"
