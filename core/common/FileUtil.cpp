#include "common/FileUtil.h"

#include "common/Error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <fcntl.h>

namespace dl {

std::vector<char> readFileBytes(const std::string& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error::forFile(path, "file does not exist");
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        throw Error::forFile(path, "cannot be opened for reading");
    std::streamsize size = in.tellg();
    in.seekg(0);
    std::vector<char> bytes(static_cast<std::size_t>(std::max<std::streamsize>(size, 0)));
    if (size > 0 && !in.read(bytes.data(), size))
        throw Error::forFile(path, "read failed");
    return bytes;
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

void makeDirectories(const std::string& path)
{
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec)
        throw Error::forFile(path, "cannot create directory: " + ec.message());
}

} // namespace dl
