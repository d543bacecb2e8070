#pragma once
// Command-line parsing for defectlens-cli. The option names are a published
// contract (docs/cli.md); keep them stable.
#include "data/Dataset.h"
#include "data/Importers.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dl::cli {

struct DataArgument {
    std::string path;
    DatasetOptions options;
};

struct CliOptions {
    std::string command;                 // fit, crossvalidate, test, predict, watch, label-next, benchmark, synth, methods, info, models, promote, make-sample
    // common
    std::string dbPath;                  // empty: the user's default database
    bool noDb = false;
    int threads = 0;                     // 0: all cores
    bool fastPath = true;                // --param fast_path=off: networks op by op
    long long maxImagePixels = 0;        // 0: the default (data/ImageIO.h)
    bool verbose = false;
    bool quiet = false;
    std::string weightsPath;             // backbone weights override
    std::string backboneArchitecture = "mobilenetv2";
    // data
    std::vector<DataArgument> data;
    // fit
    std::string method;
    std::string outPath;
    std::string parentModelPath;         // fit: retrain from this model (reuses what the method can)
    bool unified = false;
    bool resume = false;                 // fit --resume: continue the epochs saved in OUT.checkpoint
    int labelledDefects = 0;
    LabelledDraw labelledDraw = LabelledDraw::RoundRobin; // --labelled-draw
    std::string labelledListPath;        // --labelled-list FILE: these test defects become labelled training defects
    bool labelsFromDb = false;           // defect masks annotated in the database become labelled defects
    unsigned labelSeed = 42;
    int folds = 5;                       // crossvalidate, threshold: K
    int trainingLabels = -1;             // crossvalidate --training-labels M: labels each fold model trains on; -1: all
    // crossvalidate --sweep KEY=V1,V2,...: scoring parameters and their values, every
    // combination scored by the same fold models
    std::vector<std::pair<std::string, std::vector<nlohmann::json>>> sweeps;
    double targetFalseReject = -1;       // threshold: --target-false-reject R; -1: not given
    nlohmann::json params = nlohmann::json::object();
    // test / predict / benchmark
    std::string modelPath;
    std::string jsonPath;
    std::string mapsDir;
    std::string inputPath;
    std::string overlayDir;
    int benchmarkImages = 60;
    int batchSize = 8;
    int warmup = 3;
    // tiles: fit stores them in the model; test, predict, watch and benchmark override the model's
    int tileSize = 0;                    // --tile SIZE; 0: not given
    int tileOverlap = -1;                // --overlap PX; -1: not given
    // watch
    bool recursive = false;              // --recursive: subfolders of --input too
    std::string archiveDir;              // --archive DIR: move inspected files there
    std::string publishUrl;              // --publish mqtt://HOST:PORT/TOPIC (mqtts:// for TLS)
    std::string publishCa;               // --publish-ca FILE (else $DEFECTLENS_MQTT_CA)
    std::string publishCert;             // --publish-cert FILE (else $DEFECTLENS_MQTT_CERT)
    std::string publishKey;              // --publish-key FILE (else $DEFECTLENS_MQTT_KEY)
    double pollSeconds = 0;              // --poll S: also list the watch folder every S seconds; 0: events only
    double exitWhenIdleSeconds = 0;      // --exit-when-idle S: end after S seconds without images; 0: never
    long long maxImages = 0;             // --max-images N: end after N images; 0: no limit
    // synth (SDAS synthesis models); --seed is labelSeed, --category is category
    int count = 0;                       // images to write; 0: not given
    std::string rankBy;                  // label-next --rank-by; empty: dl::kDefaultRankBy
    double strengthMin = -1;             // --strength S or MIN:MAX; -1: not given
    double strengthMax = -1;
    std::vector<double> strengths;       // --strength as a list S1,S2,... (or one S); empty: not given
    bool measureNovelty = false;         // --measure-novelty: nearest-training-image distance per strength
    std::string gridPath;                // --grid FILE.png: a sample sheet, a row per strength
    std::string tap = "features.13";     // --tap: MobileNetV2 layer of --measure-novelty
    int steps = 0;                       // 0: the model's sampling_steps
    int size = 0;                        // 0: the model's resolution
    std::string category;                // the last --category given
    // promote
    long long modelId = 0;               // 0: not given (then --model names the bundle)
    // db migrate | db bench (and db bench-writer, the processes db bench starts)
    std::string dbAction;
    std::string copyFrom;                // db migrate --from sqlite:PATH | postgresql://...
    std::string copyTo;                  // db migrate --to ...
    int benchWriters = 4;                // db bench --writers N
    int benchResults = 2500;             // db bench --results N (per writer)
    int benchRounds = 100;               // db bench --rounds N (promotion race)
    int benchMigrateResults = 100000;    // db bench --migrate-results N (0: skip)
    std::string benchPhase;              // db bench-writer --phase results|overrides
    long long benchRunId = 0;            // db bench-writer --run-id N
    int benchWriterIndex = 0;            // db bench-writer --writer N
    std::string reason;
};

// `--model active` stands for the database's active (newest promoted) model.
inline constexpr const char* kActiveModel = "active";

// Throws dl::Error with a usage hint on malformed command lines.
CliOptions parseCommandLine(const std::vector<std::string>& args);
std::string usageText();

} // namespace dl::cli
