#pragma once
// In-memory description of an imported dataset. Importers (core/data/Importers.h)
// build it from a folder; the engine, the CLI and the database consume it.
#include <string>
#include <vector>

namespace dl {

enum class Split { Train, Test };
enum class DatasetFormat { Auto, MvTec, MaskFolder, Visa, Folder };

const char* toString(Split split);
const char* toString(DatasetFormat format);
DatasetFormat datasetFormatFromString(const std::string& name); // throws dl::Error

struct Sample {
    std::string path;          // absolute path of the image file
    std::string relativePath;  // path relative to the dataset root ('/'-separated)
    std::string category;      // object/texture category, e.g. "bottle"
    Split split = Split::Train;
    int label = 0;             // 0 = normal, 1 = defective, -1 = unknown (plain folder, unlabelled)
    std::string defectType;    // "good" for normal images; defect class otherwise
    std::string maskPath;      // empty when there is no ground-truth mask (normal images)
};

// A file the importer saw but could not use, with the reason; reported, never fatal.
struct SkippedFile {
    std::string path;
    std::string reason;
};

struct DatasetOptions {
    DatasetFormat format = DatasetFormat::Auto;
    std::string category;      // overrides the category name (default: folder name / csv column);
                               // visa: selects that object of the csv (error if absent)
    std::string normalClass;   // maskfolder: the defect-free class folder, e.g. "MT_Free"
    double testFraction = 0.2; // maskfolder: fraction of normal images held out for test
    unsigned seed = 42;        // maskfolder: seed of the deterministic split
    bool validateImages = true;// header/trailer-check every image at import (skips corrupt files);
                               // masks are always checked against their image's size
};

struct Dataset {
    std::string root;          // absolute dataset root
    DatasetFormat format = DatasetFormat::Auto;
    DatasetOptions options;    // as used, with the format resolved
    std::vector<Sample> samples;
    std::vector<SkippedFile> skipped;

    std::vector<std::string> categories() const;
    std::vector<const Sample*> select(Split split) const;
    std::vector<const Sample*> select(Split split, const std::string& category) const;
};

} // namespace dl
