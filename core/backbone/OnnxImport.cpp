#include "backbone/OnnxImport.h"

#include "common/Error.h"
#include "common/FileUtil.h"
#include "common/Sha256.h"

#include <onnx/onnx_pb.h>

#include <cstring>
#include <map>

namespace dl {
namespace {

using TensorMap = std::map<std::string, const onnx::TensorProto*>;

std::int64_t elementCount(const onnx::TensorProto& t)
{
    std::int64_t n = 1;
    for (auto d : t.dims())
        n *= d;
    return n;
}

// Decodes any numeric initializer to doubles (raw_data or typed fields).
std::vector<double> tensorValues(const onnx::TensorProto& t, const std::string& file)
{
    const std::int64_t n = elementCount(t);
    std::vector<double> out(static_cast<std::size_t>(n));
    const std::string& raw = t.raw_data();
    auto fail = [&](const std::string& what) {
        return Error::forFile(file, "initializer '" + t.name() + "' " + what);
    };
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
ParsedModel parseModel(const std::string& path)
{
    ParsedModel parsed;
    onnx::ModelProto& model = parsed.model;
    std::vector<char> bytes = readFileBytes(path);
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

ImportedConvNet importOnnxConvNet(const std::string& path)
{
    const ParsedModel parsed = parseModel(path);
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
            conv.outputScale = float(reader.values(node.input(6)).at(0));
            conv.outputZeroPoint = int(reader.values(node.input(7)).at(0));
            if (node.input_size() > 8 && !node.input(8).empty()) {
                std::vector<double> bias = reader.values(node.input(8));
                std::vector<double> inputScale = reader.values(node.input(1));
                std::vector<double> weightScale = reader.values(node.input(4));
                conv.bias.resize(bias.size());
                for (std::size_t c = 0; c < bias.size(); ++c)
                    conv.bias[c] = float(bias[c] * inputScale[0] * weightScale[weightScale.size() > 1 ? c : 0]);
            }
            net.convolutions.push_back(std::move(conv));
        } else if (op == "Conv") {
            net.convolutions.push_back(readConv(node, reader, path));
        } else if (op == "QLinearMatMul") {
            // inputs: a, a_scale, a_zp, b, b_scale, b_zp, y_scale, y_zp; b is [in, out]
            const auto& weightTensor = reader.initializer(node.input(3));
            std::vector<std::int64_t> shape(weightTensor.dims().begin(), weightTensor.dims().end());
            if (shape.size() != 2)
                throw Error::forFile(path, "classifier weight '" + node.input(3) + "' is not a matrix");
            // Per-output-channel scales sit on axis 1 of [in, out].
            std::vector<double> q = reader.values(node.input(3));
            std::vector<double> s = reader.values(node.input(4));
            std::vector<double> z = reader.values(node.input(5));
            const std::int64_t in = shape[0], out = shape[1];
            net.classifier.inFeatures = in;
            net.classifier.outFeatures = out;
            net.classifier.weight.resize(std::size_t(in * out));
            for (std::int64_t i = 0; i < in; ++i)
                for (std::int64_t o = 0; o < out; ++o) {
                    std::size_t c = s.size() > 1 ? std::size_t(o) : 0;
                    net.classifier.weight[std::size_t(o * in + i)] = float((q[std::size_t(i * out + o)] - z[c]) * s[c]);
                }
            classifierOutput = node.output(0);
        } else if (op == "MatMul" || op == "Gemm") {
            if (node.input_size() < 2 || !reader.hasInitializer(node.input(1)))
                continue; // activation x activation products are not classifier weights
            const auto& w = reader.initializer(node.input(1));
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
            classifierOutput = node.output(0);
        } else if (op == "QuantizeLinear" && node.input_size() >= 3 && net.convolutions.empty()) {
            net.inputGrid = {float(reader.values(node.input(1)).at(0)), int(reader.values(node.input(2)).at(0))};
        } else if (op == "QLinearGlobalAveragePool" && node.input_size() >= 5) {
            net.poolGrid = {float(reader.values(node.input(3)).at(0)), int(reader.values(node.input(4)).at(0))};
        } else if (op == "QLinearAdd" && (classifierOutput.empty() || node.input(0) != classifierOutput)) {
            net.residualAddGrids.push_back({float(reader.values(node.input(6)).at(0)), int(reader.values(node.input(7)).at(0))});
        } else if ((op == "QLinearAdd" || op == "Add") && !classifierOutput.empty()
                   && node.input(0) == classifierOutput) {
            if (op == "QLinearAdd") {
                std::vector<float> b = reader.dequantize(node.input(3), node.input(4), node.input(5), nullptr);
                net.classifier.bias = b;
                net.logitsGrid = {float(reader.values(node.input(6)).at(0)), int(reader.values(node.input(7)).at(0))};
            } else if (reader.hasInitializer(node.input(1))) {
                auto bv = reader.values(node.input(1));
                net.classifier.bias.assign(bv.begin(), bv.end());
            }
        }
    }
    if (net.convolutions.empty())
        throw Error::forFile(path, "ONNX model contains no convolutions");
    return net;
}

ImportedGraph importOnnxGraph(const std::string& path)
{
    const ParsedModel parsed = parseModel(path);
    ImportedGraph imported{path, parsed.sha256};
    const auto& graph = parsed.model.graph();
    GraphReader reader(graph, path);
    for (const auto& init : graph.initializer())
        imported.initializerElements += elementCount(init);
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
