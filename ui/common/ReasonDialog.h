#pragma once
// The question every audited decision asks (a verdict override, a model
// promotion): a sentence of reason, recorded with the user's name. OK stays
// disabled until something is typed.
#include <QString>

#include <optional>

class QWidget;

namespace dl::ui {

struct ReasonRequest {
    QString objectName;   // of the dialog, for tests and screenshots
    QString title;
    QString prompt;       // what is being decided, and that the reason is recorded
    QString placeholder;  // an example reason
    QString okText;       // empty: the style's "OK"
};

// Modal; the typed reason, or std::nullopt when cancelled.
std::optional<QString> askRequiredReason(QWidget* parent, const ReasonRequest& request);

} // namespace dl::ui
