#include "ui/Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

namespace dl::ui {

QString translationsResourceDir()
{
    return QStringLiteral(":/i18n");
}

QStringList availableTranslations()
{
    QStringList languages;
    const QStringList files =
        QDir(translationsResourceDir()).entryList({QStringLiteral("defectlens_*.qm")}, QDir::Files, QDir::Name);
    for (const QString& file : files)
        languages << file.mid(QStringLiteral("defectlens_").size()).chopped(QStringLiteral(".qm").size());
    return languages;
}

bool installTranslations(QCoreApplication& app, const QLocale& locale)
{
    // Parented to the application: translators must live as long as it does.
    auto* own = new QTranslator(&app);
    const bool ownLoaded =
        own->load(locale, QStringLiteral("defectlens"), QStringLiteral("_"), translationsResourceDir());
    if (ownLoaded)
        app.installTranslator(own);
    else
        delete own;

    // Qt's translations of its standard dialogs (file dialog buttons etc.) are
    // optional system files; without them those dialogs stay in English.
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
    return ownLoaded;
}

} // namespace dl::ui
