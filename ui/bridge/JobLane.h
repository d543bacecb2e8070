#pragma once
// One lane of engine jobs: a queue run one job at a time, in order, each on a
// worker thread (QtConcurrent), with cancellation, throttled progress and the
// job's result delivered on the GUI thread. EngineBridge runs two lanes, the
// viewer's and the model lane (training, evaluation).
#include "common/Progress.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>

namespace dl::ui {

class JobLane : public QObject {
    Q_OBJECT
public:
    // Runs on the GUI thread once the worker is done, with the worker's result captured.
    using Delivery = std::function<void()>;
    // Runs on a worker thread.
    using Work = std::function<Delivery(const ProgressContext&)>;

    struct Job {
        int kind = 0; // the owner's job kind, for removeWaiting()
        QString description;
        // Called on the GUI thread when the job starts, so it sees the state left by earlier jobs.
        std::function<Work()> prepare;
    };

    struct Policy {
        // At most one progress update per interval; stage changes and completion always pass.
        std::chrono::milliseconds progressInterval{50};
        // A job cancelled after its last cancellation point: true reports it as
        // cancelled (the user asked not to see its result); false delivers its
        // result (it may already have saved and recorded something).
        bool lateCancelHidesResult = true;
        // A failed or cancelled job drops the waiting ones (they depend on it).
        bool failureDropsWaiting = false;
    };

    JobLane(Policy policy, QObject* parent);
    // Stops (see stop()).
    ~JobLane() override;

    void enqueue(Job job);
    // Drops the waiting jobs of this kind.
    void removeWaiting(int kind);
    // Cancels the running job (at its next cancellation point) and drops the waiting ones.
    void cancel();
    // Cancels and waits for the worker: it posts progress to this object, so it
    // must end before the object does. Long engine work polls the cancel token,
    // so the wait is short.
    void stop();

    bool hasRunningOrWaiting() const { return running_ != nullptr || !waiting_.empty(); }
    // Also while a finished job's result is being delivered.
    bool isBusy() const { return hasRunningOrWaiting() || delivering_; }

signals:
    void busyChanged(bool busy); // true when a job arrives at an idle lane; false when it runs empty
    void started(const QString& description);
    // Progress carries an estimate of the seconds left (-1: unknown).
    void progress(double fraction, const QString& stage, double secondsLeft);
    // Per-epoch values a method streams while training.
    void metric(const QString& name, int step, double value);
    void failed(const QString& message);
    void cancelled(const QString& description);

private:
    struct Outcome {
        Delivery deliver;
        QString error;
        bool cancelled = false;
    };

    void startNext();
    void finishRunning();
    ProgressContext progressContext(quint64 serial);
    // Called on a worker thread: runs `emitSignal` on the GUI thread, unless the
    // job with this serial has finished by then.
    void postWhileRunning(quint64 serial, std::function<void()> emitSignal);
    static QFuture<Outcome> runWork(Work work, ProgressContext progress);

    const Policy policy_;
    std::deque<Job> waiting_;
    QFutureWatcher<Outcome>* running_ = nullptr; // null when idle
    bool delivering_ = false;                    // a finished job's signals are being emitted
    QString runningDescription_;
    std::shared_ptr<CancelToken> runningToken_;
    quint64 serial_ = 0; // lets late posts of a finished job be ignored
};

} // namespace dl::ui
