#pragma once

#include <QLocale>
#include <QStringList>

#include <vector>

class QCoreApplication;
class QTranslator;

namespace Postern::Translations {

/**
 * Where Postern's catalogues are looked for, first match wins: the installed ones beside the
 * program (share/postern/translations), so that a corrected translation needs no new binary,
 * then the ones built into it.
 */
QStringList defaultPlaces();

/**
 * Installs Qt's own catalogue for @p locale, the English plural forms, and Postern's catalogue
 * for @p locale from the first of @p places that has it. The English forms are installed first so
 * that a language's own catalogue, searched before them, wins wherever it has the text; a
 * language without a catalogue still reads "1 account", not "1 accounts". Returns the translators
 * installed, owned by @p app, in the order installed.
 */
std::vector<QTranslator *>
install(QCoreApplication &app, const QLocale &locale, const QStringList &places = defaultPlaces());

} // namespace Postern::Translations
