#include "components/FrozenInference.h"

#include "common/Log.h"
#include "engine/Runtime.h"

#include <algorithm>
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
        built += entry.second.module != nullptr;
    return built;
}

namespace {

std::vector<std::int64_t> sizesOf(const torch::jit::Value* value)
{
    const auto type = value->type()->cast<c10::TensorType>();
    if (!type)
        return {};
    return type->sizes().concrete_sizes().value_or(std::vector<std::int64_t>{});
}

double elements(const std::vector<std::int64_t>& sizes)
{
    double n = sizes.empty() ? 0.0 : 1.0;
    for (std::int64_t s : sizes)
        n *= double(s);
    return n;
}

// 2 x multiply-accumulates of the traced graph's convolutions and matrix products,
// from the shapes the trace recorded.
double countFlops(const torch::jit::Graph& graph)
{
    double flops = 0.0;
    for (const torch::jit::Node* node : graph.nodes()) {
        const auto kind = node->kind();
        if (node->inputs().size() < 2)
            continue;
        const std::vector<std::int64_t> a = sizesOf(node->input(0)), b = sizesOf(node->input(1)),
                                        out = node->outputs().empty() ? std::vector<std::int64_t>{}
                                                                       : sizesOf(node->output(0));
        if ((kind == c10::aten::conv2d || kind == c10::aten::_convolution) && b.size() == 4 && !out.empty()) {
            // weight [out, in / groups, kh, kw]; a transposed _convolution keeps [in, out / groups, ...]
            const bool transposed = kind == c10::aten::_convolution && node->inputs().size() > 6
                                    && torch::jit::toIValue(node->input(6)).value_or(false).toBool();
            flops += transposed ? 2.0 * elements(a) * double(b[1] * b[2] * b[3])
                                : 2.0 * elements(out) * double(b[1] * b[2] * b[3]);
        } else if (kind == c10::aten::conv_transpose2d && b.size() == 4) {
            flops += 2.0 * elements(a) * double(b[1] * b[2] * b[3]);
        } else if (kind == c10::aten::linear && !a.empty() && b.size() == 2) {
            flops += 2.0 * elements(a) * double(b[0]);
        } else if ((kind == c10::aten::matmul || kind == c10::aten::bmm || kind == c10::aten::mm) && !a.empty()
                   && !out.empty()) {
            flops += 2.0 * elements(out) * double(a.back());
        } else if (kind == c10::aten::addmm && node->inputs().size() > 2) {
            const std::vector<std::int64_t> m1 = sizesOf(node->input(1));
            if (m1.size() == 2 && !out.empty())
                flops += 2.0 * elements(out) * double(m1[1]);
        }
    }
    return flops;
}

} // namespace

FrozenInference::Copy FrozenInference::build(const std::vector<torch::Tensor>& inputs)
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
        Copy copy;
        copy.flops = countFlops(*graph);
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
        copy.module = std::make_shared<torch::jit::Module>(torch::jit::optimize_for_inference(frozen));
        return copy;
    } catch (const std::exception& e) {
        restore();
        // Not fatal: the op-by-op forward computes the same outputs, only slower.
        logWarning(DL_TR("Engine", "%1: fast inference path unavailable (%2); running op by op"), name_, e.what());
        return {};
    }
}

const FrozenInference::Copy& FrozenInference::copyFor(const std::vector<torch::Tensor>& inputs)
{
    std::vector<std::vector<std::int64_t>> shapes;
    for (const auto& input : inputs)
        shapes.push_back(input.sizes().vec());
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
    return found->second;
}

std::vector<torch::Tensor> FrozenInference::operator()(const std::vector<torch::Tensor>& inputs)
{
    if (!fastInferenceEnabled())
        return forward_(inputs);
    std::shared_ptr<torch::jit::Module> graph;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        graph = copyFor(inputs).module;
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

NetworkTiming FrozenInference::timeOnImage(int height, int width, int repeats)
{
    torch::manual_seed(0);
    return time({torch::randn({1, 3, height, width})}, repeats);
}

NetworkTiming FrozenInference::time(const std::vector<torch::Tensor>& inputs, int repeats)
{
    torch::InferenceMode guard;
    const double batch = inputs.empty() ? 1.0 : double(std::max<std::int64_t>(1, inputs.front().size(0)));
    auto medianMs = [&](const std::function<void()>& run) {
        for (int i = 0; i < 2; ++i)
            run();
        std::vector<double> ms;
        for (int i = 0; i < std::max(1, repeats); ++i) {
            const auto start = std::chrono::steady_clock::now();
            run();
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
        std::nth_element(ms.begin(), ms.begin() + std::ptrdiff_t(ms.size() / 2), ms.end());
        return ms[ms.size() / 2] / batch;
    };
    NetworkTiming timing;
    timing.network = name_;
    timing.plainMs = medianMs([&] { forward_(inputs); });
    std::shared_ptr<torch::jit::Module> graph;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        const Copy& copy = copyFor(inputs);
        graph = copy.module;
        timing.gflop = copy.flops / batch / 1e9;
    }
    timing.fastMs = graph ? medianMs([&] {
        std::vector<c10::IValue> arguments(inputs.begin(), inputs.end());
        graph->forward(arguments);
    })
                          : timing.plainMs;
    return timing;
}

} // namespace dl
