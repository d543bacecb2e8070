#pragma once
// The one error type of DefectLens. Every failure a user can cause (bad file,
// wrong option, corrupt bundle) is reported as a dl::Error whose what() is a
// complete, user-readable sentence naming the file and the problem.
#include <stdexcept>
#include <string>

namespace dl {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}

    // "<path>: <problem>" — the canonical shape for file-related errors.
    static Error forFile(const std::string& path, const std::string& problem)
    {
        return Error(path + ": " + problem);
    }
};

// Raised when a long operation observes its CancelToken; not a failure.
class Cancelled : public Error {
public:
    Cancelled() : Error("operation cancelled by the user") {}
};

} // namespace dl
