#include "backbone/SamTinyViT.h"

#include "common/Error.h"

#include <cmath>
#include <map>

namespace dl {
namespace {

using Conv = SamTinyViT::Conv;
using Norm = SamTinyViT::Norm;
using Linear = SamTinyViT::Linear;

struct StageShape {
    int channels, blocks, heads, window, stride;
};
// MobileSAM's vit_t: one convolutional stage, then three attention stages (head dim 32).
constexpr StageShape kStages[] = {{64, 2, 0, 0, 4}, {128, 2, 4, 7, 8}, {160, 6, 5, 14, 16}, {320, 2, 10, 7, 16}};
constexpr int kStemChannels = 32;
constexpr int kNeckChannels = 256;
constexpr int kMbConvExpansion = 4;
constexpr int kMlpRatio = 4;
constexpr int kHeadDim = 32;
constexpr double kBlockNormEps = 1e-5;
constexpr double kNeckNormEps = 1e-6;

std::string shapeText(const std::vector<std::int64_t>& shape)
{
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? "," : "") + std::to_string(shape[i]);
    return text + "]";
}

// Binds the graph's constants to layers by node name, checking shapes and
// counting the learned values it hands out.
class WeightBinder {
public:
    explicit WeightBinder(const ImportedGraph& graph) : graph_(graph) {}

    std::int64_t boundElements() const { return bound_; }

    torch::Tensor tensor(const std::string& node, const std::vector<std::int64_t>& shape, bool learned = true)
    {
        const ImportedTensor& t = graph_.constantOf(node);
        std::int64_t n = 1;
        for (auto d : shape) n *= d;
        if (std::int64_t(t.values.size()) != n)
            throw Error::forFile(graph_.path, "constant of node '" + node + "' has shape " + shapeText(t.shape)
                                                  + ", expected " + shapeText(shape));
        if (learned) bound_ += n;
        return torch::from_blob(const_cast<float*>(t.values.data()), shape, torch::kFloat32).clone();
    }

    Conv conv(const std::string& node, int out, int in, int kernel, int groups)
    {
        const ImportedConv& src = graph_.convolution(node);
        const std::vector<std::int64_t> shape{out, in / groups, kernel, kernel};
        if (src.weightShape != shape || src.groups != groups || src.strideH != src.strideW
            || src.padTop != kernel / 2 || src.padLeft != src.padTop || src.padBottom != src.padTop
            || src.padRight != src.padTop || src.dilation != 1)
            throw Error::forFile(graph_.path, "convolution '" + node + "' has weight " + shapeText(src.weightShape)
                                                  + " or geometry unlike MobileSAM's TinyViT (expected "
                                                  + shapeText(shape) + ", groups " + std::to_string(groups) + ")");
        Conv conv;
        conv.weight = torch::from_blob(const_cast<float*>(src.weight.data()), shape, torch::kFloat32).clone();
        bound_ += conv.weight.numel();
        if (!src.bias.empty()) {
            if (src.bias.size() != std::size_t(out))
                throw Error::forFile(graph_.path, "convolution '" + node + "' has a bias of the wrong length");
            conv.bias = torch::from_blob(const_cast<float*>(src.bias.data()), {out}, torch::kFloat32).clone();
            bound_ += out;
        }
        conv.stride = src.strideH;
        conv.padding = kernel / 2;
        conv.groups = groups;
        return conv;
    }

    // ONNX stores a torch Linear as MatMul by [in, out] followed by Add of the bias.
    Linear linear(const std::string& prefix, int in, int out)
    {
        return {tensor(prefix + "/MatMul", {in, out}).t().contiguous(), tensor(prefix + "/Add", {out})};
    }

    // A LayerNorm exported as Mul by its weight, then Add of its bias.
    Norm norm(const std::string& prefix, std::vector<std::int64_t> shape)
    {
        return {tensor(prefix + "/Mul", shape), tensor(prefix + "/Add_1", shape)};
    }

    SamTinyViT::ConvBlock convBlock(const std::string& prefix, int in, int hidden, int out, int depthwiseGroups)
    {
        return {conv(prefix + "/conv1/c/Conv", hidden, in, 1, 1),
                conv(prefix + "/conv2/c/Conv", hidden, hidden, 3, depthwiseGroups),
                conv(prefix + "/conv3/c/Conv", out, hidden, 1, 1)};
    }

    SamTinyViT::AttentionBlock attentionBlock(const std::string& prefix, const StageShape& s)
    {
        SamTinyViT::AttentionBlock b;
        const int c = s.channels, tokens = s.window * s.window;
        b.heads = s.heads;
        b.window = s.window;
        b.attentionNorm = norm(prefix + "/attn/norm", {c});
        b.qkv = linear(prefix + "/attn/qkv", c, 3 * s.heads * kHeadDim);
        b.projection = linear(prefix + "/attn/proj", s.heads * kHeadDim, c);
        // The exported graph holds the bias already gathered per token pair, as a constant.
        b.attentionBias = tensor(prefix + "/attn/Constant_5", {s.heads, tokens, tokens}, false);
        b.localConv = conv(prefix + "/local_conv/c/Conv", c, c, 3, c);
        b.mlpNorm = norm(prefix + "/mlp/norm", {c});
        b.fc1 = linear(prefix + "/mlp/fc1", c, kMlpRatio * c);
        b.fc2 = linear(prefix + "/mlp/fc2", kMlpRatio * c, c);
        return b;
    }

private:
    const ImportedGraph& graph_;
    std::int64_t bound_ = 0;
};

torch::Tensor runConv(const Conv& conv, const torch::Tensor& x)
{
    return torch::conv2d(x, conv.weight, conv.bias, conv.stride, conv.padding, 1, conv.groups);
}

// MBConv and PatchMerging share this shape; only MBConv adds the residual.
torch::Tensor runConvBlock(const SamTinyViT::ConvBlock& b, const torch::Tensor& x, bool residual)
{
    torch::Tensor h = torch::gelu(runConv(b.expand, x));
    h = torch::gelu(runConv(b.depthwise, h));
    h = runConv(b.project, h);
    return residual ? torch::gelu(h + x) : h;
}

// windows: [W, T, C] tokens of W windows of T tokens each.
torch::Tensor windowAttention(const SamTinyViT::AttentionBlock& b, const torch::Tensor& windows)
{
    const auto count = windows.size(0), tokens = windows.size(1), channels = windows.size(2);
    torch::Tensor h = torch::layer_norm(windows, {channels}, b.attentionNorm.weight, b.attentionNorm.bias,
                                        kBlockNormEps);
    // qkv is laid out per head: [.., head, q(32) k(32) v(32)].
    auto qkv = torch::linear(h, b.qkv.weight, b.qkv.bias).view({count, tokens, b.heads, 3 * kHeadDim}).split(kHeadDim, -1);
    torch::Tensor q = qkv[0].permute({0, 2, 1, 3});
    torch::Tensor k = qkv[1].permute({0, 2, 3, 1});
    torch::Tensor v = qkv[2].permute({0, 2, 1, 3});
    const double scale = 1.0 / std::sqrt(double(kHeadDim));
    torch::Tensor attention = (torch::matmul(q, k) * scale + b.attentionBias).softmax(-1);
    torch::Tensor out = torch::matmul(attention, v).transpose(1, 2).reshape({count, tokens, b.heads * kHeadDim});
    return torch::linear(out, b.projection.weight, b.projection.bias);
}

// x: [B, H, W, C]. The token grid is zero-padded at the bottom and right to whole
// windows (the padded tokens take part in attention, as in the original).
torch::Tensor runAttentionBlock(const SamTinyViT::AttentionBlock& b, const torch::Tensor& x)
{
    const auto batch = x.size(0), height = x.size(1), width = x.size(2), channels = x.size(3);
    const int ws = b.window;
    const auto padBottom = (ws - height % ws) % ws, padRight = (ws - width % ws) % ws;
    torch::Tensor padded = (padBottom || padRight) ? torch::constant_pad_nd(x, {0, 0, 0, padRight, 0, padBottom}) : x;
    const auto rows = (height + padBottom) / ws, cols = (width + padRight) / ws;
    torch::Tensor windows = padded.view({batch, rows, ws, cols, ws, channels})
                                .permute({0, 1, 3, 2, 4, 5})
                                .reshape({batch * rows * cols, ws * ws, channels});
    torch::Tensor attended = windowAttention(b, windows)
                                 .view({batch, rows, cols, ws, ws, channels})
                                 .permute({0, 1, 3, 2, 4, 5})
                                 .reshape({batch, rows * ws, cols * ws, channels});
    torch::Tensor y = x + attended.slice(1, 0, height).slice(2, 0, width);
    y = runConv(b.localConv, y.permute({0, 3, 1, 2})).permute({0, 2, 3, 1});
    torch::Tensor mlp = torch::layer_norm(y, {channels}, b.mlpNorm.weight, b.mlpNorm.bias, kBlockNormEps);
    mlp = torch::linear(torch::gelu(torch::linear(mlp, b.fc1.weight, b.fc1.bias)), b.fc2.weight, b.fc2.bias);
    return y + mlp;
}

// SAM's LayerNorm2d: normalises over channels of [B, C, H, W].
torch::Tensor layerNorm2d(const Norm& norm, const torch::Tensor& x)
{
    torch::Tensor centred = x - x.mean(1, true);
    torch::Tensor variance = centred.pow(2).mean(1, true);
    return centred / torch::sqrt(variance + kNeckNormEps) * norm.weight + norm.bias;
}

int tapDepth(const std::string& tap)
{
    return tap == "neck" ? 4 : std::stoi(tap.substr(std::string("layers.").size()));
}

} // namespace

SamTinyViT::SamTinyViT(const ImportedGraph& graph) : sha256_(graph.sha256), path_(graph.path)
{
    WeightBinder bind(graph);
    stemConv1_ = bind.conv("/patch_embed/seq/seq.0/c/Conv", kStemChannels, 3, 3, 1);
    stemConv2_ = bind.conv("/patch_embed/seq/seq.2/c/Conv", kStages[0].channels, kStemChannels, 3, 1);
    for (int s = 0; s < 4; ++s) {
        const StageShape& shape = kStages[s];
        const std::string layer = "/layers." + std::to_string(s);
        Stage stage;
        stage.channels = shape.channels;
        stage.stride = shape.stride;
        for (int b = 0; b < shape.blocks; ++b) {
            const std::string prefix = layer + "/blocks." + std::to_string(b);
            if (s == 0)
                stage.convBlocks.push_back(bind.convBlock(prefix, shape.channels, kMbConvExpansion * shape.channels,
                                                          shape.channels, kMbConvExpansion * shape.channels));
            else
                stage.attentionBlocks.push_back(bind.attentionBlock(prefix, shape));
        }
        if (s < 3) {
            const int out = kStages[s + 1].channels;
            stage.hasDownsample = true;
            stage.downsample = bind.convBlock(layer + "/downsample", shape.channels, out, out, out);
        }
        stages_.push_back(std::move(stage));
    }
    neckConv1_ = bind.conv("/neck/neck.0/Conv", kNeckChannels, kStages[3].channels, 1, 1);
    neckNorm1_ = bind.norm("/neck/neck.1", {kNeckChannels, 1, 1});
    neckConv2_ = bind.conv("/neck/neck.2/Conv", kNeckChannels, kNeckChannels, 3, 1);
    neckNorm2_ = bind.norm("/neck/neck.3", {kNeckChannels, 1, 1});
    parameterCount_ = bind.boundElements();
    if (parameterCount_ != graph.initializerElements)
        throw Error::forFile(path_, "the TinyViT port bound " + std::to_string(parameterCount_) + " of the file's "
                                        + std::to_string(graph.initializerElements)
                                        + " weights; the file is not MobileSAM's TinyViT encoder");
}

std::vector<TapInfo> SamTinyViT::taps() const
{
    std::vector<TapInfo> out;
    for (std::size_t s = 0; s < stages_.size(); ++s)
        out.push_back({"layers." + std::to_string(s), stages_[s].stride, stages_[s].channels});
    out.push_back({"neck", stages_.back().stride, kNeckChannels});
    return out;
}

torch::Tensor SamTinyViT::runStage(const Stage& stage, torch::Tensor x) const
{
    for (const auto& block : stage.convBlocks)
        x = runConvBlock(block, x, true);
    if (stage.attentionBlocks.empty())
        return x;
    x = x.permute({0, 2, 3, 1}); // attention blocks work on [B, H, W, C]
    for (const auto& block : stage.attentionBlocks)
        x = runAttentionBlock(block, x);
    return x.permute({0, 3, 1, 2}).contiguous();
}

torch::Tensor SamTinyViT::runNeck(torch::Tensor x) const
{
    x = layerNorm2d(neckNorm1_, runConv(neckConv1_, x));
    return layerNorm2d(neckNorm2_, runConv(neckConv2_, x));
}

std::vector<torch::Tensor> SamTinyViT::extract(const torch::Tensor& input, const std::vector<std::string>& requested)
{
    if (input.dim() != 4 || input.size(1) != 3)
        throw Error("sam-tinyvit input must be [N,3,H,W], got " + std::to_string(input.dim()) + " dimensions");
    if (input.size(2) % 16 != 0 || input.size(3) % 16 != 0)
        throw Error("sam-tinyvit input height and width must be multiples of 16, got "
                    + std::to_string(input.size(2)) + "x" + std::to_string(input.size(3)));
    int deepest = -1;
    for (const auto& name : requested) {
        tap(name); // validates
        deepest = std::max(deepest, tapDepth(name));
    }
    torch::NoGradGuard noGrad;
    std::map<std::string, torch::Tensor> found;
    torch::Tensor x = input.to(torch::kFloat32).contiguous();
    x = runConv(stemConv2_, torch::gelu(runConv(stemConv1_, x)));
    for (int s = 0; s < int(stages_.size()) && s <= deepest; ++s) {
        x = runStage(stages_[std::size_t(s)], x);
        found["layers." + std::to_string(s)] = x;
        if (stages_[std::size_t(s)].hasDownsample && s < deepest)
            x = runConvBlock(stages_[std::size_t(s)].downsample, x, false);
    }
    if (deepest == 4)
        found["neck"] = runNeck(x);
    std::vector<torch::Tensor> out;
    for (const auto& name : requested)
        out.push_back(found.at(name));
    return out;
}

torch::Tensor SamTinyViT::logits(const torch::Tensor&)
{
    throw Error("backbone sam-tinyvit is an image encoder without a classifier; it has no logits");
}

} // namespace dl
