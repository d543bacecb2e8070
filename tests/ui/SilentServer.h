#pragma once
// A stand-in for a database server that hangs, for the tests that prove a
// server which never answers never freezes the GUI.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <vector>

namespace dltest {

// A TCP port on 127.0.0.1 that takes connections (the kernel completes them
// from the listen backlog) but never answers: a database server that hangs.
class SilentServer {
public:
    SilentServer()
    {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), length) != 0 || ::listen(fd_, 16) != 0
            || ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            return;
        ::fcntl(fd_, F_SETFL, O_NONBLOCK); // acceptedConnections() must not wait
        port_ = ntohs(address.sin_port);
    }
    ~SilentServer()
    {
        for (int connection : accepted_)
            ::close(connection);
        if (fd_ >= 0)
            ::close(fd_);
    }
    SilentServer(const SilentServer&) = delete;
    SilentServer& operator=(const SilentServer&) = delete;

    int port() const { return port_; } // 0 when listening failed
    // Takes the connections made so far (kept open, unanswered) and counts all.
    int acceptedConnections()
    {
        for (int connection; (connection = ::accept(fd_, nullptr, nullptr)) >= 0;)
            accepted_.push_back(connection);
        return int(accepted_.size());
    }

private:
    int fd_ = -1;
    int port_ = 0;
    std::vector<int> accepted_;
};

// The longest pause of the calling thread's event loop since construction, by a
// 50 ms timer: what a user would feel as a frozen window.
class EventLoopGapMeter {
public:
    EventLoopGapMeter()
    {
        clock_.start();
        ticker_.setInterval(50);
        QObject::connect(&ticker_, &QTimer::timeout, [this] {
            const qint64 now = clock_.elapsed();
            longestGapMs_ = std::max(longestGapMs_, now - lastTickMs_);
            lastTickMs_ = now;
        });
        ticker_.start();
    }
    qint64 elapsedMs() const { return clock_.elapsed(); }
    void stop() { ticker_.stop(); }
    qint64 longestGapMs() const { return longestGapMs_; }

private:
    QElapsedTimer clock_;
    QTimer ticker_;
    qint64 lastTickMs_ = 0;
    qint64 longestGapMs_ = 0;
};

} // namespace dltest
