#pragma once
// Shared by the fuzz targets: a scratch file per process for readers that take
// a path, written with plain POSIX calls so the harness adds no behaviour.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace dlfuzz {

inline bool writeScratch(const std::string& path, const std::uint8_t* data, std::size_t size)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return false;
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, data + done, size - done);
        if (n <= 0)
            break;
        done += std::size_t(n);
    }
    ::close(fd);
    return done == size;
}

inline std::string scratchFolder()
{
    const char* base = std::getenv("TMPDIR");
    return std::string(base && *base ? base : "/tmp") + "/defectlens-fuzz-" + std::to_string(::getpid());
}

} // namespace dlfuzz
