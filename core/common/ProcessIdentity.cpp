#include "common/ProcessIdentity.h"

#include <fstream>
#include <sstream>
#include <vector>

#include <unistd.h>

namespace dl {

namespace {

std::string firstLineOf(const std::string& path)
{
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

// Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); empty
// when the process does not exist or has ended. The command name (field 2) may hold spaces
// and parentheses, so fields are counted after its last ')'.
std::string startTicksOf(long long pid)
{
    const std::string stat = firstLineOf("/proc/" + std::to_string(pid) + "/stat");
    const std::size_t nameEnd = stat.rfind(')');
    if (nameEnd == std::string::npos)
        return {};
    std::istringstream fields(stat.substr(nameEnd + 1));
    std::string field;
    for (int index = 3; fields >> field; ++index) {
        if (index == 3 && (field == "Z" || field == "X"))
            return {}; // a zombie has ended; only its exit status waits to be collected
        if (index == 22)
            return field;
    }
    return {};
}

std::string hostName()
{
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0)
        return {};
    return name;
}

std::string startTimeOf(long long pid)
{
    const std::string ticks = startTicksOf(pid);
    if (ticks.empty())
        return {};
    return firstLineOf("/proc/sys/kernel/random/boot_id") + ":" + ticks;
}

} // namespace

ProcessIdentity currentProcess()
{
    ProcessIdentity self;
    self.host = hostName();
    self.pid = static_cast<long long>(::getpid());
    self.startTime = startTimeOf(self.pid);
    return self;
}

bool isStillRunning(const ProcessIdentity& process)
{
    if (process.host != hostName())
        return true;
    if (process.pid <= 0)
        return false;
    const std::string now = startTimeOf(process.pid);
    if (now.empty())
        return false; // no such process
    // Without a recorded start time only the pid can be compared.
    return process.startTime.empty() || now == process.startTime;
}

} // namespace dl
