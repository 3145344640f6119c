#include "AboutDialog.h"

#include "core/base/Version.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace Postern::Ui {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Postern"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *icon = new QLabel(this);
    const int size = fontMetrics().height() * 4;
    icon->setPixmap(QIcon(QStringLiteral(":/icons/postern.svg")).pixmap(size, size));
    icon->setAccessibleName(tr("Postern icon"));
    top->addWidget(icon, 0, Qt::AlignTop);

    auto *text = new QLabel(this);
    text->setTextFormat(Qt::RichText);
    text->setWordWrap(true);
    text->setOpenExternalLinks(false);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    text->setText(tr("<h2>Postern %1</h2>"
                     "<p>S/MIME for your mail program, with meeting invitations that keep "
                     "working.</p>"
                     "<p>Postern runs on this computer between your mail program and your mail "
                     "servers: it encrypts and signs outgoing mail as your policy says, decrypts "
                     "and checks incoming mail, and gives encrypted invitations back to your "
                     "calendar as real invitations.</p>"
                     "<p>Built with Qt %2, running on Qt %3.</p>")
                          .arg(QLatin1String(versionString), QLatin1String(QT_VERSION_STR),
                               QLatin1String(qVersion())));
    top->addWidget(text, 1);
    layout->addLayout(top);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &AboutDialog::accept);
    resize(480, sizeHint().height());
}

} // namespace Postern::Ui
