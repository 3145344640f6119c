#include <QDir>
#include <QFile>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void complete_data();
    void complete();
    void compiledCatalogueTranslates_data();
    void compiledCatalogueTranslates();
};

void TestTranslations::complete_data()
{
    QTest::addColumn<QString>("tsFile");
    QTest::newRow("German") << QStringLiteral(POSTERN_TS_DIR "/postern_de.ts");
    QTest::newRow("French") << QStringLiteral(POSTERN_TS_DIR "/postern_fr.ts");
}

// Every source string has a finished, non-empty translation.
void TestTranslations::complete()
{
    QFETCH(QString, tsFile);
    QFile file(tsFile);
    QVERIFY(file.open(QIODevice::ReadOnly));

    QXmlStreamReader xml(&file);
    int messages = 0;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            continue;
        }
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
            ++messages;
        } else if (xml.name() == QLatin1String("translation")) {
            const bool unfinished =
                    xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            // A plural message holds one <numerusform> per plural form of the language.
            QStringList forms;
            QString text;
            while (!(xml.readNext() == QXmlStreamReader::EndElement
                     && xml.name() == QLatin1String("translation"))) {
                QVERIFY(!xml.hasError());
                if (xml.isCharacters()) {
                    text += xml.text();
                } else if (xml.isStartElement()) {
                    forms.append(xml.readElementText());
                }
            }
            if (forms.isEmpty()) {
                forms.append(text);
            }
            for (const QString &form : std::as_const(forms)) {
                QVERIFY2(!unfinished && !form.isEmpty(),
                         qPrintable(QStringLiteral("untranslated: ") + source));
            }
        }
    }
    QVERIFY(!xml.hasError());
    QVERIFY(messages > 0);
}

void TestTranslations::compiledCatalogueTranslates_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("accounts");
    QTest::newRow("German") << QStringLiteral("de") << QStringLiteral("Konten");
    QTest::newRow("French") << QStringLiteral("fr") << QStringLiteral("Comptes");
}

void TestTranslations::compiledCatalogueTranslates()
{
    QFETCH(QString, language);
    QFETCH(QString, accounts);
    QTranslator translator;
    QVERIFY(translator.load(QLocale(language), QStringLiteral("postern"), QStringLiteral("_"),
                            QStringLiteral(POSTERN_QM_DIR)));
    QCOMPARE(translator.translate("Postern::Ui::MainWindow", "Accounts"), accounts);
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
