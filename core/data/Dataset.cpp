#include "data/Dataset.h"

#include "common/Error.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace dl {

const char* toString(Split split)
{
    switch (split) {
    case Split::Train:
        return "train";
    case Split::Test:
        return "test";
    }
    return "unknown";
}

const char* toString(DatasetFormat format)
{
    switch (format) {
    case DatasetFormat::Auto:
        return "auto";
    case DatasetFormat::MvTec:
        return "mvtec";
    case DatasetFormat::MaskFolder:
        return "maskfolder";
    case DatasetFormat::Visa:
        return "visa";
    case DatasetFormat::Folder:
        return "folder";
    }
    return "unknown";
}

DatasetFormat datasetFormatFromString(const std::string& name)
{
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    for (DatasetFormat format : {DatasetFormat::Auto, DatasetFormat::MvTec, DatasetFormat::MaskFolder,
                                 DatasetFormat::Visa, DatasetFormat::Folder}) {
        if (lower == toString(format))
            return format;
    }
    throw Error("unknown dataset format '" + name + "' (expected auto, mvtec, maskfolder, visa or folder)");
}

std::vector<std::string> Dataset::categories() const
{
    std::set<std::string> unique;
    for (const Sample& sample : samples)
        unique.insert(sample.category);
    return {unique.begin(), unique.end()};
}

std::vector<const Sample*> Dataset::select(Split split) const
{
    std::vector<const Sample*> selected;
    for (const Sample& sample : samples)
        if (sample.split == split)
            selected.push_back(&sample);
    return selected;
}

std::vector<const Sample*> Dataset::select(Split split, const std::string& category) const
{
    std::vector<const Sample*> selected;
    for (const Sample& sample : samples)
        if (sample.split == split && sample.category == category)
            selected.push_back(&sample);
    return selected;
}

} // namespace dl
