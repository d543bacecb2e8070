#include "methods/dmad/DmadNetwork.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

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
        // Broadcast products, not bmm: thousands of batched 4x128 products are
        // dominated by per-matrix overhead on the CPU.
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

// Sums in eight independent lanes: without them the compiler keeps float reductions
// in order, one lane at a time (the knowledge loops ran at ~4 GFLOP/s).
float dotProduct(const float* a, const float* b, int d)
{
    float lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int c = 0;
    for (; c + 8 <= d; c += 8)
        for (int lane = 0; lane < 8; ++lane)
            lanes[lane] += a[c + lane] * b[c + lane];
    float sum = 0;
    for (; c < d; ++c)
        sum += a[c] * b[c];
    for (float lane : lanes)
        sum += lane;
    return sum;
}

float sumOf(const float* a, int d)
{
    float lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int c = 0;
    for (; c + 8 <= d; c += 8)
        for (int lane = 0; lane < 8; ++lane)
            lanes[lane] += a[c + lane];
    float sum = 0;
    for (; c < d; ++c)
        sum += a[c];
    for (float lane : lanes)
        sum += lane;
    return sum;
}

// One query's knowledge, written to `out` [D]: q minus its nearest memory, plus (with
// attention) the softmax-weighted values of its k nearest, through the LayerNorm.
// Per query in plain loops: these are a few thousand flops per patch, which
// op-by-op tensors spent mostly on dispatch, allocation and OpenMP regions
// (2.0 -> 0.9 ms per 256 px image for both banks and the discriminator).
void knowledgeOfQuery(const KnowledgeImpl& knowledge, const FusedBank& bank, const float* q, const std::int64_t* ids,
                      int k, int d, float* weights, float* out)
{
    const float* first = bank.memories.data_ptr<float>() + ids[0] * d;
    for (int c = 0; c < d; ++c)
        out[c] = q[c] - first[c];
    if (knowledge.useAttention && k > 1) {
        const float scale = float(1.0 / std::sqrt(double(d)));
        const float* keys = bank.queryKeys.data_ptr<float>();
        const float* keyBias = bank.keyBias.data_ptr<float>();
        float largest = -std::numeric_limits<float>::infinity();
        for (int j = 0; j < k; ++j) {
            weights[j] = (dotProduct(keys + ids[j] * d, q, d) + keyBias[ids[j]]) * scale;
            largest = std::max(largest, weights[j]);
        }
        float total = 0;
        for (int j = 0; j < k; ++j)
            total += weights[j] = std::exp(weights[j] - largest);
        const float* values = bank.values.data_ptr<float>();
        for (int j = 0; j < k; ++j) {
            const float w = weights[j] / total;
            const float* value = values + ids[j] * d;
            for (int c = 0; c < d; ++c)
                out[c] += w * value[c];
        }
    }
    const auto& norm = *knowledge.norm;
    const float mean = sumOf(out, d) / float(d);
    for (int c = 0; c < d; ++c)
        out[c] -= mean;
    const float variance = dotProduct(out, out, d) / float(d);
    const float inverse = 1.0f / std::sqrt(variance + float(norm.options.eps()));
    const float* gamma = norm.weight.data_ptr<float>();
    const float* beta = norm.bias.data_ptr<float>();
    for (int c = 0; c < d; ++c)
        out[c] = out[c] * inverse * gamma[c] + beta[c];
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
    const torch::Tensor queries = q.contiguous();
    const torch::Tensor normal = normalIds.contiguous(), abnormal = abnormalIds.contiguous();
    const std::int64_t n = queries.size(0);
    const int d = int(queries.size(1));
    if (nearestNormal)
        *nearestNormal = heads.normal.memories.index_select(0, normal.view({n, k}).select(1, 0).contiguous());
    // x = [q, K_normal(q), K_abnormal(q)], row by row.
    torch::Tensor x = torch::empty({n, 3 * std::int64_t(d)}, torch::kFloat32);
    const float* qp = queries.data_ptr<float>();
    const std::int64_t* normalIdp = normal.data_ptr<std::int64_t>();
    const std::int64_t* abnormalIdp = abnormal.data_ptr<std::int64_t>();
    float* xp = x.data_ptr<float>();
    at::parallel_for(0, n, 64, [&](std::int64_t begin, std::int64_t end) {
        std::vector<float> weights(static_cast<std::size_t>(k));
        for (std::int64_t i = begin; i < end; ++i) {
            const float* query = qp + i * d;
            float* row = xp + i * 3 * d;
            std::copy_n(query, d, row);
            knowledgeOfQuery(*normalKnowledge, heads.normal, query, normalIdp + i * k, k, d, weights.data(), row + d);
            knowledgeOfQuery(*abnormalKnowledge, heads.abnormal, query, abnormalIdp + i * k, k, d, weights.data(),
                             row + 2 * d);
        }
    });
    torch::Tensor hidden = torch::leaky_relu(torch::addmm(heads.hiddenBias, x, heads.hiddenWeight), heads.slope);
    return -(torch::addmm(heads.outBias, hidden, heads.outWeight).squeeze(1));
}

} // namespace dl
