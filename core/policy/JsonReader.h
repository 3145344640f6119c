#pragma once

// Reading the configuration's JSON objects with exact error places; private to core/policy.

#include "core/policy/Policy.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <array>
#include <limits>
#include <optional>
#include <utility>

namespace Postern::Policy::Json {

template <typename Enum>
using Spelling = std::pair<Enum, const char *>;

template <typename Enum, std::size_t N>
inline QString spell(const std::array<Spelling<Enum>, N> &table, Enum value)
{
    for (const auto &[candidate, text] : table) {
        if (candidate == value) {
            return QLatin1String(text);
        }
    }
    return {};
}

template <typename Enum, std::size_t N>
inline QString choices(const std::array<Spelling<Enum>, N> &table)
{
    QStringList names;
    for (const auto &entry : table) {
        names.append(QLatin1String(entry.second));
    }
    return names.join(QStringLiteral(", "));
}

/** Reads one JSON object of the file, remembering which keys it used so that the others can be
 *  kept for a newer version of Postern. */
class ObjectReader
{
public:
    ObjectReader(const QJsonObject &object, QString field)
        : m_object(object)
        , m_field(std::move(field))
    {
    }

    QString path(const QString &key) const
    {
        return m_field.isEmpty() ? key : m_field + QLatin1Char('.') + key;
    }

    bool has(const char *key) const { return m_object.contains(QLatin1String(key)); }

    Checked<QString> string(const char *key, bool required)
    {
        const auto value = take(key);
        if (!value) {
            return required ? tl::unexpected(missing(key)) : Checked<QString>(QString());
        }
        if (!value->isString()) {
            return tl::unexpected(wrong(key, "must be a string"));
        }
        return value->toString();
    }

    Checked<bool> boolean(const char *key, bool fallback)
    {
        const auto value = take(key);
        if (!value) {
            return fallback;
        }
        if (!value->isBool()) {
            return tl::unexpected(wrong(key, "must be true or false"));
        }
        return value->toBool();
    }

    Checked<qint64> integer(const char *key, qint64 minimum, qint64 maximum, bool required)
    {
        const auto value = take(key);
        if (!value) {
            return required ? tl::unexpected(missing(key)) : Checked<qint64>(minimum);
        }
        const double number = value->toDouble(-1.0);
        const auto whole = static_cast<qint64>(number);
        if (!value->isDouble() || static_cast<double>(whole) != number || whole < minimum
            || whole > maximum) {
            return tl::unexpected(Problem{path(QLatin1String(key)),
                                          QStringLiteral("must be a whole number from %1 to %2")
                                                  .arg(minimum)
                                                  .arg(maximum)});
        }
        return whole;
    }

    Checked<QStringList> strings(const char *key)
    {
        const auto value = take(key);
        if (!value) {
            return QStringList();
        }
        if (!value->isArray()) {
            return tl::unexpected(wrong(key, "must be a list of strings"));
        }
        QStringList list;
        const QJsonArray array = value->toArray();
        for (qsizetype index = 0; index < array.size(); ++index) {
            if (!array.at(index).isString()) {
                return tl::unexpected(
                        Problem{QStringLiteral("%1[%2]").arg(path(QLatin1String(key))).arg(index),
                                QStringLiteral("must be a string")});
            }
            list.append(array.at(index).toString());
        }
        return list;
    }

    template <typename Enum, std::size_t N>
    Checked<Enum> choice(const char *key,
                         const std::array<Spelling<Enum>, N> &table,
                         std::optional<Enum> fallback)
    {
        auto text = string(key, !fallback.has_value());
        if (!text) {
            return tl::unexpected(text.error());
        }
        if (text->isEmpty() && fallback.has_value()) {
            return *fallback;
        }
        for (const auto &[value, spelling] : table) {
            if (*text == QLatin1String(spelling)) {
                return value;
            }
        }
        return tl::unexpected(
                Problem{path(QLatin1String(key)),
                        QStringLiteral("'%1' is not one of: %2").arg(*text, choices(table))});
    }

    Checked<QJsonObject> object(const char *key, bool required)
    {
        const auto value = take(key);
        if (!value) {
            return required ? tl::unexpected(missing(key)) : Checked<QJsonObject>(QJsonObject());
        }
        if (!value->isObject()) {
            return tl::unexpected(wrong(key, "must be an object"));
        }
        return value->toObject();
    }

    QJsonObject rest() const
    {
        QJsonObject extra = m_object;
        for (const QString &key : m_known) {
            extra.remove(key);
        }
        return extra;
    }

    void markKnown(const char *key) { m_known.append(QLatin1String(key)); }

    QJsonValue value(const char *key) const { return m_object.value(QLatin1String(key)); }

private:
    // Marks @p key as read; its value, or nothing when it is absent or null.
    std::optional<QJsonValue> take(const char *key)
    {
        const QString name = QLatin1String(key);
        m_known.append(name);
        const QJsonValue value = m_object.value(name);
        if (value.isUndefined() || value.isNull()) {
            return std::nullopt;
        }
        return value;
    }

    Problem missing(const char *key) const
    {
        return Problem{path(QLatin1String(key)), QStringLiteral("is missing")};
    }

    Problem wrong(const char *key, const char *reason) const
    {
        return Problem{path(QLatin1String(key)), QLatin1String(reason)};
    }

    const QJsonObject &m_object;
    QString m_field;
    QStringList m_known;
};

} // namespace Postern::Policy::Json
