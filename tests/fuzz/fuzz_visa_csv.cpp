// The VisA importer (split_csv/1cls.csv): CSV parsing, column checks, paths
// that try to leave the dataset root. Two real images lie in the generated tree
// so that rows naming them exercise the admission checks too.
#include "FuzzSupport.h"
#include "common/Error.h"
#include "common/FileUtil.h"
#include "data/Importers.h"

#include <opencv2/imgcodecs.hpp>

#include <filesystem>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    namespace fs = std::filesystem;
    static const std::string root = [] {
        const std::string r = dlfuzz::scratchFolder() + "/visa";
        fs::create_directories(r + "/split_csv");
        fs::create_directories(r + "/a");
        cv::imwrite(r + "/a/0.png", cv::Mat(8, 8, CV_8UC3, cv::Scalar(10, 20, 30)));
        cv::imwrite(r + "/a/0_mask.png", cv::Mat(8, 8, CV_8UC1, cv::Scalar(255)));
        return r;
    }();
    if (!dlfuzz::writeScratch(root + "/split_csv/1cls.csv", data, size))
        return 0;
    try {
        const dl::Dataset dataset = dl::importDataset(root, dl::DatasetOptions());
        for (const dl::Sample& sample : dataset.samples)
            if (sample.relativePath.rfind("..", 0) == 0 || sample.relativePath.front() == '/')
                __builtin_trap(); // a path out of the root was admitted
    } catch (const dl::Error&) {
    }
    return 0;
}
