#pragma once
// glibc's malloc and the engine's large temporary buffers. Scoring an image
// allocates and frees buffers of one to a few tens of megabytes many times a
// second (FAISS's distance blocks, LibTorch's intermediate tensors). With the
// default settings glibc hands such a buffer back to the kernel when it is
// freed, trimming the heap or unmapping it, and the next image faults the same
// pages in again, zeroed: on 2 cores a quarter of DMAD's inference time was
// spent in the kernel doing that (docs/architecture.md#live-inspection).
namespace dl {

// Keeps freed memory in the process for reuse: buffers up to 32 MB come from
// the heap instead of fresh mappings, and the heap is trimmed only above
// 256 MB of free memory. Leaves glibc's settings alone where the user chose
// them (MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_, GLIBC_TUNABLES).
// Does nothing on other C libraries. Call once, early in main.
void keepFreedMemoryForReuse();

} // namespace dl
