#include "backbone/MobileNetV2.h"

#include "common/Error.h"
#include "common/Log.h"
#include "engine/Runtime.h"

#include <torch/script.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <sstream>

namespace dl {

TapInfo FeatureExtractor::tap(const std::string& tapName) const
{
    std::string known;
    for (const auto& t : taps()) {
        if (t.name == tapName)
            return t;
        known += (known.empty() ? "" : ", ") + t.name;
    }
    throw Error("backbone " + name() + " has no feature tap '" + tapName + "' (available: " + known + ")");
}

std::vector<std::string> FeatureExtractor::defaultPatchTaps() const
{
    std::string known;
    for (const auto& t : taps())
        known += (known.empty() ? "" : ", ") + t.name;
    throw Error("backbone " + name() + " has no default patch taps; name them with --param taps=[...] (available: "
                + known + ")");
}

struct MobileNetV2::FastGraphs {
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<torch::jit::Module>> byTaps; // nullptr: could not be built
};

double FeatureExtractor::flops(const std::vector<std::string>&, int, int) const { return 0.0; }

MobileNetV2::MobileNetV2(const ImportedConvNet& weights)
    : sha256_(weights.sha256), path_(weights.path), fast_(std::make_shared<FastGraphs>())
{
    const std::vector<MobileNetV2BlockShape> layout = mobileNetV2Layout();
    std::vector<MobileNetV2ConvShape> expected;
    for (const auto& shape : layout) {
        Block block;
        for (const auto& conv : shape.convs) {
            block.convs.push_back(int(expected.size()));
            expected.push_back(conv);
            block.stride = std::max(block.stride, conv.stride); // a block strides in one conv at most
        }
        block.residual = shape.residual;
        block.hasExpand = shape.hasExpand;
        block.expandChannels = shape.hasExpand ? shape.convs.front().out : 0;
        block.outChannels = shape.convs.back().out;
        blocks_.push_back(block);
    }

    if (weights.convolutions.size() != expected.size())
        throw Error::forFile(weights.path, "expected a MobileNetV2 with " + std::to_string(expected.size())
                                               + " convolutions, found " + std::to_string(weights.convolutions.size()));
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& src = weights.convolutions[i];
        const auto& e = expected[i];
        std::vector<std::int64_t> shape{e.out, e.in, e.kernel, e.kernel};
        if (src.weightShape != shape || src.groups != e.groups || src.strideH != e.stride || src.strideW != e.stride)
            throw Error::forFile(weights.path, "convolution " + std::to_string(i) + " ('" + src.nodeName
                                                   + "') does not match MobileNetV2's layout");
        if (!src.bias.empty() && src.bias.size() != std::size_t(e.out))
            throw Error::forFile(weights.path, "convolution " + std::to_string(i) + " ('" + src.nodeName + "') has "
                                                   + std::to_string(src.bias.size()) + " biases for "
                                                   + std::to_string(e.out) + " output channels");
        Conv conv;
        conv.weight = torch::from_blob(const_cast<float*>(src.weight.data()), shape, torch::kFloat32).clone();
        conv.bias = src.bias.empty() ? torch::zeros({e.out})
                                     : torch::from_blob(const_cast<float*>(src.bias.data()), {e.out}, torch::kFloat32).clone();
        conv.stride = e.stride;
        conv.padding = e.kernel / 2;
        conv.groups = e.groups;
        conv.relu6 = e.relu6;
        conv.grid = {src.outputScale, src.outputZeroPoint};
        convs_.push_back(conv);
    }
    quantized_ = weights.quantized && weights.inputGrid.scale > 0 && weights.poolGrid.scale > 0;
    std::size_t residuals = 0;
    for (auto& block : blocks_)
        if (block.residual && residuals < weights.residualAddGrids.size())
            block.residualGrid = weights.residualAddGrids[residuals++];
    inputGrid_ = weights.inputGrid;
    poolGrid_ = weights.poolGrid;
    logitsGrid_ = weights.logitsGrid;
    const auto& fc = weights.classifier;
    if (fc.inFeatures != 1280 || fc.outFeatures <= 0 || fc.bias.size() != std::size_t(fc.outFeatures))
        throw Error::forFile(weights.path, "classifier is not a 1280-input linear layer with bias");
    classifierWeight_ = torch::from_blob(const_cast<float*>(fc.weight.data()), {fc.outFeatures, 1280}).clone();
    classifierBias_ = torch::from_blob(const_cast<float*>(fc.bias.data()), {fc.outFeatures}).clone();
}

std::vector<MobileNetV2BlockShape> mobileNetV2Layout()
{
    // torchvision's inverted-residual settings: expansion t, channels c, repeats n, first stride s.
    struct Setting { int t, c, n, s; };
    const Setting settings[] = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2},
                                {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
    std::vector<MobileNetV2BlockShape> blocks;
    blocks.push_back({{{32, 3, 3, 2, 1, true}}, false, false});
    int inChannels = 32;
    for (const auto& s : settings) {
        for (int i = 0; i < s.n; ++i) {
            MobileNetV2BlockShape block;
            const int stride = i == 0 ? s.s : 1;
            const int hidden = inChannels * s.t;
            if (s.t != 1) {
                block.hasExpand = true;
                block.convs.push_back({hidden, inChannels, 1, 1, 1, true});
            }
            block.convs.push_back({hidden, 1, 3, stride, hidden, true});
            block.convs.push_back({s.c, hidden, 1, 1, 1, false});
            block.residual = stride == 1 && inChannels == s.c;
            blocks.push_back(block);
            inChannels = s.c;
        }
    }
    blocks.push_back({{{1280, 320, 1, 1, 1, true}}, false, false});
    return blocks;
}

std::vector<std::pair<torch::Tensor, torch::Tensor>> MobileNetV2::blockWeights(int block) const
{
    if (block < 0 || std::size_t(block) >= blocks_.size())
        throw Error("mobilenetv2 has no block features." + std::to_string(block));
    std::vector<std::pair<torch::Tensor, torch::Tensor>> out;
    for (int c : blocks_[std::size_t(block)].convs)
        out.emplace_back(convs_[std::size_t(c)].weight.clone(), convs_[std::size_t(c)].bias.clone());
    return out;
}

std::vector<TapInfo> MobileNetV2::taps() const
{
    std::vector<TapInfo> out;
    int stride = 1;
    for (std::size_t b = 0; b < blocks_.size(); ++b) {
        const Block& block = blocks_[b];
        // The expansion runs before the block's own stride is applied.
        if (block.hasExpand)
            out.push_back({"features." + std::to_string(b) + ".expand", stride, block.expandChannels});
        stride *= block.stride;
        out.push_back({"features." + std::to_string(b), stride, block.outChannels});
    }
    return out;
}

namespace {
// Snaps values to a uint8 quantisation grid: round(x / s) + zp clamped to 0..255.
torch::Tensor toGrid(const torch::Tensor& x, const QuantGrid& grid)
{
    if (grid.scale <= 0.0f)
        return x;
    torch::Tensor q = torch::clamp(torch::round(x / grid.scale) + grid.zeroPoint, 0, 255);
    return (q - grid.zeroPoint) * grid.scale;
}
} // namespace

void MobileNetV2::setEmulateInt8Activations(bool on)
{
    if (on && !quantized_)
        throw Error::forFile(path_, "int8 emulation needs a quantised (QLinear) ONNX model");
    emulateInt8_ = on;
}

torch::Tensor MobileNetV2::runConv(const Conv& conv, const torch::Tensor& x) const
{
    torch::Tensor y = torch::conv2d(x, conv.weight, conv.bias, conv.stride, conv.padding, 1, conv.groups);
    if (conv.relu6)
        y = torch::clamp_(y, 0.0, 6.0);
    return emulateInt8_ ? toGrid(y, conv.grid) : y;
}

int MobileNetV2::deepestBlockFor(const std::vector<std::string>& requested) const
{
    int deepest = -1;
    for (const auto& name : requested) {
        tap(name); // validates
        std::string core = name.substr(std::string("features.").size());
        deepest = std::max(deepest, std::stoi(core));
    }
    return deepest;
}

std::vector<torch::Tensor> MobileNetV2::extract(const torch::Tensor& input, const std::vector<std::string>& requested)
{
    if (input.dim() != 4 || input.size(1) != 3)
        throw Error("backbone input must be [N,3,H,W], got " + std::to_string(input.dim()) + " dimensions");
    const int last = deepestBlockFor(requested);
    if (fastInferenceEnabled() && !emulateInt8_) {
        std::vector<torch::Tensor> out = extractFast(input, requested, last);
        if (!out.empty())
            return out;
    }
    torch::InferenceMode guard;
    std::map<std::string, torch::Tensor> found;
    torch::Tensor x = input.to(torch::kFloat32).contiguous();
    if (emulateInt8_)
        x = toGrid(x, inputGrid_);
    for (int b = 0; b <= last; ++b) {
        const Block& block = blocks_[std::size_t(b)];
        torch::Tensor h = x;
        for (std::size_t i = 0; i < block.convs.size(); ++i) {
            h = runConv(convs_[std::size_t(block.convs[i])], h);
            if (i == 0 && block.hasExpand)
                found["features." + std::to_string(b) + ".expand"] = h;
        }
        x = block.residual ? (emulateInt8_ ? toGrid(x + h, block.residualGrid) : x + h) : h;
        found["features." + std::to_string(b)] = x;
    }
    std::vector<torch::Tensor> out;
    for (const auto& name : requested)
        out.push_back(found.at(name));
    return out;
}

double MobileNetV2::flops(const std::vector<std::string>& requested, int height, int width) const
{
    const int last = deepestBlockFor(requested);
    double total = 0.0;
    for (int b = 0; b <= last; ++b)
        for (int c : blocks_[std::size_t(b)].convs) {
            const Conv& conv = convs_[std::size_t(c)];
            // Output size of a k x k convolution with padding k/2.
            height = (height + 2 * conv.padding - int(conv.weight.size(2))) / conv.stride + 1;
            width = (width + 2 * conv.padding - int(conv.weight.size(3))) / conv.stride + 1;
            total += 2.0 * double(conv.weight.numel()) * double(height) * double(width);
        }
    return total;
}

std::string MobileNetV2::scriptSource(const std::vector<std::string>& requested, int last) const
{
    // Straight-line TorchScript of the same arithmetic as the plain path; the
    // weights are the module's parameters w<i>/b<i>, constants after freezing.
    std::ostringstream src;
    src << "def forward(self, x):\n";
    std::map<std::string, std::string> variable; // tap -> TorchScript variable holding it
    for (int b = 0; b <= last; ++b) {
        const Block& block = blocks_[std::size_t(b)];
        src << "    h = x\n";
        for (std::size_t i = 0; i < block.convs.size(); ++i) {
            const int c = block.convs[i];
            const Conv& conv = convs_[std::size_t(c)];
            src << "    h = torch.conv2d(h, self.w" << c << ", self.b" << c << ", [" << conv.stride << ", " << conv.stride
                << "], [" << conv.padding << ", " << conv.padding << "], [1, 1], " << conv.groups << ")\n";
            if (conv.relu6)
                src << "    h = torch.hardtanh(h, 0.0, 6.0)\n";
            if (i == 0 && block.hasExpand) {
                const std::string name = "features." + std::to_string(b) + ".expand";
                src << "    e" << b << " = h\n";
                variable[name] = "e" + std::to_string(b);
            }
        }
        src << (block.residual ? "    x = x + h\n" : "    x = h\n");
        src << "    f" << b << " = x\n";
        variable["features." + std::to_string(b)] = "f" + std::to_string(b);
    }
    src << "    return (";
    for (const auto& name : requested)
        src << variable.at(name) << ", ";
    src << ")\n";
    return src.str();
}

std::vector<torch::Tensor> MobileNetV2::extractFast(const torch::Tensor& input, const std::vector<std::string>& requested,
                                                    int last)
{
    std::string key;
    for (const auto& name : requested)
        key += name + ";";
    std::shared_ptr<torch::jit::Module> graph;
    {
        std::lock_guard<std::mutex> lock(fast_->mutex);
        auto found = fast_->byTaps.find(key);
        if (found == fast_->byTaps.end()) {
            try {
                torch::jit::Module module("MobileNetV2Taps");
                for (int b = 0; b <= last; ++b)
                    for (int c : blocks_[std::size_t(b)].convs) {
                        module.register_parameter("w" + std::to_string(c), convs_[std::size_t(c)].weight, false);
                        module.register_parameter("b" + std::to_string(c), convs_[std::size_t(c)].bias, false);
                    }
                module.define(scriptSource(requested, last));
                module.eval();
                torch::jit::Module frozen = torch::jit::freeze(module);
                graph = std::make_shared<torch::jit::Module>(torch::jit::optimize_for_inference(frozen));
            } catch (const std::exception& e) {
                // Not fatal: the op-by-op path computes the same features, only slower.
                logWarning(DL_TR("Engine", "MobileNetV2 fast path unavailable for taps %1 (%2); running op by op"),
                           key, e.what());
            }
            found = fast_->byTaps.emplace(key, graph).first;
        }
        graph = found->second;
    }
    if (!graph)
        return {};
    torch::InferenceMode guard;
    const torch::Tensor x = input.to(torch::kFloat32).contiguous();
    // Batch-size aware: a whole batch's blocked oneDNN layouts at 256^2 outgrow the
    // caches, so the graph runs on chunks of two images and the taps are joined.
    // Per image on 2 cores, without an OpenMP spin: 11 ms alone, 8.7 ms in pairs,
    // 15 ms in batches of 8; with the batch commands' short spin all chunk sizes
    // from 1 to 4 take 2.3-2.4 ms (core/backbone/README.md).
    constexpr std::int64_t chunk = 2;
    std::vector<std::vector<torch::Tensor>> parts;
    for (std::int64_t begin = 0; begin < x.size(0); begin += chunk) {
        c10::IValue result = graph->forward({x.slice(0, begin, std::min(x.size(0), begin + chunk))});
        std::vector<torch::Tensor> taps;
        for (const auto& element : result.toTupleRef().elements())
            taps.push_back(element.toTensor());
        parts.push_back(std::move(taps));
    }
    std::vector<torch::Tensor> out;
    for (std::size_t t = 0; t < requested.size(); ++t) {
        std::vector<torch::Tensor> pieces;
        for (const auto& part : parts)
            pieces.push_back(part[t]);
        out.push_back(pieces.size() == 1 ? pieces.front().contiguous() : torch::cat(pieces, 0));
    }
    return out;
}

torch::Tensor MobileNetV2::logits(const torch::Tensor& input)
{
    torch::InferenceMode guard;
    torch::Tensor features = extract(input, {"features.18"})[0];
    torch::Tensor pooled = features.mean({2, 3});
    if (emulateInt8_)
        pooled = toGrid(pooled, poolGrid_);
    torch::Tensor logits = torch::addmm(classifierBias_, pooled, classifierWeight_.t());
    return emulateInt8_ && logitsGrid_.scale > 0 ? toGrid(logits, logitsGrid_) : logits;
}

} // namespace dl
