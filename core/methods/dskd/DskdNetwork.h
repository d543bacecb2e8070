#pragma once
// DSKD's trainable networks (internal torch header; include from .cpp files only).
//
//   image -> StudentEncoder (E) -> trunk features at the teacher taps' strides (two to four)
//                                  -> 1x1 heads -> teacher-space features (loss only)
//   trunk features -> Bottleneck -> one compact embedding at the coarsest stride (or half of it)
//   embedding -> StudentDecoder (D, E's mirror image) -> teacher-space features, coarse to fine
//
// Inference scores 1 - cos(teacher, D). E's trunk still runs because D decodes
// E's embedding; E's heads (its own distillation outputs) never run at inference.
#include "components/ConvBlocks.h"
#include "components/ModuleState.h"
#include "methods/dskd/DskdParams.h"

#include <torch/torch.h>

#include <string>
#include <utility>
#include <vector>

namespace dl {

class FeatureExtractor;

struct DskdArchitecture {
    std::vector<int> teacherChannels{24, 32, 96}; // channels of the teacher taps (two to four), fine to coarse
    int firstStride = 4;                          // stride of the finest tap; each next one doubles it
    std::vector<int> widths{24, 48, 96};          // student channels at the taps' strides, one per tap
    int embedDim = 96;                            // bottleneck embedding channels
    int embedExtraStride = 1;                     // 1: embedding at the coarsest tap stride, 2 or 4: one or two more halvings

    std::size_t scales() const { return teacherChannels.size(); }
};

// Throws dl::Error for tap counts, widths or embedding settings out of range.
void checkArchitecture(const DskdArchitecture& a);

// The student layout for this teacher and these parameters: channels and strides come
// from the taps, whose strides must double from one to the next; the image size must be
// a multiple of the embedding's stride.
DskdArchitecture dskdArchitecture(const DskdParams& params, const FeatureExtractor& teacher);

// Whether image_size gives an embedding grid of whole cells, at least 2x2 (batch norm
// cannot train on a 1x1 map of a one-image batch), at coarsestTapStride x extraStride.
bool embeddingGridFits(int imageSize, int coarsestTapStride, int extraStride);

// 2x upsampling by a learned 2x2 transposed conv + BN + ReLU (the decoder's inverse of a strided conv).
struct UpBnReluImpl : torch::nn::Module {
    UpBnReluImpl(int in, int out);
    torch::Tensor forward(const torch::Tensor& x);
    torch::nn::ConvTranspose2d up{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
};
TORCH_MODULE(UpBnRelu);

// Student E: a small randomly initialised CNN in forward (fine-to-coarse) order.
struct StudentEncoderImpl : torch::nn::Module {
    explicit StudentEncoderImpl(const DskdArchitecture& a);
    // Trunk features at the tap strides (what the bottleneck consumes).
    std::vector<torch::Tensor> forward(const torch::Tensor& image);
    // Teacher-space projections of the trunk features: E's distillation outputs (training only).
    std::vector<torch::Tensor> project(const std::vector<torch::Tensor>& trunk);
    std::vector<torch::nn::Sequential> stages; // "stage1" (finest) ... one per tap
    std::vector<torch::nn::Conv2d> heads;      // "head1" ... one per tap
};
TORCH_MODULE(StudentEncoder);

// Fuses E's trunk maps: strided convs bring the finer ones to the coarsest grid,
// then concatenation and a 1x1 conv squeeze them into the embedding.
struct BottleneckImpl : torch::nn::Module {
    explicit BottleneckImpl(const DskdArchitecture& a);
    torch::Tensor forward(const std::vector<torch::Tensor>& trunk);
    std::vector<torch::nn::Sequential> downs; // "down1" ... one per tap but the coarsest
    torch::nn::Sequential fuse{nullptr};
};
TORCH_MODULE(Bottleneck);

// Student D: E's structure inverted, reconstructing teacher features coarse to fine
// from the embedding alone (no skip connections from E: anomalies must not leak through).
struct StudentDecoderImpl : torch::nn::Module {
    explicit StudentDecoderImpl(const DskdArchitecture& a);
    // Teacher-space reconstructions, returned fine to coarse (the taps' order).
    std::vector<torch::Tensor> forward(const torch::Tensor& embedding);
    torch::nn::Sequential entry{nullptr};
    std::vector<torch::nn::Sequential> stages; // stages[i] is "stage<i+1>" (fine to coarse), built coarse to fine
    std::vector<torch::nn::Conv2d> heads;      // "head1" ... one per tap
};
TORCH_MODULE(StudentDecoder);

// The two students and their bottleneck, trained and saved together.
struct DskdNetwork {
    explicit DskdNetwork(const DskdArchitecture& a);

    DskdArchitecture architecture;
    StudentEncoder encoder;
    Bottleneck bottleneck;
    StudentDecoder decoder;

    struct TrainingOutputs {
        std::vector<torch::Tensor> encoder; // E's teacher-space features, fine to coarse
        std::vector<torch::Tensor> decoder; // D's reconstructions, fine to coarse
    };
    TrainingOutputs forwardTraining(const torch::Tensor& images);
    // The inference path: E's trunk -> bottleneck -> D (E's heads are skipped).
    std::vector<torch::Tensor> reconstruct(const torch::Tensor& images);

    void train(bool on);
    std::vector<torch::Tensor> parameters() const;
    // Every float parameter and buffer under a stable dotted name ("decoder.stage1.0.conv1.weight").
    // BatchNorm's integer num_batches_tracked is left out: eval mode never reads it.
    NamedTensors namedState() const;
    std::int64_t parameterCount() const;
};

} // namespace dl
