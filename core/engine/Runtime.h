#pragma once
namespace dl {
// Sets LibTorch's intra-op threads and OpenMP (FAISS) threads. threads <= 0
// means "all cores". LibTorch defaults to one thread on these machines.
void configureRuntime(int threads = 0);
// Calls configureRuntime() with all cores unless the application configured it already.
void ensureRuntimeConfigured();
int runtimeThreads();

// The fast inference path (frozen, oneDNN-fused graphs; see core/backbone/README.md):
// on by default. Off runs every network op by op, for comparison and debugging
// (`--param fast_path=off`). Read when a network runs, so a detector loaded after
// the switch uses the chosen path throughout.
void setFastInference(bool on);
bool fastInferenceEnabled();
} // namespace dl
