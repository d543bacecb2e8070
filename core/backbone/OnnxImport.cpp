#include "backbone/OnnxImport.h"

#include "common/Error.h"
#include "common/FileUtil.h"
#include "common/Sha256.h"

#include <onnx/onnx_pb.h>

#include <climits>
#include <cstring>
#include <map>

namespace dl {
namespace {

using TensorMap = std::map<std::string, const onnx::TensorProto*>;

// The most elements one initializer may hold: 2^31 (8 GiB as fp32) is far above
// any backbone's largest tensor, and keeps every size computation below in range.
constexpr std::int64_t kMaxTensorElements = std::int64_t(1) << 31;

// Throws dl::Error for negative dimensions or more than kMaxTensorElements.
std::int64_t elementCount(const onnx::TensorProto& t, const std::string& file)
{
    std::int64_t n = 1;
    for (auto d : t.dims()) {
        if (d < 0 || (d > 0 && n > kMaxTensorElements / d))
            throw Error::forFile(file, "initializer '" + t.name() + "' has an invalid or too large shape");
        n *= d;
    }
    return n;
}

// Input `index` of a node; throws dl::Error naming the node where it has fewer.
const std::string& inputOf(const onnx::NodeProto& node, int index, const std::string& file)
{
    if (index >= node.input_size())
        throw Error::forFile(file, node.op_type() + " node '" + node.name() + "' has " + std::to_string(node.input_size())
                                       + " inputs, expected at least " + std::to_string(index + 1));
    return node.input(index);
}

// Output `index` of a node; throws dl::Error naming the node where it has fewer.
const std::string& outputOf(const onnx::NodeProto& node, int index, const std::string& file)
{
    if (index >= node.output_size())
        throw Error::forFile(file, node.op_type() + " node '" + node.name() + "' has no output " + std::to_string(index));
    return node.output(index);
}

// The first value of a scalar parameter; throws dl::Error naming it when it is empty.
double firstValue(const std::vector<double>& values, const std::string& name, const std::string& file)
{
    if (values.empty())
        throw Error::forFile(file, "quantisation parameter '" + name + "' holds no value");
    return values.front();
}

// Decodes any numeric initializer to doubles (raw_data or typed fields).
std::vector<double> tensorValues(const onnx::TensorProto& t, const std::string& file)
{
    const std::int64_t n = elementCount(t, file);
    const std::string& raw = t.raw_data();
    auto fail = [&](const std::string& what) {
        return Error::forFile(file, "initializer '" + t.name() + "' " + what);
    };
    // The stored values must match the shape before anything is allocated for
    // it: a few bytes of protobuf can announce billions of elements.
    std::int64_t stored = 0;
    switch (t.data_type()) {
    case onnx::TensorProto::FLOAT:
        stored = raw.empty() ? t.float_data_size() : std::int64_t(raw.size() / 4);
        if (!raw.empty() && raw.size() % 4 != 0) throw fail("has a wrong byte size");
        break;
    case onnx::TensorProto::INT8:
    case onnx::TensorProto::UINT8:
        stored = raw.empty() ? t.int32_data_size() : std::int64_t(raw.size());
        break;
    case onnx::TensorProto::INT32:
        stored = raw.empty() ? t.int32_data_size() : std::int64_t(raw.size() / 4);
        if (!raw.empty() && raw.size() % 4 != 0) throw fail("has a wrong byte size");
        break;
    default:
        throw fail("has unsupported data type " + std::to_string(t.data_type()));
    }
    if (stored != n)
        throw fail("holds " + std::to_string(stored) + " values for a shape of " + std::to_string(n) + " elements");
    std::vector<double> out(static_cast<std::size_t>(n));
    switch (t.data_type()) {
    case onnx::TensorProto::FLOAT:
        if (!raw.empty()) {
            if (raw.size() != std::size_t(n) * 4) throw fail("has a wrong byte size");
            for (std::int64_t i = 0; i < n; ++i) {
                float v;
                std::memcpy(&v, raw.data() + 4 * i, 4);
                out[std::size_t(i)] = v;
            }
        } else {
            if (t.float_data_size() != n) throw fail("has a wrong element count");
            for (std::int64_t i = 0; i < n; ++i) out[std::size_t(i)] = t.float_data(int(i));
        }
        break;
    case onnx::TensorProto::INT8:
    case onnx::TensorProto::UINT8:
        if (!raw.empty()) {
            if (raw.size() != std::size_t(n)) throw fail("has a wrong byte size");
            for (std::int64_t i = 0; i < n; ++i)
                out[std::size_t(i)] = t.data_type() == onnx::TensorProto::INT8
                    ? double(static_cast<std::int8_t>(raw[std::size_t(i)]))
                    : double(static_cast<std::uint8_t>(raw[std::size_t(i)]));
        } else {
            if (t.int32_data_size() != n) throw fail("has a wrong element count");
            for (std::int64_t i = 0; i < n; ++i) out[std::size_t(i)] = t.int32_data(int(i));
        }
        break;
    case onnx::TensorProto::INT32:
        if (!raw.empty()) {
            if (raw.size() != std::size_t(n) * 4) throw fail("has a wrong byte size");
            for (std::int64_t i = 0; i < n; ++i) {
                std::int32_t v;
                std::memcpy(&v, raw.data() + 4 * i, 4);
                out[std::size_t(i)] = v;
            }
        } else {
            if (t.int32_data_size() != n) throw fail("has a wrong element count");
            for (std::int64_t i = 0; i < n; ++i) out[std::size_t(i)] = t.int32_data(int(i));
        }
        break;
    default:
        throw fail("has unsupported data type " + std::to_string(t.data_type()));
    }
    return out;
}

class GraphReader {
public:
    GraphReader(const onnx::GraphProto& graph, std::string file) : graph_(graph), file_(std::move(file))
    {
        for (const auto& init : graph.initializer())
            initializers_[init.name()] = &init;
    }

    const onnx::TensorProto& initializer(const std::string& name) const
    {
        auto it = initializers_.find(name);
        if (it == initializers_.end())
            throw Error::forFile(file_, "expected a constant initializer named '" + name + "'");
        return *it->second;
    }
    std::vector<double> values(const std::string& name) const { return tensorValues(initializer(name), file_); }
    bool hasInitializer(const std::string& name) const { return initializers_.count(name) > 0; }

    // Dequantises (q - zp) * scale with per-tensor or per-axis-0 parameters.
    std::vector<float> dequantize(const std::string& q, const std::string& scale, const std::string& zeroPoint,
                                  std::vector<std::int64_t>* shapeOut) const
    {
        const auto& qt = initializer(q);
        std::vector<double> qv = tensorValues(qt, file_);
        std::vector<double> sv = values(scale);
        std::vector<double> zv = values(zeroPoint);
        if (sv.empty() || zv.size() != sv.size())
            throw Error::forFile(file_, "quantisation parameters of '" + q + "' are inconsistent");
        std::vector<std::int64_t> shape(qt.dims().begin(), qt.dims().end());
        std::size_t channels = sv.size();
        std::size_t perChannel = channels > 1 ? qv.size() / channels : qv.size();
        if (channels > 1 && (shape.empty() || std::size_t(shape[0]) != channels))
            throw Error::forFile(file_, "per-channel scale of '" + q + "' does not match its first axis");
        std::vector<float> out(qv.size());
        for (std::size_t i = 0; i < qv.size(); ++i) {
            std::size_t c = channels > 1 ? i / perChannel : 0;
            out[i] = float((qv[i] - zv[c]) * sv[c]);
        }
        if (shapeOut) *shapeOut = shape;
        return out;
    }

    static int intAttr(const onnx::NodeProto& node, const std::string& name, int fallback)
    {
        for (const auto& a : node.attribute())
            if (a.name() == name) return int(a.i());
        return fallback;
    }
    static std::vector<std::int64_t> intsAttr(const onnx::NodeProto& node, const std::string& name)
    {
        for (const auto& a : node.attribute())
            if (a.name() == name) return {a.ints().begin(), a.ints().end()};
        return {};
    }

    void fillGeometry(const onnx::NodeProto& node, ImportedConv& conv) const
    {
        conv.nodeName = node.name();
        conv.groups = intAttr(node, "group", 1);
        auto strides = intsAttr(node, "strides");
        if (strides.size() == 2) { conv.strideH = int(strides[0]); conv.strideW = int(strides[1]); }
        auto pads = intsAttr(node, "pads");
        if (pads.size() == 4) {
            conv.padTop = int(pads[0]); conv.padLeft = int(pads[1]);
            conv.padBottom = int(pads[2]); conv.padRight = int(pads[3]);
        }
        auto dil = intsAttr(node, "dilations");
        if (!dil.empty()) conv.dilation = int(dil[0]);
        for (const auto& a : node.attribute())
            if (a.name() == "auto_pad" && a.s() != "NOTSET")
                throw Error::forFile(file_, "node '" + node.name() + "' uses auto_pad, which is not supported");
    }

private:
    const onnx::GraphProto& graph_;
    std::string file_;
    TensorMap initializers_;
};

struct ParsedModel {
    onnx::ModelProto model;
    std::string sha256;
};

// Throws dl::Error naming the file.
ParsedModel parseModel(const std::vector<char>& bytes, const std::string& path)
{
    ParsedModel parsed;
    onnx::ModelProto& model = parsed.model;
    if (bytes.size() > std::size_t(INT_MAX))
        throw Error::forFile(path, "is larger than 2 GiB, more than an ONNX protobuf may hold");
    if (bytes.empty())
        throw Error::forFile(path, "file is empty, expected an ONNX model");
    if (!model.ParseFromArray(bytes.data(), int(bytes.size())))
        throw Error::forFile(path, "is not a valid ONNX model (protobuf parse failed)");
    if (!model.has_graph() || model.graph().node_size() == 0)
        throw Error::forFile(path, "ONNX model has no graph");
    parsed.sha256 = Sha256::ofBytes(bytes.data(), bytes.size());
    return parsed;
}

ImportedConv readConv(const onnx::NodeProto& node, const GraphReader& reader, const std::string& path)
{
    if (node.input_size() < 2)
        throw Error::forFile(path, "Conv '" + node.name() + "' has too few inputs");
    ImportedConv conv;
    reader.fillGeometry(node, conv);
    const auto& w = reader.initializer(node.input(1));
    conv.weightShape.assign(w.dims().begin(), w.dims().end());
    auto wv = tensorValues(w, path);
    conv.weight.assign(wv.begin(), wv.end());
    if (node.input_size() > 2 && !node.input(2).empty()) {
        auto bv = reader.values(node.input(2));
        conv.bias.assign(bv.begin(), bv.end());
    }
    return conv;
}

ImportedTensor toImported(const onnx::TensorProto& t, const std::string& path)
{
    ImportedTensor out;
    out.shape.assign(t.dims().begin(), t.dims().end());
    auto values = tensorValues(t, path);
    out.values.assign(values.begin(), values.end());
    return out;
}

} // namespace

ImportedConvNet importOnnxConvNet(const std::string& path) { return importOnnxConvNetFromMemory(readFileBytes(path), path); }

ImportedConvNet importOnnxConvNetFromMemory(const std::vector<char>& bytes, const std::string& path)
{
    const ParsedModel parsed = parseModel(bytes, path);
    ImportedConvNet net{path, parsed.sha256};
    const auto& graph = parsed.model.graph();
    GraphReader reader(graph, path);

    // The classifier's MatMul output feeds an Add with the bias; remember it.
    std::string classifierOutput;
    for (const auto& node : graph.node()) {
        const std::string& op = node.op_type();
        if (op == "QLinearConv") {
            // inputs: x, x_scale, x_zp, w, w_scale, w_zp, y_scale, y_zp, [B]
            if (node.input_size() < 8)
                throw Error::forFile(path, "QLinearConv '" + node.name() + "' has too few inputs");
            net.quantized = true;
            ImportedConv conv;
            reader.fillGeometry(node, conv);
            conv.weight = reader.dequantize(node.input(3), node.input(4), node.input(5), &conv.weightShape);
            conv.outputScale = float(firstValue(reader.values(node.input(6)), node.input(6), path));
            conv.outputZeroPoint = int(firstValue(reader.values(node.input(7)), node.input(7), path));
            if (node.input_size() > 8 && !node.input(8).empty()) {
                std::vector<double> bias = reader.values(node.input(8));
                std::vector<double> inputScale = reader.values(node.input(1));
                std::vector<double> weightScale = reader.values(node.input(4));
                firstValue(inputScale, node.input(1), path);
                if (weightScale.empty() || (weightScale.size() > 1 && weightScale.size() != bias.size()))
                    throw Error::forFile(path, "QLinearConv '" + node.name() + "': bias and weight scales disagree");
                conv.bias.resize(bias.size());
                for (std::size_t c = 0; c < bias.size(); ++c)
                    conv.bias[c] = float(bias[c] * inputScale[0] * weightScale[weightScale.size() > 1 ? c : 0]);
            }
            net.convolutions.push_back(std::move(conv));
        } else if (op == "Conv") {
            net.convolutions.push_back(readConv(node, reader, path));
        } else if (op == "QLinearMatMul") {
            // inputs: a, a_scale, a_zp, b, b_scale, b_zp, y_scale, y_zp; b is [in, out]
            inputOf(node, 7, path);
            const auto& weightTensor = reader.initializer(node.input(3));
            std::vector<std::int64_t> shape(weightTensor.dims().begin(), weightTensor.dims().end());
            if (shape.size() != 2)
                throw Error::forFile(path, "classifier weight '" + node.input(3) + "' is not a matrix");
            // Per-output-channel scales sit on axis 1 of [in, out].
            std::vector<double> q = reader.values(node.input(3));
            std::vector<double> s = reader.values(node.input(4));
            std::vector<double> z = reader.values(node.input(5));
            const std::int64_t in = shape[0], out = shape[1];
            if (q.size() != std::size_t(in * out) || s.empty() || z.size() != s.size()
                || (s.size() > 1 && s.size() != std::size_t(out)))
                throw Error::forFile(path, "QLinearMatMul '" + node.name() + "': weights and quantisation parameters disagree");
            net.classifier.inFeatures = in;
            net.classifier.outFeatures = out;
            net.classifier.weight.resize(std::size_t(in * out));
            for (std::int64_t i = 0; i < in; ++i)
                for (std::int64_t o = 0; o < out; ++o) {
                    std::size_t c = s.size() > 1 ? std::size_t(o) : 0;
                    net.classifier.weight[std::size_t(o * in + i)] = float((q[std::size_t(i * out + o)] - z[c]) * s[c]);
                }
            classifierOutput = outputOf(node, 0, path);
        } else if (op == "MatMul" || op == "Gemm") {
            if (node.input_size() < 2 || !reader.hasInitializer(node.input(1)))
                continue; // activation x activation products are not classifier weights
            const auto& w = reader.initializer(node.input(1));
            if (w.dims_size() != 2)
                throw Error::forFile(path, op + " '" + node.name() + "': weight '" + node.input(1) + "' is not a matrix");
            auto wv = tensorValues(w, path);
            bool transB = op == "Gemm" && GraphReader::intAttr(node, "transB", 0) == 1;
            std::int64_t d0 = w.dims(0), d1 = w.dims(1);
            std::int64_t in = transB ? d1 : d0, out = transB ? d0 : d1;
            net.classifier.inFeatures = in;
            net.classifier.outFeatures = out;
            net.classifier.weight.resize(std::size_t(in * out));
            for (std::int64_t i = 0; i < in; ++i)
                for (std::int64_t o = 0; o < out; ++o)
                    net.classifier.weight[std::size_t(o * in + i)] =
                        float(transB ? wv[std::size_t(o * in + i)] : wv[std::size_t(i * out + o)]);
            if (op == "Gemm" && node.input_size() > 2 && reader.hasInitializer(node.input(2))) {
                auto bv = reader.values(node.input(2));
                net.classifier.bias.assign(bv.begin(), bv.end());
            }
            classifierOutput = outputOf(node, 0, path);
        } else if (op == "QuantizeLinear" && node.input_size() >= 3 && net.convolutions.empty()) {
            net.inputGrid = {float(firstValue(reader.values(node.input(1)), node.input(1), path)),
                             int(firstValue(reader.values(node.input(2)), node.input(2), path))};
        } else if (op == "QLinearGlobalAveragePool" && node.input_size() >= 5) {
            net.poolGrid = {float(firstValue(reader.values(node.input(3)), node.input(3), path)),
                            int(firstValue(reader.values(node.input(4)), node.input(4), path))};
        } else if (op == "QLinearAdd" && (classifierOutput.empty() || inputOf(node, 0, path) != classifierOutput)) {
            net.residualAddGrids.push_back({float(firstValue(reader.values(inputOf(node, 6, path)), node.input(6), path)),
                                            int(firstValue(reader.values(inputOf(node, 7, path)), node.input(7), path))});
        } else if ((op == "QLinearAdd" || op == "Add") && !classifierOutput.empty()
                   && inputOf(node, 0, path) == classifierOutput) {
            if (op == "QLinearAdd") {
                inputOf(node, 7, path);
                std::vector<float> b = reader.dequantize(node.input(3), node.input(4), node.input(5), nullptr);
                net.classifier.bias = b;
                net.logitsGrid = {float(firstValue(reader.values(node.input(6)), node.input(6), path)),
                                  int(firstValue(reader.values(node.input(7)), node.input(7), path))};
            } else if (reader.hasInitializer(inputOf(node, 1, path))) {
                auto bv = reader.values(node.input(1));
                net.classifier.bias.assign(bv.begin(), bv.end());
            }
        }
    }
    if (net.convolutions.empty())
        throw Error::forFile(path, "ONNX model contains no convolutions");
    return net;
}

ImportedGraph importOnnxGraph(const std::string& path) { return importOnnxGraphFromMemory(readFileBytes(path), path); }

ImportedGraph importOnnxGraphFromMemory(const std::vector<char>& bytes, const std::string& path)
{
    const ParsedModel parsed = parseModel(bytes, path);
    ImportedGraph imported{path, parsed.sha256};
    const auto& graph = parsed.model.graph();
    GraphReader reader(graph, path);
    for (const auto& init : graph.initializer())
        imported.initializerElements += elementCount(init, path);
    for (const auto& node : graph.node()) {
        if (node.op_type() == "Conv") {
            imported.convolutions[node.name()] = readConv(node, reader, path);
        } else if (node.op_type() == "Constant") {
            for (const auto& a : node.attribute())
                if (a.name() == "value" && a.has_t() && a.t().data_type() == onnx::TensorProto::FLOAT)
                    imported.nodeConstants[node.name()].push_back(toImported(a.t(), path));
        } else {
            for (const auto& input : node.input())
                if (reader.hasInitializer(input))
                    imported.nodeConstants[node.name()].push_back(toImported(reader.initializer(input), path));
        }
    }
    return imported;
}

const ImportedTensor& ImportedGraph::constantOf(const std::string& nodeName) const
{
    auto it = nodeConstants.find(nodeName);
    if (it == nodeConstants.end() || it->second.size() != 1)
        throw Error::forFile(path, "expected node '" + nodeName + "' with exactly one constant input");
    return it->second.front();
}

const ImportedConv& ImportedGraph::convolution(const std::string& nodeName) const
{
    auto it = convolutions.find(nodeName);
    if (it == convolutions.end())
        throw Error::forFile(path, "expected a convolution node named '" + nodeName + "'");
    return it->second;
}

} // namespace dl
