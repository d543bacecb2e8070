#pragma once
// File -> Open dataset: choose a folder, see which layout was detected (or force
// one), set that layout's options and preview what an import would find —
// categories, splits, image counts per defect type and a few thumbnails — before
// committing. The preview runs on a worker thread; a newer request makes older
// results stale, so typing a path never blocks the dialog.
#include "data/Dataset.h"

#include <QDialog>
#include <QImage>
#include <QList>
#include <QSize>
#include <QString>
#include <QStringList>

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTimer;
class QTreeWidget;

namespace dl::ui {

// What an import of a folder with given options would produce; built off the GUI thread.
struct ImportPreview {
    QString folder;
    DatasetFormat detectedFormat = DatasetFormat::Auto; // Auto: detection failed or did not run
    DatasetFormat format = DatasetFormat::Auto;         // the layout the preview imported
    QString error;                                      // the importer's message (names the file); empty on success
    QStringList classFolders;                           // sub-folders: the normal-class choices of image+mask folders
    QString normalClass;                                // the normal class used (chosen or guessed)
    QStringList categories;
    struct Group {
        QString category;
        Split split = Split::Train;
        QString defectType;
        int count = 0;
    };
    QList<Group> groups; // sorted by category, split, defect type
    int imageCount = 0;
    int skippedCount = 0;
    QStringList skippedExamples; // "<file>: <reason>" for the first few
    struct Thumbnail {
        QString caption; // "<category> / <split> / <defect type>"
        QString path;
        QImage image;
    };
    QList<Thumbnail> thumbnails;

    bool ok() const { return error.isEmpty(); }
};

// Runs on any thread: detects the layout when options.format is Auto, guesses the
// normal class of image+mask folders when none is given, imports without decoding
// every image, and decodes up to `maxThumbnails` small previews (one per group first).
ImportPreview computeImportPreview(const QString& folder, DatasetOptions options, QSize thumbnailSize = {96, 96},
                                   int maxThumbnails = 8);

class ImportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportDialog(QWidget* parent = nullptr);

    // Where Browse… starts (the folder itself is previewed only once chosen).
    void setBrowseDirectory(const QString& directory) { browseDirectory_ = directory; }
    void setFolder(const QString& folder);
    QString folder() const;
    void setFormat(DatasetFormat format); // Auto = detect
    // The options to import with; the format stays Auto while auto-detect is chosen.
    DatasetOptions options() const;

    bool isPreviewRunning() const { return previewRunning_; }
    const ImportPreview& preview() const { return preview_; }
    QString errorText() const;

signals:
    // A preview (successful or not) is on screen.
    void previewShown();

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildUi();
    void retranslateUi();
    void browse();
    void schedulePreview();
    void startPreview();
    void showPreview(const ImportPreview& preview);
    void updateOptionRows();
    void updateAcceptButton();
    DatasetFormat chosenFormat() const;

    QLineEdit* folderEdit_ = nullptr;
    QPushButton* browseButton_ = nullptr;
    QComboBox* formatCombo_ = nullptr;
    QFormLayout* optionsForm_ = nullptr;
    QLabel* folderLabel_ = nullptr;
    QLabel* formatLabel_ = nullptr;
    QLabel* categoryLabel_ = nullptr;
    QLabel* normalClassLabel_ = nullptr;
    QLabel* testFractionLabel_ = nullptr;
    QLabel* seedLabel_ = nullptr;
    QComboBox* categoryCombo_ = nullptr;
    QComboBox* normalClassCombo_ = nullptr;
    QDoubleSpinBox* testFractionSpin_ = nullptr;
    QSpinBox* seedSpin_ = nullptr;
    QLabel* summaryLabel_ = nullptr;
    QTreeWidget* groupTree_ = nullptr;
    QListWidget* thumbnailList_ = nullptr;
    QLabel* errorLabel_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
    QTimer* previewDelay_ = nullptr;

    QString browseDirectory_;
    ImportPreview preview_;
    quint64 previewGeneration_ = 0; // results of older requests are dropped
    bool previewRunning_ = false;
    bool updatingChoices_ = false; // filling combos programmatically must not re-trigger a preview
};

} // namespace dl::ui
