#pragma once
// The user-interface translations: defectlens_<language>.qm files embedded as
// resources under :/i18n (built from translations/*.ts by app/CMakeLists.txt).
#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace dl {
struct EngineText;
}

namespace dl::ui {

// Resource folder of the embedded .qm files.
QString translationsResourceDir();
// Languages with an embedded translation, e.g. {"de", "ja", "zh_CN"}.
QStringList availableTranslations();

// Installs the DefectLens translation for `locale` (and Qt's own translation of
// its standard dialogs when the system has it) into `app`. English needs none.
// Replaces translators installed by an earlier call. Returns true when a
// DefectLens translation was installed.
bool installTranslations(QCoreApplication& app, const QLocale& locale);

// The languages the user can choose: "en" (the source language) and every
// embedded translation, e.g. {"en", "de", "ja", "zh_CN"}.
QStringList supportedLanguages();
// A language's name in that language ("Deutsch", "简体中文", "日本語"); not translated on purpose.
QString languageDisplayName(const QString& language);
// Switches the user interface to `language` at run time ("en", "de", ...; empty:
// the system locale). Qt then sends QEvent::LanguageChange to every widget,
// whose changeEvent retranslates it. Returns false for a language without translation.
bool setLanguage(QCoreApplication& app, const QString& language);
// The language last chosen with setLanguage/installTranslations ("en" when none was installed).
QString currentLanguage();

// Engine text (a log line, a progress stage) in the current language: text
// marked for translation (DL_TR, core/common/EngineText.h) is translated and
// its arguments, themselves shown this way, filled in; plain text, and text
// without a translation, is shown as written. Safe on any thread.
QString displayedText(const EngineText& message);

} // namespace dl::ui
