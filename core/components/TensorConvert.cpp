#include "components/TensorConvert.h"

#include "common/Error.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace dl {

torch::Tensor imagesToTensor(const std::vector<cv::Mat>& rgb8, const PreprocessSpec& spec)
{
    torch::Tensor batch = torch::empty({std::int64_t(rgb8.size()), 3, spec.height, spec.width}, torch::kFloat32);
    const std::int64_t perImage = 3 * std::int64_t(spec.height) * spec.width;
    for (std::size_t i = 0; i < rgb8.size(); ++i)
        spec.applyPlanar(rgb8[i], batch.data_ptr<float>() + std::int64_t(i) * perImage);
    return batch;
}

cv::Mat tensorToMat(const torch::Tensor& map2d)
{
    torch::Tensor t = map2d.to(torch::kFloat32).contiguous();
    if (t.dim() != 2)
        throw Error("internal: expected a 2-D map tensor");
    cv::Mat out(int(t.size(0)), int(t.size(1)), CV_32FC1);
    std::memcpy(out.ptr<float>(), t.data_ptr<float>(), out.total() * sizeof(float));
    return out;
}

cv::Mat upsampleAndSmooth(const cv::Mat& grid, int width, int height, double sigma)
{
    cv::Mat up;
    cv::resize(grid, up, cv::Size(width, height), 0, 0, cv::INTER_LINEAR);
    if (sigma > 0) {
        int radius = int(std::lround(4.0 * sigma));
        cv::GaussianBlur(up, up, cv::Size(2 * radius + 1, 2 * radius + 1), sigma, sigma, cv::BORDER_REFLECT);
    }
    return up;
}

} // namespace dl
