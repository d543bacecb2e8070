// VisA layout: split_csv/1cls.csv with the columns object,split,label,image,mask;
// image and mask paths are relative to the dataset root.
#include "common/Error.h"
#include "common/FileUtil.h"
#include "data/ImportSupport.h"

#include <algorithm>
#include <map>
#include <set>

namespace dl::importsupport {

namespace {

struct CsvRow {
    int line = 0; // 1-based line where the row starts
    std::vector<std::string> fields;
};

// A small RFC 4180 reader: commas separate fields, a field that starts with a
// double quote may hold commas and line breaks, and "" inside it is one quote.
std::vector<CsvRow> parseCsv(const std::string& text, const std::string& csvPath)
{
    std::vector<CsvRow> rows;
    CsvRow row;
    std::string field;
    bool inQuotes = false;
    bool fieldWasQuoted = false;
    int line = 1;
    row.line = 1;
    auto endField = [&] {
        row.fields.push_back(field);
        field.clear();
        fieldWasQuoted = false;
    };
    auto endRow = [&] {
        const bool blank = row.fields.empty() && field.empty() && !fieldWasQuoted;
        endField();
        if (!blank)
            rows.push_back(row);
        row = CsvRow();
        row.line = line;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inQuotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                inQuotes = false;
            } else {
                if (c == '\n')
                    ++line;
                field += c;
            }
        } else if (c == '"' && field.empty() && !fieldWasQuoted) {
            inQuotes = true;
            fieldWasQuoted = true;
        } else if (c == ',') {
            endField();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            ++line;
            endRow();
        } else {
            field += c;
        }
    }
    if (inQuotes)
        throw Error::forFile(csvPath, "line " + std::to_string(row.line) + ": a quoted field is never closed");
    if (!row.fields.empty() || !field.empty() || fieldWasQuoted)
        endRow();
    return rows;
}

std::string trimmed(const std::string& text)
{
    const auto begin = text.find_first_not_of(" \t");
    if (begin == std::string::npos)
        return {};
    const auto end = text.find_last_not_of(" \t");
    return text.substr(begin, end - begin + 1);
}

} // namespace

void importVisa(Dataset& dataset)
{
    const fs::path root(dataset.root);
    const fs::path csvFile = root / "split_csv" / "1cls.csv";
    const std::string csvPath = csvFile.string();
    const std::string csvName = "split_csv/1cls.csv";
    if (!isFile(csvFile))
        throw Error::forFile(csvPath, "file is missing: a VisA dataset lists its images in split_csv/1cls.csv");
    const std::vector<char> bytes = readFileBytes(csvPath);
    std::string text(bytes.begin(), bytes.end());
    if (text.rfind("\xEF\xBB\xBF", 0) == 0)
        text.erase(0, 3); // UTF-8 byte order mark written by spreadsheet programs
    const std::vector<CsvRow> rows = parseCsv(text, csvPath);

    const char* const requiredColumns[] = {"object", "split", "label", "image", "mask"};
    if (rows.empty())
        throw Error::forFile(csvPath, "file is empty: expected a header line object,split,label,image,mask");
    std::map<std::string, std::size_t> columnIndex;
    std::vector<std::string> headerNames;
    for (std::size_t i = 0; i < rows.front().fields.size(); ++i) {
        const std::string name = lowerCase(trimmed(rows.front().fields[i]));
        columnIndex.emplace(name, i);
        headerNames.push_back(name);
    }
    std::vector<std::string> missingColumns;
    for (const char* column : requiredColumns)
        if (!columnIndex.count(column))
            missingColumns.push_back(column);
    if (!missingColumns.empty())
        throw Error::forFile(csvPath, "the header must name the columns object, split, label, image and mask; missing: "
                                          + joinNames(missingColumns) + " (header: " + joinNames(headerNames) + ")");
    const std::size_t objectColumn = columnIndex["object"];
    const std::size_t splitColumn = columnIndex["split"];
    const std::size_t labelColumn = columnIndex["label"];
    const std::size_t imageColumn = columnIndex["image"];
    const std::size_t maskColumn = columnIndex["mask"];
    const std::size_t columnCount = rows.front().fields.size();
    if (rows.size() == 1)
        throw Error::forFile(csvPath, "lists no images (only the header line)");

    // options.category selects one object of a multi-object csv (VisA has 12).
    const std::string& wantedObject = dataset.options.category;
    std::set<std::string> objects;
    std::vector<Sample> found;
    std::error_code ec;
    const fs::path resolvedRoot = fs::canonical(root, ec);
    if (ec)
        throw Error::forFile(root.string(), "cannot resolve the dataset folder: " + ec.message());
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const CsvRow& row = rows[r];
        const std::string where = "line " + std::to_string(row.line) + ": ";
        if (row.fields.size() != columnCount)
            throw Error::forFile(csvPath, where + "expected " + std::to_string(columnCount) + " fields but found "
                                              + std::to_string(row.fields.size()));
        const std::string object = trimmed(row.fields[objectColumn]);
        const std::string split = lowerCase(trimmed(row.fields[splitColumn]));
        const std::string label = lowerCase(trimmed(row.fields[labelColumn]));
        const std::string image = trimmed(row.fields[imageColumn]);
        const std::string mask = trimmed(row.fields[maskColumn]);
        if (object.empty())
            throw Error::forFile(csvPath, where + "the object column is empty");
        if (split != "train" && split != "test")
            throw Error::forFile(csvPath, where + "split must be \"train\" or \"test\", found \"" + split + "\"");
        if (label != "normal" && label != "anomaly")
            throw Error::forFile(csvPath, where + "label must be \"normal\" or \"anomaly\", found \"" + label + "\"");
        if (image.empty())
            throw Error::forFile(csvPath, where + "the image column is empty");
        objects.insert(object);
        if (!wantedObject.empty() && object != wantedObject)
            continue;

        const fs::path imagePath = (root / fs::path(image)).lexically_normal();
        if (!resolvesInside(imagePath, resolvedRoot)) {
            dataset.skipped.push_back({image, "listed in " + csvName + " " + where
                                                  + "refused: the path leads outside the dataset folder"});
            continue;
        }
        Sample sample;
        sample.path = imagePath.string();
        sample.relativePath = relativeTo(imagePath, root);
        sample.category = object;
        sample.split = split == "train" ? Split::Train : Split::Test;
        sample.label = label == "anomaly" ? 1 : 0;
        sample.defectType = label == "anomaly" ? "anomaly" : "good"; // 1cls.csv names no defect types
        if (!isFile(imagePath)) {
            dataset.skipped.push_back({sample.path, "listed in " + csvName + " " + where + "the file does not exist"});
            continue;
        }
        if (sample.label == 1) {
            if (mask.empty()) {
                dataset.skipped.push_back({sample.path, "anomaly image without a mask in " + csvName + " " + where});
                continue;
            }
            const fs::path maskPath = (root / fs::path(mask)).lexically_normal();
            if (!resolvesInside(maskPath, resolvedRoot)) {
                dataset.skipped.push_back({sample.path, "its mask " + mask + " (" + csvName + " " + where
                                                            + ") is refused: it leads outside the dataset folder"});
                continue;
            }
            if (!isFile(maskPath)) {
                dataset.skipped.push_back({sample.path, "its mask " + relativeTo(maskPath, root) + " (" + csvName
                                                            + " " + where + ") does not exist"});
                continue;
            }
            sample.maskPath = maskPath.string();
        }
        found.push_back(std::move(sample));
    }
    if (!wantedObject.empty() && !objects.count(wantedObject))
        throw Error::forFile(csvPath, "object '" + wantedObject + "' does not occur; objects: "
                                          + joinNames({objects.begin(), objects.end()}));
    admitSamples(dataset, found, dataset.options.validateImages);
}

} // namespace dl::importsupport
