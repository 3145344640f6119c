#include "PolicyEngine.h"

#include "core/crypto/Certificate.h"

#include <QHash>
#include <QJsonArray>

namespace Postern::Policy {

namespace {

// Shell-style wildcards (* and ?), as people write them for file names and MIME types.
bool wildcardMatch(QStringView pattern, QStringView text)
{
    qsizetype p = 0;
    qsizetype t = 0;
    qsizetype starP = -1;
    qsizetype starT = 0;
    while (t < text.size()) {
        if (p < pattern.size()
            && (pattern[p] == QLatin1Char('?')
                || pattern[p].toCaseFolded() == text[t].toCaseFolded())) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == QLatin1Char('*')) {
            starP = p++;
            starT = t;
        } else if (starP >= 0) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == QLatin1Char('*')) {
        ++p;
    }
    return p == pattern.size();
}

bool textMatches(const Condition &condition, const QString &text)
{
    const Qt::CaseSensitivity sensitivity =
            condition.caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
    switch (condition.match) {
    case TextMatch::Contains:
        return text.contains(condition.value, sensitivity);
    case TextMatch::Equals:
        return text.trimmed().compare(condition.value.trimmed(), sensitivity) == 0;
    case TextMatch::Regex:
        return condition.pattern.match(text).hasMatch();
    }
    return false;
}

QString describeText(const Condition &condition)
{
    switch (condition.match) {
    case TextMatch::Contains:
        return QStringLiteral("contains \"%1\"").arg(condition.value);
    case TextMatch::Equals:
        return QStringLiteral("equals \"%1\"").arg(condition.value);
    case TextMatch::Regex:
        return QStringLiteral("matches /%1/").arg(condition.value);
    }
    return {};
}

// Facts and rules hold addresses in the compared form; people read them with Unicode domains.
QString shown(const QStringList &addresses)
{
    QStringList readable;
    for (const QString &address : addresses) {
        readable.append(Crypto::displayAddress(address));
    }
    return readable.join(QStringLiteral(", "));
}

bool domainMatches(const QString &entry, const QString &domain)
{
    if (entry.startsWith(QLatin1String("*."))) {
        const QStringView suffix = QStringView(entry).mid(1);
        return domain.endsWith(suffix) && domain.size() > suffix.size();
    }
    return entry == domain;
}

class Evaluation
{
public:
    Evaluation(const MessageFacts &facts, const CertificateCheck &check)
        : m_facts(facts)
        , m_check(check)
    {
    }

    const MessageFacts &facts() const { return m_facts; }

    void setFacts(const MessageFacts &facts) { m_facts = facts; }

    bool hasCertificate(const QString &address)
    {
        const auto cached = m_certificates.constFind(address);
        if (cached != m_certificates.constEnd()) {
            return *cached;
        }
        const bool found = m_check ? m_check(address) : false;
        m_certificates.insert(address, found);
        return found;
    }

    QStringList withoutCertificate()
    {
        QStringList missing;
        for (const QString &recipient : m_facts.recipients) {
            if (!hasCertificate(recipient)) {
                missing.append(recipient);
            }
        }
        return missing;
    }

    /** Whether @p condition holds, before `not` is applied, and a short account of why. */
    bool holds(const Condition &condition, QString &why)
    {
        switch (condition.kind) {
        case ConditionKind::Header:
            for (const HeaderField &field : m_facts.headers) {
                if (field.name == condition.header && textMatches(condition, field.value)) {
                    why = QStringLiteral("%1 %2 (MIME part %3)")
                                  .arg(condition.header, describeText(condition))
                                  .arg(field.part);
                    return true;
                }
            }
            why = QStringLiteral("no %1 field %2").arg(condition.header, describeText(condition));
            return false;
        case ConditionKind::Subject: {
            const bool found = textMatches(condition, m_facts.subject);
            why = QStringLiteral("subject %1: %2")
                          .arg(describeText(condition),
                               found ? QStringLiteral("yes") : QStringLiteral("no"));
            return found;
        }
        case ConditionKind::Invitation: {
            if (!m_facts.isInvitation()) {
                why = QStringLiteral("not an invitation");
                return false;
            }
            if (condition.methods.isEmpty()) {
                why = QStringLiteral("an invitation (%1)")
                              .arg(m_facts.invitationMethods.join(QStringLiteral(", ")));
                return true;
            }
            for (const QString &method : m_facts.invitationMethods) {
                if (condition.methods.contains(method)) {
                    why = QStringLiteral("an invitation with method %1").arg(method);
                    return true;
                }
            }
            why = QStringLiteral("an invitation with method %1, not %2")
                          .arg(m_facts.invitationMethods.join(QStringLiteral(", ")),
                               condition.methods.join(QStringLiteral(" or ")));
            return false;
        }
        case ConditionKind::RecipientAddress:
        case ConditionKind::RecipientDomain:
            return recipientsMatch(condition, why);
        case ConditionKind::SenderAddress: {
            const bool found = condition.values.contains(m_facts.sender);
            why = QStringLiteral("sender %1 %2 in the list")
                          .arg(m_facts.sender.isEmpty() ? QStringLiteral("(none)")
                                                        : Crypto::displayAddress(m_facts.sender),
                               found ? QStringLiteral("is") : QStringLiteral("is not"));
            return found;
        }
        case ConditionKind::SenderDomain: {
            const QString domain = domainOf(m_facts.sender);
            bool found = false;
            for (const QString &entry : condition.values) {
                found = found || domainMatches(entry, domain);
            }
            why = QStringLiteral("sender domain %1 %2 in the list")
                          .arg(domain.isEmpty() ? QStringLiteral("(none)")
                                                : Crypto::displayDomain(domain),
                               found ? QStringLiteral("is") : QStringLiteral("is not"));
            return found;
        }
        case ConditionKind::RecipientsHaveCertificates: {
            if (m_facts.recipients.isEmpty()) {
                why = QStringLiteral("the message has no recipients");
                return false;
            }
            const QStringList missing = withoutCertificate();
            why = missing.isEmpty() ? QStringLiteral("every recipient has a certificate")
                                    : QStringLiteral("no certificate for %1").arg(shown(missing));
            return missing.isEmpty();
        }
        case ConditionKind::Attachment:
            for (const Attachment &attachment : m_facts.attachments) {
                const bool typeOk = condition.mimeType.isEmpty()
                                    || wildcardMatch(condition.mimeType, attachment.mimeType);
                const bool nameOk = condition.fileName.isEmpty()
                                    || wildcardMatch(condition.fileName, attachment.fileName);
                if (typeOk && nameOk) {
                    why = QStringLiteral("has an attachment %1 (%2)")
                                  .arg(attachment.fileName.isEmpty()
                                               ? QStringLiteral("without a name")
                                               : QStringLiteral("\"%1\"").arg(attachment.fileName),
                                       attachment.mimeType);
                    return true;
                }
            }
            why = m_facts.attachments.isEmpty() ? QStringLiteral("has no attachment")
                                                : QStringLiteral("no attachment of that kind");
            return false;
        case ConditionKind::SizeAbove: {
            const bool above = m_facts.size > condition.bytes;
            why = QStringLiteral("%1 bytes, %2 %3")
                          .arg(m_facts.size)
                          .arg(above ? QStringLiteral("above") : QStringLiteral("not above"))
                          .arg(condition.bytes);
            return above;
        }
        }
        return false;
    }

private:
    bool recipientsMatch(const Condition &condition, QString &why)
    {
        const bool byDomain = condition.kind == ConditionKind::RecipientDomain;
        QStringList inList;
        QStringList outside;
        for (const QString &recipient : m_facts.recipients) {
            bool found = false;
            if (byDomain) {
                const QString domain = domainOf(recipient);
                for (const QString &entry : condition.values) {
                    found = found || domainMatches(entry, domain);
                }
            } else {
                found = condition.values.contains(recipient);
            }
            (found ? inList : outside).append(recipient);
        }
        if (m_facts.recipients.isEmpty()) {
            why = QStringLiteral("the message has no recipients");
            return false;
        }
        const bool holds =
                condition.recipients == Quantifier::All ? outside.isEmpty() : !inList.isEmpty();
        if (condition.recipients == Quantifier::All) {
            why = holds ? QStringLiteral("every recipient is in the list")
                        : QStringLiteral("%1 not in the list").arg(shown(outside));
        } else {
            why = holds ? QStringLiteral("%1 in the list").arg(shown(inList))
                        : QStringLiteral("no recipient in the list");
        }
        return holds;
    }

    MessageFacts m_facts;
    const CertificateCheck &m_check;
    QHash<QString, bool> m_certificates;
};

bool ruleMatches(const Rule &rule, Evaluation &evaluation, QString &why)
{
    if (rule.conditions.isEmpty()) {
        why = QStringLiteral("matches every message");
        return true;
    }
    QStringList reasons;
    bool result = rule.join == Join::AllOf;
    for (const Condition &condition : rule.conditions) {
        QString reason;
        const bool holds = evaluation.holds(condition, reason) != condition.negate;
        reasons.append(condition.negate ? QStringLiteral("not (%1)").arg(reason) : reason);
        if (rule.join == Join::AllOf && !holds) {
            result = false;
            break;
        }
        if (rule.join == Join::AnyOf && holds) {
            result = true;
            break;
        }
    }
    why = reasons.join(QStringLiteral("; "));
    return result;
}

// Turns the action that decided into the outcome the proxies carry out.
void settle(const Action &action, Evaluation &evaluation, Decision &decision)
{
    decision.convertInvitation = decision.convertInvitation
                                 || (action.convertInvitation && evaluation.facts().isInvitation());
    switch (action.kind) {
    case ActionKind::Encrypt:
    case ActionKind::SignEncrypt:
        decision.action =
                action.kind == ActionKind::Encrypt ? Outcome::Encrypt : Outcome::SignEncrypt;
        decision.recipientsWithoutCertificate = evaluation.withoutCertificate();
        if (!decision.recipientsWithoutCertificate.isEmpty()) {
            decision.reason =
                    QStringLiteral("the policy requires encryption, and there is no certificate "
                                   "for %1")
                            .arg(shown(decision.recipientsWithoutCertificate));
        }
        return;
    case ActionKind::Sign:
        decision.action = Outcome::Sign;
        return;
    case ActionKind::Clear:
        decision.action = Outcome::Clear;
        return;
    case ActionKind::Block:
        decision.action = Outcome::Block;
        decision.reason = action.reason.isEmpty()
                                  ? QStringLiteral("blocked by the rule \"%1\"").arg(decision.rule)
                                  : action.reason;
        return;
    case ActionKind::EncryptWhenPossible: {
        const QStringList missing = evaluation.withoutCertificate();
        const Outcome encrypted = action.sign ? Outcome::SignEncrypt : Outcome::Encrypt;
        const Outcome clear = action.sign ? Outcome::Sign : Outcome::Clear;
        if (missing.isEmpty() && !evaluation.facts().recipients.isEmpty()) {
            decision.action = encrypted;
            return;
        }
        switch (action.fallback) {
        case Fallback::Clear:
            decision.action = clear;
            decision.reason =
                    QStringLiteral("sent in clear: no certificate for %1").arg(shown(missing));
            return;
        case Fallback::Split:
            if (missing.size() == evaluation.facts().recipients.size()) {
                decision.action = clear;
                decision.reason = QStringLiteral("sent in clear: no recipient has a certificate");
            } else {
                decision.action = encrypted;
                decision.clearRecipients = missing;
                decision.reason = QStringLiteral("a clear copy goes to %1, who have no certificate")
                                          .arg(shown(missing));
            }
            return;
        case Fallback::Block:
            decision.action = Outcome::Block;
            decision.recipientsWithoutCertificate = missing;
            decision.reason = QStringLiteral("no certificate for %1").arg(shown(missing));
            return;
        }
        return;
    }
    case ActionKind::ConvertInvitation:
        break;
    }
}

// What a converted invitation looks like to the rules after the conversion: a message with an
// .ics file and no live invitation.
MessageFacts converted(const MessageFacts &facts)
{
    MessageFacts result = facts;
    result.invitationMethods.clear();
    result.attachments.append(
            Attachment{QStringLiteral("text/calendar"), QStringLiteral("invite.ics")});
    return result;
}

} // namespace

QString toString(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Encrypt:
        return QStringLiteral("encrypt");
    case Outcome::Sign:
        return QStringLiteral("sign");
    case Outcome::SignEncrypt:
        return QStringLiteral("sign-encrypt");
    case Outcome::Clear:
        return QStringLiteral("clear");
    case Outcome::Block:
        return QStringLiteral("block");
    }
    return {};
}

QString defaultRuleName()
{
    return QStringLiteral("default");
}

Decision decide(const Policy &policy, const MessageFacts &facts, const CertificateCheck &check)
{
    Decision decision;
    Evaluation evaluation(facts, check);
    for (const Rule &rule : policy.rules) {
        if (!rule.enabled) {
            decision.trail.append(RuleTrace{rule.name, false, QStringLiteral("disabled")});
            continue;
        }
        QString why;
        if (!ruleMatches(rule, evaluation, why)) {
            decision.trail.append(RuleTrace{rule.name, false, why});
            continue;
        }
        if (rule.action.kind == ActionKind::ConvertInvitation) {
            if (evaluation.facts().isInvitation()) {
                decision.convertInvitation = true;
                evaluation.setFacts(converted(evaluation.facts()));
                why += QStringLiteral("; converted to an .ics attachment, later rules decide");
            } else {
                why += QStringLiteral("; nothing to convert");
            }
            decision.trail.append(RuleTrace{rule.name, true, why});
            continue;
        }
        decision.trail.append(RuleTrace{rule.name, true, why});
        decision.rule = rule.name;
        settle(rule.action, evaluation, decision);
        return decision;
    }
    decision.rule = defaultRuleName();
    decision.trail.append(RuleTrace{defaultRuleName(), true, QStringLiteral("no rule matched")});
    settle(policy.defaultAction, evaluation, decision);
    return decision;
}

QJsonObject toJson(const Decision &decision)
{
    QJsonObject object;
    object.insert(QLatin1String("action"), toString(decision.action));
    object.insert(QLatin1String("convertInvitation"), decision.convertInvitation);
    object.insert(QLatin1String("rule"), decision.rule);
    if (!decision.reason.isEmpty()) {
        object.insert(QLatin1String("reason"), decision.reason);
    }
    object.insert(QLatin1String("recipientsWithoutCertificate"),
                  QJsonArray::fromStringList(decision.recipientsWithoutCertificate));
    object.insert(QLatin1String("clearRecipients"),
                  QJsonArray::fromStringList(decision.clearRecipients));
    object.insert(QLatin1String("refused"), decision.mustRefuse());
    QJsonArray trail;
    for (const RuleTrace &step : decision.trail) {
        QJsonObject entry;
        entry.insert(QLatin1String("rule"), step.rule);
        entry.insert(QLatin1String("matched"), step.matched);
        entry.insert(QLatin1String("why"), step.why);
        trail.append(entry);
    }
    object.insert(QLatin1String("trail"), trail);
    return object;
}

} // namespace Postern::Policy
