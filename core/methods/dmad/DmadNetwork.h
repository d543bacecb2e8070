#pragma once
// DMAD's learned heads (internal torch header): knowledge enhancement with the
// nearest normal and abnormal memories, a shared projection, and the
// discriminator MLP. The backbone and the memory banks are not part of it.
#include <torch/torch.h>

namespace dl {

struct DmadNetworkOptions {
    int featureDim = 128;     // patch feature width
    int projectionDim = 128;  // width of each of the three projected parts
    int hiddenDim = 256;      // discriminator hidden layer
    bool attention = true;    // knowledge = distance + attention (false: distance only)
};

// KA(q, M) = LayerNorm(q - m_1 + Attn(q, M_k)): the distance to the nearest memory
// plus scaled dot-product attention of q over its k nearest memories. LayerNorm
// (not BatchNorm) keeps a patch's knowledge independent of the batch it is in.
// Attention keys and values of every memory of a bank, [N,D] each. With the heads
// fixed (inference, validation) they are computed once per bank instead of once
// per query neighbour (k x 1024 rows per image).
struct KnowledgeTables {
    torch::Tensor keys, values; // undefined when attention is off
};

struct KnowledgeImpl : torch::nn::Module {
    KnowledgeImpl(int dim, bool attention);
    // q [B,D], memories [B,k,D] sorted nearest first -> [B,D]
    torch::Tensor forward(const torch::Tensor& q, const torch::Tensor& memories);
    // The same with keys and values gathered from tablesFor(bank) ([B,k,D] each).
    torch::Tensor forwardGathered(const torch::Tensor& q, const torch::Tensor& memories, const torch::Tensor& keys,
                                  const torch::Tensor& values);
    KnowledgeTables tablesFor(const torch::Tensor& bank);

    bool useAttention;
    torch::nn::Linear query{nullptr}, key{nullptr}, value{nullptr};
    torch::nn::LayerNorm norm{nullptr};
};
TORCH_MODULE(Knowledge);

struct DmadNetworkImpl : torch::nn::Module {
    explicit DmadNetworkImpl(const DmadNetworkOptions& options);
    // r = [P(q), P(KA(q, M_n)), P(KA(q, M_a))]
    torch::Tensor representation(const torch::Tensor& q, const torch::Tensor& normalMemories,
                                 const torch::Tensor& abnormalMemories);
    // The same from precomputed attention tables (see KnowledgeTables); gathered [B,k,D] each.
    struct Gathered {
        torch::Tensor memories, keys, values;
    };
    torch::Tensor representation(const torch::Tensor& q, const Gathered& normal, const Gathered& abnormal);
    // Discriminator logit: high = normal. Patch anomaly score = -logit.
    torch::Tensor discriminate(const torch::Tensor& representation);

    DmadNetworkOptions options;
    Knowledge normalKnowledge{nullptr}, abnormalKnowledge{nullptr};
    torch::nn::Linear projection{nullptr};
    torch::nn::Sequential discriminator{nullptr};
};
TORCH_MODULE(DmadNetwork);

} // namespace dl
