#include "engine/Runtime.h"

#include <omp.h>

#include <thread>

namespace dl {

void configureRuntime(int threads)
{
    if (threads <= 0)
        threads = int(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(threads);
    omp_set_num_threads(threads);
}

int runtimeThreads() { return at::get_num_threads(); }

} // namespace dl
