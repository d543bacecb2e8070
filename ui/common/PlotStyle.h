#pragma once
// Colours of the QCustomPlot charts taken from a QPalette: QCustomPlot paints
// its own white canvas and black axes and ignores the widget palette, so the
// training curves and the model comparison would stay white in the dark theme.
#include <QColor>

#include <functional>

class QEvent;

class QCustomPlot;
class QPalette;

namespace dl::ui {

// Whether the palette's surfaces are dark (curves then need lighter colours).
bool isDarkPalette(const QPalette& palette);
// The background, axes, ticks, grid, labels, titles and legend of `plot` in the
// colours of `palette`; curves keep theirs. Queues a replot.
void stylePlot(QCustomPlot* plot, const QPalette& palette);
// The colour of the `index`-th curve of a chart, well apart from its neighbours
// and readable on the palette's base colour (lighter shades on dark surfaces).
QColor plotCurveColour(int index, const QPalette& palette);
// A colour between the palette's base and text colours (0: base, 1: text), for
// secondary lines such as grids or a faded reference curve.
QColor plotBlendColour(const QPalette& palette, double towardsText);

// For a plotting panel's changeEvent: calls `retranslate` on a language change and
// `restyle` when the widget's or the application's palette changed.
void followLanguageAndPalette(const QEvent* event, const std::function<void()>& retranslate,
                              const std::function<void()>& restyle);

} // namespace dl::ui
