#include "ui/bridge/JobLane.h"

#include "common/Error.h"
#include "ui/common/Translations.h"

#include <QCoreApplication>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <mutex>
#include <string>

namespace dl::ui {

namespace {

using Clock = std::chrono::steady_clock;

// Engines may report progress thousands of times a second; the GUI needs a
// few updates per second. Stage changes and completion always get through.
// Called on the worker thread.
class ProgressThrottle {
public:
    explicit ProgressThrottle(std::chrono::milliseconds interval) : interval_(interval) {}

    // Whether to post this update; when so, `secondsLeft` receives the estimate.
    bool shouldPost(double fraction, const std::string& stage, double& secondsLeft)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto now = Clock::now();
        if (stage == lastStage_ && fraction < 1.0 && now - lastPost_ < interval_)
            return false;
        lastStage_ = stage;
        lastPost_ = now;
        secondsLeft = estimateSecondsLeft(fraction, now);
        return true;
    }

private:
    // From the fraction done so far; -1 until there is enough to go on. Stages
    // run at different speeds (DMAD's heads train far slower per percent than
    // its bank is built), so the raw estimate can jump up at a stage change; a
    // time left that grows reads as a broken clock. The shown value therefore
    // counts down: it follows a lower estimate at once and holds a higher one
    // down to the previous value minus the time passed. Once that count-down
    // has run out while the job goes on, the time left is unknown (-1).
    double estimateSecondsLeft(double fraction, Clock::time_point now)
    {
        const double elapsed = std::chrono::duration<double>(now - start_).count();
        if (fraction < 0.02 || elapsed < 1.0)
            return -1.0;
        const double raw = elapsed * (1.0 - fraction) / fraction;
        if (lastEstimate_ < 0.0) {
            if (countdownExpired_)
                return -1.0;
            lastEstimate_ = raw;
            lastEstimateAt_ = now;
            return raw;
        }
        const double countedDown = lastEstimate_ - std::chrono::duration<double>(now - lastEstimateAt_).count();
        if (countedDown <= 0.0 && raw > 0.0) {
            countdownExpired_ = true;
            lastEstimate_ = -1.0;
            return -1.0;
        }
        lastEstimate_ = std::min(raw, countedDown);
        lastEstimateAt_ = now;
        return lastEstimate_;
    }

    const std::chrono::milliseconds interval_;
    const Clock::time_point start_ = Clock::now();
    double lastEstimate_ = -1.0;
    Clock::time_point lastEstimateAt_{};
    bool countdownExpired_ = false;
    std::mutex mutex_;
    std::string lastStage_;
    Clock::time_point lastPost_{};
};

} // namespace

JobLane::JobLane(Policy policy, QObject* parent) : QObject(parent), policy_(policy) {}

JobLane::~JobLane()
{
    stop();
}

void JobLane::enqueue(Job job)
{
    const bool wasBusy = isBusy();
    waiting_.push_back(std::move(job));
    if (!wasBusy)
        emit busyChanged(true);
    // Receivers of a finished job may queue follow-ups (re-score the shown image,
    // evaluate the new model); those start once every receiver ran (finishRunning).
    if (!running_ && !delivering_)
        startNext();
}

void JobLane::removeWaiting(int kind)
{
    waiting_.erase(std::remove_if(waiting_.begin(), waiting_.end(), [kind](const Job& job) { return job.kind == kind; }),
                   waiting_.end());
}

void JobLane::cancel()
{
    waiting_.clear();
    if (runningToken_)
        runningToken_->cancel();
}

void JobLane::stop()
{
    waiting_.clear();
    if (!running_)
        return;
    runningToken_->cancel();
    running_->disconnect(this);
    running_->waitForFinished();
}

void JobLane::startNext()
{
    if (waiting_.empty()) {
        emit busyChanged(false);
        return;
    }
    Job job = std::move(waiting_.front());
    waiting_.pop_front();
    runningDescription_ = job.description;
    runningToken_ = std::make_shared<CancelToken>();
    const ProgressContext progress = progressContext(++serial_);
    running_ = new QFutureWatcher<Outcome>(this);
    connect(running_, &QFutureWatcher<Outcome>::finished, this, &JobLane::finishRunning);
    running_->setFuture(runWork(job.prepare(), progress));
    emit started(runningDescription_);
}

void JobLane::finishRunning()
{
    const Outcome outcome = running_->result();
    running_->deleteLater();
    running_ = nullptr;
    const QString description = runningDescription_;
    const bool cancelledJob = outcome.cancelled || (policy_.lateCancelHidesResult && runningToken_->isCancelled());
    runningToken_.reset();

    delivering_ = true;
    if (cancelledJob) {
        if (policy_.failureDropsWaiting)
            waiting_.clear();
        emit cancelled(description);
    } else if (!outcome.error.isEmpty()) {
        if (policy_.failureDropsWaiting)
            waiting_.clear();
        emit failed(outcome.error);
    } else {
        outcome.deliver();
    }
    delivering_ = false;
    startNext();
}

ProgressContext JobLane::progressContext(quint64 serial)
{
    ProgressContext context;
    context.cancel = runningToken_;
    auto throttle = std::make_shared<ProgressThrottle>(policy_.progressInterval);
    // Both callbacks run on the worker thread and hand their values to the GUI thread.
    context.onProgress = [this, throttle, serial](double fraction, const EngineText& stage) {
        double secondsLeft = -1.0;
        if (!throttle->shouldPost(fraction, stage.text, secondsLeft))
            return;
        // Translated only when posted: the engine reports far more often than it is shown.
        postWhileRunning(serial, [this, fraction, stageText = displayedText(stage), secondsLeft] {
            emit progress(fraction, stageText, secondsLeft);
        });
    };
    // Metrics come once per epoch: every one is delivered.
    context.onMetric = [this, serial](const std::string& name, int step, double value) {
        postWhileRunning(serial, [this, metricName = QString::fromStdString(name), step, value] {
            emit metric(metricName, step, value);
        });
    };
    return context;
}

void JobLane::postWhileRunning(quint64 serial, std::function<void()> emitSignal)
{
    QMetaObject::invokeMethod(
        this,
        [this, serial, emitSignal = std::move(emitSignal)] {
            if (serial == serial_ && running_)
                emitSignal();
        },
        Qt::QueuedConnection);
}

QFuture<JobLane::Outcome> JobLane::runWork(Work work, ProgressContext progress)
{
    const QString unexpected = QCoreApplication::translate("dl::ui::EngineBridge", "Unexpected engine error: %1");
    return QtConcurrent::run([work = std::move(work), progress = std::move(progress), unexpected]() -> Outcome {
        Outcome outcome;
        try {
            outcome.deliver = work(progress);
        } catch (const Cancelled&) {
            outcome.cancelled = true;
        } catch (const Error& e) {
            outcome.error = QString::fromStdString(e.what());
        } catch (const std::exception& e) {
            // Library failures (OpenCV, torch, allocation) that no engine wrapper typed.
            outcome.error = unexpected.arg(QString::fromStdString(e.what()));
        }
        return outcome;
    });
}

} // namespace dl::ui
