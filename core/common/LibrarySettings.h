#pragma once
// Settings that libraries read once, when they are loaded, before main runs: the
// mains set them and start the program once more (same process id, same
// arguments) so that the libraries see them. Values the user set are kept.
//
// OpenMP's idle threads and a busy machine. libgomp (LibTorch's and OpenBLAS's
// OpenMP) reads OMP_WAIT_POLICY. Its default lets a thread that finished its share
// spin for a while before it sleeps. DefectLens runs engine work on two lanes at
// once (the viewer and training) beside an image-decoding pool; on a machine that
// is busy anyway the spinning threads take the cores the working ones need, and a
// DMAD training that takes 23 s on an idle machine took 700 s. Passive waiting
// costs a few microseconds per parallel region and degrades gracefully under load.
//
// OpenBLAS's kernels: OPENBLAS_CORETYPE when its own detection fell back to kernels
// older than the CPU runs (BlasKernel.h).
namespace dl {

// How long an idle OpenMP thread spins before it sleeps, beside the passive policy.
enum class OpenMpSpin {
    None,  // sleep at once: programs that share the machine with other work (the
           // GUI's lanes, `watch` beside the line's own software)
    Short, // GOMP_SPINCOUNT=1000 (tens of microseconds): bridges the gaps between
           // one operation and the next when one job owns the machine (batch commands)
};

// Sets what is unset: OMP_WAIT_POLICY=PASSIVE (and, for OpenMpSpin::Short,
// GOMP_SPINCOUNT), and OPENBLAS_CORETYPE where OpenBLAS chose old kernels; then
// runs this program again. Returns when nothing needed setting (the user's
// settings, or the restart's) or the restart failed.
void restartWithLibrarySettings(char** argv, OpenMpSpin spin);

} // namespace dl
