#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

namespace Postern {

/** One thing the proxies did with a message, as the activity view lists it. */
struct ActivityEvent
{
    QDateTime time;
    QString account;
    QString direction; // "outgoing" (SMTP) or "incoming" (IMAP)
    QString sender;
    QStringList recipients;
    QString subject;
    QString action; // the policy's outcome: encrypt, sign, sign-encrypt, clear, block
    bool convertedInvitation = false;
    QString rule;   // the rule that decided
    QString result; // delivered, refused, deferred, failed
    QString detail; // the reason given to the client, or the upstream reply
    // Incoming messages (IMAP): where the message is and what reading it found.
    QString folder;
    QStringList
            layers; // "encrypted (AES-256-GCM)", "signed: valid signature by …", outermost first
    QString signature;  // the verdict of the outermost signature, empty when unsigned
    QString invitation; // "REQUEST: Team meeting, 4 December 2026 10:00", empty for other mail

    QJsonObject toJson() const;
    static ActivityEvent fromJson(const QJsonObject &object);
};

/**
 * Where the proxies report what they did: `activity.jsonl` in the profile, one JSON object per
 * line (rotated at a few megabytes), the log, and a signal for the window. Message bodies are
 * never part of it.
 */
class ActivityLog : public QObject
{
    Q_OBJECT

public:
    explicit ActivityLog(QString path, QObject *parent = nullptr);

    void record(ActivityEvent event);

    /** The most recent events on disk, oldest first. */
    QList<ActivityEvent> recent(int limit) const;

    QString path() const { return m_path; }

Q_SIGNALS:
    void recorded(const Postern::ActivityEvent &event);

private:
    QString m_path;
};

} // namespace Postern
