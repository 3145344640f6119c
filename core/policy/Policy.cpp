#include "Policy.h"

#include "core/crypto/Certificate.h"
#include "core/policy/JsonReader.h"
#include "core/policy/MessageFacts.h"

#include <QJsonArray>

#include <array>
#include <utility>

namespace Postern::Policy {

namespace {

using Json::ObjectReader;
using Json::spell;
using Json::Spelling;

constexpr std::array actionSpellings = {
        Spelling<ActionKind>{ActionKind::Encrypt, "encrypt"},
        Spelling<ActionKind>{ActionKind::Sign, "sign"},
        Spelling<ActionKind>{ActionKind::SignEncrypt, "sign-encrypt"},
        Spelling<ActionKind>{ActionKind::Clear, "clear"},
        Spelling<ActionKind>{ActionKind::Block, "block"},
        Spelling<ActionKind>{ActionKind::ConvertInvitation, "convert-invitation"},
        Spelling<ActionKind>{ActionKind::EncryptWhenPossible, "encrypt-when-possible"},
};

constexpr std::array conditionSpellings = {
        Spelling<ConditionKind>{ConditionKind::Header, "header"},
        Spelling<ConditionKind>{ConditionKind::Invitation, "invitation"},
        Spelling<ConditionKind>{ConditionKind::RecipientAddress, "recipient-address"},
        Spelling<ConditionKind>{ConditionKind::RecipientDomain, "recipient-domain"},
        Spelling<ConditionKind>{ConditionKind::SenderAddress, "sender-address"},
        Spelling<ConditionKind>{ConditionKind::SenderDomain, "sender-domain"},
        Spelling<ConditionKind>{ConditionKind::RecipientsHaveCertificates,
                                "recipients-have-certificates"},
        Spelling<ConditionKind>{ConditionKind::Subject, "subject"},
        Spelling<ConditionKind>{ConditionKind::Attachment, "attachment"},
        Spelling<ConditionKind>{ConditionKind::SizeAbove, "size-above"},
};

constexpr std::array fallbackSpellings = {
        Spelling<Fallback>{Fallback::Clear, "clear"},
        Spelling<Fallback>{Fallback::Split, "split"},
        Spelling<Fallback>{Fallback::Block, "block"},
};

constexpr std::array matchSpellings = {
        Spelling<TextMatch>{TextMatch::Contains, "contains"},
        Spelling<TextMatch>{TextMatch::Equals, "equals"},
        Spelling<TextMatch>{TextMatch::Regex, "regex"},
};

Checked<Action> actionFromJson(const QJsonValue &value, const QString &field)
{
    if (!value.isObject()) {
        return tl::unexpected(Problem{field, QStringLiteral("must be an object with a \"type\"")});
    }
    const QJsonObject object = value.toObject();
    ObjectReader reader(object, field);
    Action action;
    auto kind = reader.choice("type", actionSpellings, std::optional<ActionKind>());
    auto convert = reader.boolean("convertInvitation", false);
    auto sign = reader.boolean("sign", false);
    auto fallback = reader.choice("otherwise", fallbackSpellings, std::optional(Fallback::Clear));
    auto reason = reader.string("reason", false);
    for (const auto *check : {&convert, &sign}) {
        if (!*check) {
            return tl::unexpected(check->error());
        }
    }
    if (!kind) {
        return tl::unexpected(kind.error());
    }
    if (!fallback) {
        return tl::unexpected(fallback.error());
    }
    if (!reason) {
        return tl::unexpected(reason.error());
    }
    action.kind = *kind;
    action.convertInvitation = *convert;
    action.sign = *sign;
    action.fallback = *fallback;
    action.reason = *reason;
    if (action.kind != ActionKind::EncryptWhenPossible) {
        // Accepting them would drop them silently on the next save; "sign" on encrypt almost
        // certainly means sign-encrypt.
        for (const char *key : {"sign", "otherwise"}) {
            if (reader.has(key)) {
                return tl::unexpected(
                        Problem{reader.path(QLatin1String(key)),
                                QStringLiteral("applies only to encrypt-when-possible%1")
                                        .arg(qstrcmp(key, "sign") == 0
                                                     ? QStringLiteral("; use sign-encrypt")
                                                     : QString())});
            }
        }
    }
    if (action.kind == ActionKind::ConvertInvitation && action.convertInvitation) {
        return tl::unexpected(Problem{reader.path(QStringLiteral("convertInvitation")),
                                      QStringLiteral("is implied by convert-invitation")});
    }
    action.extra = reader.rest();
    return action;
}

QJsonObject actionToJson(const Action &action)
{
    QJsonObject object = action.extra;
    object.insert(QLatin1String("type"), toString(action.kind));
    if (action.convertInvitation) {
        object.insert(QLatin1String("convertInvitation"), true);
    }
    if (action.kind == ActionKind::EncryptWhenPossible) {
        object.insert(QLatin1String("sign"), action.sign);
        object.insert(QLatin1String("otherwise"), toString(action.fallback));
    }
    if (!action.reason.isEmpty()) {
        object.insert(QLatin1String("reason"), action.reason);
    }
    return object;
}

// Rules are compared in the form MessageFacts gives addresses and domains (the certificate
// store's rule, Crypto::normalisedAddress), so that a rule may name a domain by its A-label or
// its U-label (RFC 5891), with or without a leading "*.".
QString normalisedEntry(const QString &entry, bool domain)
{
    return domain ? normaliseDomainEntry(entry) : normaliseAddress(entry);
}

// The file keeps what people read: internationalised domains in Unicode. Reading it again gives
// the same compared form, so a saved policy reads back unchanged.
QString displayedEntry(const QString &entry, bool domain)
{
    if (!domain) {
        return Crypto::displayAddress(entry);
    }
    if (entry.startsWith(QLatin1String("*."))) {
        return QStringLiteral("*.") + Crypto::displayDomain(entry.mid(2));
    }
    return Crypto::displayDomain(entry);
}

QStringList displayedEntries(const Condition &condition)
{
    const bool domains = condition.kind == ConditionKind::RecipientDomain
                         || condition.kind == ConditionKind::SenderDomain;
    QStringList shown;
    for (const QString &entry : condition.values) {
        shown.append(displayedEntry(entry, domains));
    }
    return shown;
}

Checked<bool> readTextMatch(ObjectReader &reader, Condition &condition)
{
    auto match = reader.choice("match", matchSpellings, std::optional(TextMatch::Contains));
    auto value = reader.string("value", true);
    auto caseSensitive = reader.boolean("caseSensitive", false);
    if (!match) {
        return tl::unexpected(match.error());
    }
    if (!value) {
        return tl::unexpected(value.error());
    }
    if (!caseSensitive) {
        return tl::unexpected(caseSensitive.error());
    }
    condition.match = *match;
    condition.value = *value;
    condition.caseSensitive = *caseSensitive;
    if (condition.match == TextMatch::Regex) {
        condition.pattern.setPattern(condition.value);
        // Subjects and names are not ASCII: \w, \b and \s should know ü and the no-break space.
        QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
        if (!condition.caseSensitive) {
            options |= QRegularExpression::CaseInsensitiveOption;
        }
        condition.pattern.setPatternOptions(options);
        if (!condition.pattern.isValid()) {
            return tl::unexpected(
                    Problem{reader.path(QStringLiteral("value")),
                            QStringLiteral("is not a valid regular expression: %1 at offset %2")
                                    .arg(condition.pattern.errorString())
                                    .arg(condition.pattern.patternErrorOffset())});
        }
        condition.pattern.optimize();
    }
    return true;
}

Checked<Condition> conditionFromJson(const QJsonValue &value, const QString &field)
{
    if (!value.isObject()) {
        return tl::unexpected(Problem{field, QStringLiteral("must be an object with a \"type\"")});
    }
    const QJsonObject object = value.toObject();
    ObjectReader reader(object, field);
    Condition condition;
    auto kind = reader.choice("type", conditionSpellings, std::optional<ConditionKind>());
    if (!kind) {
        return tl::unexpected(kind.error());
    }
    condition.kind = *kind;
    auto negate = reader.boolean("not", false);
    if (!negate) {
        return tl::unexpected(negate.error());
    }
    condition.negate = *negate;

    switch (condition.kind) {
    case ConditionKind::Header: {
        auto header = reader.string("header", true);
        if (!header) {
            return tl::unexpected(header.error());
        }
        if (header->trimmed().isEmpty() || header->contains(QLatin1Char(':'))) {
            return tl::unexpected(Problem{reader.path(QStringLiteral("header")),
                                          QStringLiteral("must be a header field name")});
        }
        condition.header = header->trimmed().toLower();
        if (auto checked = readTextMatch(reader, condition); !checked) {
            return tl::unexpected(checked.error());
        }
        break;
    }
    case ConditionKind::Subject:
        if (auto checked = readTextMatch(reader, condition); !checked) {
            return tl::unexpected(checked.error());
        }
        break;
    case ConditionKind::Invitation: {
        auto methods = reader.strings("methods");
        if (!methods) {
            return tl::unexpected(methods.error());
        }
        for (const QString &method : *methods) {
            condition.methods.append(method.trimmed().toUpper());
        }
        break;
    }
    case ConditionKind::RecipientAddress:
    case ConditionKind::RecipientDomain:
    case ConditionKind::SenderAddress:
    case ConditionKind::SenderDomain: {
        auto values = reader.strings("values");
        if (!values) {
            return tl::unexpected(values.error());
        }
        if (values->isEmpty()) {
            return tl::unexpected(Problem{reader.path(QStringLiteral("values")),
                                          QStringLiteral("needs at least one entry")});
        }
        const bool domains = condition.kind == ConditionKind::RecipientDomain
                             || condition.kind == ConditionKind::SenderDomain;
        for (const QString &entry : *values) {
            const QString normal = normalisedEntry(entry, domains);
            if (normal.isEmpty() || (domains == normal.contains(QLatin1Char('@')))) {
                return tl::unexpected(
                        Problem{reader.path(QStringLiteral("values")),
                                QStringLiteral("'%1' is not %2")
                                        .arg(entry, domains ? QStringLiteral("a domain")
                                                            : QStringLiteral("an address"))});
            }
            condition.values.append(normal);
        }
        const bool recipients = condition.kind == ConditionKind::RecipientAddress
                                || condition.kind == ConditionKind::RecipientDomain;
        if (recipients) {
            constexpr std::array quantifiers = {
                    Spelling<Quantifier>{Quantifier::Any, "any"},
                    Spelling<Quantifier>{Quantifier::All, "all"},
            };
            auto which = reader.choice("recipients", quantifiers, std::optional(Quantifier::Any));
            if (!which) {
                return tl::unexpected(which.error());
            }
            condition.recipients = *which;
        }
        break;
    }
    case ConditionKind::RecipientsHaveCertificates:
        break;
    case ConditionKind::Attachment: {
        auto mimeType = reader.string("mimeType", false);
        auto fileName = reader.string("fileName", false);
        if (!mimeType) {
            return tl::unexpected(mimeType.error());
        }
        if (!fileName) {
            return tl::unexpected(fileName.error());
        }
        condition.mimeType = mimeType->trimmed().toLower();
        condition.fileName = fileName->trimmed();
        break;
    }
    case ConditionKind::SizeAbove: {
        auto bytes = reader.integer("bytes", 0, std::numeric_limits<qint32>::max(), true);
        if (!bytes) {
            return tl::unexpected(bytes.error());
        }
        condition.bytes = *bytes;
        break;
    }
    }
    condition.extra = reader.rest();
    return condition;
}

QJsonObject conditionToJson(const Condition &condition)
{
    QJsonObject object = condition.extra;
    object.insert(QLatin1String("type"), toString(condition.kind));
    if (condition.negate) {
        object.insert(QLatin1String("not"), true);
    }
    const auto writeText = [&] {
        object.insert(QLatin1String("match"), spell(matchSpellings, condition.match));
        object.insert(QLatin1String("value"), condition.value);
        if (condition.caseSensitive) {
            object.insert(QLatin1String("caseSensitive"), true);
        }
    };
    switch (condition.kind) {
    case ConditionKind::Header:
        object.insert(QLatin1String("header"), condition.header);
        writeText();
        break;
    case ConditionKind::Subject:
        writeText();
        break;
    case ConditionKind::Invitation:
        if (!condition.methods.isEmpty()) {
            object.insert(QLatin1String("methods"), QJsonArray::fromStringList(condition.methods));
        }
        break;
    case ConditionKind::RecipientAddress:
    case ConditionKind::RecipientDomain:
        object.insert(QLatin1String("recipients"), condition.recipients == Quantifier::All
                                                           ? QStringLiteral("all")
                                                           : QStringLiteral("any"));
        object.insert(QLatin1String("values"),
                      QJsonArray::fromStringList(displayedEntries(condition)));
        break;
    case ConditionKind::SenderAddress:
    case ConditionKind::SenderDomain:
        object.insert(QLatin1String("values"),
                      QJsonArray::fromStringList(displayedEntries(condition)));
        break;
    case ConditionKind::RecipientsHaveCertificates:
        break;
    case ConditionKind::Attachment:
        if (!condition.mimeType.isEmpty()) {
            object.insert(QLatin1String("mimeType"), condition.mimeType);
        }
        if (!condition.fileName.isEmpty()) {
            object.insert(QLatin1String("fileName"), condition.fileName);
        }
        break;
    case ConditionKind::SizeAbove:
        object.insert(QLatin1String("bytes"), condition.bytes);
        break;
    }
    return object;
}

Checked<Rule> ruleFromJson(const QJsonValue &value, const QString &field)
{
    if (!value.isObject()) {
        return tl::unexpected(Problem{field, QStringLiteral("must be an object")});
    }
    const QJsonObject object = value.toObject();
    ObjectReader reader(object, field);
    Rule rule;
    auto name = reader.string("name", true);
    auto enabled = reader.boolean("enabled", true);
    constexpr std::array joins = {
            Spelling<Join>{Join::AllOf, "all-of"},
            Spelling<Join>{Join::AnyOf, "any-of"},
    };
    auto join = reader.choice("match", joins, std::optional(Join::AllOf));
    if (!name) {
        return tl::unexpected(name.error());
    }
    if (name->trimmed().isEmpty()) {
        return tl::unexpected(
                Problem{reader.path(QStringLiteral("name")), QStringLiteral("must not be empty")});
    }
    if (!enabled) {
        return tl::unexpected(enabled.error());
    }
    if (!join) {
        return tl::unexpected(join.error());
    }
    rule.name = name->trimmed();
    rule.enabled = *enabled;
    rule.join = *join;

    reader.markKnown("conditions");
    const QJsonValue conditions = reader.value("conditions");
    if (!conditions.isUndefined() && !conditions.isNull()) {
        if (!conditions.isArray()) {
            return tl::unexpected(Problem{reader.path(QStringLiteral("conditions")),
                                          QStringLiteral("must be a list of conditions")});
        }
        const QJsonArray array = conditions.toArray();
        for (qsizetype index = 0; index < array.size(); ++index) {
            auto condition = conditionFromJson(
                    array.at(index), QStringLiteral("%1[%2]")
                                             .arg(reader.path(QStringLiteral("conditions")))
                                             .arg(index));
            if (!condition) {
                return tl::unexpected(condition.error());
            }
            rule.conditions.append(std::move(*condition));
        }
    }
    reader.markKnown("action");
    auto action = actionFromJson(reader.value("action"), reader.path(QStringLiteral("action")));
    if (!action) {
        return tl::unexpected(action.error());
    }
    rule.action = std::move(*action);
    rule.extra = reader.rest();
    return rule;
}

QJsonObject ruleToJson(const Rule &rule)
{
    QJsonObject object = rule.extra;
    object.insert(QLatin1String("name"), rule.name);
    if (!rule.enabled) {
        object.insert(QLatin1String("enabled"), false);
    }
    object.insert(QLatin1String("match"),
                  rule.join == Join::AnyOf ? QStringLiteral("any-of") : QStringLiteral("all-of"));
    QJsonArray conditions;
    for (const Condition &condition : rule.conditions) {
        conditions.append(conditionToJson(condition));
    }
    object.insert(QLatin1String("conditions"), conditions);
    object.insert(QLatin1String("action"), actionToJson(rule.action));
    return object;
}

} // namespace

QString toString(ActionKind kind)
{
    return spell(actionSpellings, kind);
}

QString toString(ConditionKind kind)
{
    return spell(conditionSpellings, kind);
}

QString toString(Fallback fallback)
{
    return spell(fallbackSpellings, fallback);
}

Checked<Policy> policyFromJson(const QJsonObject &object, const QString &field)
{
    ObjectReader reader(object, field);
    Policy policy;
    auto templateName = reader.string("template", false);
    if (!templateName) {
        return tl::unexpected(templateName.error());
    }
    policy.templateName = *templateName;

    reader.markKnown("rules");
    const QJsonValue rules = reader.value("rules");
    if (!rules.isUndefined() && !rules.isNull()) {
        if (!rules.isArray()) {
            return tl::unexpected(Problem{reader.path(QStringLiteral("rules")),
                                          QStringLiteral("must be a list of rules")});
        }
        const QJsonArray array = rules.toArray();
        QStringList names;
        for (qsizetype index = 0; index < array.size(); ++index) {
            const QString ruleField =
                    QStringLiteral("%1[%2]").arg(reader.path(QStringLiteral("rules"))).arg(index);
            auto rule = ruleFromJson(array.at(index), ruleField);
            if (!rule) {
                return tl::unexpected(rule.error());
            }
            if (names.contains(rule->name, Qt::CaseInsensitive)) {
                return tl::unexpected(
                        Problem{ruleField + QStringLiteral(".name"),
                                QStringLiteral("'%1' names two rules; rule names must differ "
                                               "so that decisions can say which one matched")
                                        .arg(rule->name)});
            }
            names.append(rule->name);
            policy.rules.append(std::move(*rule));
        }
    }

    reader.markKnown("default");
    if (reader.has("default")) {
        auto action =
                actionFromJson(reader.value("default"), reader.path(QStringLiteral("default")));
        if (!action) {
            return tl::unexpected(action.error());
        }
        if (action->kind == ActionKind::ConvertInvitation) {
            return tl::unexpected(Problem{reader.path(QStringLiteral("default.type")),
                                          QStringLiteral("the default action must decide; use "
                                                         "convertInvitation with another type")});
        }
        policy.defaultAction = std::move(*action);
    }
    policy.extra = reader.rest();
    return policy;
}

QJsonObject toJson(const Policy &policy)
{
    QJsonObject object = policy.extra;
    if (!policy.templateName.isEmpty()) {
        object.insert(QLatin1String("template"), policy.templateName);
    }
    QJsonArray rules;
    for (const Rule &rule : policy.rules) {
        rules.append(ruleToJson(rule));
    }
    object.insert(QLatin1String("rules"), rules);
    object.insert(QLatin1String("default"), actionToJson(policy.defaultAction));
    return object;
}

QString normaliseDomainEntry(const QString &entry)
{
    const QString trimmed = entry.trimmed();
    if (trimmed.startsWith(QLatin1String("*."))) {
        const QString domain = Crypto::normalisedDomain(trimmed.mid(2));
        return domain.isEmpty() ? QString() : QStringLiteral("*.") + domain;
    }
    return Crypto::normalisedDomain(trimmed);
}

} // namespace Postern::Policy
