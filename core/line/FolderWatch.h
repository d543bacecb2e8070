#pragma once
// The watch folder of an inspection cell: a camera or a grabber drops one image
// at a time into it, and each image is handed on exactly when it is complete.
//
// Linux inotify reports a file when its writer closes it (IN_CLOSE_WRITE) or
// when it is renamed into the folder (IN_MOVED_TO), so a half-written file is
// never handed on. Temporary names (*.part, *.tmp, *~, .~*, hidden files) and
// non-image files are ignored. Files already in the folder when the watch
// starts (they arrived while nothing watched) are handed on too, once their
// size and modification time have stopped changing for a moment.
//
// Memory stays bounded: at most `maxQueued` paths wait in the queue. Past that
// (a burst, or the kernel's own event queue overflowing) events are dropped
// and the folder is listed again once the queue has drained: the folder itself
// holds what was not queued, so nothing is lost. The caller decides what was
// already inspected (the database's journal); the watch only avoids queuing
// one path twice.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace dl::line {

struct FolderWatchOptions {
    std::string folder;               // must exist
    bool recursive = false;           // subfolders too, including ones created later
    std::vector<std::string> ignoredFolders; // never entered (e.g. an archive inside the folder)
    std::size_t maxQueued = 10000;    // paths held at most before falling back to a listing
    // A file found by listing (not by an event) is handed on once it has kept
    // its size and time stamp this long: its writer may still be at work.
    std::chrono::milliseconds settleTime{1000};
    // > 0: the folders are also listed this often, for files that come without
    // an event: network shares (inotify sees only this machine's writes), hard
    // links, a watch limit reached. Such files are taken once they have settled.
    std::chrono::milliseconds pollInterval{0};
};

// A complete file in the folder.
struct ArrivedFile {
    std::string path;                 // absolute
    std::int64_t size = 0;
    std::int64_t modifiedNs = 0;      // st_mtim, nanoseconds since the epoch
    bool seenLive = false;            // from an event while watching (not from a listing)
    std::chrono::system_clock::time_point seenAt; // when the watch noticed it
};

class FolderWatch {
public:
    // Starts watching, then lists what is already there. Throws dl::Error naming
    // the folder when it cannot be watched.
    explicit FolderWatch(FolderWatchOptions options);
    ~FolderWatch();
    FolderWatch(const FolderWatch&) = delete;
    FolderWatch& operator=(const FolderWatch&) = delete;

    // Waits up to `timeout` for files; returns up to `maxFiles` of them, oldest
    // first (empty on timeout or after stop()).
    std::vector<ArrivedFile> take(std::size_t maxFiles, std::chrono::milliseconds timeout);
    // Paths waiting in the queue now.
    std::size_t backlog() const;
    // The largest backlog seen so far.
    std::size_t peakBacklog() const;
    // True while files known to be in the folder have not been queued yet
    // (waiting to settle, or a listing is pending after an overflow).
    bool hasPendingWork() const;
    // How often the queue was full and the folder had to be listed again.
    std::size_t overflows() const;
    // Wakes take() and ends the watch.
    void stop();

    // The rule for names a writer uses while a file is incomplete.
    static bool isTemporaryName(const std::string& fileName);

private:
    struct Candidate {
        std::int64_t size = 0;
        std::int64_t modifiedNs = 0;
        std::chrono::steady_clock::time_point stableSince;
    };

    // How a file came to be offered: an inotify event (complete), a listing
    // (may still be written), or a listed file that has since kept still.
    enum class Origin { Event, Listing, Settled };

    void addWatch(const std::string& folder);
    // Watches `folder` and, when recursive, every folder below it that is not
    // ignored; returns them all.
    std::vector<std::string> addWatchesBelow(const std::string& folder);
    // Offers the image files of `folders` changed (ctime or mtime) at or after
    // `changedSinceNs`, oldest first.
    void listFolders(const std::vector<std::string>& folders, std::int64_t changedSinceNs);
    // With the mutex held: a file could not be queued; list again once drained.
    void noteOverflow(std::int64_t droppedChangedNs);
    void run();
    void handleEvents(const char* buffer, long length);
    void offer(const std::string& path, Origin origin);
    void promoteSettledCandidates();
    bool ignoredFolder(const std::string& path) const;

    const FolderWatchOptions options_;
    int inotify_ = -1;
    int wakeFd_ = -1;                  // eventfd that wakes the reader thread on stop()
    std::map<int, std::string> watchedFolders_; // watch descriptor -> folder (reader thread only)

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<ArrivedFile> queue_;
    std::set<std::string> queuedPaths_;
    std::map<std::string, Candidate> candidates_; // listed files waiting to settle
    // Files handed out lately (path, size, time): a periodic listing does not queue them again.
    std::set<std::tuple<std::string, std::int64_t, std::int64_t>> handedOut_;
    std::deque<std::tuple<std::string, std::int64_t, std::int64_t>> handedOutOrder_;
    bool relistPending_ = false;
    std::int64_t droppedSinceNs_ = INT64_MAX; // the oldest change among files not queued
    std::int64_t lastEventNs_ = 0;             // wall time of the last event (reader thread only)
    std::size_t peakBacklog_ = 0;
    std::size_t overflows_ = 0;
    bool stopping_ = false;
    std::thread reader_;
};

} // namespace dl::line
