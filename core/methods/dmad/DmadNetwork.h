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
struct KnowledgeImpl : torch::nn::Module {
    KnowledgeImpl(int dim, bool attention);
    // q [B,D], memories [B,k,D] sorted nearest first -> [B,D]
    torch::Tensor forward(const torch::Tensor& q, const torch::Tensor& memories);

    bool useAttention;
    torch::nn::Linear query{nullptr}, key{nullptr}, value{nullptr};
    torch::nn::LayerNorm norm{nullptr};
};
TORCH_MODULE(Knowledge);

// The heads in a form for scoring with fixed weights (eval mode, validation and
// inference), built once per bank and weight state instead of per query neighbour:
// - per bank memory: the attention key with the query projection folded in
//   (key(m) . Wq, key(m) . bq) and the value;
// - the shared projection P and the discriminator's BatchNorm folded into its first
//   layer: [q, KA_n, KA_a] -> hidden is one matrix product.
// Scores equal representation() + discriminate() up to float rounding (tested).
struct FusedBank {
    torch::Tensor memories;  // [N,D] the bank
    torch::Tensor queryKeys; // [N,D] key(m) . Wq; undefined without attention
    torch::Tensor keyBias;   // [N]   key(m) . bq
    torch::Tensor values;    // [N,D] value(m)
};
struct FusedHeads {
    FusedBank normal, abnormal;
    torch::Tensor hiddenWeight; // [3D,H]
    torch::Tensor hiddenBias;   // [H]
    torch::Tensor outWeight;    // [H,1]
    torch::Tensor outBias;      // [1]
    double slope = 0.2;
};

struct DmadNetworkImpl : torch::nn::Module {
    explicit DmadNetworkImpl(const DmadNetworkOptions& options);
    // r = [P(q), P(KA(q, M_n)), P(KA(q, M_a))]
    torch::Tensor representation(const torch::Tensor& q, const torch::Tensor& normalMemories,
                                 const torch::Tensor& abnormalMemories);
    // Discriminator logit: high = normal. Patch anomaly score = -logit.
    torch::Tensor discriminate(const torch::Tensor& representation);

    // See FusedHeads; call again after the weights change. Banks [N,D].
    FusedHeads fuse(const torch::Tensor& normalBank, const torch::Tensor& abnormalBank);
    // Anomaly score -D(r) of queries q [B,D] whose k nearest memories of each bank
    // (nearest first) have ids normalIds / abnormalIds ([B*k] int64). Also returns
    // each query's nearest normal memory [B,D] in `nearestNormal`.
    torch::Tensor fusedScore(const FusedHeads& heads, const torch::Tensor& q, const torch::Tensor& normalIds,
                             const torch::Tensor& abnormalIds, int k, torch::Tensor* nearestNormal);

    DmadNetworkOptions options;
    Knowledge normalKnowledge{nullptr}, abnormalKnowledge{nullptr};
    torch::nn::Linear projection{nullptr};
    torch::nn::Sequential discriminator{nullptr};
};
TORCH_MODULE(DmadNetwork);

} // namespace dl
