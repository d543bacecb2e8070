#pragma once
// Leveled logging to stderr; the GUI installs its own sink.
//
// Lines a user reads in the GUI's log are EngineText (common/EngineText.h):
// an English source marked DL_TR("Engine", ...) with its arguments, which the
// GUI's sink shows in the user's language. Debug lines and lines only the CLI
// writes stay plain English strings.
#include "common/EngineText.h"

#include <functional>
#include <string>

namespace dl {

enum class LogLevel { Debug, Info, Warning, Error };

using LogSink = std::function<void(LogLevel, const EngineText&)>;
void setLogSink(LogSink sink);          // nullptr restores the stderr sink
void setLogVerbose(bool verbose);       // Debug messages only when verbose
void log(LogLevel level, const EngineText& message);

inline void logInfo(const std::string& m) { log(LogLevel::Info, EngineText(m)); }
inline void logWarning(const std::string& m) { log(LogLevel::Warning, EngineText(m)); }
inline void logDebug(const std::string& m) { log(LogLevel::Debug, EngineText(m)); }
template <typename... Args>
void logInfo(TranslatableText text, const Args&... arguments)
{
    log(LogLevel::Info, engineText(text, arguments...));
}
template <typename... Args>
void logWarning(TranslatableText text, const Args&... arguments)
{
    log(LogLevel::Warning, engineText(text, arguments...));
}

} // namespace dl
