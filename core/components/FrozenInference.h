#pragma once
// The fast inference path for a trained network (internal torch header; include
// from .cpp files only).
//
// The trained networks (students, decoders, heads) are LibTorch C++ modules, which
// cannot be scripted. FrozenInference traces the network's inference forward once
// per input shape, freezes the trace and lets LibTorch's optimize_for_inference
// rewrite it (BatchNorm folded into the convolutions, oneDNN convolutions on
// weights prepacked once, activations fused): the C++ counterpart of the
// MobileNetV2 fast path (core/backbone/README.md).
//
// A trace records the operations one input took, so it is only valid for networks
// whose operations do not depend on the values of the data (no `.item()` steering
// the forward); every method that uses it has a test that compares the two paths on
// inputs other than the traced one.
#include "engine/NetworkTiming.h"

#include <torch/torch.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace torch::jit {
struct Module;
}

namespace dl {

class FrozenInference {
public:
    using Forward = std::function<std::vector<torch::Tensor>(const std::vector<torch::Tensor>&)>;
    using Parameters = std::function<std::vector<torch::Tensor>()>;

    // `forward` is the network's op-by-op inference (its modules in eval mode);
    // `parameters` lists the tensors it reads that may require gradients (they are
    // marked as not requiring them while tracing, then restored). `name` appears in
    // the warning when a fast copy cannot be built.
    FrozenInference(std::string name, Forward forward, Parameters parameters);
    ~FrozenInference();

    // The fast copy when engine/Runtime's fast path is on (built on first use for
    // these input shapes; batches of another size get their own), else, or when it
    // cannot be built, `forward` op by op. The weights are copied into the fast
    // copy: after they change, call weightsChanged().
    std::vector<torch::Tensor> operator()(const std::vector<torch::Tensor>& inputs);
    std::vector<torch::Tensor> operator()(const torch::Tensor& input) { return (*this)(std::vector<torch::Tensor>{input}); }
    void weightsChanged();

    // Both paths on `inputs` (`repeats` timed runs after two warm-ups each, medians,
    // per image of the batch) and the arithmetic of the traced forward: 2 x the
    // multiply-accumulates of its convolutions, transposed convolutions and matrix
    // products (element-wise operations are not counted).
    // The timing is named by the FrozenInference's name.
    NetworkTiming time(const std::vector<torch::Tensor>& inputs, int repeats);
    // time() on one random image [1, 3, height, width] (seed 0): the row `benchmark`
    // prints for a network that takes a preprocessed image.
    NetworkTiming timeOnImage(int height, int width, int repeats);

    // Fast copies built so far (one per input shape, at most kMaxShapes).
    std::size_t builtShapes() const;
    static constexpr std::size_t kMaxShapes = 4;

private:
    struct Copy {
        std::shared_ptr<torch::jit::Module> module; // nullptr: not available
        double flops = 0.0;                         // of the whole batch
    };
    Copy build(const std::vector<torch::Tensor>& inputs);
    const Copy& copyFor(const std::vector<torch::Tensor>& inputs); // with mutex_ held

    std::string name_;
    Forward forward_;
    Parameters parameters_;
    mutable std::mutex mutex_;
    std::map<std::vector<std::vector<std::int64_t>>, Copy> byShape_;
};

} // namespace dl
