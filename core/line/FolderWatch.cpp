#include "line/FolderWatch.h"

#include "common/Error.h"
#include "common/Log.h"
#include "data/ImageIO.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <limits>

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dl::line {

namespace fs = std::filesystem;
using SteadyClock = std::chrono::steady_clock;

namespace {

struct FileStat {
    std::int64_t size = 0;
    std::int64_t modifiedNs = 0;
    std::int64_t changedNs = 0; // ctime: also moves when a file is renamed into the folder
};

std::optional<FileStat> statRegularFile(const std::string& path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return std::nullopt;
    FileStat s;
    s.size = std::int64_t(st.st_size);
    s.modifiedNs = std::int64_t(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    s.changedNs = std::int64_t(st.st_ctim.tv_sec) * 1000000000LL + st.st_ctim.tv_nsec;
    return s;
}

std::int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool endsWith(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string lowercase(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string canonicalOrSelf(const std::string& path)
{
    std::error_code ec;
    const fs::path c = fs::weakly_canonical(fs::absolute(path), ec);
    return ec ? fs::absolute(path).lexically_normal().string() : c.string();
}

} // namespace

bool FolderWatch::isTemporaryName(const std::string& fileName)
{
    const std::string name = lowercase(fs::path(fileName).filename().string());
    if (name.empty() || name[0] == '.') // hidden files, ".~lock" and ".~tmp" names
        return true;
    for (const char* suffix : {".part", ".partial", ".tmp", ".temp", ".crdownload", ".filepart", "~"})
        if (endsWith(name, suffix))
            return true;
    return false;
}

FolderWatch::FolderWatch(FolderWatchOptions options) : options_(std::move(options))
{
    std::error_code ec;
    if (!fs::is_directory(options_.folder, ec))
        throw Error::forFile(options_.folder, "the watch folder does not exist or is not a folder");
    inotify_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (inotify_ < 0)
        throw Error::forFile(options_.folder, std::string("cannot watch the folder: ") + std::strerror(errno));
    wakeFd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (wakeFd_ < 0) {
        ::close(inotify_);
        throw Error::forFile(options_.folder, std::string("cannot watch the folder: ") + std::strerror(errno));
    }
    try {
        // Watch first, list second: a file that arrives in between is seen twice
        // at worst (and queued once), never missed.
        listFolders(addWatchesBelow(canonicalOrSelf(options_.folder)), 0);
    } catch (...) {
        ::close(inotify_);
        ::close(wakeFd_);
        throw;
    }
    reader_ = std::thread([this] { run(); });
}

FolderWatch::~FolderWatch()
{
    stop();
    if (reader_.joinable())
        reader_.join();
    ::close(inotify_);
    ::close(wakeFd_);
}

void FolderWatch::stop()
{
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    const std::uint64_t one = 1;
    // The eventfd counter cannot overflow from a handful of writes; a failed
    // write only delays the reader's exit by its poll timeout.
    [[maybe_unused]] const ssize_t written = ::write(wakeFd_, &one, sizeof one);
    changed_.notify_all();
}

bool FolderWatch::ignoredFolder(const std::string& path) const
{
    const std::string candidate = canonicalOrSelf(path);
    for (const std::string& ignored : options_.ignoredFolders) {
        const std::string base = canonicalOrSelf(ignored);
        if (candidate == base || candidate.rfind(base + "/", 0) == 0)
            return true;
    }
    return false;
}

void FolderWatch::addWatch(const std::string& folder)
{
    const std::uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF | IN_ONLYDIR;
    const int descriptor = ::inotify_add_watch(inotify_, folder.c_str(), mask);
    if (descriptor < 0) {
        const std::string problem = errno == ENOSPC
            ? "cannot watch the folder: the system's inotify watch limit is reached (fs.inotify.max_user_watches)"
            : std::string("cannot watch the folder: ") + std::strerror(errno);
        throw Error::forFile(folder, problem);
    }
    watchedFolders_[descriptor] = folder;
}

std::vector<std::string> FolderWatch::addWatchesBelow(const std::string& folder)
{
    std::vector<std::string> added = {folder};
    addWatch(folder);
    if (!options_.recursive)
        return added;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_directory(ec) || it->is_symlink(ec))
            continue;
        if (ignoredFolder(it->path().string())) {
            it.disable_recursion_pending();
            continue;
        }
        addWatch(it->path().string());
        added.push_back(it->path().string());
    }
    return added;
}

void FolderWatch::listFolders(const std::vector<std::string>& folders, std::int64_t changedSinceNs)
{
    struct Listed {
        std::string path;
        std::int64_t changedNs;
    };
    std::vector<Listed> files;
    for (const std::string& folder : folders) {
        std::error_code ec;
        for (auto it = fs::directory_iterator(folder, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::directory_iterator(); it.increment(ec)) {
            const std::string path = it->path().string();
            if (isTemporaryName(path) || !hasImageExtension(path))
                continue;
            const std::optional<FileStat> st = statRegularFile(path);
            if (st && std::max(st->changedNs, st->modifiedNs) >= changedSinceNs)
                files.push_back({path, std::max(st->changedNs, st->modifiedNs)});
        }
        if (ec)
            logWarning(DL_TR("Engine", "%1: could not list the watch folder completely: %2"), folder, ec.message());
    }
    // Oldest first, so that a listing cut short by a full queue resumes where it stopped.
    std::sort(files.begin(), files.end(), [](const Listed& a, const Listed& b) {
        return a.changedNs != b.changedNs ? a.changedNs < b.changedNs : a.path < b.path;
    });
    for (const Listed& f : files)
        offer(f.path, Origin::Listing);
}

void FolderWatch::offer(const std::string& path, Origin origin)
{
    const bool fromEvent = origin == Origin::Event;
    if (isTemporaryName(path) || !hasImageExtension(path))
        return;
    const std::optional<FileStat> st = statRegularFile(path);
    if (!st)
        return; // gone again, or not a regular file
    std::lock_guard<std::mutex> lock(mutex_);
    if (queuedPaths_.count(path) != 0)
        return;
    if (origin != Origin::Event && handedOut_.count({path, st->size, st->modifiedNs}) != 0)
        return; // a listing finds a file already handed out, unchanged
    const auto now = SteadyClock::now();
    const bool quietLongEnough = nowNs() - std::max(st->modifiedNs, st->changedNs)
                                 >= std::chrono::duration_cast<std::chrono::nanoseconds>(options_.settleTime).count();
    if (origin == Origin::Listing && !quietLongEnough) {
        // A writer may still be at work on a file found by listing: wait until it is quiet.
        auto it = candidates_.find(path);
        if (it == candidates_.end() || it->second.size != st->size || it->second.modifiedNs != st->modifiedNs)
            candidates_[path] = {st->size, st->modifiedNs, now};
        return;
    }
    candidates_.erase(path);
    if (relistPending_ || queue_.size() >= options_.maxQueued) {
        // The folder keeps the file; it is queued by the listing after the queue
        // drains (in order, so nothing newer overtakes it meanwhile).
        noteOverflow(std::max(st->changedNs, st->modifiedNs));
        return;
    }
    ArrivedFile file;
    file.path = path;
    file.size = st->size;
    file.modifiedNs = st->modifiedNs;
    file.seenLive = fromEvent;
    file.seenAt = std::chrono::system_clock::now();
    queue_.push_back(std::move(file));
    queuedPaths_.insert(path);
    peakBacklog_ = std::max(peakBacklog_, queue_.size());
    changed_.notify_all();
}

void FolderWatch::noteOverflow(std::int64_t droppedChangedNs)
{
    if (!relistPending_)
        ++overflows_;
    relistPending_ = true;
    droppedSinceNs_ = std::min(droppedSinceNs_, droppedChangedNs);
}

void FolderWatch::promoteSettledCandidates()
{
    std::vector<std::string> ready;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto now = SteadyClock::now();
        for (auto it = candidates_.begin(); it != candidates_.end();) {
            const std::optional<FileStat> st = statRegularFile(it->first);
            if (!st) {
                it = candidates_.erase(it);
                continue;
            }
            if (st->size != it->second.size || st->modifiedNs != it->second.modifiedNs) {
                it->second = {st->size, st->modifiedNs, now};
                ++it;
                continue;
            }
            if (now - it->second.stableSince >= options_.settleTime)
                ready.push_back(it->first);
            ++it;
        }
    }
    for (const std::string& path : ready)
        offer(path, Origin::Settled);
}

void FolderWatch::handleEvents(const char* buffer, long length)
{
    for (long offset = 0; offset < length;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buffer + offset);
        offset += long(sizeof(inotify_event) + event->len);
        if (event->mask & IN_Q_OVERFLOW) {
            // The kernel dropped events: list everything again.
            // The kernel dropped events of files changed since about the last event seen.
            std::lock_guard<std::mutex> lock(mutex_);
            noteOverflow(lastEventNs_ - 5'000'000'000LL);
            continue;
        }
        lastEventNs_ = nowNs();
        const auto folder = watchedFolders_.find(event->wd);
        if (folder == watchedFolders_.end())
            continue;
        if (event->mask & IN_IGNORED) {
            watchedFolders_.erase(folder);
            continue;
        }
        if (event->mask & IN_DELETE_SELF) {
            logWarning(DL_TR("Engine", "%1: the watched folder was deleted or moved away"), folder->second);
            continue;
        }
        if (event->len == 0)
            continue;
        const std::string path = folder->second + "/" + event->name;
        if (event->mask & IN_ISDIR) {
            if (options_.recursive && (event->mask & (IN_CREATE | IN_MOVED_TO)) && !ignoredFolder(path)) {
                try {
                    // Its subfolders and files may have been made before the watch was in place.
                    listFolders(addWatchesBelow(path), 0);
                } catch (const Error& e) {
                    logWarning(e.what());
                }
            }
            continue;
        }
        if (event->mask & (IN_CLOSE_WRITE | IN_MOVED_TO))
            offer(path, Origin::Event);
    }
}

void FolderWatch::run()
{
    alignas(inotify_event) char buffer[64 * 1024];
    auto lastPoll = SteadyClock::now();
    std::int64_t lastPollNs = nowNs();
    while (true) {
        pollfd fds[2] = {{inotify_, POLLIN, 0}, {wakeFd_, POLLIN, 0}};
        const int ready = ::poll(fds, 2, 200);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (stopping_)
                return;
        }
        if (ready < 0 && errno != EINTR) {
            logWarning(DL_TR("Engine", "%1: watching the folder failed: %2"), options_.folder, std::strerror(errno));
            return;
        }
        if (ready > 0 && (fds[0].revents & POLLIN)) {
            while (true) {
                const ssize_t n = ::read(inotify_, buffer, sizeof buffer);
                if (n <= 0)
                    break;
                handleEvents(buffer, long(n));
            }
        }
        promoteSettledCandidates();
        std::optional<std::int64_t> relistSince;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (relistPending_ && queue_.size() <= options_.maxQueued / 2) {
                relistPending_ = false;
                relistSince = droppedSinceNs_;
                droppedSinceNs_ = std::numeric_limits<std::int64_t>::max();
            }
        }
        // The periodic listing: files changed since a little before the last one.
        if (!relistSince && options_.pollInterval.count() > 0 && SteadyClock::now() - lastPoll >= options_.pollInterval) {
            const std::int64_t margin = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                            2 * options_.pollInterval + options_.settleTime)
                                            .count();
            relistSince = lastPollNs - margin;
            lastPoll = SteadyClock::now();
            lastPollNs = nowNs();
        }
        if (relistSince) {
            // Only files changed since the first one dropped: the older ones were
            // queued before. Already-queued paths are skipped; files inspected
            // before are recognised by the caller's journal.
            std::vector<std::string> folders;
            for (const auto& [descriptor, folder] : watchedFolders_)
                folders.push_back(folder);
            listFolders(folders, *relistSince);
        }
    }
}

std::vector<ArrivedFile> FolderWatch::take(std::size_t maxFiles, std::chrono::milliseconds timeout)
{
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return stopping_ || !queue_.empty(); });
    std::vector<ArrivedFile> files;
    while (!stopping_ && !queue_.empty() && files.size() < std::max<std::size_t>(1, maxFiles)) {
        queuedPaths_.erase(queue_.front().path);
        const auto key = std::make_tuple(queue_.front().path, queue_.front().size, queue_.front().modifiedNs);
        if (handedOut_.insert(key).second) {
            handedOutOrder_.push_back(key);
            if (handedOutOrder_.size() > 4096) {
                handedOut_.erase(handedOutOrder_.front());
                handedOutOrder_.pop_front();
            }
        }
        files.push_back(std::move(queue_.front()));
        queue_.pop_front();
    }
    return files;
}

std::size_t FolderWatch::backlog() const
{
    std::lock_guard<std::mutex> lock(mutex_);
    return queue_.size();
}

std::size_t FolderWatch::peakBacklog() const
{
    std::lock_guard<std::mutex> lock(mutex_);
    return peakBacklog_;
}

bool FolderWatch::hasPendingWork() const
{
    std::lock_guard<std::mutex> lock(mutex_);
    return !candidates_.empty() || relistPending_;
}

std::size_t FolderWatch::overflows() const
{
    std::lock_guard<std::mutex> lock(mutex_);
    return overflows_;
}

} // namespace dl::line
