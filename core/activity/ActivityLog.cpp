#include "ActivityLog.h"

#include "core/base/Logging.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace Postern {

namespace {

constexpr qint64 rotateAt = 4LL * 1024 * 1024;

} // namespace

QJsonObject ActivityEvent::toJson() const
{
    QJsonObject object;
    object.insert(QLatin1String("time"), time.toUTC().toString(Qt::ISODateWithMs));
    object.insert(QLatin1String("account"), account);
    object.insert(QLatin1String("direction"), direction);
    object.insert(QLatin1String("sender"), sender);
    object.insert(QLatin1String("recipients"), QJsonArray::fromStringList(recipients));
    object.insert(QLatin1String("subject"), subject);
    object.insert(QLatin1String("action"), action);
    object.insert(QLatin1String("convertedInvitation"), convertedInvitation);
    object.insert(QLatin1String("rule"), rule);
    object.insert(QLatin1String("result"), result);
    object.insert(QLatin1String("detail"), detail);
    // Outgoing events have none of these; they stay out of their lines.
    if (!folder.isEmpty()) {
        object.insert(QLatin1String("folder"), folder);
    }
    if (!layers.isEmpty()) {
        object.insert(QLatin1String("layers"), QJsonArray::fromStringList(layers));
    }
    if (!signature.isEmpty()) {
        object.insert(QLatin1String("signature"), signature);
    }
    if (!invitation.isEmpty()) {
        object.insert(QLatin1String("invitation"), invitation);
    }
    return object;
}

ActivityEvent ActivityEvent::fromJson(const QJsonObject &object)
{
    ActivityEvent event;
    event.time = QDateTime::fromString(object.value(QLatin1String("time")).toString(),
                                       Qt::ISODateWithMs);
    event.account = object.value(QLatin1String("account")).toString();
    event.direction = object.value(QLatin1String("direction")).toString();
    event.sender = object.value(QLatin1String("sender")).toString();
    for (const auto &recipient : object.value(QLatin1String("recipients")).toArray()) {
        event.recipients.append(recipient.toString());
    }
    event.subject = object.value(QLatin1String("subject")).toString();
    event.action = object.value(QLatin1String("action")).toString();
    event.convertedInvitation = object.value(QLatin1String("convertedInvitation")).toBool();
    event.rule = object.value(QLatin1String("rule")).toString();
    event.result = object.value(QLatin1String("result")).toString();
    event.detail = object.value(QLatin1String("detail")).toString();
    event.folder = object.value(QLatin1String("folder")).toString();
    for (const auto &layer : object.value(QLatin1String("layers")).toArray()) {
        event.layers.append(layer.toString());
    }
    event.signature = object.value(QLatin1String("signature")).toString();
    event.invitation = object.value(QLatin1String("invitation")).toString();
    return event;
}

ActivityLog::ActivityLog(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
{
}

void ActivityLog::record(ActivityEvent event)
{
    if (!event.time.isValid()) {
        event.time = QDateTime::currentDateTimeUtc();
    }
    qCInfo(lcCore).noquote() << event.direction << event.account << "to"
                             << event.recipients.join(QStringLiteral(", ")) << ":" << event.action
                             << "by rule" << event.rule << "->" << event.result << event.detail;
    if (QFileInfo(m_path).size() > rotateAt) {
        QFile::remove(m_path + QStringLiteral(".1"));
        QFile::rename(m_path, m_path + QStringLiteral(".1"));
    }
    QFile file(m_path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        file.write(QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact) + '\n');
    } else {
        qCWarning(lcCore) << "cannot write the activity file:" << file.errorString();
    }
    Q_EMIT recorded(event);
}

QList<ActivityEvent> ActivityLog::recent(int limit) const
{
    QList<ActivityEvent> events;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        return events;
    }
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const QJsonDocument document = QJsonDocument::fromJson(line);
        if (document.isObject()) {
            events.append(ActivityEvent::fromJson(document.object()));
        }
    }
    if (events.size() > limit) {
        events = events.mid(events.size() - limit);
    }
    return events;
}

} // namespace Postern
