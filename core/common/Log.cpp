#include "common/Log.h"

#include <iostream>
#include <mutex>

namespace dl {
namespace {
std::mutex g_mutex;
LogSink g_sink;
bool g_verbose = false;
} // namespace

std::string fillPlaceholders(const std::string& text, const std::vector<std::string>& arguments)
{
    std::string out;
    out.reserve(text.size() + 16 * arguments.size());
    auto digit = [&text](std::size_t at) { return at < text.size() && text[at] >= '0' && text[at] <= '9'; };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && digit(i + 1) && text[i + 1] != '0') {
            // Qt's rule: one or two digits name the argument (%1 .. %99).
            const bool twoDigits = digit(i + 2);
            const std::size_t number = twoDigits ? std::size_t(text[i + 1] - '0') * 10 + std::size_t(text[i + 2] - '0')
                                                 : std::size_t(text[i + 1] - '0');
            if (number <= arguments.size()) {
                out += arguments[number - 1];
                i += twoDigits ? 2 : 1;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

LogMessage translatableMessageOf(TranslatableText text, std::vector<std::string> arguments)
{
    LogMessage m;
    m.context = text.context;
    m.source = text.source;
    m.arguments = std::move(arguments);
    m.text = fillPlaceholders(text.source, m.arguments);
    return m;
}

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

void log(LogLevel level, const LogMessage& message)
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

void log(LogLevel level, const std::string& message)
{
    LogMessage plain;
    plain.text = message;
    log(level, plain);
}

} // namespace dl
