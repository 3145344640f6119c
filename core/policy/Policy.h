#pragma once

#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <tl/expected.hpp>

namespace Postern::Policy {

/** Where in a configuration something is wrong: a field path such as
 *  `accounts[0].policy.rules[2].action.type`, and why. */
struct Problem
{
    QString field;
    QString reason;
};

template <typename T>
using Checked = tl::expected<T, Problem>;

enum class ActionKind {
    Encrypt,
    Sign,
    SignEncrypt,
    Clear,
    Block,
    // Rewrites an invitation into a message with an invite.ics attachment, then the rules after
    // it decide about the converted message.
    ConvertInvitation,
    // Encrypts when every recipient has a certificate, otherwise does what `fallback` says.
    EncryptWhenPossible,
};

/** What "encrypt when possible" does when some recipients have no usable certificate. */
enum class Fallback {
    Clear, // send the whole message in clear (signed when `sign` is set)
    Split, // encrypted to those with a certificate, a clear copy to the rest
    Block, // refuse the message, naming the recipients without a certificate
};

struct Action
{
    ActionKind kind = ActionKind::Encrypt;
    bool convertInvitation = false; // convert an invitation to .ics first, then do `kind`
    bool sign = false;              // EncryptWhenPossible: sign as well
    Fallback fallback = Fallback::Clear;
    QString reason;    // Block: shown to the user
    QJsonObject extra; // fields this version does not know, kept on save
};

enum class ConditionKind {
    Header,                     // a header field in any MIME part matches
    Invitation,                 // the message is a live invitation (optionally of given methods)
    RecipientAddress,           // a recipient's address is in `values`
    RecipientDomain,            // a recipient's domain is in `values`
    SenderAddress,              // the sender's address is in `values`
    SenderDomain,               // the sender's domain is in `values`
    RecipientsHaveCertificates, // every recipient has a usable encryption certificate
    Subject,                    // the subject matches
    Attachment,                 // there is an attachment (of a type, or with a name)
    SizeAbove,                  // the message is larger than `bytes`
};

enum class TextMatch {
    Contains,
    Equals,
    Regex,
};

/** Which recipients a recipient condition needs: one of them, or every one. */
enum class Quantifier {
    Any,
    All,
};

struct Condition
{
    ConditionKind kind = ConditionKind::Header;
    bool negate = false;

    QString header; // Header: the field name
    TextMatch match = TextMatch::Contains;
    QString value;              // Header, Subject: what to look for
    bool caseSensitive = false; // Header, Subject
    QRegularExpression pattern; // compiled from `value` when match is Regex
    QStringList methods;        // Invitation: iTIP methods, upper case; empty means any
    QStringList values; // address and domain lists, as Crypto::normalisedAddress compares them
    Quantifier recipients = Quantifier::Any;
    QString mimeType; // Attachment: a type, or a wildcard such as application/*
    QString fileName; // Attachment: a file name wildcard such as *.pdf
    qint64 bytes = 0; // SizeAbove
    QJsonObject extra;
};

enum class Join {
    AllOf,
    AnyOf,
};

struct Rule
{
    QString name;
    bool enabled = true;
    Join join = Join::AllOf;
    QList<Condition> conditions; // none: the rule matches every message
    Action action;
    QJsonObject extra;
};

/** An ordered list of rules and a default action: the first rule that matches decides. */
struct Policy
{
    QString templateName; // the template it was made from, for display; empty when edited
    QList<Rule> rules;
    Action defaultAction;
    QJsonObject extra;
};

// The file format's spelling of the enums.
QString toString(ActionKind kind);
QString toString(ConditionKind kind);
QString toString(Fallback fallback);

/** A domain as a domain condition holds it: Crypto::normalisedDomain(), keeping a leading
 *  "*." (which stands for the subdomains). */
QString normaliseDomainEntry(const QString &entry);

Checked<Policy> policyFromJson(const QJsonObject &object, const QString &field);
QJsonObject toJson(const Policy &policy);

} // namespace Postern::Policy
