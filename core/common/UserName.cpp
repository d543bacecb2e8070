#include "common/UserName.h"

#include <cstdlib>

namespace dl {

namespace {

std::string trimmed(const std::string& text)
{
    const char* space = " \t\n\v\f\r";
    const std::size_t first = text.find_first_not_of(space);
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(space) - first + 1);
}

} // namespace

std::string currentUserName()
{
    for (const char* variable : {"USER", "USERNAME", "LOGNAME"}) {
        const char* value = std::getenv(variable);
        const std::string name = value ? trimmed(value) : std::string();
        if (!name.empty())
            return name;
    }
    return "engineer";
}

} // namespace dl
