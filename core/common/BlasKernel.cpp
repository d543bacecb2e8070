#include "common/BlasKernel.h"

#include <algorithm>
#include <cctype>
#include <map>

#include <dlfcn.h>

namespace dl {

namespace {
// OpenBLAS's x86 kernel sets by the widest vector unit they use: 0 SSE-era,
// 1 AVX, 2 AVX2 + FMA, 3 AVX-512.
int kernelGeneration(std::string name)
{
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    static const std::map<std::string, int> generations{
        {"unknown", 0},     {"katmai", 0},     {"coppermine", 0},   {"northwood", 0},     {"prescott", 0},
        {"banias", 0},      {"atom", 0},       {"core2", 0},        {"penryn", 0},        {"dunnington", 0},
        {"nehalem", 0},     {"opteron", 0},    {"opteron_sse3", 0}, {"barcelona", 0},     {"bobcat", 0},
        {"sandybridge", 1}, {"bulldozer", 1},  {"piledriver", 1},   {"steamroller", 1},   {"excavator", 1},
        {"haswell", 2},     {"zen", 2},        {"skylakex", 3},     {"cooperlake", 3},    {"sapphirerapids", 3}};
    const auto found = generations.find(name);
    return found == generations.end() ? -1 : found->second;
}
} // namespace

CpuVectorUnits cpuVectorUnits()
{
    CpuVectorUnits units;
#if defined(__x86_64__) || defined(__i386__)
    // GCC's checks include the operating system's support for the registers (XGETBV).
    __builtin_cpu_init();
    units.avx = __builtin_cpu_supports("avx");
    units.avx2Fma = units.avx && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    units.avx512 = units.avx2Fma && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd")
                && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq")
                && __builtin_cpu_supports("avx512vl");
#endif
    return units;
}

std::string openBlasKernel()
{
    using CoreName = char* (*)();
    const auto coreName = reinterpret_cast<CoreName>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
    if (coreName == nullptr)
        return {};
    const char* name = coreName();
    return name == nullptr ? std::string() : std::string(name);
}

std::string openBlasKernelOf(const std::string& libraryPath)
{
    void* library = dlmopen(LM_ID_NEWLM, libraryPath.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr)
        return {};
    std::string name;
    using CoreName = char* (*)();
    if (const auto coreName = reinterpret_cast<CoreName>(dlsym(library, "openblas_get_corename")))
        if (const char* chosen = coreName())
            name = chosen;
    dlclose(library);
    return name;
}

std::string mappedOpenBlasFile()
{
    Dl_info where{};
    void* symbol = dlsym(RTLD_DEFAULT, "openblas_get_corename");
    if (symbol == nullptr || dladdr(symbol, &where) == 0 || where.dli_fname == nullptr)
        return {};
    return where.dli_fname;
}

std::string betterOpenBlasKernel(const std::string& chosen, const CpuVectorUnits& cpu)
{
    const int generation = kernelGeneration(chosen);
    if (generation < 0 || generation >= 2)
        return {};
    if (cpu.avx512)
        return "SkylakeX";
    if (cpu.avx2Fma)
        return "Haswell";
    if (cpu.avx && generation < 1)
        return "Sandybridge";
    return {};
}

} // namespace dl
