#include "backbone/TorchScriptBackbone.h"

#include "common/Error.h"
#include "common/Sha256.h"

namespace dl {

TorchScriptBackbone::TorchScriptBackbone(const std::string& path) : path_(path)
{
    sha256_ = Sha256::ofFile(path);
    try {
        module_ = torch::jit::load(path, torch::kCPU);
    } catch (const c10::Error& e) {
        throw Error::forFile(path, std::string("is not a loadable TorchScript module: ") + e.what_without_backtrace());
    }
    module_.eval();
    auto outputs = runAll(torch::zeros({1, 3, 256, 256}));
    if (outputs.empty())
        throw Error::forFile(path, "TorchScript module returned no feature maps");
    for (const auto& [name, t] : outputs)
        taps_.push_back({name, int(256 / std::max<std::int64_t>(1, t.size(2))), int(t.size(1))});
}

std::vector<std::pair<std::string, torch::Tensor>> TorchScriptBackbone::runAll(const torch::Tensor& input)
{
    torch::InferenceMode guard;
    c10::IValue result;
    try {
        result = module_.forward({input});
    } catch (const std::exception& e) {
        throw Error::forFile(path_, std::string("TorchScript forward failed: ") + e.what());
    }
    std::vector<std::pair<std::string, torch::Tensor>> out;
    auto addTensor = [&](const std::string& name, const c10::IValue& v) {
        if (!v.isTensor() || v.toTensor().dim() != 4)
            throw Error::forFile(path_, "TorchScript output '" + name + "' is not a 4-D tensor");
        out.emplace_back(name, v.toTensor());
    };
    if (result.isTensor()) {
        addTensor("out0", result);
    } else if (result.isTuple()) {
        const auto& elements = result.toTupleRef().elements();
        for (std::size_t i = 0; i < elements.size(); ++i)
            addTensor("out" + std::to_string(i), elements[i]);
    } else if (result.isList()) {
        auto list = result.toListRef();
        for (std::size_t i = 0; i < list.size(); ++i)
            addTensor("out" + std::to_string(i), list[i]);
    } else if (result.isGenericDict()) {
        for (const auto& entry : result.toGenericDict())
            addTensor(entry.key().toStringRef(), entry.value());
    } else {
        throw Error::forFile(path_, "TorchScript forward must return a tensor, tuple, list or dict of tensors");
    }
    return out;
}

std::vector<torch::Tensor> TorchScriptBackbone::extract(const torch::Tensor& input, const std::vector<std::string>& requested)
{
    auto all = runAll(input);
    std::vector<torch::Tensor> out;
    for (const auto& name : requested) {
        tap(name);
        for (const auto& [n, t] : all)
            if (n == name) out.push_back(t);
    }
    return out;
}

torch::Tensor TorchScriptBackbone::logits(const torch::Tensor&)
{
    throw Error::forFile(path_, "a TorchScript feature backbone has no ImageNet classifier");
}

} // namespace dl
