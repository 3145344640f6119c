#include "Templates.h"

#include "core/policy/MessageFacts.h"

#include <array>

namespace Postern::Policy {

namespace {

struct TemplateSpec
{
    const char *name;
    const char *summary;
};

constexpr std::array templates = {
        TemplateSpec{"invitations-in-clear",
                     "Send meeting invitations in clear so every client can act on them; encrypt "
                     "everything else."},
        TemplateSpec{"invitations-as-ics",
                     "Turn meeting invitations into messages with an invite.ics attachment, then "
                     "encrypt everything."},
        TemplateSpec{"encrypt-everything",
                     "Encrypt every message, invitations included, for recipients whose Postern "
                     "rehydrates them."},
        TemplateSpec{"sign-everything", "Sign every message; encrypt nothing."},
        TemplateSpec{"encrypt-domains",
                     "Encrypt messages to the listed domains; send the rest in clear."},
        TemplateSpec{"encrypt-when-possible",
                     "Encrypt when every recipient has a certificate; otherwise do what the "
                     "fallback says."},
};

Rule rule(const QString &name, QList<Condition> conditions, ActionKind kind)
{
    Rule made;
    made.name = name;
    made.conditions = std::move(conditions);
    made.action.kind = kind;
    return made;
}

Condition invitation()
{
    Condition condition;
    condition.kind = ConditionKind::Invitation;
    return condition;
}

Action action(ActionKind kind)
{
    Action made;
    made.kind = kind;
    return made;
}

} // namespace

QStringList templateNames()
{
    QStringList names;
    for (const TemplateSpec &spec : templates) {
        names.append(QLatin1String(spec.name));
    }
    return names;
}

QString templateSummary(const QString &name)
{
    for (const TemplateSpec &spec : templates) {
        if (name == QLatin1String(spec.name)) {
            return QLatin1String(spec.summary);
        }
    }
    return {};
}

Checked<Policy> makeTemplate(const QString &name, const TemplateOptions &options)
{
    Policy policy;
    policy.templateName = name;
    // The three answers to encrypted invitations sign what they encrypt: without a signature,
    // AES-CBC mail cannot show the recipient that nobody changed it on the way.
    if (name == QLatin1String("invitations-in-clear")) {
        policy.rules.append(
                rule(QStringLiteral("Invitations in clear"), {invitation()}, ActionKind::Clear));
        policy.rules.append(rule(QStringLiteral("Encrypt the rest"), {}, ActionKind::SignEncrypt));
        policy.defaultAction = action(ActionKind::SignEncrypt);
    } else if (name == QLatin1String("invitations-as-ics")) {
        Rule convert = rule(QStringLiteral("Invitations as .ics attachments"), {invitation()},
                            ActionKind::SignEncrypt);
        convert.action.convertInvitation = true;
        policy.rules.append(convert);
        policy.rules.append(rule(QStringLiteral("Encrypt the rest"), {}, ActionKind::SignEncrypt));
        policy.defaultAction = action(ActionKind::SignEncrypt);
    } else if (name == QLatin1String("encrypt-everything")) {
        policy.rules.append(
                rule(QStringLiteral("Encrypt everything"), {}, ActionKind::SignEncrypt));
        policy.defaultAction = action(ActionKind::SignEncrypt);
    } else if (name == QLatin1String("sign-everything")) {
        policy.rules.append(rule(QStringLiteral("Sign everything"), {}, ActionKind::Sign));
        policy.defaultAction = action(ActionKind::Sign);
    } else if (name == QLatin1String("encrypt-domains")) {
        if (options.domains.isEmpty()) {
            return tl::unexpected(
                    Problem{QStringLiteral("domains"),
                            QStringLiteral("encrypt-domains needs at least one domain")});
        }
        Condition domains;
        domains.kind = ConditionKind::RecipientDomain;
        for (const QString &domain : options.domains) {
            const QString normal = normaliseDomainEntry(domain);
            if (normal.isEmpty() || normal.contains(QLatin1Char('@'))
                || normal.contains(QLatin1Char(' '))) {
                return tl::unexpected(Problem{QStringLiteral("domains"),
                                              QStringLiteral("'%1' is not a domain").arg(domain)});
            }
            domains.values.append(normal);
        }
        policy.rules.append(
                rule(QStringLiteral("Encrypt to listed domains"), {domains}, ActionKind::Encrypt));
        policy.defaultAction = action(ActionKind::Clear);
    } else if (name == QLatin1String("encrypt-when-possible")) {
        Rule possible =
                rule(QStringLiteral("Encrypt when possible"), {}, ActionKind::EncryptWhenPossible);
        possible.action.fallback = options.fallback;
        policy.rules.append(possible);
        policy.defaultAction = action(ActionKind::Clear);
    } else {
        return tl::unexpected(
                Problem{QStringLiteral("template"),
                        QStringLiteral("unknown template '%1' (known: %2)")
                                .arg(name, templateNames().join(QStringLiteral(", ")))});
    }
    return policy;
}

} // namespace Postern::Policy
