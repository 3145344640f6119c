#include "Commands.h"

#include "core/base/Profile.h"
#include "core/mime/MimeTree.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>

namespace Postern::Cli {

namespace {

tl::expected<QByteArray, QString> readInput(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        return tl::unexpected(QStringLiteral("%1: no such file").arg(path));
    }
    if (info.isDir()) {
        return tl::unexpected(QStringLiteral("%1: is a directory, not a file").arg(path));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return tl::unexpected(QStringLiteral("%1: cannot read (%2)").arg(path, file.errorString()));
    }
    return file.readAll();
}

ExitCode inspect(const Invocation &invocation, QTextStream &out, QTextStream &err)
{
    const QString path = invocation.arguments.constFirst();
    auto input = readInput(path);
    if (!input) {
        err << "postern: " << input.error() << Qt::endl;
        return ExitCode::InputUnreadable;
    }

    auto summary = Mime::summarize(*input);
    if (!summary) {
        err << "postern: " << path << ": " << summary.error().detail << Qt::endl;
        return ExitCode::BadData;
    }

    if (invocation.json) {
        out << QString::fromUtf8(
                QJsonDocument(Mime::toJson(*summary)).toJson(QJsonDocument::Indented));
    } else {
        out << Mime::toText(*summary);
    }
    out.flush();
    return ExitCode::Ok;
}

} // namespace

ExitCode
runCommand(const Invocation &invocation, const Profile &profile, QTextStream &out, QTextStream &err)
{
    Q_UNUSED(profile)
    if (invocation.command == QLatin1String("inspect")) {
        return inspect(invocation, out, err);
    }
    err << "postern: unknown command " << invocation.command << Qt::endl;
    return ExitCode::Usage;
}

} // namespace Postern::Cli
