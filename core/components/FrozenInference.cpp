#include "components/FrozenInference.h"

#include "common/Log.h"
#include "engine/Runtime.h"

#include <chrono>
#include <cmath>

#include <torch/csrc/jit/frontend/tracer.h>
#include <torch/script.h>

namespace dl {

FrozenInference::FrozenInference(std::string name, Forward forward, Parameters parameters)
    : name_(std::move(name)), forward_(std::move(forward)), parameters_(std::move(parameters))
{
}

FrozenInference::~FrozenInference() = default;

void FrozenInference::weightsChanged()
{
    std::lock_guard<std::mutex> lock(mutex_);
    byShape_.clear();
}

std::size_t FrozenInference::builtShapes() const
{
    std::lock_guard<std::mutex> lock(mutex_);
    std::size_t built = 0;
    for (const auto& entry : byShape_)
        built += entry.second != nullptr;
    return built;
}

std::shared_ptr<torch::jit::Module> FrozenInference::build(const std::vector<torch::Tensor>& inputs)
{
    // Tracing needs ordinary tensors: outside inference mode, without gradients, on
    // copies of the inputs that are not inference tensors.
    c10::InferenceMode normalMode(false);
    torch::NoGradGuard noGrad;
    torch::jit::Stack examples;
    for (const auto& input : inputs)
        examples.emplace_back(input.clone());
    std::vector<torch::Tensor> parameters = parameters_();
    std::vector<bool> required;
    for (auto& p : parameters) {
        required.push_back(p.requires_grad());
        p.set_requires_grad(false); // a traced weight becomes a constant of the graph
    }
    auto restore = [&] {
        for (std::size_t i = 0; i < parameters.size(); ++i)
            parameters[i].set_requires_grad(required[i]);
    };
    try {
        auto traced = torch::jit::tracer::trace(
            examples,
            [&](torch::jit::Stack traced) {
                std::vector<torch::Tensor> tensors;
                for (const auto& value : traced)
                    tensors.push_back(value.toTensor());
                std::vector<torch::Tensor> outputs = forward_(tensors);
                return torch::jit::Stack{
                    c10::ivalue::Tuple::create(std::vector<c10::IValue>(outputs.begin(), outputs.end()))};
            },
            [](const torch::autograd::Variable&) { return std::string(); }, /*strict=*/false);
        std::shared_ptr<torch::jit::Graph> graph = traced.first->graph;
        // The weights entered the trace as constants that share the parameters'
        // storage: copy them, so the module can train again (and change its weights)
        // without touching this graph.
        for (torch::jit::Node* node : graph->nodes())
            if (node->kind() == c10::prim::Constant && node->hasAttribute(c10::attr::value)
                && node->kindOf(c10::attr::value) == torch::jit::AttributeKind::t)
                node->t_(c10::attr::value, node->t(c10::attr::value).detach().clone());
        restore();
        // LibTorch 1.13's oneDNN conversion leaves aten::view in place, which oneDNN
        // tensors refuse; a reshape gives the same result on them.
        std::vector<torch::jit::Node*> views;
        for (torch::jit::Node* node : graph->nodes())
            if (node->kind() == c10::aten::view)
                views.push_back(node);
        for (torch::jit::Node* view : views) {
            view->replaceWithNewSymbol(c10::aten::reshape);
            view->destroy();
        }
        torch::jit::Module module("FrozenInference");
        graph->insertInput(0, "self")->setType(module._ivalue()->type());
        auto function = module._ivalue()->compilation_unit()->create_function(
            c10::QualifiedName(*module.type()->name(), "forward"), graph);
        module.type()->addMethod(function);
        module.eval();
        torch::jit::Module frozen = torch::jit::freeze(module);
        return std::make_shared<torch::jit::Module>(torch::jit::optimize_for_inference(frozen));
    } catch (const std::exception& e) {
        restore();
        // Not fatal: the op-by-op forward computes the same outputs, only slower.
        logWarning(DL_TR("Engine", "%1: fast inference path unavailable (%2); running op by op"), name_, e.what());
        return nullptr;
    }
}

std::vector<torch::Tensor> FrozenInference::operator()(const std::vector<torch::Tensor>& inputs)
{
    if (!fastInferenceEnabled())
        return forward_(inputs);
    std::vector<std::vector<std::int64_t>> shapes;
    for (const auto& input : inputs)
        shapes.push_back(input.sizes().vec());
    std::shared_ptr<torch::jit::Module> graph;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto found = byShape_.find(shapes);
        if (found == byShape_.end()) {
            if (byShape_.size() >= kMaxShapes)
                byShape_.clear(); // a bound on memory; the shapes in use are rebuilt on demand
            const auto start = std::chrono::steady_clock::now();
            found = byShape_.emplace(shapes, build(inputs)).first;
            logDebug(name_ + ": fast copy for batch " + std::to_string(inputs.empty() ? 0 : inputs.front().size(0))
                     + " built in "
                     + std::to_string(std::lround(
                         std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count()))
                     + " ms");
        }
        graph = found->second;
    }
    if (!graph)
        return forward_(inputs);
    std::vector<c10::IValue> arguments;
    for (const auto& input : inputs)
        arguments.emplace_back(input.contiguous());
    c10::IValue result = graph->forward(arguments);
    std::vector<torch::Tensor> outputs;
    for (const auto& element : result.toTupleRef().elements())
        outputs.push_back(element.toTensor().contiguous());
    return outputs;
}

} // namespace dl
