#pragma once
// OpenBLAS chooses its matrix kernels for the CPU once, when it is loaded. Its
// detection (0.3.21, Debian 12) does not know every CPU: on a Sapphire Rapids
// virtual machine it fell back to "Prescott", its SSE3 kernels, and a 1024² sgemm
// ran at a fifth of the speed (measurements: docs/architecture.md, "OpenBLAS
// kernels"). OPENBLAS_CORETYPE names the kernel set to use instead; like
// OMP_WAIT_POLICY it is read at load, so the mains set it and restart
// (LibrarySettings.h).
#include <string>

namespace dl {

// What the CPU and the operating system can run, as OpenBLAS's kernel sets need it.
struct CpuVectorUnits {
    bool avx = false;
    bool avx2Fma = false; // AVX2 and FMA3
    bool avx512 = false;  // AVX-512 F, CD, BW, DQ and VL (OpenBLAS's SkylakeX set)
};
CpuVectorUnits cpuVectorUnits();

// The kernel set OpenBLAS uses in this process ("Haswell", "Prescott", ...), or ""
// when the process's BLAS is not OpenBLAS.
std::string openBlasKernel();

// The kernel set that the OpenBLAS library at `libraryPath` chooses, read from a
// private copy of it (dlmopen into a new link-map namespace: the copy initialises, the
// process's own library is not touched). "" when the file cannot be loaded or is not
// OpenBLAS. Usable from an executable's preinit array (LibrarySettings.h), where the
// process's own copy is mapped but not yet initialised. ~3.5 ms.
std::string openBlasKernelOf(const std::string& libraryPath);

// The file of the OpenBLAS this process has mapped (found through its
// openblas_get_corename symbol), or "".
std::string mappedOpenBlasFile();

// The kernel set to ask for when OpenBLAS chose one of the pre-AVX2 sets although
// the CPU runs a newer one: "SkylakeX", "Haswell" or "Sandybridge". "" keeps its
// choice: a modern set (Haswell, Zen, SkylakeX, ...), which it picks for reasons of
// its own, or a name this table does not know (another architecture).
std::string betterOpenBlasKernel(const std::string& chosen, const CpuVectorUnits& cpu);

} // namespace dl
