#pragma once
// The user-interface translations: defectlens_<language>.qm files embedded as
// resources under :/i18n (built from translations/*.ts by app/CMakeLists.txt).
#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace dl::ui {

// Resource folder of the embedded .qm files.
QString translationsResourceDir();
// Languages with an embedded translation, e.g. {"de", "ja", "zh_CN"}.
QStringList availableTranslations();

// Installs the DefectLens translation for `locale` (and Qt's own translation of
// its standard dialogs when the system has it) into `app`. English needs none.
// Returns true when a DefectLens translation was installed.
bool installTranslations(QCoreApplication& app, const QLocale& locale);

} // namespace dl::ui
