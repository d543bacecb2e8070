#pragma once
// OpenMP's idle threads and a busy machine. libgomp (LibTorch's and OpenBLAS's
// OpenMP) reads OMP_WAIT_POLICY once, when it is loaded, before main runs. Its
// default lets a thread that finished its share spin for a while before it
// sleeps. DefectLens runs engine work on two lanes at once (the viewer and
// training) beside an image-decoding pool; on a machine that is busy anyway the
// spinning threads take the cores the working ones need, and a DMAD training
// that takes 23 s on an idle machine took 700 s. Passive waiting costs a few
// microseconds per parallel region and degrades gracefully under load.
namespace dl {

// How long an idle OpenMP thread spins before it sleeps, beside the passive policy.
enum class OpenMpSpin {
    None,  // sleep at once: programs that share the machine with other work (the
           // GUI's lanes, `watch` beside the line's own software)
    Short, // GOMP_SPINCOUNT=1000 (tens of microseconds): bridges the gaps between
           // one operation and the next when one job owns the machine (batch commands)
};

// When OMP_WAIT_POLICY is not set: sets it to PASSIVE (and, for OpenMpSpin::Short,
// GOMP_SPINCOUNT unless set) and runs this program again (same process id, same
// arguments), so that libgomp sees it. Returns when the policy is set already (by
// the user, whose settings are kept, or by the restart) or the restart failed.
void restartWithPassiveOpenMpWaiting(char** argv, OpenMpSpin spin);

} // namespace dl
