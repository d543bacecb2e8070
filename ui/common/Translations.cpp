#include "ui/common/Translations.h"

#include "common/EngineText.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

namespace dl::ui {

namespace {
// The translators installed now, so that a language switch can take them out again.
QPointer<QTranslator> g_ownTranslator;
QPointer<QTranslator> g_qtTranslator;
QString g_language = QStringLiteral("en");

void removeInstalledTranslators(QCoreApplication& app)
{
    for (QPointer<QTranslator>* translator : {&g_ownTranslator, &g_qtTranslator})
        if (*translator) {
            app.removeTranslator(*translator);
            delete translator->data();
        }
}
} // namespace

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
    removeInstalledTranslators(app);
    // Parented to the application: translators must live as long as it does.
    auto* own = new QTranslator(&app);
    const bool ownLoaded =
        own->load(locale, QStringLiteral("defectlens"), QStringLiteral("_"), translationsResourceDir());
    if (ownLoaded) {
        app.installTranslator(own);
        g_ownTranslator = own;
        g_language = QFileInfo(own->filePath()).completeBaseName().mid(QStringLiteral("defectlens_").size());
    } else {
        delete own;
        g_language = QStringLiteral("en");
    }

    // Qt's translations of its standard dialogs (file dialog buttons etc.) are
    // optional system files; without them those dialogs stay in English.
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        app.installTranslator(qt);
        g_qtTranslator = qt;
    } else {
        delete qt;
    }
    return ownLoaded;
}

QStringList supportedLanguages()
{
    return QStringList{QStringLiteral("en")} + availableTranslations();
}

QString languageDisplayName(const QString& language)
{
    if (language == QLatin1String("en"))
        return QStringLiteral("English");
    if (language == QLatin1String("zh_CN"))
        return QStringLiteral("\u7b80\u4f53\u4e2d\u6587"); // 简体中文
    const QLocale locale(language);
    const QString native = locale.nativeLanguageName();
    return native.isEmpty() ? language : native.left(1).toUpper() + native.mid(1);
}

bool setLanguage(QCoreApplication& app, const QString& language)
{
    if (language.isEmpty())
        return installTranslations(app, QLocale());
    if (language == QLatin1String("en")) {
        removeInstalledTranslators(app);
        g_language = language;
        return true;
    }
    if (!availableTranslations().contains(language))
        return false;
    return installTranslations(app, QLocale(language));
}

QString currentLanguage()
{
    return g_language;
}

QString displayedText(const EngineText& message)
{
    if (!message.translatable())
        return QString::fromStdString(message.text);
    std::vector<std::string> arguments;
    arguments.reserve(message.arguments.size());
    for (const EngineText& argument : message.arguments)
        arguments.push_back(displayedText(argument).toStdString());
    const QString translated = QCoreApplication::translate(message.context, message.source);
    return QString::fromStdString(fillPlaceholders(translated.toStdString(), arguments));
}

} // namespace dl::ui
