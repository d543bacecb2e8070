#pragma once
// Any method, trained and scored in tiles: for images much larger than a
// model's input (line-scan strips, 20 MP frames) where resizing the whole
// frame to 256 px would shrink a 1 mm defect to nothing.
//
// - fit: every normal training image is cut into overlapping tiles at native
//   resolution (written as PNGs to a temporary folder, removed afterwards) and
//   the wrapped method trains on the tiles; a labelled defect's tiles that show
//   part of its mask become labelled defects (DMAD), the others are left out.
// - predict: the image is cut the same way, the tiles are scored in batches,
//   and the tile maps are stitched into one map at native resolution (weighted
//   towards each tile's centre, where the network sees the most context); the
//   image score is the highest tile score. An image no larger than one tile is
//   scored whole.
// The wrapped method's own state is saved as usual; the bundle header's
// "tiling" {size, overlap} makes loadDetector wrap it again.
#include "engine/Detector.h"

#include <memory>

namespace dl {

// The tiles covering an image: a regular grid of `tile.size` squares that
// overlap by at least `tile.overlap` pixels, the last row and column flush with
// the image edge. An image smaller than a tile in one direction gets one tile
// of its own size in that direction.
std::vector<cv::Rect> tileGrid(cv::Size image, const TileSpec& tile);

// Reads and removes "tile_size" and "tile_overlap" from method parameters
// (where the GUI's and the CLI's parameter lists put them); throws dl::Error
// for values that make no sense.
TileSpec takeTilingParameters(nlohmann::json& params);

class TiledDetector final : public Detector {
public:
    TiledDetector(std::unique_ptr<Detector> method, TileSpec tiling);

    std::string method() const override { return inner_->method(); }
    void fit(const FitInput& input, const ProgressContext& progress) override;
    Prediction predict(const cv::Mat& rgb8) override;
    std::vector<Prediction> predictBatch(const std::vector<cv::Mat>& images) override;
    void save(ModelBundle& bundle) const override;
    void load(const ModelBundle& bundle) override;
    void warmStart(const ModelBundle& parent) override;
    std::vector<NetworkTiming> timeTrainedNetworks(int repeats) override { return inner_->timeTrainedNetworks(repeats); }

    Detector& wrapped() { return *inner_; }

private:
    // The wrapped method works with the engine's view of the model (backbone,
    // preprocessing), and the engine sees what the method filled in.
    void shareInfoWithMethod();
    void takeInfoFromMethod();

    std::unique_ptr<Detector> inner_;
};

// Wraps `detector` when `tiling` is enabled (and not wrapped yet); the
// detector's info then records the tiling.
std::unique_ptr<Detector> withTiling(std::unique_ptr<Detector> detector, const TileSpec& tiling);

} // namespace dl
