// The ONNX weight importer (core/backbone/OnnxImport): users point DefectLens at
// their own backbone files, so any bytes must end in a dl::Error naming the file,
// never a crash, an out-of-range read or an unbounded allocation. Both entry
// points (the conv-net reader of MobileNetV2 and the by-node-name reader of the
// SAM TinyViT port) see every input.
#include "backbone/OnnxImport.h"
#include "common/Error.h"

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::vector<char> bytes(reinterpret_cast<const char*>(data), reinterpret_cast<const char*>(data) + size);
    try {
        const dl::ImportedConvNet net = dl::importOnnxConvNetFromMemory(bytes, "fuzz.onnx");
        for (const auto& conv : net.convolutions)
            (void)conv.weight.size();
    } catch (const dl::Error&) {
        // The expected outcome for almost every input: a readable refusal.
    }
    try {
        const dl::ImportedGraph graph = dl::importOnnxGraphFromMemory(bytes, "fuzz.onnx");
        (void)graph.initializerElements;
    } catch (const dl::Error&) {
        // As above.
    }
    return 0;
}
