#pragma once
// Minimal leveled logging to stderr; the GUI installs its own sink.
#include <functional>
#include <string>

namespace dl {

enum class LogLevel { Debug, Info, Warning, Error };

using LogSink = std::function<void(LogLevel, const std::string&)>;
void setLogSink(LogSink sink);          // nullptr restores the stderr sink
void setLogVerbose(bool verbose);       // Debug messages only when verbose
void log(LogLevel level, const std::string& message);
inline void logInfo(const std::string& m) { log(LogLevel::Info, m); }
inline void logWarning(const std::string& m) { log(LogLevel::Warning, m); }
inline void logDebug(const std::string& m) { log(LogLevel::Debug, m); }

} // namespace dl
