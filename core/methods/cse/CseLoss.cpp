#include "methods/cse/CseLoss.h"

#include "common/Error.h"

namespace dl {

namespace F = torch::nn::functional;

torch::Tensor channelCosine(const torch::Tensor& a, const torch::Tensor& b)
{
    if (a.sizes() != b.sizes() || a.dim() != 4)
        throw Error("cse: the two embeddings of a pair differ in shape");
    // eps keeps zero vectors finite (cos = 0 there); 1e-8 is torch's own default.
    return F::cosine_similarity(a, b, F::CosineSimilarityFuncOptions().dim(1).eps(1e-8));
}

torch::Tensor contrastiveCosineLoss(const torch::Tensor& a, const torch::Tensor& b, const torch::Tensor& defectWeight)
{
    torch::Tensor cosine = channelCosine(a, b);
    if (defectWeight.dim() != 4 || defectWeight.size(0) != a.size(0) || defectWeight.size(1) != 1
        || defectWeight.size(2) != a.size(2) || defectWeight.size(3) != a.size(3))
        throw Error("cse: the defect weights must be [N,1,H,W] on the embedding's grid");
    torch::Tensor w = defectWeight.squeeze(1);
    return ((1.0 - w) * (1.0 - cosine) + w * (1.0 + cosine) * 0.5).mean();
}

torch::Tensor decoderCosineLoss(const std::vector<torch::Tensor>& decoded, const std::vector<torch::Tensor>& targets)
{
    if (decoded.size() != targets.size() || decoded.empty())
        throw Error("cse: the decoder and the backbone disagree on the number of taps");
    torch::Tensor total = torch::zeros({}, decoded.front().options());
    for (std::size_t t = 0; t < decoded.size(); ++t) {
        if (decoded[t].sizes() != targets[t].sizes())
            throw Error("cse: a decoded map and its backbone tap differ in shape");
        total = total + (1.0 - channelCosine(decoded[t], targets[t])).mean();
    }
    return total / double(decoded.size());
}

CseLosses csePairLoss(CseNetwork& net, const torch::Tensor& anchors, const torch::Tensor& partners,
                      const torch::Tensor& defectWeight, const torch::Tensor& partnerIsNormal,
                      const std::vector<int>& pools, double contrastiveWeight)
{
    if (pools.empty())
        throw Error("cse: no pooling scale to contrast at");
    const std::int64_t b = anchors.size(0);
    torch::Tensor both = torch::cat({anchors, partners}, 0);
    torch::Tensor embedding = net.embedder->forward(both);
    CseLosses l;
    // Each scale's pairs are compared on its own grid; the defect weights, given on the
    // finest grid as area fractions, average exactly onto the coarser ones.
    const int finest = pools.back();
    for (int pool : pools) {
        torch::Tensor reduced = poolEmbedding(embedding, pool);
        torch::Tensor weight = poolEmbedding(defectWeight, pool / finest);
        torch::Tensor term = contrastiveCosineLoss(reduced.slice(0, 0, b), reduced.slice(0, b, 2 * b), weight);
        l.contrastive = l.contrastive.defined() ? l.contrastive + term : term;
    }
    if (pools.size() > 1)
        l.contrastive = l.contrastive / double(pools.size());
    // The decoder only ever sees normal images' embeddings.
    torch::Tensor normalRows = torch::cat({torch::ones({b}, torch::kBool), partnerIsNormal}).nonzero().squeeze(1);
    torch::Tensor normalEmbedding = embedding.index_select(0, normalRows);
    torch::Tensor targets = both.index_select(0, normalRows);
    const auto& channels = net.architecture.tapChannels;
    std::vector<std::int64_t> split(channels.begin(), channels.end());
    l.decoder = decoderCosineLoss(net.decoder->forward(normalEmbedding), targets.split_with_sizes(split, 1));
    l.total = contrastiveWeight * l.contrastive + l.decoder;
    return l;
}

} // namespace dl
