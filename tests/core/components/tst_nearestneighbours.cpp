// The FAISS-backed memory bank: exact search matches brute force, the PCA
// subspace search with exact re-ranking finds the same neighbours on
// structured (low intrinsic dimension) features, every kind answers
// identically after a serialise/deserialise round trip, and misuse is reported.
#include "common/Error.h"
#include "components/NearestNeighbours.h"
#include "engine/Runtime.h"

#include <QtTest>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

// Rows that live near a 12-dimensional subspace of a 64-wide space, as CNN patch
// features do, plus a little isotropic noise.
std::vector<float> structuredRows(std::int64_t count, int dim, unsigned seed)
{
    std::mt19937 basisRng(7); // the same subspace for bank and queries
    std::normal_distribution<float> gauss(0.0f, 1.0f);
    const int rank = 12;
    std::vector<float> basis(std::size_t(rank) * dim);
    for (auto& v : basis) v = gauss(basisRng);
    std::mt19937 rng(seed);
    std::vector<float> rows(std::size_t(count) * dim);
    for (std::int64_t i = 0; i < count; ++i) {
        std::vector<float> coefficients(rank);
        for (int r = 0; r < rank; ++r) coefficients[std::size_t(r)] = gauss(rng) * (r < 4 ? 3.0f : 1.0f);
        for (int d = 0; d < dim; ++d) {
            float value = 0.1f * gauss(rng);
            for (int r = 0; r < rank; ++r) value += coefficients[std::size_t(r)] * basis[std::size_t(r) * dim + d];
            rows[std::size_t(i) * dim + d] = value;
        }
    }
    return rows;
}

float squaredDistance(const float* a, const float* b, int dim)
{
    float sum = 0.0f;
    for (int d = 0; d < dim; ++d) sum += (a[d] - b[d]) * (a[d] - b[d]);
    return sum;
}

std::int64_t bruteForceNearest(const std::vector<float>& bank, int dim, const float* query)
{
    std::int64_t best = -1;
    float bestDistance = std::numeric_limits<float>::max();
    for (std::int64_t i = 0; i < std::int64_t(bank.size()) / dim; ++i) {
        const float d = squaredDistance(bank.data() + i * dim, query, dim);
        if (d < bestDistance) { bestDistance = d; best = i; }
    }
    return best;
}

struct SearchResult {
    std::vector<float> distances;
    std::vector<std::int64_t> ids;
};

SearchResult searchAll(const dl::NearestNeighbourIndex& index, const std::vector<float>& queries, int dim, int k)
{
    const std::int64_t n = std::int64_t(queries.size()) / dim;
    SearchResult r{std::vector<float>(std::size_t(n * k)), std::vector<std::int64_t>(std::size_t(n * k))};
    index.search(queries.data(), n, k, r.distances.data(), r.ids.data());
    return r;
}

dl::NearestNeighbourOptions optionsOf(const char* kind)
{
    dl::NearestNeighbourOptions o;
    o.kind = kind;
    return o;
}

} // namespace

class TestNearestNeighbours : public QObject {
    Q_OBJECT

    static constexpr int dim = 64;

private Q_SLOTS:
    void initTestCase() { dl::ensureRuntimeConfigured(); } // all cores, as the programs run

    void exactSearchMatchesBruteForce()
    {
        const auto bank = structuredRows(1500, dim, 1), queries = structuredRows(200, dim, 2);
        dl::NearestNeighbourIndex index;
        index.build(bank.data(), 1500, dim, optionsOf("exact"));
        const SearchResult r = searchAll(index, queries, dim, 3);
        for (int q = 0; q < 200; ++q) {
            QCOMPARE(r.ids[std::size_t(q) * 3], bruteForceNearest(bank, dim, queries.data() + q * dim));
            QVERIFY(r.distances[std::size_t(q) * 3] <= r.distances[std::size_t(q) * 3 + 1]);
        }
    }

    // The fast path answers exact searches of many queries by one matrix product:
    // the same neighbours and distances as FAISS's flat search (op by op), in
    // blocks of queries larger than one block.
    void fastExactSearchMatchesFaiss()
    {
        const auto bank = structuredRows(1500, dim, 11), queries = structuredRows(2500, dim, 12);
        dl::NearestNeighbourIndex index;
        index.build(bank.data(), 1500, dim, optionsOf("exact"));
        for (int k : {1, 5}) {
            dl::setFastInference(false);
            const SearchResult plain = searchAll(index, queries, dim, k);
            dl::setFastInference(true);
            const SearchResult fast = searchAll(index, queries, dim, k);
            int sameIds = 0;
            for (std::size_t i = 0; i < plain.ids.size(); ++i) {
                sameIds += plain.ids[i] == fast.ids[i];
                QVERIFY(std::abs(plain.distances[i] - fast.distances[i]) <= 1e-4f * std::max(1.0f, plain.distances[i]));
            }
            // Only exact ties (equal distances) may come in another order.
            QVERIFY(sameIds >= int(plain.ids.size()) - 2);
        }
    }

    void pcaRefineFindsTheExactNeighboursWithExactDistances()
    {
        const auto bank = structuredRows(4000, dim, 3), queries = structuredRows(500, dim, 4);
        dl::NearestNeighbourIndex exact, refined;
        exact.build(bank.data(), 4000, dim, optionsOf("exact"));
        dl::NearestNeighbourOptions options = optionsOf("pca-refine");
        options.pcaDim = 16;
        options.refineFactor = 2;
        refined.build(bank.data(), 4000, dim, options);
        const int k = 4;
        const SearchResult a = searchAll(exact, queries, dim, k), b = searchAll(refined, queries, dim, k);
        int sameNearest = 0;
        for (int q = 0; q < 500; ++q) {
            const std::size_t row = std::size_t(q) * k;
            sameNearest += a.ids[row] == b.ids[row];
            // Re-ranked distances are full-width distances of the returned ids.
            const float expected = squaredDistance(bank.data() + b.ids[row] * dim, queries.data() + q * dim, dim);
            QVERIFY(std::abs(b.distances[row] - expected) <= 1e-3f * std::max(1.0f, expected));
            // A missed candidate can only make the nearest distance larger, never smaller.
            QVERIFY(b.distances[row] >= a.distances[row] - 1e-3f * std::max(1.0f, a.distances[row]));
        }
        qInfo("pca-refine (16 of 64 dims, refine x2) recall@1 on 500 queries: %.3f", sameNearest / 500.0);
        QVERIFY(sameNearest >= 490);
    }

    // The fast path's pca-refine search (tiles of queries against chunks of the
    // bank in cache) keeps FAISS's candidates and re-ranking: the same ids and
    // distances as FAISS's IndexRefineFlat, also after a reload, for tile and
    // chunk counts that do not divide the query and bank sizes.
    void fastPcaRefineMatchesFaiss()
    {
        const auto bank = structuredRows(1500, dim, 13), queries = structuredRows(2500, dim, 14);
        dl::NearestNeighbourOptions options = optionsOf("pca-refine");
        options.pcaDim = 16;
        options.refineFactor = 3;
        dl::NearestNeighbourIndex built, reloaded;
        built.build(bank.data(), 1500, dim, options);
        reloaded.deserialize(built.serialize(), bank.data(), 1500, dim, options);
        for (int k : {1, 4}) {
            dl::setFastInference(false);
            const SearchResult plain = searchAll(built, queries, dim, k);
            dl::setFastInference(true);
            for (const dl::NearestNeighbourIndex* index : {&built, &reloaded}) {
                const SearchResult fast = searchAll(*index, queries, dim, k);
                int sameIds = 0;
                for (std::size_t i = 0; i < plain.ids.size(); ++i) {
                    sameIds += plain.ids[i] == fast.ids[i];
                    QVERIFY(std::abs(plain.distances[i] - fast.distances[i])
                            <= 1e-4f * std::max(1.0f, plain.distances[i]));
                }
                // Only near-ties (equal up to rounding) may come in another order.
                QVERIFY2(sameIds >= int(plain.ids.size()) - 5, qPrintable(QString::number(sameIds)));
            }
        }
    }

    void smallBanksFallBackToExactSearch()
    {
        const auto bank = structuredRows(40, dim, 5), queries = structuredRows(30, dim, 6);
        dl::NearestNeighbourIndex exact, refined;
        exact.build(bank.data(), 40, dim, optionsOf("exact"));
        refined.build(bank.data(), 40, dim, optionsOf("pca-refine"));
        const SearchResult a = searchAll(exact, queries, dim, 2), b = searchAll(refined, queries, dim, 2);
        QCOMPARE(b.ids, a.ids);
        QCOMPARE(b.distances, a.distances);
    }

    // Banks of 1,024 or more vectors of 128 or more dimensions (PatchCore's) are searched
    // exactly through lower bounds from a PCA subspace: still exactly FAISS's neighbours,
    // for features whose spectrum decays slowly (most of the bank measured in full), for
    // queries far from every memory, and for queries that are memories (distance 0).
    void fastExactSearchWithBoundsMatchesFaiss()
    {
        constexpr int wide = 128;
        constexpr std::int64_t memories = 3000;
        std::mt19937 rng(31);
        std::normal_distribution<float> gauss(0.0f, 1.0f);
        auto decaying = [&](std::int64_t count, float offset) {
            std::vector<float> rows(std::size_t(count) * wide);
            for (std::int64_t i = 0; i < count; ++i)
                for (int d = 0; d < wide; ++d)
                    rows[std::size_t(i) * wide + d] = offset + gauss(rng) * 4.0f / (1.0f + 0.1f * float(d));
            return rows;
        };
        const std::vector<float> bank = decaying(memories, 0.0f);
        std::vector<float> queries = decaying(700, 0.0f);
        const std::vector<float> far = decaying(100, 25.0f);
        queries.insert(queries.end(), far.begin(), far.end());
        queries.insert(queries.end(), bank.begin(), bank.begin() + 50 * wide); // exact matches
        dl::NearestNeighbourIndex index;
        index.build(bank.data(), memories, wide, optionsOf("exact"));
        for (int k : {1, 5}) {
            dl::setFastInference(false);
            const SearchResult plain = searchAll(index, queries, wide, k);
            dl::setFastInference(true);
            const SearchResult fast = searchAll(index, queries, wide, k);
            int sameIds = 0;
            for (std::size_t i = 0; i < plain.ids.size(); ++i) {
                sameIds += plain.ids[i] == fast.ids[i];
                // FAISS expands |q|^2 + |b|^2 - 2 q.b (rounding ~1e-4 at these norms, e.g. 2.4e-4 for
                // a query that is a memory); the fast path measures the survivors directly.
                QVERIFY2(std::abs(plain.distances[i] - fast.distances[i]) <= 1e-4f * std::max(1.0f, plain.distances[i]) + 1e-3f,
                         qPrintable(QString("k %1, entry %2: %3 vs %4").arg(k).arg(i).arg(plain.distances[i]).arg(fast.distances[i])));
            }
            QVERIFY2(sameIds >= int(plain.ids.size()) - 2, qPrintable(QString("k %1: %2 of %3 ids agree").arg(k).arg(sameIds).arg(plain.ids.size())));
            for (int q = 0; q < 50; ++q) // a memory finds itself
                QCOMPARE(fast.ids[std::size_t(800 + q) * k], std::int64_t(q));
        }
    }

    void everyKindAnswersIdenticallyAfterARoundTrip()
    {
        const auto bank = structuredRows(2000, dim, 7), queries = structuredRows(100, dim, 8);
        for (const char* kind : {"exact", "hnsw", "pca-refine"}) {
            dl::NearestNeighbourIndex original, reloaded;
            original.build(bank.data(), 2000, dim, optionsOf(kind));
            reloaded.deserialize(original.serialize(), bank.data(), 2000, dim, optionsOf(kind));
            const SearchResult a = searchAll(original, queries, dim, 4), b = searchAll(reloaded, queries, dim, 4);
            QVERIFY2(a.ids == b.ids, kind);
            QVERIFY2(a.distances == b.distances, kind);
        }
    }

    // Not a limit (timings drift on shared machines): prints what each path takes for
    // one 256² image's patches (32 x 32) against a PatchCore-sized bank, so a change
    // to the search can be compared in one sitting.
    void reportsSearchTimes()
    {
        constexpr int wide = 128, queryCount = 1024, memories = 2000;
        const auto bank = structuredRows(memories, wide, 21), queries = structuredRows(queryCount, wide, 22);
        for (const char* kind : {"exact", "pca-refine"}) {
            dl::NearestNeighbourOptions options = optionsOf(kind);
            // (the exact fast path's bounds prune these rank-12 rows unusually well)
            options.pcaDim = 32;
            dl::NearestNeighbourIndex index;
            index.build(bank.data(), memories, wide, options);
            // PatchCore asks for the nearest memory, DMAD for four.
            const int neighbours = std::string(kind) == "exact" ? 1 : 4;
            for (bool fast : {false, true}) {
                dl::setFastInference(fast);
                std::vector<double> ms;
                for (int run = 0; run < 15; ++run) {
                    QElapsedTimer timer;
                    timer.start();
                    searchAll(index, queries, wide, neighbours);
                    ms.push_back(double(timer.nsecsElapsed()) / 1e6);
                }
                std::sort(ms.begin(), ms.end());
                qInfo("%s search, k = %d, %d queries x %d memories x %d: %s path median %.2f ms", kind, neighbours,
                      queryCount, memories, wide, fast ? "fast" : "FAISS", ms[ms.size() / 2]);
            }
        }
        dl::setFastInference(true);
    }

    void misuseIsReported()
    {
        const auto bank = structuredRows(10, dim, 9);
        dl::NearestNeighbourIndex index;
        QVERIFY_THROWS_EXCEPTION(dl::Error, index.build(bank.data(), 0, dim, optionsOf("exact")));
        QVERIFY_THROWS_EXCEPTION(dl::Error, index.build(bank.data(), 10, dim, optionsOf("kd-tree")));
        dl::NearestNeighbourIndex other;
        other.build(bank.data(), 10, dim, optionsOf("exact"));
        // A serialised index that does not match the stored bank is refused.
        QVERIFY_THROWS_EXCEPTION(dl::Error, index.deserialize(other.serialize(), bank.data(), 9, dim, optionsOf("exact")));
        QVERIFY_THROWS_EXCEPTION(dl::Error, index.deserialize("not an index", bank.data(), 10, dim, optionsOf("exact")));
    }
};

QTEST_GUILESS_MAIN(TestNearestNeighbours)
#include "tst_nearestneighbours.moc"
