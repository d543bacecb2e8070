#pragma once
// Leveled logging to stderr; the GUI installs its own sink.
//
// Lines a user reads in the GUI's log are written as an English source text
// with Qt-style placeholders %1..%99 and marked with DL_TR, so that lupdate
// collects them (the translations' CMake aliases QT_TRANSLATE_NOOP to DL_TR)
// and the GUI's sink can show them in the user's language with the same
// arguments. The core itself stays free of Qt. Debug lines and lines only the
// CLI writes stay plain English strings.
#include <functional>
#include <string>
#include <type_traits>
#include <vector>

// A source text in a translation context (always "Engine" in the core).
#define DL_TR(context, source) (::dl::TranslatableText{context, source})

namespace dl {

enum class LogLevel { Debug, Info, Warning, Error };

struct TranslatableText {
    const char* context;
    const char* source;
};

struct LogMessage {
    std::string text;                   // English, arguments filled in
    const char* context = nullptr;      // null: not marked for translation
    const char* source = nullptr;       // English with %1..%99
    std::vector<std::string> arguments; // already formatted (numbers with their digits)
};

// Replaces %1..%99 by the arguments in one pass (Qt's QString::arg rule: one
// or two digits); a placeholder without an argument, and any "%" in an
// argument, stay as they are.
std::string fillPlaceholders(const std::string& text, const std::vector<std::string>& arguments);

namespace detail {
inline std::string logArgument(const std::string& s) { return s; }
inline std::string logArgument(const char* s) { return s; }
// Integers only: a floating-point value must be formatted by the caller, who
// knows how many digits it deserves (formatFixed).
template <typename T, typename = std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>>
std::string logArgument(T value)
{
    return std::to_string(value);
}
} // namespace detail

LogMessage translatableMessageOf(TranslatableText text, std::vector<std::string> arguments);

template <typename... Args>
LogMessage translatableMessage(TranslatableText text, const Args&... arguments)
{
    return translatableMessageOf(text, {detail::logArgument(arguments)...});
}

using LogSink = std::function<void(LogLevel, const LogMessage&)>;
void setLogSink(LogSink sink);          // nullptr restores the stderr sink
void setLogVerbose(bool verbose);       // Debug messages only when verbose
void log(LogLevel level, const LogMessage& message);
void log(LogLevel level, const std::string& message); // a line not marked for translation

inline void logInfo(const std::string& m) { log(LogLevel::Info, m); }
inline void logWarning(const std::string& m) { log(LogLevel::Warning, m); }
inline void logDebug(const std::string& m) { log(LogLevel::Debug, m); }
template <typename... Args>
void logInfo(TranslatableText text, const Args&... arguments)
{
    log(LogLevel::Info, translatableMessage(text, arguments...));
}
template <typename... Args>
void logWarning(TranslatableText text, const Args&... arguments)
{
    log(LogLevel::Warning, translatableMessage(text, arguments...));
}

} // namespace dl
