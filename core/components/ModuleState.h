#pragma once
// The state of trained torch modules (parameters and buffers such as BatchNorm
// running statistics) as named tensors: snapshots and best-epoch
// checkpointing, and storage in the model bundle with shape-checked reloading.
// Internal torch header, shared by the methods that train networks.
#include "engine/ModelBundle.h"

#include <torch/torch.h>

#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace dl {

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

// Float parameters and float buffers of each module, named "<prefix>.<name>"; integer
// buffers (BatchNorm's batch counter) are left out because eval mode never reads them.
NamedTensors floatStateOf(const std::vector<std::pair<std::string, const torch::nn::Module*>>& parts);
// Every parameter and every buffer of `module`, integer buffers included, named as the
// module names them (parameters first).
NamedTensors allStateOf(const torch::nn::Module& module);

// The tensors of `state` that require gradients (the trainable parameters), in order.
std::vector<torch::Tensor> trainableOf(const NamedTensors& state);
// The number of elements of all `tensors` together (e.g. a network's parameter count).
std::int64_t elementCount(const std::vector<torch::Tensor>& tensors);

// Detached copies of every tensor, in order.
std::vector<torch::Tensor> snapshotState(const NamedTensors& state);
// Copies a snapshot back in place (same order as taken).
void restoreState(const NamedTensors& state, const std::vector<torch::Tensor>& snapshot);

// Best-epoch checkpointing: a snapshot of the state whenever an epoch's criterion
// (lower is better) improves, or of every epoch when there is no validation
// criterion, so that the last one is kept.
class BestEpoch {
public:
    void offer(int epoch, double criterion, bool validated, const NamedTensors& state)
    {
        if (validated && criterion >= criterion_)
            return;
        criterion_ = criterion;
        epoch_ = epoch;
        snapshot_ = snapshotState(state);
    }
    // Puts the kept state back; nothing when no epoch was offered.
    void restore(const NamedTensors& state) const
    {
        if (!snapshot_.empty())
            restoreState(state, snapshot_);
    }
    int epoch() const { return epoch_; } // 0 when none
    double criterion() const { return criterion_; } // the kept epoch's; infinity when none
    // For training checkpoints (EpochLoop's save and resume): the kept snapshot,
    // and setting epoch, criterion and snapshot back.
    const std::vector<torch::Tensor>& snapshot() const { return snapshot_; }
    void resumeFrom(int epoch, double criterion, std::vector<torch::Tensor> snapshot)
    {
        epoch_ = epoch;
        criterion_ = criterion;
        snapshot_ = std::move(snapshot);
    }

private:
    double criterion_ = std::numeric_limits<double>::infinity();
    int epoch_ = 0;
    std::vector<torch::Tensor> snapshot_;
};

// Stores each tensor under "<keyPrefix><name>": int64 tensors as i64, all others as f32.
void putState(ModelBundle& bundle, const std::string& keyPrefix, const NamedTensors& state);
// Fills each tensor in place from "<keyPrefix><name>" (i64 for int64 tensors, f32 for the
// others); a missing entry or another shape is an error naming the method and the key.
void loadState(const ModelBundle& bundle, const std::string& keyPrefix, const NamedTensors& state,
               const std::string& method);

} // namespace dl
