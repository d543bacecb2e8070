#pragma once
#include <string>
#include <vector>

namespace dl {

// Reads a whole file; throws dl::Error naming the file when it cannot.
std::vector<char> readFileBytes(const std::string& path);

// Writes to a temporary sibling, flushes it to disk and renames it over the
// target, so a crash never leaves a half-written file where a good one was.
void writeFileAtomically(const std::string& path, const std::string& bytes);

// Creates the directory and its parents; throws dl::Error on failure.
void makeDirectories(const std::string& path);

} // namespace dl
