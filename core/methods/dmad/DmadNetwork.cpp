#include "methods/dmad/DmadNetwork.h"

#include <cmath>

namespace dl {

KnowledgeImpl::KnowledgeImpl(int dim, bool attention) : useAttention(attention)
{
    if (useAttention) {
        query = register_module("query", torch::nn::Linear(dim, dim));
        key = register_module("key", torch::nn::Linear(dim, dim));
        value = register_module("value", torch::nn::Linear(dim, dim));
    }
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
}

torch::Tensor KnowledgeImpl::forward(const torch::Tensor& q, const torch::Tensor& memories)
{
    torch::Tensor knowledge = q - memories.select(1, 0);
    if (useAttention && memories.size(1) > 1) {
        const double scale = 1.0 / std::sqrt(double(q.size(1)));
        // Broadcast products, not bmm (see fusedKnowledge below).
        torch::Tensor weights =
            torch::softmax((key->forward(memories) * query->forward(q).unsqueeze(1)).sum(2) * scale, 1); // [B,k]
        knowledge = knowledge + (weights.unsqueeze(2) * value->forward(memories)).sum(1);
    }
    return norm->forward(knowledge);
}

DmadNetworkImpl::DmadNetworkImpl(const DmadNetworkOptions& o) : options(o)
{
    normalKnowledge = register_module("normal_knowledge", Knowledge(o.featureDim, o.attention));
    abnormalKnowledge = register_module("abnormal_knowledge", Knowledge(o.featureDim, o.attention));
    projection = register_module("projection", torch::nn::Linear(o.featureDim, o.projectionDim));
    discriminator = register_module("discriminator", torch::nn::Sequential(
        torch::nn::Linear(3 * o.projectionDim, o.hiddenDim),
        torch::nn::BatchNorm1d(o.hiddenDim),
        torch::nn::LeakyReLU(torch::nn::LeakyReLUOptions().negative_slope(0.2)),
        torch::nn::Linear(o.hiddenDim, 1)));
}

torch::Tensor DmadNetworkImpl::representation(const torch::Tensor& q, const torch::Tensor& normalMemories,
                                              const torch::Tensor& abnormalMemories)
{
    return torch::cat({projection->forward(q), projection->forward(normalKnowledge->forward(q, normalMemories)),
                       projection->forward(abnormalKnowledge->forward(q, abnormalMemories))},
                      1);
}

torch::Tensor DmadNetworkImpl::discriminate(const torch::Tensor& r)
{
    return discriminator->forward(r).squeeze(1);
}

namespace {

FusedBank fuseBank(KnowledgeImpl& knowledge, const torch::Tensor& bank)
{
    FusedBank fused;
    fused.memories = bank;
    if (knowledge.useAttention) {
        // key(m) . (Wq q + bq) = (key(m) Wq) . q + key(m) . bq
        torch::Tensor keys = knowledge.key->forward(bank);
        fused.queryKeys = keys.matmul(knowledge.query->weight).contiguous();
        fused.keyBias = keys.matmul(knowledge.query->bias).contiguous();
        fused.values = knowledge.value->forward(bank).contiguous();
    }
    return fused;
}

torch::Tensor fusedKnowledge(KnowledgeImpl& knowledge, const FusedBank& bank, const torch::Tensor& q,
                             const torch::Tensor& ids, int k, torch::Tensor* nearest)
{
    const std::int64_t n = q.size(0), d = q.size(1);
    torch::Tensor first = bank.memories.index_select(0, ids.view({n, k}).select(1, 0).contiguous());
    if (nearest)
        *nearest = first;
    torch::Tensor result = q - first;
    if (knowledge.useAttention && k > 1) {
        const double scale = 1.0 / std::sqrt(double(d));
        // Broadcast products instead of bmm: a batched product of thousands of
        // 4x128 matrices is dominated by per-matrix overhead on the CPU (heads
        // 6.0 -> 2.8 ms per 256 px image).
        torch::Tensor keys = bank.queryKeys.index_select(0, ids).view({n, k, d});
        torch::Tensor logits = (keys * q.unsqueeze(1)).sum(2) + bank.keyBias.index_select(0, ids).view({n, k});
        torch::Tensor weights = torch::softmax(logits * scale, 1);
        result = result + (weights.unsqueeze(2) * bank.values.index_select(0, ids).view({n, k, d})).sum(1);
    }
    return knowledge.norm->forward(result);
}

} // namespace

FusedHeads DmadNetworkImpl::fuse(const torch::Tensor& normalBank, const torch::Tensor& abnormalBank)
{
    torch::NoGradGuard noGrad;
    FusedHeads heads;
    heads.normal = fuseBank(*normalKnowledge, normalBank);
    heads.abnormal = fuseBank(*abnormalKnowledge, abnormalBank);
    auto& hidden = *discriminator[0]->as<torch::nn::LinearImpl>();
    auto& norm = *discriminator[1]->as<torch::nn::BatchNorm1dImpl>();
    auto& out = *discriminator[3]->as<torch::nn::LinearImpl>();
    // hidden(r) with r = [P(q), P(a), P(b)] and P(x) = Wp x + bp: each third of the
    // hidden weight times Wp, and bp through all three thirds into the bias.
    const std::int64_t part = projection->weight.size(0);
    std::vector<torch::Tensor> blocks;
    torch::Tensor bias = hidden.bias.clone();
    for (int i = 0; i < 3; ++i) {
        torch::Tensor w = hidden.weight.slice(1, i * part, (i + 1) * part); // [H,P]
        blocks.push_back(w.matmul(projection->weight));                   // [H,D]
        bias = bias + w.matmul(projection->bias);
    }
    torch::Tensor weight = torch::cat(blocks, 1); // [H,3D]
    // BatchNorm in eval mode is an affine map per hidden unit.
    torch::Tensor scale = norm.weight / torch::sqrt(norm.running_var + norm.options.eps());
    weight = weight * scale.unsqueeze(1);
    bias = (bias - norm.running_mean) * scale + norm.bias;
    heads.hiddenWeight = weight.t().contiguous();
    heads.hiddenBias = bias.contiguous();
    heads.outWeight = out.weight.t().contiguous();
    heads.outBias = out.bias.clone();
    heads.slope = discriminator[2]->as<torch::nn::LeakyReLUImpl>()->options.negative_slope();
    return heads;
}

torch::Tensor DmadNetworkImpl::fusedScore(const FusedHeads& heads, const torch::Tensor& q, const torch::Tensor& normalIds,
                                          const torch::Tensor& abnormalIds, int k, torch::Tensor* nearestNormal)
{
    torch::Tensor x = torch::cat({q, fusedKnowledge(*normalKnowledge, heads.normal, q, normalIds, k, nearestNormal),
                                  fusedKnowledge(*abnormalKnowledge, heads.abnormal, q, abnormalIds, k, nullptr)},
                                 1);
    torch::Tensor hidden = torch::leaky_relu(torch::addmm(heads.hiddenBias, x, heads.hiddenWeight), heads.slope);
    return -(torch::addmm(heads.outBias, hidden, heads.outWeight).squeeze(1));
}

} // namespace dl
