#include "ui/common/ImageConvert.h"

#include "common/Error.h"

#include <string>

namespace dl::ui {

QImage toQImage(const cv::Mat& image)
{
    if (image.empty())
        return {};
    QImage::Format format = QImage::Format_Invalid;
    switch (image.type()) {
    case CV_8UC1:
        format = QImage::Format_Grayscale8;
        break;
    case CV_8UC3:
        format = QImage::Format_RGB888;
        break;
    case CV_8UC4:
        format = QImage::Format_RGBA8888;
        break;
    default:
        throw Error("cannot display an image of OpenCV type " + std::to_string(image.type())
                    + ": only 8-bit gray, RGB and RGBA images are supported");
    }
    // Wrap the matrix rows (step may include padding), then copy so the QImage owns its pixels.
    const QImage view(image.data, image.cols, image.rows, static_cast<qsizetype>(image.step), format);
    return view.copy();
}

cv::Mat toRgbMat(const QImage& image)
{
    if (image.isNull())
        return {};
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    const cv::Mat view(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar*>(rgb.constBits()),
                       static_cast<size_t>(rgb.bytesPerLine()));
    return view.clone();
}

} // namespace dl::ui
