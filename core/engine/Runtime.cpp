#include "engine/Runtime.h"

#include <ATen/Parallel.h>
#include <omp.h>

#include <atomic>
#include <thread>

namespace dl {
namespace {
std::atomic<bool> g_configured{false};
std::atomic<bool> g_fastInference{true};
} // namespace

void ensureRuntimeConfigured()
{
    if (!g_configured.load())
        configureRuntime();
}

void configureRuntime(int threads)
{
    g_configured = true;
    if (threads <= 0)
        threads = int(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(threads);
    omp_set_num_threads(threads);
}

int runtimeThreads() { return at::get_num_threads(); }

void setFastInference(bool on) { g_fastInference = on; }

bool fastInferenceEnabled() { return g_fastInference.load(); }

} // namespace dl
