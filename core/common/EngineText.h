#pragma once
// Text the engine shows to people (log lines, progress stages) in a form the
// GUI can translate while the core stays free of Qt: an English source with
// Qt-style placeholders %1..%99, marked DL_TR(context, source) so that lupdate
// collects it (the translations' CMake aliases QT_TRANSLATE_NOOP to DL_TR),
// and its arguments, already formatted (numbers with the digits they deserve).
// An argument may itself be such a text (a stage inside "fold 2/5: %3").
// Plain strings convert implicitly: they are shown as written (paths, library
// errors, text the GUI translated before handing it to the engine).
#include <string>
#include <type_traits>
#include <vector>

// A source text in a translation context (always "Engine" in the core).
#define DL_TR(context, source) (::dl::TranslatableText{context, source})

namespace dl {

struct TranslatableText {
    const char* context;
    const char* source;
};

struct EngineText {
    std::string text;                   // English, arguments filled in
    const char* context = nullptr;      // null: not marked for translation
    const char* source = nullptr;       // English with %1..%99
    std::vector<EngineText> arguments;

    EngineText() = default;
    EngineText(std::string plain) : text(std::move(plain)) {} // NOLINT: plain text converts implicitly
    EngineText(const char* plain) : text(plain) {}            // NOLINT
    // A source without arguments (a progress stage such as "calibrating threshold").
    EngineText(TranslatableText marked) : text(marked.source), context(marked.context), source(marked.source) {} // NOLINT
    bool translatable() const { return context != nullptr && source != nullptr; }
};

// Replaces %1..%99 by the arguments in one pass (Qt's QString::arg rule: one
// or two digits); a placeholder without an argument, and any "%" in an
// argument, stay as they are.
std::string fillPlaceholders(const std::string& text, const std::vector<std::string>& arguments);

EngineText engineTextOf(TranslatableText source, std::vector<EngineText> arguments);

namespace detail {
inline EngineText textArgument(const EngineText& t) { return t; }
inline EngineText textArgument(const std::string& s) { return EngineText(s); }
inline EngineText textArgument(const char* s) { return EngineText(s); }
// Integers only: a floating-point value must be formatted by the caller, who
// knows how many digits it deserves (formatFixed).
template <typename T, typename = std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>>
EngineText textArgument(T value)
{
    return EngineText(std::to_string(value));
}
} // namespace detail

template <typename... Args>
EngineText engineText(TranslatableText source, const Args&... arguments)
{
    return engineTextOf(source, {detail::textArgument(arguments)...});
}

} // namespace dl
