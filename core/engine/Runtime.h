#pragma once
namespace dl {
// Sets LibTorch's intra-op threads and OpenMP (FAISS) threads. threads <= 0
// means "all cores". LibTorch defaults to one thread on these machines.
void configureRuntime(int threads = 0);
// Calls configureRuntime() with all cores unless the application configured it already.
void ensureRuntimeConfigured();
int runtimeThreads();
} // namespace dl
