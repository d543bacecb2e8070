#include "database/InputChecks.h"

#include "database/RowMapping.h"

namespace dl::db::detail {

namespace {

bool isSha256Hex(const QString& text)
{
    if (text.size() != 64)
        return false;
    for (QChar ch : text)
        if (!ch.isDigit() && !(ch >= QLatin1Char('a') && ch <= QLatin1Char('f')))
            return false;
    return true;
}

} // namespace

void requireText(const Connection& c, const QString& value, const char* field, const QString& action)
{
    if (value.trimmed().isEmpty())
        c.fail(DatabaseError::Reason::InvalidArgument,
               QStringLiteral("%1 failed: %2 is empty").arg(action, QLatin1String(field)));
}

void requireHashOrEmpty(const Connection& c, const QString& value, const char* field, const QString& action)
{
    if (!value.isEmpty() && !isSha256Hex(value.toLower()))
        c.fail(DatabaseError::Reason::InvalidArgument,
               QStringLiteral("%1 failed: %2 %3 is not a SHA-256 digest (64 hexadecimal digits)")
                   .arg(action, QLatin1String(field), quoted(value)));
}

void requireJsonObject(const Connection& c, const nlohmann::json& value, const char* field, const QString& action)
{
    if (!value.is_null() && !value.is_object())
        c.fail(DatabaseError::Reason::InvalidArgument,
               QStringLiteral("%1 failed: %2 is not a JSON object but %3")
                   .arg(action, QLatin1String(field), QString::fromUtf8(value.type_name())));
}

} // namespace dl::db::detail
