#include "common/Log.h"

#include <iostream>
#include <mutex>

namespace dl {
namespace {
std::mutex g_mutex;
LogSink g_sink;
bool g_verbose = false;
} // namespace

void setLogSink(LogSink sink)
{
    std::lock_guard<std::mutex> lock(g_mutex);
    g_sink = std::move(sink);
}

void setLogVerbose(bool verbose)
{
    std::lock_guard<std::mutex> lock(g_mutex);
    g_verbose = verbose;
}

void log(LogLevel level, const EngineText& message)
{
    std::lock_guard<std::mutex> lock(g_mutex);
    if (level == LogLevel::Debug && !g_verbose)
        return;
    if (g_sink) {
        g_sink(level, message);
        return;
    }
    const char* prefix = level == LogLevel::Warning ? "warning: " : level == LogLevel::Error ? "error: " : "";
    std::cerr << prefix << message.text << '\n';
}

} // namespace dl
