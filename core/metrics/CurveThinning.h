#pragma once
// Internal: keeps long metric curves small enough to plot and to send to the GUI.
#include "metrics/Metrics.h"

#include <cmath>
#include <vector>

namespace dl::metrics_detail {

// Keeps at most maxPoints points, evenly spaced along the curve (by index), the
// first and the last always included. maxPoints < 2 keeps both ends only.
inline std::vector<CurvePoint> thinCurve(std::vector<CurvePoint> points, std::size_t maxPoints)
{
    if (maxPoints < 2)
        maxPoints = 2;
    if (points.size() <= maxPoints)
        return points;
    std::vector<CurvePoint> kept;
    kept.reserve(maxPoints);
    const double step = double(points.size() - 1) / double(maxPoints - 1);
    for (std::size_t i = 0; i < maxPoints; ++i)
        kept.push_back(points[std::size_t(std::llround(double(i) * step))]);
    return kept;
}

} // namespace dl::metrics_detail
