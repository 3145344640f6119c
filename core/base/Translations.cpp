#include "core/base/Translations.h"

#include "core/base/Logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace Postern::Translations {

namespace {

QTranslator *loadFirst(QCoreApplication &app, const QLocale &locale, const QStringList &places)
{
    for (const QString &place : places) {
        auto *translator = new QTranslator(&app);
        if (translator->load(locale, QStringLiteral("postern"), QStringLiteral("_"), place)) {
            return translator;
        }
        delete translator;
    }
    return nullptr;
}

} // namespace

QStringList defaultPlaces()
{
    return {
            QCoreApplication::applicationDirPath()
                    + QStringLiteral("/../share/postern/translations"),
            QStringLiteral(":/i18n"),
    };
}

std::vector<QTranslator *>
install(QCoreApplication &app, const QLocale &locale, const QStringList &places)
{
    std::vector<QTranslator *> installed;
    const auto add = [&installed](QTranslator *translator) {
        if (translator != nullptr) {
            qCDebug(lcCore).noquote() << "translation" << translator->filePath();
            QCoreApplication::installTranslator(translator);
            installed.push_back(translator);
        }
    };

    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        add(qtTranslator);
    } else {
        delete qtTranslator;
    }
    add(loadFirst(app, QLocale(QLocale::English), places));
    if (locale.language() != QLocale::English && locale.language() != QLocale::C) {
        add(loadFirst(app, locale, places));
    }
    return installed;
}

} // namespace Postern::Translations
