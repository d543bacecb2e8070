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
    const bool attend = useAttention && memories.size(1) > 1;
    return forwardGathered(q, memories, attend ? key->forward(memories) : torch::Tensor(),
                           attend ? value->forward(memories) : torch::Tensor());
}

torch::Tensor KnowledgeImpl::forwardGathered(const torch::Tensor& q, const torch::Tensor& memories,
                                             const torch::Tensor& keys, const torch::Tensor& values)
{
    torch::Tensor knowledge = q - memories.select(1, 0);
    if (useAttention && memories.size(1) > 1) {
        const double scale = 1.0 / std::sqrt(double(q.size(1)));
        torch::Tensor weights =
            torch::softmax(torch::bmm(keys, query->forward(q).unsqueeze(2)).squeeze(2) * scale, 1); // [B,k]
        knowledge = knowledge + torch::bmm(weights.unsqueeze(1), values).squeeze(1);
    }
    return norm->forward(knowledge);
}

KnowledgeTables KnowledgeImpl::tablesFor(const torch::Tensor& bank)
{
    if (!useAttention)
        return {};
    return {key->forward(bank), value->forward(bank)};
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

torch::Tensor DmadNetworkImpl::representation(const torch::Tensor& q, const Gathered& normal, const Gathered& abnormal)
{
    return torch::cat({projection->forward(q),
                       projection->forward(normalKnowledge->forwardGathered(q, normal.memories, normal.keys, normal.values)),
                       projection->forward(
                           abnormalKnowledge->forwardGathered(q, abnormal.memories, abnormal.keys, abnormal.values))},
                      1);
}

torch::Tensor DmadNetworkImpl::discriminate(const torch::Tensor& r)
{
    return discriminator->forward(r).squeeze(1);
}

} // namespace dl
