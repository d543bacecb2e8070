#pragma once
// Who is running a piece of work, precisely enough to tell later whether that
// process is still alive: a process id alone is reused by the system, so the
// process's start time (and the boot it belongs to) is kept with it. Used to
// close database runs whose process was killed or crashed.
#include <string>

namespace dl {

struct ProcessIdentity {
    std::string host;      // gethostname()
    long long pid = 0;
    std::string startTime; // "<boot id>:<start time in clock ticks since boot>"; empty when unknown
};

ProcessIdentity currentProcess();

// Whether the process is still running: true when it exists on this host with
// the same start time. A process of another host cannot be checked: true.
bool isStillRunning(const ProcessIdentity& process);

} // namespace dl
