#include "engine/TiledDetector.h"

#include "common/Error.h"
#include "common/Log.h"
#include "data/ImageIO.h"
#include "engine/ModelBundle.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>

#include <unistd.h>

namespace dl {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kTilesPerCall = 8;      // tiles per network call while scoring
constexpr double kMaxStitchedPixels = 16e6;   // larger maps are stitched at a reduced scale

// Start positions of tiles of length `tile` covering [0, length) with at least
// `overlap` shared pixels, spread evenly, the last one flush with the end.
std::vector<int> tileStarts(int length, int tile, int overlap)
{
    if (length <= tile)
        return {0};
    const int stride = std::max(1, tile - overlap);
    const int count = 1 + int(std::ceil(double(length - tile) / double(stride)));
    std::vector<int> starts;
    for (int i = 0; i < count; ++i)
        starts.push_back(int(std::lround(double(i) * double(length - tile) / double(count - 1))));
    return starts;
}

// A folder for the training tiles, removed when fitting ends (also on failure).
class TemporaryFolder {
public:
    TemporaryFolder()
    {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() / ("defectlens-tiles-" + std::to_string(::getpid()) + "-"
                                             + std::to_string(counter++));
        std::error_code ec;
        fs::remove_all(path_, ec);
        fs::create_directories(path_, ec);
        if (ec)
            throw Error::forFile(path_.string(), "cannot create the folder for training tiles: " + ec.message());
    }
    ~TemporaryFolder()
    {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TemporaryFolder(const TemporaryFolder&) = delete;
    TemporaryFolder& operator=(const TemporaryFolder&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// Lossless and quick: the tiles are read once or twice.
void writeTile(const std::string& path, const cv::Mat& rgbOrMask)
{
    cv::Mat out;
    if (rgbOrMask.channels() == 3)
        cv::cvtColor(rgbOrMask, out, cv::COLOR_RGB2BGR);
    else
        out = rgbOrMask;
    if (!cv::imwrite(path, out, {cv::IMWRITE_PNG_COMPRESSION, 1}))
        throw Error::forFile(path, "cannot write a training tile (is the temporary folder's disk full?)");
}

// Weights of a tile's pixels when stitching: highest at the centre, never zero,
// so that every pixel of the image is covered.
cv::Mat centreWeights(cv::Size size)
{
    auto axis = [](int n) {
        cv::Mat w(1, n, CV_32F);
        for (int i = 0; i < n; ++i)
            w.at<float>(0, i) = 0.1f + 0.9f * float(std::sin(M_PI * (i + 0.5) / n));
        return w;
    };
    cv::Mat rows = axis(size.height).t();
    cv::Mat cols = axis(size.width);
    return rows * cols;
}

} // namespace

std::vector<cv::Rect> tileGrid(cv::Size image, const TileSpec& tile)
{
    if (!tile.enabled() || image.width <= 0 || image.height <= 0)
        return {cv::Rect(0, 0, std::max(0, image.width), std::max(0, image.height))};
    std::vector<cv::Rect> grid;
    const int tileWidth = std::min(tile.size, image.width);
    const int tileHeight = std::min(tile.size, image.height);
    for (int y : tileStarts(image.height, tile.size, tile.overlap))
        for (int x : tileStarts(image.width, tile.size, tile.overlap))
            grid.emplace_back(x, y, tileWidth, tileHeight);
    return grid;
}

TileSpec takeTilingParameters(nlohmann::json& params)
{
    TileSpec spec;
    if (!params.is_object())
        return spec;
    auto take = [&](const char* key, int& out) {
        if (!params.contains(key))
            return;
        const nlohmann::json value = params.at(key);
        params.erase(key);
        if (!value.is_number_integer())
            throw Error(std::string("parameter ") + key + " must be a whole number of pixels, got " + value.dump());
        out = value.get<int>();
    };
    take("tile_size", spec.size);
    take("tile_overlap", spec.overlap);
    if (spec.size == 0 && spec.overlap != 0)
        throw Error("parameter tile_overlap needs tile_size (tiling is off without it)");
    if (spec.size != 0 && (spec.size < 32 || spec.size > 8192))
        throw Error("parameter tile_size must lie within 32..8192 pixels (0: no tiling), got "
                    + std::to_string(spec.size));
    if (spec.overlap < 0 || (spec.size > 0 && spec.overlap >= spec.size / 2))
        throw Error("parameter tile_overlap must lie within 0.." + std::to_string(std::max(0, spec.size / 2 - 1))
                    + " pixels (less than half a tile), got " + std::to_string(spec.overlap));
    return spec;
}

TiledDetector::TiledDetector(std::unique_ptr<Detector> method, TileSpec tiling) : inner_(std::move(method))
{
    info_ = inner_->info();
    info_.tiling = tiling;
}

void TiledDetector::shareInfoWithMethod()
{
    inner_->info() = info_;
    inner_->info().tiling = TileSpec{}; // the method itself sees single tiles
}

void TiledDetector::takeInfoFromMethod()
{
    const TileSpec tiling = info_.tiling;
    info_ = inner_->info();
    info_.tiling = tiling;
}

void TiledDetector::fit(const FitInput& input, const ProgressContext& progress)
{
    shareInfoWithMethod();
    TemporaryFolder folder;
    FitInput tiled;
    tiled.categories = input.categories;
    tiled.checkpoint = input.checkpoint; // the tiles are cut the same way again on a resume
    const std::size_t total = input.normal.size() + input.labelledDefects.size();
    std::size_t done = 0;
    std::size_t written = 0;
    auto tilesOf = [&](const Sample& sample, bool labelled) {
        progress.checkCancelled();
        progress.report(0.1 * double(done++) / double(std::max<std::size_t>(1, total)),
                        DL_TR("Engine", "cutting training images into tiles"));
        const cv::Mat image = loadImageRgb(sample.path);
        const cv::Mat mask = labelled ? loadMask(sample.maskPath) : cv::Mat();
        if (labelled && mask.size() != image.size())
            throw Error::forFile(sample.maskPath, "mask size differs from its image's");
        const std::vector<cv::Rect> grid = tileGrid(image.size(), info_.tiling);
        for (std::size_t k = 0; k < grid.size(); ++k) {
            if (labelled && cv::countNonZero(mask(grid[k])) == 0)
                continue; // a tile without the defect is not a labelled defect
            Sample tile = sample;
            const std::string stem = (folder.path() / (std::to_string(written++) + "_" + std::to_string(k))).string();
            tile.path = stem + ".png";
            tile.relativePath = sample.relativePath + "#tile" + std::to_string(k);
            writeTile(tile.path, image(grid[k]));
            if (labelled) {
                tile.maskPath = stem + "_mask.png";
                writeTile(tile.maskPath, mask(grid[k]));
                tiled.labelledDefects.push_back(std::move(tile));
            } else {
                tiled.normal.push_back(std::move(tile));
            }
        }
    };
    for (const Sample& s : input.normal)
        tilesOf(s, false);
    for (const Sample& s : input.labelledDefects)
        tilesOf(s, true);
    logInfo(DL_TR("Engine", "tiling: %1 normal images -> %2 tiles of %3 px (overlap %4), %5 labelled defect tiles"),
            input.normal.size(), tiled.normal.size(), info_.tiling.size, info_.tiling.overlap,
            tiled.labelledDefects.size());
    inner_->fit(tiled, progress.sub(0.1, 1.0));
    takeInfoFromMethod();
}

Prediction TiledDetector::predict(const cv::Mat& rgb8)
{
    return predictBatch({rgb8}).front();
}

std::vector<Prediction> TiledDetector::predictBatch(const std::vector<cv::Mat>& images)
{
    std::vector<Prediction> out;
    for (const cv::Mat& image : images) {
        const TileSpec& spec = info_.tiling;
        if (image.cols <= spec.size && image.rows <= spec.size) {
            out.push_back(inner_->predict(image));
            continue;
        }
        const std::vector<cv::Rect> grid = tileGrid(image.size(), spec);
        // Native resolution, unless the frame is huge: then a coarser map.
        const double scale = std::min(1.0, std::sqrt(kMaxStitchedPixels / double(image.total())));
        const cv::Size mapSize(std::max(1, int(std::lround(image.cols * scale))),
                               std::max(1, int(std::lround(image.rows * scale))));
        cv::Mat sum = cv::Mat::zeros(mapSize, CV_32F);
        cv::Mat weightSum = cv::Mat::zeros(mapSize, CV_32F);
        Prediction stitched;
        stitched.score = -std::numeric_limits<float>::infinity();
        for (std::size_t first = 0; first < grid.size(); first += kTilesPerCall) {
            const std::size_t last = std::min(grid.size(), first + kTilesPerCall);
            std::vector<cv::Mat> tiles;
            for (std::size_t k = first; k < last; ++k)
                tiles.push_back(image(grid[k]).clone());
            const std::vector<Prediction> scored = inner_->predictBatch(tiles);
            for (std::size_t k = first; k < last; ++k) {
                const Prediction& p = scored[k - first];
                if (p.score > stitched.score) // the image's verdict comes from this tile
                    stitched.bankDisagreement = p.bankDisagreement;
                stitched.score = std::max(stitched.score, p.score);
                stitched.networkMs += p.networkMs;
                const cv::Rect& r = grid[k];
                const cv::Rect target(int(std::lround(r.x * scale)), int(std::lround(r.y * scale)),
                                      std::max(1, int(std::lround(r.width * scale))),
                                      std::max(1, int(std::lround(r.height * scale))));
                const cv::Rect clipped = target & cv::Rect(0, 0, mapSize.width, mapSize.height);
                cv::Mat tileMap;
                cv::resize(p.map, tileMap, clipped.size(), 0, 0, cv::INTER_LINEAR);
                const cv::Mat weights = centreWeights(clipped.size());
                sum(clipped) += tileMap.mul(weights);
                weightSum(clipped) += weights;
            }
        }
        cv::divide(sum, weightSum, stitched.map);
        out.push_back(std::move(stitched));
    }
    return out;
}

void TiledDetector::save(ModelBundle& bundle) const
{
    inner_->save(bundle);
}

void TiledDetector::load(const ModelBundle& bundle)
{
    shareInfoWithMethod();
    inner_->load(bundle);
    takeInfoFromMethod();
}

void TiledDetector::warmStart(const ModelBundle& parent)
{
    shareInfoWithMethod();
    inner_->warmStart(parent);
    takeInfoFromMethod();
}

std::unique_ptr<Detector> withTiling(std::unique_ptr<Detector> detector, const TileSpec& tiling)
{
    if (!tiling.enabled() || dynamic_cast<TiledDetector*>(detector.get()))
        return detector;
    return std::make_unique<TiledDetector>(std::move(detector), tiling);
}

} // namespace dl
