#include "common/EngineText.h"

namespace dl {

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

EngineText engineTextOf(TranslatableText source, std::vector<EngineText> arguments)
{
    EngineText t;
    t.context = source.context;
    t.source = source.source;
    t.arguments = std::move(arguments);
    std::vector<std::string> english;
    english.reserve(t.arguments.size());
    for (const EngineText& argument : t.arguments)
        english.push_back(argument.text);
    t.text = fillPlaceholders(source.source, english);
    return t;
}

} // namespace dl
