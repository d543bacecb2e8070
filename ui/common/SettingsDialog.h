#pragma once
// File → Settings: folders, the results database, the backbone weights, compute
// threads, language and theme, persisted with QSettings. The dialog only edits
// an AppSettings value; the main window applies it on OK.
#include <QDialog>
#include <QString>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSettings;
class QSpinBox;

namespace dl::ui {

struct AppSettings {
    QString datasetsFolder;  // where Open dataset starts browsing
    QString modelsFolder;    // where Open model starts browsing
    QString databaseFile;    // results database opened at start: an SQLite file or a postgresql:// address; empty: none
    QString backboneWeights; // backbone weights file for loading models; empty: the engine's search
    int computeThreads = 0;  // LibTorch/OpenMP threads; 0: all cores
    int maxImageMegapixels = 0; // images larger than this are refused before decoding; 0: the engine's default
    QString language;        // "en", "de", "zh_CN", "ja"; empty: the system language
    QString theme = QStringLiteral("light"); // "light" or "dark"
    QString userName;        // recorded with overrides, annotations and promotions; empty: the login name

    // From/to `settings` (groups "paths", "engine", "ui"); missing keys keep the defaults.
    static AppSettings load(QSettings& settings);
    void save(QSettings& settings) const;
    // The application's QSettings (organisation and application name set in main).
    static AppSettings load();
    void save() const;
    bool operator==(const AppSettings& other) const;
    bool operator!=(const AppSettings& other) const { return !(*this == other); }
};

// The name this workstation records for whoever works at it (verdict overrides,
// annotation authors, model promotions): Settings' user name, else the login name.
QString recordedUserName();

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(const AppSettings& settings, QWidget* parent = nullptr);

    AppSettings settings() const;
    void setSettings(const AppSettings& settings);

    // Accepts only a database the Store can parse; else shows why under the field.
    void accept() override;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    // Why `database` cannot be used (not opened, only parsed); empty when it can.
    QString databaseProblem(const QString& database) const;
    QWidget* pathRow(QLineEdit* edit, QLabel* label, bool file, const QString& filterKey);

    QLineEdit* datasetsEdit_ = nullptr;
    QLineEdit* modelsEdit_ = nullptr;
    QLineEdit* databaseEdit_ = nullptr;
    QLabel* databaseError_ = nullptr;
    QLineEdit* weightsEdit_ = nullptr;
    QSpinBox* threadsSpin_ = nullptr;
    QSpinBox* pixelsSpin_ = nullptr;
    QLabel* pixelsLabel_ = nullptr;
    QLineEdit* userEdit_ = nullptr;
    QLabel* userLabel_ = nullptr;
    QComboBox* languageCombo_ = nullptr;
    QComboBox* themeCombo_ = nullptr;
    QLabel* datasetsLabel_ = nullptr;
    QLabel* modelsLabel_ = nullptr;
    QLabel* databaseLabel_ = nullptr;
    QLabel* weightsLabel_ = nullptr;
    QLabel* threadsLabel_ = nullptr;
    QLabel* languageLabel_ = nullptr;
    QLabel* themeLabel_ = nullptr;
    QLabel* restartNote_ = nullptr;
    QList<QWidget*> browseButtons_;
    QDialogButtonBox* buttons_ = nullptr;
};

} // namespace dl::ui
