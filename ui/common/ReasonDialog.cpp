#include "ui/common/ReasonDialog.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace dl::ui {

std::optional<QString> askRequiredReason(QWidget* parent, const ReasonRequest& request)
{
    QDialog dialog(parent);
    dialog.setObjectName(request.objectName);
    dialog.setWindowTitle(request.title);
    auto* prompt = new QLabel(request.prompt);
    prompt->setWordWrap(true);
    auto* edit = new QLineEdit;
    edit->setObjectName(QStringLiteral("reasonEdit"));
    edit->setPlaceholderText(request.placeholder);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QPushButton* ok = buttons->button(QDialogButtonBox::Ok);
    if (!request.okText.isEmpty())
        ok->setText(request.okText);
    ok->setEnabled(false);
    QObject::connect(edit, &QLineEdit::textChanged, ok,
                     [ok](const QString& text) { ok->setEnabled(!text.trimmed().isEmpty()); });
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(prompt);
    layout->addWidget(edit);
    layout->addWidget(buttons);
    // Wide enough for the whole title and a sentence of reason.
    dialog.setMinimumWidth(std::max(460, dialog.fontMetrics().horizontalAdvance(request.title) + 160));
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return edit->text();
}

} // namespace dl::ui
