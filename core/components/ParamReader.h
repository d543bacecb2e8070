#pragma once
// Typed reading of a method's merged parameters (registry defaults + --param
// overrides) for the <Name>Params structs: every accessor names the method and
// the key in its error, so a bad --param fails at once with a clear message
// instead of minutes into a fit. Torch-free.
#include "common/Error.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
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
            throw Error(method_ + " " + key
                        + (low == 0 ? std::string(" must not be negative") : " must be at least " + std::to_string(low)));
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

    // The word "auto" (an empty result: the method decides from the data at fit time)
    // or a whole number within [low, high].
    std::optional<int> autoOrInteger(const std::string& key, int low, int high) const
    {
        if (params_.contains(key) && params_.at(key).is_string()) {
            if (params_.at(key).get<std::string>() == "auto")
                return std::nullopt;
            throw Error(method_ + " " + key + " must be auto or a whole number within " + std::to_string(low) + ".."
                        + std::to_string(high) + ", got " + params_.at(key).dump());
        }
        return integer(key, low, high);
    }

    // The word "auto" or a number >= 0 (e.g. a smoothing the data's layout decides).
    std::optional<double> autoOrNonNegative(const std::string& key) const
    {
        if (params_.contains(key) && params_.at(key).is_string()) {
            if (params_.at(key).get<std::string>() == "auto")
                return std::nullopt;
            throw Error(method_ + " " + key + " must be auto or a number of at least 0, got " + params_.at(key).dump());
        }
        return nonNegative(key);
    }

    // The same checks, filling `out`: a <Name>Params struct lists its keys once, in
    // `template <typename Fields> void fields(Fields& f)`, which a ParamReader fills and
    // checks and a ParamWriter turns into the registry's defaults.
    template <typename T>
    void get(const std::string& key, T& out) const { out = get<T>(key); }
    void atLeast(const std::string& key, int& out, int low) const { out = atLeast(key, low); }
    void integer(const std::string& key, int& out, int low, int high) const { out = integer(key, low, high); }
    void number(const std::string& key, double& out, double low, double high) const { out = number(key, low, high); }
    void positive(const std::string& key, double& out) const { out = positive(key); }
    void nonNegative(const std::string& key, double& out) const { out = nonNegative(key); }
    void oneOf(const std::string& key, std::string& out, std::initializer_list<const char*> choices) const
    {
        out = oneOf(key, choices);
    }
    void autoOrInteger(const std::string& key, std::optional<int>& out, int low, int high) const
    {
        out = autoOrInteger(key, low, high);
    }
    void autoOrNonNegative(const std::string& key, std::optional<double>& out) const { out = autoOrNonNegative(key); }

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

// The counterpart of ParamReader for a <Name>Params struct's fields() list: writes each
// field's value under its key, so that the defaults of a default-constructed struct
// become the registry's default parameter set.
class ParamWriter {
public:
    template <typename T>
    void get(const std::string& key, const T& value) { json_[key] = value; }
    // Seeds are unsigned fields but were always signed JSON numbers in the defaults.
    void get(const std::string& key, const unsigned& value) { json_[key] = std::int64_t(value); }
    void atLeast(const std::string& key, int value, int) { json_[key] = value; }
    void integer(const std::string& key, int value, int, int) { json_[key] = value; }
    void number(const std::string& key, double value, double, double) { json_[key] = value; }
    void positive(const std::string& key, double value) { json_[key] = value; }
    void nonNegative(const std::string& key, double value) { json_[key] = value; }
    void oneOf(const std::string& key, const std::string& value, std::initializer_list<const char*>) { json_[key] = value; }
    void autoOrInteger(const std::string& key, const std::optional<int>& value, int, int)
    {
        json_[key] = value ? nlohmann::json(*value) : nlohmann::json("auto");
    }
    void autoOrNonNegative(const std::string& key, const std::optional<double>& value)
    {
        json_[key] = value ? nlohmann::json(*value) : nlohmann::json("auto");
    }

    const nlohmann::json& json() const { return json_; }

private:
    nlohmann::json json_ = nlohmann::json::object();
};

// The registry's default set of a <Name>Params struct: its default-constructed fields.
template <typename Params>
nlohmann::json defaultsOf()
{
    Params defaults;
    ParamWriter writer;
    defaults.fields(writer);
    return writer.json();
}

// A <Name>Params struct read and checked field by field from a merged set (its own
// checks across fields come after).
template <typename Params>
Params readFields(const std::string& method, const nlohmann::json& merged)
{
    Params params;
    const ParamReader reader(method, merged);
    params.fields(reader);
    return params;
}

} // namespace dl
