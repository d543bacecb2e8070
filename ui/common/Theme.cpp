#include "ui/common/Theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace dl::ui {

namespace {
Theme g_current = Theme::Light;
} // namespace

QString themeKey(Theme theme)
{
    return theme == Theme::Dark ? QStringLiteral("dark") : QStringLiteral("light");
}

Theme themeFromKey(const QString& key)
{
    return key.compare(QStringLiteral("dark"), Qt::CaseInsensitive) == 0 ? Theme::Dark : Theme::Light;
}

QPalette themePalette(Theme theme)
{
    QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    QPalette palette = fusion ? fusion->standardPalette() : QPalette();
    delete fusion;
    if (theme == Theme::Light)
        return palette;

    // Dark grey surfaces rather than black: heatmap colours and images stay the brightest things on screen.
    const QColor window(45, 47, 50);
    const QColor base(30, 31, 34);
    const QColor text(225, 227, 230);
    const QColor disabledText(125, 128, 132);
    const QColor highlight(42, 130, 218);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(52, 54, 58));
    palette.setColor(QPalette::ToolTipBase, QColor(60, 63, 66));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(150, 153, 158));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(55, 57, 61));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(255, 110, 110));
    palette.setColor(QPalette::Light, QColor(75, 78, 82));
    palette.setColor(QPalette::Midlight, QColor(62, 64, 68));
    palette.setColor(QPalette::Mid, QColor(40, 41, 44));
    palette.setColor(QPalette::Dark, QColor(22, 23, 25));
    palette.setColor(QPalette::Shadow, QColor(10, 10, 10));
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(100, 170, 240));
    palette.setColor(QPalette::LinkVisited, QColor(170, 140, 230));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(70, 72, 76));
    palette.setColor(QPalette::Disabled, QPalette::HighlightedText, disabledText);
    return palette;
}

void applyTheme(Theme theme)
{
    if (QApplication::style()->name().compare(QStringLiteral("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStringLiteral("Fusion"));
    QApplication::setPalette(themePalette(theme));
    g_current = theme;
}

Theme currentTheme()
{
    return g_current;
}

} // namespace dl::ui
