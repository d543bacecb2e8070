#include "ui/common/SettingsDialog.h"

#include "common/UserName.h"
#include "database/DatabaseLocation.h"
#include "ui/common/Translations.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QThread>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace dl::ui {

namespace {

// A database address is no file name: QDir's separator conversion would break it.
QString databaseFromEdit(const QString& text)
{
    const QString trimmed = text.trimmed();
    return db::DatabaseLocation::isServerAddress(trimmed) ? trimmed : QDir::fromNativeSeparators(trimmed);
}

QString databaseForEdit(const QString& database)
{
    return db::DatabaseLocation::isServerAddress(database) ? database : QDir::toNativeSeparators(database);
}

} // namespace

AppSettings AppSettings::load(QSettings& settings)
{
    AppSettings loaded;
    loaded.datasetsFolder = settings.value(QStringLiteral("paths/datasets"), loaded.datasetsFolder).toString();
    loaded.modelsFolder = settings.value(QStringLiteral("paths/models"), loaded.modelsFolder).toString();
    loaded.databaseFile = settings.value(QStringLiteral("paths/database"), loaded.databaseFile).toString();
    loaded.backboneWeights = settings.value(QStringLiteral("paths/backboneWeights"), loaded.backboneWeights).toString();
    loaded.computeThreads = settings.value(QStringLiteral("engine/threads"), loaded.computeThreads).toInt();
    loaded.maxImageMegapixels
        = settings.value(QStringLiteral("engine/maxImageMegapixels"), loaded.maxImageMegapixels).toInt();
    loaded.language = settings.value(QStringLiteral("ui/language"), loaded.language).toString();
    loaded.theme = settings.value(QStringLiteral("ui/theme"), loaded.theme).toString();
    loaded.userName = settings.value(QStringLiteral("ui/userName"), loaded.userName).toString();
    return loaded;
}

void AppSettings::save(QSettings& settings) const
{
    settings.setValue(QStringLiteral("paths/datasets"), datasetsFolder);
    settings.setValue(QStringLiteral("paths/models"), modelsFolder);
    settings.setValue(QStringLiteral("paths/database"), databaseFile);
    settings.setValue(QStringLiteral("paths/backboneWeights"), backboneWeights);
    settings.setValue(QStringLiteral("engine/threads"), computeThreads);
    settings.setValue(QStringLiteral("engine/maxImageMegapixels"), maxImageMegapixels);
    settings.setValue(QStringLiteral("ui/language"), language);
    settings.setValue(QStringLiteral("ui/theme"), theme);
    settings.setValue(QStringLiteral("ui/userName"), userName);
    settings.sync();
}

AppSettings AppSettings::load()
{
    QSettings settings;
    return load(settings);
}

void AppSettings::save() const
{
    QSettings settings;
    save(settings);
}

bool AppSettings::operator==(const AppSettings& other) const
{
    return datasetsFolder == other.datasetsFolder && modelsFolder == other.modelsFolder
           && databaseFile == other.databaseFile && backboneWeights == other.backboneWeights
           && computeThreads == other.computeThreads && maxImageMegapixels == other.maxImageMegapixels
           && language == other.language && theme == other.theme
           && userName == other.userName;
}

QString recordedUserName()
{
    const QString configured = AppSettings::load().userName.trimmed();
    return configured.isEmpty() ? QString::fromStdString(currentUserName()) : configured;
}

SettingsDialog::SettingsDialog(const AppSettings& settings, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("settingsDialog"));
    datasetsEdit_ = new QLineEdit;
    datasetsEdit_->setObjectName(QStringLiteral("datasetsEdit"));
    modelsEdit_ = new QLineEdit;
    modelsEdit_->setObjectName(QStringLiteral("modelsEdit"));
    databaseEdit_ = new QLineEdit;
    databaseEdit_->setObjectName(QStringLiteral("databaseEdit"));
    databaseError_ = new QLabel;
    databaseError_->setObjectName(QStringLiteral("databaseError"));
    databaseError_->setWordWrap(true);
    databaseError_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    databaseError_->setStyleSheet(QStringLiteral("QLabel { color: #e53935; font-weight: bold; }"));
    databaseError_->hide();
    connect(databaseEdit_, &QLineEdit::textChanged, databaseError_, &QWidget::hide);
    weightsEdit_ = new QLineEdit;
    weightsEdit_->setObjectName(QStringLiteral("weightsEdit"));
    threadsSpin_ = new QSpinBox;
    threadsSpin_->setObjectName(QStringLiteral("threadsSpin"));
    threadsSpin_->setRange(0, std::max(64, QThread::idealThreadCount()));
    pixelsSpin_ = new QSpinBox;
    pixelsSpin_->setObjectName(QStringLiteral("maxImageMegapixels"));
    pixelsSpin_->setRange(0, 4000);
    pixelsSpin_->setSuffix(QStringLiteral(" MP"));
    languageCombo_ = new QComboBox;
    languageCombo_->setObjectName(QStringLiteral("languageCombo"));
    languageCombo_->addItem(QString(), QString()); // the system language
    for (const QString& language : supportedLanguages())
        languageCombo_->addItem(languageDisplayName(language), language);
    themeCombo_ = new QComboBox;
    themeCombo_->setObjectName(QStringLiteral("themeCombo"));
    themeCombo_->addItem(QString(), QStringLiteral("light"));
    themeCombo_->addItem(QString(), QStringLiteral("dark"));
    userEdit_ = new QLineEdit;
    userEdit_->setObjectName(QStringLiteral("userEdit"));
    userEdit_->setClearButtonEnabled(true);

    datasetsLabel_ = new QLabel;
    modelsLabel_ = new QLabel;
    databaseLabel_ = new QLabel;
    weightsLabel_ = new QLabel;
    threadsLabel_ = new QLabel;
    pixelsLabel_ = new QLabel;
    languageLabel_ = new QLabel;
    themeLabel_ = new QLabel;
    userLabel_ = new QLabel;
    restartNote_ = new QLabel;
    restartNote_->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(userLabel_, userEdit_);
    form->addRow(datasetsLabel_, pathRow(datasetsEdit_, datasetsLabel_, false, {}));
    form->addRow(modelsLabel_, pathRow(modelsEdit_, modelsLabel_, false, {}));
    form->addRow(databaseLabel_, pathRow(databaseEdit_, databaseLabel_, true, QStringLiteral("database")));
    form->addRow(weightsLabel_, pathRow(weightsEdit_, weightsLabel_, true, QStringLiteral("weights")));
    form->addRow(threadsLabel_, threadsSpin_);
    form->addRow(pixelsLabel_, pixelsSpin_);
    form->addRow(languageLabel_, languageCombo_);
    form->addRow(themeLabel_, themeCombo_);
    for (QLabel* label : {datasetsLabel_, modelsLabel_, databaseLabel_, weightsLabel_})
        label->setBuddy(label->property("edit").value<QLineEdit*>());
    threadsLabel_->setBuddy(threadsSpin_);
    pixelsLabel_->setBuddy(pixelsSpin_);
    languageLabel_->setBuddy(languageCombo_);
    themeLabel_->setBuddy(themeCombo_);
    userLabel_->setBuddy(userEdit_);

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(databaseError_);
    layout->addWidget(restartNote_);
    layout->addStretch(1);
    layout->addWidget(buttons_);

    retranslateUi();
    setSettings(settings);
    resize(620, sizeHint().height());
}

QWidget* SettingsDialog::pathRow(QLineEdit* edit, QLabel* label, bool file, const QString& filterKey)
{
    label->setProperty("edit", QVariant::fromValue(edit));
    edit->setClearButtonEnabled(true);
    auto* browse = new QPushButton;
    browseButtons_ << browse;
    connect(browse, &QPushButton::clicked, this, [this, edit, file, filterKey] {
        QString chosen;
        if (!file) {
            chosen = QFileDialog::getExistingDirectory(this, tr("Choose a folder"), edit->text());
        } else if (filterKey == QLatin1String("database")) {
            // A new file name is allowed: the database is created on first use.
            const QString start = db::DatabaseLocation::isServerAddress(edit->text()) ? QString() : edit->text();
            chosen = QFileDialog::getSaveFileName(this, tr("Results database"), start,
                                                  tr("DefectLens databases (*.sqlite *.db)") + QStringLiteral(";;")
                                                      + tr("All files (*)"),
                                                  nullptr, QFileDialog::DontConfirmOverwrite);
        } else {
            chosen = QFileDialog::getOpenFileName(this, tr("Backbone weights"), edit->text(),
                                                  tr("Backbone weights (*.onnx *.pt)") + QStringLiteral(";;")
                                                      + tr("All files (*)"));
        }
        if (!chosen.isEmpty())
            edit->setText(QDir::toNativeSeparators(chosen));
    });
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    return row;
}

void SettingsDialog::retranslateUi()
{
    setWindowTitle(tr("Settings"));
    userLabel_->setText(tr("Your &name:"));
    userEdit_->setPlaceholderText(tr("Default: the login name (%1)").arg(QString::fromStdString(currentUserName())));
    userEdit_->setToolTip(tr("Recorded with your verdict overrides, annotations and model promotions"));
    datasetsLabel_->setText(tr("&Datasets folder:"));
    datasetsEdit_->setPlaceholderText(tr("Where Open dataset starts"));
    modelsLabel_->setText(tr("&Models folder:"));
    modelsEdit_->setPlaceholderText(tr("Where Open model starts"));
    databaseLabel_->setText(tr("Results data&base:"));
    databaseEdit_->setPlaceholderText(tr("None: open one with File \u2192 Open results database"));
    databaseEdit_->setToolTip(tr("An SQLite file, or postgresql://user@host/line1 for a database the line shares "
                                 "(password from DEFECTLENS_DB_PASSWORD or ~/.pgpass)"));
    weightsLabel_->setText(tr("&Backbone weights:"));
    weightsEdit_->setPlaceholderText(tr("Default: the engine's search ($DEFECTLENS_WEIGHTS, models folders)"));
    weightsEdit_->setToolTip(tr("Used when loading models; its SHA-256 is still checked against the model"));
    threadsLabel_->setText(tr("Compute &threads:"));
    threadsSpin_->setSpecialValueText(tr("All cores"));
    threadsSpin_->setToolTip(tr("Threads for the network and the nearest-neighbour search"));
    pixelsLabel_->setText(tr("Largest &image:"));
    pixelsSpin_->setSpecialValueText(tr("Default (100 MP)"));
    pixelsSpin_->setToolTip(tr("Images with more pixels are refused before decoding: a small compressed file can "
                               "expand to gigabytes"));
    languageLabel_->setText(tr("&Language:"));
    languageCombo_->setItemText(0, tr("System language"));
    themeLabel_->setText(tr("T&heme:"));
    themeCombo_->setItemText(0, tr("Light"));
    themeCombo_->setItemText(1, tr("Dark"));
    restartNote_->setText(tr("Language and theme change at once; the compute threads apply to the next engine job."));
    for (QWidget* button : browseButtons_)
        static_cast<QPushButton*>(button)->setText(tr("Browse\u2026"));
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("OK"));
    buttons_->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
}

void SettingsDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

AppSettings SettingsDialog::settings() const
{
    AppSettings settings;
    settings.datasetsFolder = QDir::fromNativeSeparators(datasetsEdit_->text().trimmed());
    settings.modelsFolder = QDir::fromNativeSeparators(modelsEdit_->text().trimmed());
    settings.databaseFile = databaseFromEdit(databaseEdit_->text());
    settings.backboneWeights = QDir::fromNativeSeparators(weightsEdit_->text().trimmed());
    settings.computeThreads = threadsSpin_->value();
    settings.maxImageMegapixels = pixelsSpin_->value();
    settings.language = languageCombo_->currentData().toString();
    settings.theme = themeCombo_->currentData().toString();
    settings.userName = userEdit_->text().trimmed();
    return settings;
}

void SettingsDialog::setSettings(const AppSettings& settings)
{
    datasetsEdit_->setText(QDir::toNativeSeparators(settings.datasetsFolder));
    modelsEdit_->setText(QDir::toNativeSeparators(settings.modelsFolder));
    databaseEdit_->setText(databaseForEdit(settings.databaseFile));
    weightsEdit_->setText(QDir::toNativeSeparators(settings.backboneWeights));
    threadsSpin_->setValue(settings.computeThreads);
    pixelsSpin_->setValue(settings.maxImageMegapixels);
    const int language = languageCombo_->findData(settings.language);
    languageCombo_->setCurrentIndex(language < 0 ? 0 : language);
    const int theme = themeCombo_->findData(settings.theme);
    themeCombo_->setCurrentIndex(theme < 0 ? 0 : theme);
    userEdit_->setText(settings.userName);
}

void SettingsDialog::accept()
{
    const QString problem = databaseProblem(settings().databaseFile);
    if (!problem.isEmpty()) {
        databaseError_->setText(problem);
        databaseError_->show();
        databaseEdit_->setFocus();
        return;
    }
    QDialog::accept();
}

QString SettingsDialog::databaseProblem(const QString& database) const
{
    if (database.isEmpty())
        return {};
    try {
        db::DatabaseLocation::parse(database);
    } catch (const db::DatabaseError& error) {
        QString problem = error.problem();
        if (!problem.isEmpty())
            problem[0] = problem[0].toUpper();
        return problem;
    }
    // The settings are a plain text file, and the password would be kept in it.
    if (db::DatabaseLocation::isServerAddress(database) && !QUrl(database).password().isEmpty())
        return tr("Leave the password out of the address: the settings are stored as plain text. Set "
                  "DEFECTLENS_DB_PASSWORD or use ~/.pgpass.");
    return {};
}

} // namespace dl::ui
