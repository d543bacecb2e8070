// A writer for tst_store_crash, which kills it at random moments:
//   dl_crash_writer results DB RUN_ID COUNT   adds COUNT results to run RUN_ID, one
//                                             transaction each, printing each id
//                                             once its commit has returned
//   dl_crash_writer file PATH MEGABYTES       replaces PATH atomically, forever, with
//                                             MEGABYTES of 'A', then of 'B', ...,
//                                             printing the letter after each write
#include "common/Error.h"
#include "common/FileUtil.h"
#include "database/Store.h"

#include <QCoreApplication>

#include <cstdio>
#include <string>

namespace {

int writeResults(const QString& database, dl::db::RowId run, int count)
{
    dl::db::Store store;
    store.open(database);
    const QString folder = QStringLiteral("/line/writer-%1/").arg(QCoreApplication::applicationPid());
    for (int i = 0; i < count; ++i) {
        dl::db::ResultRecord result;
        result.runId = run;
        result.imagePath = folder + QString::number(i) + QStringLiteral(".png");
        result.score = i;
        const std::vector<dl::db::RowId> ids = store.addResults({result});
        std::printf("%lld\n", static_cast<long long>(ids.front()));
        std::fflush(stdout);
    }
    return 0;
}

int replaceFileForever(const std::string& path, int megabytes)
{
    for (char letter = 'A';; letter = letter == 'A' ? 'B' : 'A') {
        // As ModelBundle::save writes a bundle.
        dl::removeTemporariesOfEndedWriters(path);
        dl::writeFileAtomically(path, std::string(std::size_t(megabytes) << 20, letter));
        std::printf("%c\n", letter);
        std::fflush(stdout);
    }
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    try {
        if (args.size() == 5 && args[1] == QLatin1String("results"))
            return writeResults(args[2], args[3].toLongLong(), args[4].toInt());
        if (args.size() == 4 && args[1] == QLatin1String("file"))
            return replaceFileForever(args[2].toStdString(), args[3].toInt());
    } catch (const dl::Error& e) {
        std::fprintf(stderr, "dl_crash_writer: %s\n", e.what());
        return 2;
    }
    std::fprintf(stderr, "usage: dl_crash_writer results DB RUN_ID COUNT | file PATH MEGABYTES\n");
    return 2;
}
