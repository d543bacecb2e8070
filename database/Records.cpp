#include "database/Records.h"

namespace dl::db {

QString toText(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Ok: return QStringLiteral("ok");
    case Verdict::Defect: return QStringLiteral("defect");
    }
    return {};
}

QString toText(RunKind kind)
{
    switch (kind) {
    case RunKind::Fit: return QStringLiteral("fit");
    case RunKind::Test: return QStringLiteral("test");
    case RunKind::Predict: return QStringLiteral("predict");
    case RunKind::Benchmark: return QStringLiteral("benchmark");
    }
    return {};
}

QString toText(RunStatus status)
{
    switch (status) {
    case RunStatus::Queued: return QStringLiteral("queued");
    case RunStatus::Running: return QStringLiteral("running");
    case RunStatus::Succeeded: return QStringLiteral("succeeded");
    case RunStatus::Failed: return QStringLiteral("failed");
    case RunStatus::Cancelled: return QStringLiteral("cancelled");
    case RunStatus::Abandoned: return QStringLiteral("abandoned");
    }
    return {};
}

std::optional<Verdict> verdictFromString(const QString& text)
{
    for (Verdict v : {Verdict::Ok, Verdict::Defect})
        if (toText(v) == text)
            return v;
    return std::nullopt;
}

std::optional<RunKind> runKindFromString(const QString& text)
{
    for (RunKind k : {RunKind::Fit, RunKind::Test, RunKind::Predict, RunKind::Benchmark})
        if (toText(k) == text)
            return k;
    return std::nullopt;
}

std::optional<RunStatus> runStatusFromString(const QString& text)
{
    for (RunStatus s : {RunStatus::Queued, RunStatus::Running, RunStatus::Succeeded,
                        RunStatus::Failed, RunStatus::Cancelled, RunStatus::Abandoned})
        if (toText(s) == text)
            return s;
    return std::nullopt;
}

bool isFinished(RunStatus status)
{
    return status == RunStatus::Succeeded || status == RunStatus::Failed
        || status == RunStatus::Cancelled || status == RunStatus::Abandoned;
}

std::optional<double> numberAt(const nlohmann::json& object, const char* key)
{
    if (!object.is_object())
        return std::nullopt;
    const auto member = object.find(key);
    if (member == object.end() || !member->is_number())
        return std::nullopt;
    return member->get<double>();
}

QString textAt(const nlohmann::json& object, const char* key)
{
    if (!object.is_object())
        return {};
    const auto member = object.find(key);
    if (member == object.end() || !member->is_string())
        return {};
    return QString::fromStdString(member->get<std::string>());
}

} // namespace dl::db
