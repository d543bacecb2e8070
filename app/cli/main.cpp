// defectlens-cli: headless training, evaluation, prediction and benchmarking.
#include "cli/CliOptions.h"
#include "cli/Commands.h"
#include "common/Error.h"
#include "common/HeapPolicy.h"
#include "common/LibrarySettings.h"

#include <QCoreApplication>

#include <cstring>
#include <iostream>
#include <string>

namespace {
// `watch` runs beside the line's own software, the other commands own the machine
// while they run.
dl::OpenMpSpin spinFor(int argc, char** argv)
{
    const bool watchesALine = argc > 1 && argv[1] != nullptr && std::strcmp(argv[1], "watch") == 0;
    return watchesALine ? dl::OpenMpSpin::None : dl::OpenMpSpin::Short;
}
} // namespace

DL_RESTART_BEFORE_LIBRARIES_INITIALISE(spinFor);

int main(int argc, char** argv)
{
    // Before any thread or library state exists; sets what the early start could not.
    dl::restartWithLibrarySettings(argv, spinFor(argc, argv));
    dl::keepFreedMemoryForReuse();
    QCoreApplication app(argc, argv); // QtSql needs an application object for its drivers
    QCoreApplication::setApplicationName("DefectLens");
    QCoreApplication::setOrganizationName("DefectLens");
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        dl::cli::CliOptions options = dl::cli::parseCommandLine(args);
        return dl::cli::runCommand(options);
    } catch (const dl::Cancelled& e) {
        std::cerr << "defectlens-cli: " << e.what() << std::endl;
        return 130;
    } catch (const dl::Error& e) {
        std::cerr << "defectlens-cli: error: " << e.what() << std::endl;
        return 2;
    } catch (const std::exception& e) {
        // Library failures (torch, faiss, allocation) that escaped a typed wrapper.
        std::cerr << "defectlens-cli: internal error: " << e.what() << std::endl;
        return 1;
    }
}
