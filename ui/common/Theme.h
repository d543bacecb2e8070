#pragma once
// Light and dark looks for the whole application: the Fusion style (the same on
// every desktop) with a matching QPalette. Widgets that paint their own colours
// follow QEvent::PaletteChange.
#include <QPalette>
#include <QString>

namespace dl::ui {

enum class Theme { Light, Dark };

// "light" / "dark" as stored in the settings; unknown names give Light.
QString themeKey(Theme theme);
Theme themeFromKey(const QString& key);

QPalette themePalette(Theme theme);
// Sets the Fusion style (once) and the theme's palette on the application.
void applyTheme(Theme theme);
Theme currentTheme();

} // namespace dl::ui
