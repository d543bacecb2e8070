#pragma once
// The user-readable message of the dl::Error an action throws, for tests that
// check what a message names (a file, a package, a parameter).
#include "common/Error.h"

#include <functional>
#include <string>

namespace dltest {

// The message, or "" when `action` throws nothing.
inline std::string errorMessageOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const dl::Error& e) {
        return e.what();
    }
    return {};
}

} // namespace dltest
