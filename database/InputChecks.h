#pragma once
// Checks of caller input shared by several entity groups of Store; each throws
// DatabaseError(InvalidArgument) naming the action and the field. Internal to database/.
#include "database/Connection.h"

#include <QString>

#include <nlohmann/json.hpp>

namespace dl::db::detail {

// `value` must hold more than white space.
void requireText(const Connection& c, const QString& value, const char* field, const QString& action);
// `value` must be empty or a SHA-256 digest in hex (either case).
void requireHashOrEmpty(const Connection& c, const QString& value, const char* field, const QString& action);

// `value` must be a JSON object; null counts as an empty one.
void requireJsonObject(const Connection& c, const nlohmann::json& value, const char* field, const QString& action);

} // namespace dl::db::detail
