#include "components/ModuleState.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace dl {

NamedTensors floatStateOf(const std::vector<std::pair<std::string, const torch::nn::Module*>>& parts)
{
    NamedTensors out;
    for (const auto& [prefix, module] : parts) {
        for (const auto& p : module->named_parameters(true))
            out.emplace_back(prefix + "." + p.key(), p.value());
        for (const auto& b : module->named_buffers(true))
            if (b.value().scalar_type() == torch::kFloat32)
                out.emplace_back(prefix + "." + b.key(), b.value());
    }
    return out;
}

NamedTensors allStateOf(const torch::nn::Module& module)
{
    NamedTensors out;
    for (const auto& p : module.named_parameters(true))
        out.emplace_back(p.key(), p.value());
    for (const auto& b : module.named_buffers(true))
        out.emplace_back(b.key(), b.value());
    return out;
}

std::vector<torch::Tensor> snapshotState(const NamedTensors& state)
{
    std::vector<torch::Tensor> out;
    out.reserve(state.size());
    for (const auto& entry : state)
        out.push_back(entry.second.detach().clone());
    return out;
}

std::vector<torch::Tensor> trainableOf(const NamedTensors& state)
{
    std::vector<torch::Tensor> out;
    for (const auto& entry : state)
        if (entry.second.requires_grad())
            out.push_back(entry.second);
    return out;
}

std::int64_t elementCount(const std::vector<torch::Tensor>& tensors)
{
    std::int64_t n = 0;
    for (const auto& t : tensors)
        n += t.numel();
    return n;
}

void restoreState(const NamedTensors& state, const std::vector<torch::Tensor>& snapshot)
{
    if (snapshot.size() != state.size())
        throw Error("internal: a network snapshot does not match the network it is restored into");
    torch::NoGradGuard noGrad;
    for (std::size_t i = 0; i < state.size(); ++i)
        state[i].second.copy_(snapshot[i]);
}

void putState(ModelBundle& bundle, const std::string& keyPrefix, const NamedTensors& state)
{
    for (const auto& [name, tensor] : state) {
        torch::Tensor t = tensor.detach().contiguous();
        const std::vector<std::int64_t> shape(t.sizes().begin(), t.sizes().end());
        if (t.scalar_type() == torch::kLong)
            bundle.putInt64s(keyPrefix + name, shape, t.data_ptr<std::int64_t>());
        else
            bundle.putFloats(keyPrefix + name, shape, t.data_ptr<float>());
    }
}

void loadState(const ModelBundle& bundle, const std::string& keyPrefix, const NamedTensors& state,
               const std::string& method)
{
    torch::NoGradGuard noGrad;
    for (const auto& [name, tensor] : state) {
        const std::string key = keyPrefix + name;
        if (!bundle.has(key))
            throw Error(method + " model bundle lacks the tensor '" + key + "'");
        const std::vector<std::int64_t> expected(tensor.sizes().begin(), tensor.sizes().end());
        const auto wrongShape = [&] {
            return Error(method + " tensor '" + key + "' in the bundle has the wrong shape for these parameters");
        };
        if (tensor.scalar_type() == torch::kLong) {
            const BundleEntry& entry = bundle.entry(key);
            if (entry.dtype != "i64")
                throw Error(method + " tensor '" + key + "' in the bundle is not int64");
            if (entry.shape != expected || entry.bytes.size() != std::size_t(tensor.numel()) * sizeof(std::int64_t))
                throw wrongShape();
            std::vector<std::int64_t> values(std::size_t(tensor.numel()));
            std::memcpy(values.data(), entry.bytes.data(), entry.bytes.size());
            tensor.copy_(torch::from_blob(values.data(), tensor.sizes(), torch::kInt64));
            continue;
        }
        std::vector<std::int64_t> shape;
        std::vector<float> values = bundle.floats(key, &shape);
        if (shape != expected)
            throw wrongShape();
        // A trained network never holds NaN or infinity; such a file would score or
        // generate garbage without a word.
        if (!std::all_of(values.begin(), values.end(), [](float v) { return std::isfinite(v); }))
            throw Error(method + " tensor '" + key + "' in the bundle holds a value that is not a finite number "
                        "(NaN or infinity): the model is damaged");
        tensor.copy_(torch::from_blob(values.data(), tensor.sizes(), torch::kFloat32));
    }
}

} // namespace dl
