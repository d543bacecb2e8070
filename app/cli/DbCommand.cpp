// defectlens-cli db: copying a station's database into a line's shared one
// (db migrate), and the concurrency benchmark of a database (db bench).
#include "cli/DbCommand.h"

#include "common/Error.h"
#include "common/FileUtil.h"
#include "database/DatabaseLocation.h"
#include "database/Store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QMutex>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QWaitCondition>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <numeric>

namespace dl::cli {

namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

QString q(const std::string& s) { return QString::fromStdString(s); }

double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double epochMs() { return double(QDateTime::currentMSecsSinceEpoch()); }

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const std::size_t index = std::min(values.size() - 1, std::size_t(p * double(values.size() - 1) + 0.5));
    return values[index];
}

json latencyJson(const std::vector<double>& ms)
{
    return {{"p50_ms", percentile(ms, 0.50)}, {"p95_ms", percentile(ms, 0.95)}, {"max_ms", percentile(ms, 1.0)}};
}

void printAndSave(const CliOptions& o, const json& out)
{
    std::cout << out.dump(2) << std::endl;
    if (!o.jsonPath.empty())
        writeFileAtomically(o.jsonPath, out.dump(2) + "\n");
}

std::string engineName(const db::Store& store) { return store.isServer() ? "postgresql" : "sqlite"; }

// --- db migrate -------------------------------------------------------------------

json copyReportJson(const db::Store::CopyReport& report, double seconds)
{
    json tables = json::array();
    for (const db::Store::CopiedTable& t : report.tables)
        tables.push_back({{"table", t.table.toStdString()},
                          {"source_rows", t.sourceRows},
                          {"copied", t.copied},
                          {"copied_before", t.copiedBefore},
                          {"matched", t.matched},
                          {"complete", t.complete()}});
    return {{"source_identity", report.sourceIdentity.toStdString()},
            {"tables", tables},
            {"complete", report.complete()},
            {"seconds", seconds}};
}

int runMigrate(const CliOptions& o)
{
    db::Store source;
    source.open(q(o.copyFrom));
    db::Store target;
    target.open(q(o.copyTo));
    const auto started = Clock::now();
    QString lastTable;
    const db::Store::CopyReport report = target.copyFrom(source, [&](const QString& table, qint64 done, qint64 total) {
        if (!o.quiet && (table != lastTable || done == total || done % 20000 == 0))
            std::cerr << "db migrate: " << table.toStdString() << " " << done << "/" << total << std::endl;
        lastTable = table;
        return true;
    });
    json out = copyReportJson(report, msSince(started) / 1000.0);
    out["from"] = source.path().toStdString();
    out["to"] = target.path().toStdString();
    printAndSave(o, out);
    if (!report.complete()) {
        std::cerr << "db migrate: error: not every source row is accounted for (see \"complete\": false above)"
                  << std::endl;
        return 3;
    }
    return 0;
}

// --- db bench ----------------------------------------------------------------------

constexpr int kOverrideTargets = 100; // results the override writers race on

// One writer process of db bench: one transaction per row, as a station writes.
int runBenchWriter(const CliOptions& o)
{
    db::Store store;
    store.open(q(o.dbPath));
    std::vector<double> latencies;
    latencies.reserve(std::size_t(o.benchResults));
    int failures = 0;
    std::string firstFailure;
    std::vector<db::RowId> targets;
    if (o.benchPhase == "overrides") {
        db::ResultFilter filter;
        filter.runId = o.benchRunId;
        filter.limit = kOverrideTargets;
        for (const db::ResultRecord& r : store.findResults(filter))
            targets.push_back(r.id);
        if (targets.empty())
            throw Error("db bench-writer: run " + std::to_string(o.benchRunId) + " has no results to override");
    }
    const QString user = QStringLiteral("bench-writer-%1").arg(o.benchWriterIndex);
    const double startMs = epochMs();
    for (int i = 0; i < o.benchResults; ++i) {
        const auto t0 = Clock::now();
        try {
            if (o.benchPhase == "results") {
                db::ResultRecord r;
                r.runId = o.benchRunId;
                r.imagePath = QStringLiteral("/bench/writer%1/%2.png").arg(o.benchWriterIndex).arg(i);
                r.score = 0.001 * double(i % 1000);
                r.verdict = i % 10 == 0 ? db::Verdict::Defect : db::Verdict::Ok;
                store.addResults({r});
            } else {
                const db::RowId target = targets[std::size_t(i + 7 * o.benchWriterIndex) % targets.size()];
                store.addOverride(target, i % 2 ? db::Verdict::Ok : db::Verdict::Defect,
                                  QStringLiteral("bench %1").arg(i), user);
            }
        } catch (const db::DatabaseError& e) {
            if (failures++ == 0)
                firstFailure = e.what();
        }
        latencies.push_back(msSince(t0));
    }
    const double endMs = epochMs();
    json out = {{"writer", o.benchWriterIndex}, {"written", o.benchResults - failures}, {"failures", failures},
                {"first_failure", firstFailure}, {"start_ms", startMs}, {"end_ms", endMs}, {"latencies_ms", latencies}};
    std::cout << out.dump() << std::endl;
    return 0;
}

struct WritersOutcome {
    json summary;
    int written = 0;
};

// Starts the writer processes together and gathers their numbers.
WritersOutcome runWriterProcesses(const CliOptions& o, const std::string& phase, db::RowId runId)
{
    std::vector<std::unique_ptr<QProcess>> processes;
    for (int w = 0; w < o.benchWriters; ++w) {
        auto process = std::make_unique<QProcess>();
        process->setProcessChannelMode(QProcess::SeparateChannels);
        process->start(QCoreApplication::applicationFilePath(),
                       {QStringLiteral("db"), QStringLiteral("bench-writer"), QStringLiteral("--db"), q(o.dbPath),
                        QStringLiteral("--phase"), q(phase), QStringLiteral("--run-id"), QString::number(runId),
                        QStringLiteral("--results"), QString::number(o.benchResults), QStringLiteral("--writer"),
                        QString::number(w)});
        processes.push_back(std::move(process));
    }
    std::vector<double> latencies;
    double firstStart = 0, lastEnd = 0;
    int written = 0, failures = 0;
    std::string firstFailure;
    for (auto& process : processes) {
        if (!process->waitForFinished(-1) || process->exitStatus() != QProcess::NormalExit || process->exitCode() != 0)
            throw Error("db bench: a writer process failed: " + process->readAllStandardError().toStdString());
        const json report = json::parse(process->readAllStandardOutput().toStdString());
        for (double ms : report["latencies_ms"])
            latencies.push_back(ms);
        const double start = report["start_ms"], end = report["end_ms"];
        firstStart = firstStart == 0 ? start : std::min(firstStart, start);
        lastEnd = std::max(lastEnd, end);
        written += report["written"].get<int>();
        failures += report["failures"].get<int>();
        if (firstFailure.empty())
            firstFailure = report["first_failure"].get<std::string>();
    }
    const double seconds = std::max(1e-3, (lastEnd - firstStart) / 1000.0);
    WritersOutcome outcome;
    outcome.written = written;
    outcome.summary = {{"writers", o.benchWriters}, {"per_writer", o.benchResults}, {"written", written},
                       {"failed_writes", failures}, {"seconds", seconds}, {"rows_per_second", written / seconds}};
    outcome.summary.update(latencyJson(latencies));
    if (!firstFailure.empty())
        outcome.summary["first_failure"] = firstFailure;
    return outcome;
}

json benchConcurrentResults(const CliOptions& o, db::Store& store, db::RowId* runId)
{
    *runId = store.startRun(db::RunKind::Predict, {{"mode", "db-bench"}}).id;
    WritersOutcome outcome = runWriterProcesses(o, "results", *runId);
    const std::size_t stored = store.resultsOfRun(*runId).size();
    outcome.summary["stored"] = stored;
    outcome.summary["rows_lost"] = qint64(outcome.written) - qint64(stored);
    return outcome.summary;
}

json benchRacingOverrides(const CliOptions& o, db::Store& store, db::RowId runId)
{
    WritersOutcome outcome = runWriterProcesses(o, "overrides", runId);
    db::ResultFilter filter;
    filter.runId = runId;
    filter.limit = kOverrideTargets;
    qint64 recorded = 0;
    int latestIsNewest = 0, targets = 0;
    for (const db::ResultRecord& r : store.findResults(filter)) {
        const std::vector<db::VerdictOverrideRecord> history = store.overrideHistory(r.id);
        if (history.empty())
            continue; // fewer overrides than results: this one was not raced on
        recorded += qint64(history.size());
        ++targets;
        const std::optional<db::VerdictOverrideRecord> latest = store.latestOverride(r.id);
        // Last writer wins: the override in force is the newest one of the history.
        if (latest && !history.empty() && latest->id == history.front().id)
            ++latestIsNewest;
    }
    outcome.summary["results_raced_on"] = targets;
    outcome.summary["overrides_recorded"] = recorded;
    outcome.summary["overrides_lost"] = qint64(outcome.written) - recorded;
    outcome.summary["last_writer_wins"] = latestIsNewest == targets;
    return outcome.summary;
}

// Two stations (two connections, two threads) promote different models at the
// same moment, round after round.
json benchPromotionRace(const CliOptions& o, db::Store& store)
{
    db::ModelRecord model;
    model.method = QStringLiteral("patchcore");
    model.bundlePath = QStringLiteral("/bench/station-a.dlm");
    const db::RowId modelA = store.addModel(model).id;
    model.bundlePath = QStringLiteral("/bench/station-b.dlm");
    const db::RowId modelB = store.addModel(model).id;
    const std::size_t historyBefore = store.promotionHistory().size();

    QMutex mutex;
    QWaitCondition changed;
    int arrived = 0, generation = 0;
    auto barrier = [&] {
        QMutexLocker lock(&mutex);
        const int mine = generation;
        if (++arrived == 2) {
            arrived = 0;
            ++generation;
            changed.wakeAll();
            return;
        }
        while (generation == mine)
            changed.wait(&mutex);
    };
    std::vector<double> latencies[2];
    std::vector<db::RowId> activeSeen[2];
    std::string failure[2];
    auto station = [&](int index, db::RowId modelId) {
        try {
            db::Store own;
            own.open(q(o.dbPath));
            for (int round = 0; round < o.benchRounds; ++round) {
                barrier();
                const auto t0 = Clock::now();
                own.promoteModel(modelId, QStringLiteral("station-%1").arg(index), QStringLiteral("race %1").arg(round));
                latencies[index].push_back(msSince(t0));
                barrier();
                const std::optional<db::ModelRecord> active = own.activeModel();
                activeSeen[index].push_back(active ? active->id : 0);
            }
        } catch (const Error& e) {
            failure[index] = e.what();
            // Keep the other station from waiting for ever.
            for (int round = 0; round < 2 * o.benchRounds; ++round) {
                QMutexLocker lock(&mutex);
                ++generation;
                changed.wakeAll();
            }
        }
    };
    std::unique_ptr<QThread> a(QThread::create(station, 0, modelA));
    std::unique_ptr<QThread> b(QThread::create(station, 1, modelB));
    a->start();
    b->start();
    a->wait();
    b->wait();
    for (const std::string& f : failure)
        if (!f.empty())
            throw Error("db bench: a promoting station failed: " + f);
    int agreed = 0;
    for (int round = 0; round < o.benchRounds; ++round) {
        const db::RowId seenA = activeSeen[0][std::size_t(round)], seenB = activeSeen[1][std::size_t(round)];
        if (seenA == seenB && (seenA == modelA || seenA == modelB))
            ++agreed;
    }
    const std::size_t historyAdded = store.promotionHistory().size() - historyBefore;
    std::vector<double> all = latencies[0];
    all.insert(all.end(), latencies[1].begin(), latencies[1].end());
    json out = {{"rounds", o.benchRounds},
                {"rounds_with_exactly_one_active_model", agreed},
                {"promotions_recorded", historyAdded},
                {"history_complete", historyAdded == std::size_t(2 * o.benchRounds)}};
    out.update(latencyJson(all));
    return out;
}

// A station's database with `resultCount` results (generated), copied into
// the benchmarked one twice: the second copy must add nothing.
json benchMigrate(const CliOptions& o, db::Store& store)
{
    QTemporaryDir folder;
    if (!folder.isValid())
        throw Error("db bench: cannot create a temporary folder");
    const QString sourcePath = folder.filePath(QStringLiteral("station.sqlite"));
    const auto generationStart = Clock::now();
    {
        db::Store station;
        station.open(sourcePath);
        db::DatasetRecord dataset;
        dataset.name = QStringLiteral("bench");
        dataset.rootPath = QStringLiteral("/bench/station-%1").arg(QDateTime::currentMSecsSinceEpoch());
        dataset.format = QStringLiteral("folder");
        const db::RowId datasetId = station.addDataset(dataset).id;
        std::vector<db::ImageRecord> images(1000);
        for (std::size_t i = 0; i < images.size(); ++i) {
            images[i].datasetId = datasetId;
            images[i].relativePath = QStringLiteral("good/%1.png").arg(i);
            images[i].path = dataset.rootPath + QLatin1Char('/') + images[i].relativePath;
            images[i].width = images[i].height = 256;
            images[i].split = QStringLiteral("test");
            images[i].label = 0;
        }
        const std::vector<db::RowId> imageIds = station.addImages(images);
        db::ModelRecord model;
        model.method = QStringLiteral("patchcore");
        model.bundlePath = QStringLiteral("/bench/model.dlm");
        const db::RowId modelId = station.addModel(model).id;
        const int runs = 10;
        for (int run = 0; run < runs; ++run) {
            const db::RowId runId = station.startRun(db::RunKind::Predict, {{"bench", run}}, modelId).id;
            std::vector<db::ResultRecord> results(std::size_t(o.benchMigrateResults / runs));
            for (std::size_t i = 0; i < results.size(); ++i) {
                results[i].runId = runId;
                results[i].imageId = imageIds[i % imageIds.size()];
                results[i].score = double(i % 997) / 997.0;
                results[i].verdict = i % 13 == 0 ? db::Verdict::Defect : db::Verdict::Ok;
            }
            const std::vector<db::RowId> resultIds = station.addResults(results);
            for (std::size_t i = 0; i < resultIds.size(); i += 100)
                station.addOverride(resultIds[i], db::Verdict::Ok, QStringLiteral("bench"), QStringLiteral("operator"));
            station.finishRun(runId, db::RunStatus::Succeeded);
        }
    }
    const double generationSeconds = msSince(generationStart) / 1000.0;

    db::Store source;
    source.open(sourcePath);
    auto started = Clock::now();
    const db::Store::CopyReport first = store.copyFrom(source);
    const double firstSeconds = msSince(started) / 1000.0;
    started = Clock::now();
    const db::Store::CopyReport second = store.copyFrom(source);
    const double secondSeconds = msSince(started) / 1000.0;
    qint64 results = 0, copiedAgain = 0;
    for (const db::Store::CopiedTable& t : first.tables)
        if (t.table == QLatin1String("results"))
            results = t.copied;
    for (const db::Store::CopiedTable& t : second.tables)
        copiedAgain += t.copied;
    return {{"source_results", o.benchMigrateResults / 10 * 10},
            {"generation_seconds", generationSeconds},
            {"results_copied", results},
            {"seconds", firstSeconds},
            {"results_per_second", double(results) / std::max(1e-3, firstSeconds)},
            {"counts_equal", first.complete() && results == o.benchMigrateResults / 10 * 10},
            {"second_copy_seconds", secondSeconds},
            {"second_copy_rows_copied", copiedAgain},
            {"second_copy_complete", second.complete()},
            {"first_copy", copyReportJson(first, firstSeconds)}};
}

int runBench(const CliOptions& o)
{
    if (o.dbPath.empty())
        throw Error("db bench writes thousands of rows: name a database to benchmark with --db "
                    "(an SQLite file or postgresql://USER@HOST/NAME), not your working one");
    db::Store store;
    store.open(q(o.dbPath));
    json out = {{"database", store.path().toStdString()}, {"engine", engineName(store)}};
    auto say = [&](const std::string& what) {
        if (!o.quiet)
            std::cerr << "db bench: " << what << std::endl;
    };
    db::RowId runId = 0;
    say(std::to_string(o.benchWriters) + " writer processes x " + std::to_string(o.benchResults) + " results");
    out["concurrent_results"] = benchConcurrentResults(o, store, &runId);
    say(std::to_string(o.benchWriters) + " writer processes x " + std::to_string(o.benchResults)
        + " overrides racing on " + std::to_string(kOverrideTargets) + " results");
    out["racing_overrides"] = benchRacingOverrides(o, store, runId);
    store.finishRun(runId, db::RunStatus::Succeeded);
    if (o.benchRounds > 0) {
        say("promotion race, " + std::to_string(o.benchRounds) + " rounds");
        out["promotion_race"] = benchPromotionRace(o, store);
    }
    if (o.benchMigrateResults > 0) {
        say("db migrate of a generated station database with " + std::to_string(o.benchMigrateResults) + " results");
        out["migrate"] = benchMigrate(o, store);
    }
    printAndSave(o, out);
    const bool lossless = out["concurrent_results"]["rows_lost"] == 0 && out["racing_overrides"]["overrides_lost"] == 0;
    return lossless ? 0 : 3;
}

} // namespace

int runDb(const CliOptions& options)
{
    if (options.dbAction == "migrate")
        return runMigrate(options);
    if (options.dbAction == "bench-writer")
        return runBenchWriter(options);
    return runBench(options);
}

} // namespace dl::cli
