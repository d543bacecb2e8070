#pragma once
// Typed reading of a method's merged parameters (registry defaults + --param
// overrides) for the <Name>Params structs: every accessor names the method and
// the key in its error, so a bad --param fails at once with a clear message
// instead of minutes into a fit. Torch-free.
#include "common/Error.h"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>
#include <utility>

namespace dl {

class ParamReader {
public:
    ParamReader(std::string method, const nlohmann::json& params) : method_(std::move(method)), params_(params) {}

    // The value of `key` as T; a missing key or a value of another type is an error.
    template <typename T>
    T get(const std::string& key) const
    {
        if (!params_.contains(key))
            throw Error(method_ + " parameter '" + key + "' is missing");
        try {
            return params_.at(key).get<T>();
        } catch (const nlohmann::json::exception&) {
            throw Error(method_ + " " + key + " has the wrong type: " + params_.at(key).dump());
        }
    }

    // A whole number no smaller than `low`.
    int atLeast(const std::string& key, int low) const
    {
        const int v = get<int>(key);
        if (v < low)
            throw Error(method_ + " " + key + " must be at least " + std::to_string(low));
        return v;
    }
    // Numbers within [low, high] (inclusive).
    int integer(const std::string& key, int low, int high) const
    {
        const int v = get<int>(key);
        if (v < low || v > high)
            throw Error(method_ + " " + key + " must be within " + std::to_string(low) + ".." + std::to_string(high)
                        + ", got " + std::to_string(v));
        return v;
    }
    double number(const std::string& key, double low, double high) const
    {
        const double v = get<double>(key);
        if (!(v >= low && v <= high))
            throw Error(method_ + " " + key + " must be within " + formatNumber(low) + ".." + formatNumber(high)
                        + ", got " + formatNumber(v));
        return v;
    }
    double positive(const std::string& key) const
    {
        const double v = get<double>(key);
        if (!(v > 0.0))
            throw Error(method_ + " " + key + " must be positive");
        return v;
    }
    double nonNegative(const std::string& key) const
    {
        const double v = get<double>(key);
        if (v < 0.0)
            throw Error(method_ + " " + key + " must not be negative");
        return v;
    }
    // One of a few words.
    std::string oneOf(const std::string& key, std::initializer_list<const char*> choices) const
    {
        const std::string v = get<std::string>(key);
        std::string list;
        for (const char* c : choices) {
            if (v == c)
                return v;
            list += (list.empty() ? "" : " or ") + std::string(c);
        }
        throw Error(method_ + " " + key + " must be " + list + ", got '" + v + "'");
    }

    const std::string& method() const { return method_; }

private:
    static std::string formatNumber(double v)
    {
        std::string s = std::to_string(v);
        s.erase(s.find_last_not_of('0') + 1);
        if (!s.empty() && s.back() == '.')
            s.pop_back();
        return s;
    }

    std::string method_;
    const nlohmann::json& params_;
};

} // namespace dl
