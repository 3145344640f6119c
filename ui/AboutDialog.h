#pragma once

#include <QDialog>

namespace Postern::Ui {

/** The About box: what Postern is, its version and the libraries it runs on. */
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);
};

} // namespace Postern::Ui
