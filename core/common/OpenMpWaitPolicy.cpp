#include "common/OpenMpWaitPolicy.h"

#include "common/Log.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include <unistd.h>

namespace dl {

void restartWithPassiveOpenMpWaiting(char** argv)
{
    if (std::getenv("OMP_WAIT_POLICY") != nullptr || argv == nullptr || argv[0] == nullptr)
        return;
    if (setenv("OMP_WAIT_POLICY", "PASSIVE", 1) != 0)
        return;
    execv("/proc/self/exe", argv);
    // Still here: the restart failed. Run on with libgomp's default policy.
    logWarning(std::string("could not restart with OMP_WAIT_POLICY=PASSIVE (") + std::strerror(errno)
               + "); idle OpenMP threads may spin on a busy machine");
}

} // namespace dl
