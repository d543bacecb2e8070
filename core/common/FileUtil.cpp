#include "common/FileUtil.h"

#include "common/Error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <algorithm>
#include <unistd.h>
#include <fcntl.h>
#include <csignal>
#include <cstdlib>
#include <sys/stat.h>

namespace dl {

std::string describeOpenFailure(int error)
{
    switch (error) {
    case ENOENT: return "file does not exist";
    case ELOOP: return "is a symbolic link loop (or a chain of links too long to follow)";
    case EACCES: return "cannot be read: permission denied";
    case EISDIR: return "is a folder, not a file";
    default: return std::string("cannot be opened for reading: ") + std::strerror(error);
    }
}

int openRegularFile(const std::string& path, std::uint64_t* size)
{
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        throw Error::forFile(path, describeOpenFailure(errno));
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        const int err = errno;
        ::close(fd);
        throw Error::forFile(path, std::string("cannot be read: ") + std::strerror(err));
    }
    if (!S_ISREG(info.st_mode)) {
        ::close(fd);
        throw Error::forFile(path, S_ISDIR(info.st_mode) ? "is a folder, not a file"
                                                         : "is not a regular file (a FIFO, socket or device)");
    }
    if (size)
        *size = std::uint64_t(std::max<off_t>(info.st_size, 0));
    return fd;
}

std::vector<char> readFileBytes(const std::string& path)
{
    std::uint64_t size = 0;
    const int fd = openRegularFile(path, &size);
    std::vector<char> bytes(static_cast<std::size_t>(size));
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : 0;
            ::close(fd);
            throw Error::forFile(path, err ? std::string("read failed: ") + std::strerror(err)
                                           : std::string("read failed: the file shrank while it was read"));
        }
        done += std::size_t(n);
    }
    ::close(fd);
    return bytes;
}

void removeTemporariesOfEndedWriters(const std::string& path)
{
    namespace fs = std::filesystem;
    const fs::path target(path);
    const std::string prefix = target.filename().string() + ".tmp-";
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(prefix, 0) != 0)
            continue;
        const std::string pidText = name.substr(prefix.size());
        if (pidText.empty() || pidText.find_first_not_of("0123456789") != std::string::npos)
            continue;
        const long pid = std::strtol(pidText.c_str(), nullptr, 10);
        if (pid > 0 && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
            fs::remove(it->path(), ec);
    }
}

void writeFileAtomically(const std::string& path, const std::string& bytes)
{
    namespace fs = std::filesystem;
    fs::path target(path);
    if (target.has_parent_path())
        makeDirectories(target.parent_path().string());
    std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        throw Error::forFile(path, std::string("cannot be written: ") + std::strerror(errno));
    std::size_t written = 0;
    while (written < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0) {
            int err = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            throw Error::forFile(path, std::string("write failed: ") + std::strerror(err));
        }
        written += std::size_t(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        throw Error::forFile(path, std::string("write failed: ") + std::strerror(err));
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        throw Error::forFile(path, std::string("cannot replace file: ") + std::strerror(err));
    }
}

void requireWritableOutput(const std::string& path)
{
    namespace fs = std::filesystem;
    if (path.empty())
        throw Error("no output file was given");
    std::error_code ec;
    if (fs::is_directory(path, ec))
        throw Error::forFile(path, "is a folder; give a file name for the output");
    const fs::path parent = fs::absolute(fs::path(path)).parent_path();
    makeDirectories(parent.string());
    // Creating a file is the only reliable test (permissions, read-only mounts, ACLs).
    const std::string probe = (parent / (".defectlens-write-check-" + std::to_string(::getpid()))).string();
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        throw Error::forFile(path, std::string("cannot be written: ") + std::strerror(errno) + " in "
                                       + parent.string());
    ::close(fd);
    ::unlink(probe.c_str());
}

void makeDirectories(const std::string& path)
{
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec)
        throw Error::forFile(path, "cannot create directory: " + ec.message());
}

} // namespace dl
