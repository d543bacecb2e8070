#include "ui/common/PlotStyle.h"

#include <QEvent>
#include <QPalette>

#include <qcustomplot.h>

#include <iterator>

namespace dl::ui {

namespace {

QColor blend(const QColor& from, const QColor& to, double amount)
{
    const auto channel = [amount](int a, int b) { return int(a + (b - a) * amount + 0.5); };
    return QColor(channel(from.red(), to.red()), channel(from.green(), to.green()),
                  channel(from.blue(), to.blue()));
}

// A semi-transparent legend keeps the curves under it visible.
constexpr int kLegendAlpha = 190;

} // namespace

bool isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor plotBlendColour(const QPalette& palette, double towardsText)
{
    return blend(palette.color(QPalette::Base), palette.color(QPalette::Text), towardsText);
}

QColor plotCurveColour(int index, const QPalette& palette)
{
    // The same hues in both themes (blue, orange, green, red, violet), so a curve
    // keeps its identity across a theme switch; only the shade follows the background.
    static const QColor onLight[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                     QColor(214, 39, 40), QColor(148, 103, 189)};
    static const QColor onDark[] = {QColor(100, 170, 235), QColor(255, 165, 75), QColor(110, 205, 110),
                                    QColor(245, 105, 105), QColor(190, 155, 230)};
    const int count = int(std::size(onLight));
    const int slot = ((index % count) + count) % count;
    return isDarkPalette(palette) ? onDark[slot] : onLight[slot];
}

void stylePlot(QCustomPlot* plot, const QPalette& palette)
{
    if (!plot)
        return;
    const QColor text = palette.color(QPalette::WindowText);
    const QColor base = palette.color(QPalette::Base);
    // The frame like the dock around it; the data area like a table's cells.
    plot->setBackground(palette.color(QPalette::Window));
    const QPen axisPen(blend(base, text, 0.7), 1);
    const QPen gridPen(plotBlendColour(palette, 0.2), 1, Qt::DotLine);
    const QPen subGridPen(plotBlendColour(palette, 0.1), 1, Qt::DotLine);
    const QPen zeroLinePen(plotBlendColour(palette, 0.3), 1);
    for (QCPAxisRect* rect : plot->axisRects()) {
        rect->setBackground(base);
        for (QCPAxis* axis : rect->axes()) {
            axis->setBasePen(axisPen);
            axis->setTickPen(axisPen);
            axis->setSubTickPen(axisPen);
            axis->setTickLabelColor(text);
            axis->setLabelColor(text);
            axis->grid()->setPen(gridPen);
            axis->grid()->setSubGridPen(subGridPen);
            axis->grid()->setZeroLinePen(zeroLinePen);
        }
    }
    if (plot->legend) {
        QColor legendFill = base;
        legendFill.setAlpha(kLegendAlpha);
        plot->legend->setBrush(legendFill);
        plot->legend->setBorderPen(QPen(plotBlendColour(palette, 0.4), 1));
        plot->legend->setTextColor(text);
    }
    // Chart titles are text elements in the plot layout.
    for (QCPLayoutElement* element : plot->plotLayout()->elements(true))
        if (auto* title = qobject_cast<QCPTextElement*>(element))
            title->setTextColor(text);
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void followLanguageAndPalette(const QEvent* event, const std::function<void()>& retranslate,
                              const std::function<void()>& restyle)
{
    switch (event->type()) {
    case QEvent::LanguageChange:
        retranslate();
        break;
    case QEvent::PaletteChange:
    case QEvent::ApplicationPaletteChange:
        restyle();
        break;
    default:
        break;
    }
}

} // namespace dl::ui
