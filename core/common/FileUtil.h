#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dl {

// Reads a whole regular file; throws dl::Error naming the file when it cannot
// (missing, a folder, a FIFO or device, a symbolic link loop, unreadable).
// Never blocks on a FIFO.
std::vector<char> readFileBytes(const std::string& path);

// Opens a regular file for reading (never blocking on a FIFO) and returns its
// descriptor, which the caller closes; `size` (optional) gets its length.
// Throws dl::Error naming the file as readFileBytes does.
int openRegularFile(const std::string& path, std::uint64_t* size = nullptr);

// The user-readable problem for an open() that failed with `error` (errno).
std::string describeOpenFailure(int error);

// Writes to a temporary sibling, flushes it to disk and renames it over the
// target, so a crash never leaves a half-written file where a good one was.
void writeFileAtomically(const std::string& path, const std::string& bytes);

// A writer killed between creating its temporary sibling and renaming it
// leaves "<name>.tmp-<pid>" behind. Removes those of `path` whose process has
// ended (a live writer's file is never touched). It lists the folder, so call
// it before writing large files (bundles), not before each of many small ones.
void removeTemporariesOfEndedWriters(const std::string& path);

// Checks, before long work, that `path` can be written later: not a folder,
// its folder exists (created if needed) and a file can be created there.
// Throws dl::Error naming the path and the problem; writes nothing that stays.
void requireWritableOutput(const std::string& path);

// Creates the directory and its parents; throws dl::Error on failure.
void makeDirectories(const std::string& path);

} // namespace dl
