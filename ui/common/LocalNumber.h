#pragma once
// Numbers on screen as the user's locale writes them, like the spin boxes beside them
// (a decimal comma in German), without group separators: in German a score of 1234.5
// written "1.234,5" next to "20,84" reads as a different number. Files meant for other
// programs (CSV, JSON, file names) keep the C locale.
#include <QLocale>
#include <QString>

namespace dl::ui {

inline QString localNumber(double value, char format = 'g', int precision = 6)
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() | QLocale::OmitGroupSeparator);
    return locale.toString(value, format, precision);
}

} // namespace dl::ui
