#pragma once
// Reads the weights of a convolutional ONNX classifier (fp32 or QDQ/QLinear
// int8) into plain fp32 arrays, in graph order. Quantised tensors are
// dequantised here: W = (q - zero_point) * scale per output channel, an int32
// bias b becomes b * input_scale * weight_scale. No torch in this interface.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace dl {

struct ImportedConv {
    std::string nodeName;
    std::vector<std::int64_t> weightShape; // [out, in/groups, kh, kw]
    std::vector<float> weight;
    std::vector<float> bias;               // empty when the node has none
    int strideH = 1, strideW = 1;
    int padTop = 0, padLeft = 0, padBottom = 0, padRight = 0;
    int groups = 1;
    int dilation = 1;
    // Quantised graphs only: the uint8 output grid of this node (scale 0 = none).
    float outputScale = 0.0f;
    int outputZeroPoint = 0;
};

// The uint8 grid an activation was quantised to in an int8 graph.
struct QuantGrid {
    float scale = 0.0f;
    int zeroPoint = 0;
};

struct ImportedLinear {
    std::int64_t inFeatures = 0;
    std::int64_t outFeatures = 0;
    std::vector<float> weight; // row-major [out, in]
    std::vector<float> bias;   // [out]
};

struct ImportedConvNet {
    std::string path;
    std::string sha256;
    bool quantized = false;
    std::vector<ImportedConv> convolutions; // in topological order
    ImportedLinear classifier;              // from the final MatMul/Gemm (+Add)
    // Activation grids of an int8 graph, for emulating its rounding in fp32
    // (used to verify the port layer by layer against the int8 reference).
    QuantGrid inputGrid;
    std::vector<QuantGrid> residualAddGrids; // one per QLinearAdd between convolutions, in order
    QuantGrid poolGrid;
    QuantGrid logitsGrid;
};

// Throws dl::Error naming the file when it cannot be parsed or holds operators
// whose weights we cannot interpret.
ImportedConvNet importOnnxConvNet(const std::string& path);
// The same from a file's bytes already in memory; `path` names it in errors
// (tests/fuzz/fuzz_onnx feeds arbitrary bytes here).
ImportedConvNet importOnnxConvNetFromMemory(const std::vector<char>& bytes, const std::string& path);

struct ImportedTensor {
    std::vector<std::int64_t> shape;
    std::vector<float> values;
};

// The constants of any fp32 ONNX graph, addressed by the name of the node that
// uses them, for ports that bind weights by node name.
struct ImportedGraph {
    std::string path;
    std::string sha256;
    std::map<std::string, ImportedConv> convolutions;                 // by Conv node name
    std::map<std::string, std::vector<ImportedTensor>> nodeConstants; // by node name: its initializer
                                                                      // inputs in input order, or a
                                                                      // Constant node's value
    std::int64_t initializerElements = 0;                            // sum over all initializers

    // The single constant of node `nodeName`; throws dl::Error naming the file otherwise.
    const ImportedTensor& constantOf(const std::string& nodeName) const;
    const ImportedConv& convolution(const std::string& nodeName) const;
};

// Reads every fp32 initializer and float Constant node. Throws dl::Error naming the file.
ImportedGraph importOnnxGraph(const std::string& path);
ImportedGraph importOnnxGraphFromMemory(const std::vector<char>& bytes, const std::string& path);

} // namespace dl
