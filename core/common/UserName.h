#pragma once
#include <string>

namespace dl {

// The name recorded for the audit trail (annotation author, who promoted a
// model): the login name from USER, USERNAME or LOGNAME, or "engineer" when unknown.
std::string currentUserName();

} // namespace dl
