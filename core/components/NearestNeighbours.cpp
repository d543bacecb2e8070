#include "components/NearestNeighbours.h"

#include "common/Error.h"
#include "engine/Runtime.h"

#include <algorithm>
#include <cmath>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexPreTransform.h>
#include <faiss/IndexRefine.h>
#include <faiss/VectorTransform.h>
#include <faiss/impl/io.h>
#include <faiss/index_io.h>

#include <torch/torch.h>

extern "C" {
// Fortran BLAS (OpenBLAS here), declared as FAISS itself declares it.
int sgemm_(const char* transa, const char* transb, const int* m, const int* n, const int* k, const float* alpha,
           const float* a, const int* lda, const float* b, const int* ldb, const float* beta, float* c,
           const int* ldc);
}

namespace dl {

struct NearestNeighbourIndex::PcaSubspace {
    int reduced = 0;              // R: the subspace's width
    std::vector<float> matrix;    // [R, dim], row-major: y = matrix x + bias (FAISS's PCAMatrix A and b)
    std::vector<float> bias;      // [R]
    // [count, R + 1]: -2 y_b and |y_b|^2 of every memory, so that the product with
    // [y_q, 1] is |y_b|^2 - 2 y_q.y_b, the subspace distance less |y_q|^2 (which
    // ranks nothing).
    std::vector<float> bankTerms;
    float refineFactor = 2;       // candidates per neighbour re-ranked at full width
};

struct NearestNeighbourIndex::ExactBounds {
    // Subspace width. PatchCore on bottle, search + map per image at one thread: 16 -> 2.7,
    // 24 -> 2.6, 32 -> 2.76 ms (at 32, 14 of 1,925 memories measured in full per query).
    static constexpr int kWidth = 24;
    int reduced = 0;
    std::vector<float> mean;            // [dim]
    std::vector<float> basis;           // [R, dim], orthonormal rows: the principal axes of the bank
    // [count, R + 2]: -2 y_b, -2 r_b and |y_b|^2 + r_b^2 of every memory (y = basis (x - mean),
    // r = |x - mean - basis^T y|, the length of the part the subspace misses), so that the
    // product with [y_q, r_q, 1] plus |y_q|^2 + r_q^2 is the lower bound.
    std::vector<float> bankTerms;
    float largestCentredNorm = 0;       // max |x - mean|^2 over the bank, for the rounding margin
};

NearestNeighbourIndex::NearestNeighbourIndex() = default;
NearestNeighbourIndex::~NearestNeighbourIndex() = default;
NearestNeighbourIndex::NearestNeighbourIndex(NearestNeighbourIndex&&) noexcept = default;
NearestNeighbourIndex& NearestNeighbourIndex::operator=(NearestNeighbourIndex&&) noexcept = default;

namespace {
void applySearchParameters(faiss::Index* index, const NearestNeighbourOptions& options)
{
    if (auto* hnsw = dynamic_cast<faiss::IndexHNSW*>(index))
        hnsw->hnsw.efSearch = options.hnswEfSearch;
}

// c[m, n] = a[m, depth] . b[n, depth]^T, all row-major.
void productWithTransposed(const float* a, int m, const float* b, int n, int depth, float* c)
{
    // Row-major c is column-major c^T = b . a^T.
    const float one = 1.0f, zero = 0.0f;
    sgemm_("T", "N", &n, &m, &depth, &one, b, &depth, a, &depth, &zero, c, &n);
}

float squaredDistance(const float* a, const float* b, int dim)
{
    // Eight independent sums, so the compiler can use vector registers.
    float partial[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int d = 0;
    for (; d + 8 <= dim; d += 8)
        for (int lane = 0; lane < 8; ++lane) {
            const float e = a[d + lane] - b[d + lane];
            partial[lane] += e * e;
        }
    float sum = 0;
    for (; d < dim; ++d)
        sum += (a[d] - b[d]) * (a[d] - b[d]);
    for (float p : partial)
        sum += p;
    return sum;
}

// Keeps the `size` smallest values seen (ascending, with their ids) in
// distances/ids, which start filled with +infinity.
inline void keepIfAmongSmallest(float value, std::int64_t id, float* distances, std::int64_t* ids, int size)
{
    if (!(value < distances[size - 1]))
        return;
    int p = size - 1;
    while (p > 0 && distances[p - 1] > value) {
        distances[p] = distances[p - 1];
        ids[p] = ids[p - 1];
        --p;
    }
    distances[p] = value;
    ids[p] = id;
}

// keepIfAmongSmallest over a row of values with ids first, first + 1, ...: most
// values lose against the current candidates once a few hundred were read, so
// blocks of 16 where none beats the current last candidate are skipped after one
// vectorised comparison.
void keepSmallestOfRow(const float* row, int columns, std::int64_t first, float* distances, std::int64_t* ids,
                       int size)
{
    constexpr int kBlock = 16;
    int j = 0;
#if defined(__SSE2__)
    for (; j + kBlock <= columns; j += kBlock) {
        const __m128 worst = _mm_set1_ps(distances[size - 1]);
        const __m128 beats = _mm_or_ps(_mm_or_ps(_mm_cmplt_ps(_mm_loadu_ps(row + j), worst),
                                                 _mm_cmplt_ps(_mm_loadu_ps(row + j + 4), worst)),
                                       _mm_or_ps(_mm_cmplt_ps(_mm_loadu_ps(row + j + 8), worst),
                                                 _mm_cmplt_ps(_mm_loadu_ps(row + j + 12), worst)));
        if (_mm_movemask_ps(beats) == 0)
            continue;
        for (int t = 0; t < kBlock; ++t)
            keepIfAmongSmallest(row[j + t], first + j + t, distances, ids, size);
    }
#else
    for (; j + kBlock <= columns; j += kBlock) {
        float smallest = row[j];
        for (int t = 1; t < kBlock; ++t)
            smallest = row[j + t] < smallest ? row[j + t] : smallest;
        if (!(smallest < distances[size - 1]))
            continue;
        for (int t = 0; t < kBlock; ++t)
            keepIfAmongSmallest(row[j + t], first + j + t, distances, ids, size);
    }
#endif
    for (; j < columns; ++j)
        keepIfAmongSmallest(row[j], first + j, distances, ids, size);
}
} // namespace

void NearestNeighbourIndex::build(const float* vectors, std::int64_t count, int dim, const NearestNeighbourOptions& options)
{
    if (count <= 0 || dim <= 0)
        throw Error("cannot build a nearest-neighbour index over an empty memory bank");
    options_ = options;
    bank_.assign(vectors, vectors + count * dim);
    count_ = count;
    dim_ = dim;
    if (options.kind == "exact") {
        index_ = std::make_unique<faiss::IndexFlatL2>(dim);
    } else if (options.kind == "hnsw") {
        auto hnsw = std::make_unique<faiss::IndexHNSWFlat>(dim, options.hnswNeighbours);
        hnsw->hnsw.efConstruction = options.hnswEfConstruction;
        index_ = std::move(hnsw);
    } else if (options.kind == "pca-refine") {
        const int reduced = std::min(options.pcaDim, dim);
        if (options.pcaDim < 1 || options.refineFactor < 1)
            throw Error("pca-refine search needs a positive subspace width and refine factor");
        // PCA needs several vectors per dimension; a bank that small is cheap to search exactly anyway.
        if (reduced >= dim || count < 8 * std::int64_t(reduced)) {
            index_ = std::make_unique<faiss::IndexFlatL2>(dim);
        } else {
            auto* coarse = new faiss::IndexPreTransform(new faiss::PCAMatrix(dim, reduced), new faiss::IndexFlatL2(reduced));
            coarse->own_fields = true;
            auto refine = std::make_unique<faiss::IndexRefineFlat>(coarse);
            refine->own_fields = true;
            refine->k_factor = float(options.refineFactor);
            refine->train(count, bank_.data());
            index_ = std::move(refine);
        }
    } else {
        throw Error("unknown nearest-neighbour search '" + options.kind + "' (use hnsw, exact or pca-refine)");
    }
    index_->add(count, bank_.data());
    applySearchParameters(index_.get(), options);
    preparePcaSubspace();
    prepareExactBounds();
}

void NearestNeighbourIndex::prepareExactBounds()
{
    bounds_.reset();
    constexpr int kWidth = ExactBounds::kWidth;
    // Small banks or narrow vectors gain nothing over one matrix product.
    if (options_.kind != "exact" || dim_ < 4 * kWidth || count_ < 1024)
        return;
    torch::InferenceMode guard;
    const torch::Tensor bank = torch::from_blob(bank_.data(), {count_, dim_}).to(torch::kFloat64);
    const torch::Tensor mean = bank.mean(0);
    const torch::Tensor centred = bank - mean;
    const torch::Tensor covariance = centred.t().mm(centred) / double(count_);
    // Ascending eigenvalues: the last kWidth eigenvectors span the widest subspace.
    const torch::Tensor axes = std::get<1>(torch::linalg_eigh(covariance, "L")).narrow(1, dim_ - kWidth, kWidth);
    const torch::Tensor projected = centred.mm(axes);                     // [count, R]
    const torch::Tensor projectedNorms = projected.square().sum(1);
    const torch::Tensor centredNorms = centred.square().sum(1);
    const torch::Tensor residual = (centredNorms - projectedNorms).clamp_min(0.0).sqrt();

    auto bounds = std::make_shared<ExactBounds>();
    bounds->reduced = kWidth;
    const torch::Tensor meanF = mean.to(torch::kFloat32).contiguous();
    bounds->mean.assign(meanF.data_ptr<float>(), meanF.data_ptr<float>() + dim_);
    const torch::Tensor basisF = axes.t().contiguous().to(torch::kFloat32).contiguous();
    bounds->basis.assign(basisF.data_ptr<float>(), basisF.data_ptr<float>() + std::int64_t(kWidth) * dim_);
    const torch::Tensor terms = torch::cat({projected * -2.0, residual.unsqueeze(1) * -2.0,
                                            (projectedNorms + residual.square()).unsqueeze(1)},
                                           1)
                                    .to(torch::kFloat32)
                                    .contiguous();
    bounds->bankTerms.assign(terms.data_ptr<float>(), terms.data_ptr<float>() + terms.numel());
    bounds->largestCentredNorm = float(centredNorms.max().item<double>());
    bounds_ = std::move(bounds);
}

void NearestNeighbourIndex::preparePcaSubspace()
{
    pca_.reset();
    const auto* refine = dynamic_cast<const faiss::IndexRefineFlat*>(index_.get());
    const auto* coarse = refine ? dynamic_cast<const faiss::IndexPreTransform*>(refine->base_index) : nullptr;
    if (!coarse || coarse->chain.size() != 1 || !dynamic_cast<const faiss::IndexFlatL2*>(coarse->index))
        return;
    const auto* pca = dynamic_cast<const faiss::PCAMatrix*>(coarse->chain[0]);
    if (!pca || !pca->is_trained || pca->d_in != dim_ || pca->d_out < 1
        || pca->A.size() < std::size_t(pca->d_out) * std::size_t(dim_))
        return;
    auto subspace = std::make_shared<PcaSubspace>();
    const int reduced = pca->d_out;
    subspace->reduced = reduced;
    subspace->refineFactor = refine->k_factor;
    subspace->matrix.assign(pca->A.begin(), pca->A.begin() + std::ptrdiff_t(reduced) * dim_);
    subspace->bias.assign(std::size_t(reduced), 0.0f);
    if (pca->have_bias && pca->b.size() >= std::size_t(reduced))
        std::copy_n(pca->b.begin(), reduced, subspace->bias.begin());
    std::vector<float> projected(std::size_t(count_) * std::size_t(reduced));
    pca->apply_noalloc(count_, bank_.data(), projected.data());
    const int width = reduced + 1;
    subspace->bankTerms.resize(std::size_t(count_) * std::size_t(width));
    for (std::int64_t i = 0; i < count_; ++i) {
        const float* y = projected.data() + i * reduced;
        float* terms = subspace->bankTerms.data() + i * width;
        float norm = 0;
        for (int r = 0; r < reduced; ++r) {
            terms[r] = -2.0f * y[r];
            norm += y[r] * y[r];
        }
        terms[reduced] = norm;
    }
    pca_ = std::move(subspace);
}

void NearestNeighbourIndex::search(const float* queries, std::int64_t queryCount, int k, float* squaredDistances,
                                   std::int64_t* ids) const
{
    if (!index_)
        throw Error("internal: nearest-neighbour index used before it was built");
    if (fastInferenceEnabled() && options_.kind == "exact" && k <= 16 && queryCount >= 64 && k <= count_
        && dynamic_cast<const faiss::IndexFlatL2*>(index_.get())) {
        if (bounds_)
            searchExactWithBounds(queries, queryCount, k, squaredDistances, ids);
        else
            searchByMatrixProduct(queries, queryCount, k, squaredDistances, ids);
        return;
    }
    if (fastInferenceEnabled() && pca_ && queryCount >= 64 && k <= count_ && k * pca_->refineFactor <= 256) {
        searchPcaRefineInTiles(queries, queryCount, k, squaredDistances, ids);
        return;
    }
    std::vector<faiss::Index::idx_t> labels(std::size_t(queryCount) * std::size_t(k));
    index_->search(queryCount, queries, k, squaredDistances, labels.data());
    for (std::size_t i = 0; i < labels.size(); ++i)
        ids[i] = std::int64_t(labels[i]);
}

void NearestNeighbourIndex::searchByMatrixProduct(const float* queries, std::int64_t queryCount, int k,
                                                  float* squaredDistances, std::int64_t* ids) const
{
    // |q - b|^2 = |q|^2 + |b|^2 - 2 q.b for a block of queries at once: one BLAS
    // product and a row-wise top-k. FAISS's flat search does the same product but
    // spends as long again collecting its results (measured in core/backbone/README.md).
    torch::InferenceMode guard;
    const torch::Tensor bank = torch::from_blob(const_cast<float*>(bank_.data()), {count_, dim_});
    const torch::Tensor bankNorms = bank.square().sum(1).unsqueeze(0);
    constexpr std::int64_t kBlock = 2048; // bounds the distance matrix to kBlock x bank size
    for (std::int64_t begin = 0; begin < queryCount; begin += kBlock) {
        const std::int64_t rows = std::min(kBlock, queryCount - begin);
        const torch::Tensor q = torch::from_blob(const_cast<float*>(queries + begin * dim_), {rows, dim_});
        torch::Tensor distances = torch::addmm(bankNorms, q, bank.t(), 1.0, -2.0).add_(q.square().sum(1, true));
        auto [nearest, which] = k == 1 ? distances.min(1, true) : distances.topk(k, 1, /*largest=*/false, /*sorted=*/true);
        std::copy_n(nearest.contiguous().data_ptr<float>(), rows * k, squaredDistances + begin * k);
        std::copy_n(which.contiguous().data_ptr<std::int64_t>(), rows * k, ids + begin * k);
    }
}

void NearestNeighbourIndex::searchPcaRefineInTiles(const float* queries, std::int64_t queryCount, int k,
                                                   float* squaredDistances, std::int64_t* ids) const
{
    // FAISS answers the same search with one large distance block per call
    // (4096 queries x 1024 memories, 16 MB) that passes through main memory
    // three times, then collects its results one by one in a heap. Here a tile
    // of queries meets a chunk of the bank in a product that stays in cache, and
    // the candidates are kept as each chunk is read. Same candidates, same
    // full-width re-ranking (distances equal up to summation order).
    const PcaSubspace& subspace = *pca_;
    const int reduced = subspace.reduced, width = reduced + 1;
    const int candidates = int(std::min<std::int64_t>(
        count_, std::max<std::int64_t>(k, std::int64_t(float(k) * subspace.refineFactor))));
    constexpr int kTileQueries = 64;
    constexpr int kBankChunk = 512; // a 64 x 512 product: 128 KB
    const std::int64_t tiles = (queryCount + kTileQueries - 1) / kTileQueries;
    at::parallel_for(0, tiles, 1, [&](std::int64_t firstTile, std::int64_t endTile) {
        std::vector<float> reducedQueries(std::size_t(kTileQueries) * reduced);
        std::vector<float> tileTerms(std::size_t(kTileQueries) * width);
        std::vector<float> products(std::size_t(kTileQueries) * kBankChunk);
        std::vector<float> bestDistances(std::size_t(kTileQueries) * candidates);
        std::vector<std::int64_t> bestIds(std::size_t(kTileQueries) * candidates);
        std::vector<float> exactDistances(static_cast<std::size_t>(candidates));
        std::vector<std::int64_t> exactIds(static_cast<std::size_t>(candidates));
        for (std::int64_t tile = firstTile; tile < endTile; ++tile) {
            const std::int64_t begin = tile * kTileQueries;
            const int rows = int(std::min<std::int64_t>(kTileQueries, queryCount - begin));
            const float* tileQueries = queries + begin * dim_;
            productWithTransposed(tileQueries, rows, subspace.matrix.data(), reduced, dim_, reducedQueries.data());
            for (int i = 0; i < rows; ++i) {
                for (int r = 0; r < reduced; ++r)
                    tileTerms[std::size_t(i) * width + r] = reducedQueries[std::size_t(i) * reduced + r] + subspace.bias[r];
                tileTerms[std::size_t(i) * width + reduced] = 1.0f;
            }
            std::fill(bestDistances.begin(), bestDistances.end(), std::numeric_limits<float>::infinity());
            std::fill(bestIds.begin(), bestIds.end(), -1);
            for (std::int64_t first = 0; first < count_; first += kBankChunk) {
                const int columns = int(std::min<std::int64_t>(kBankChunk, count_ - first));
                productWithTransposed(tileTerms.data(), rows, subspace.bankTerms.data() + first * width, columns, width,
                                      products.data());
                for (int i = 0; i < rows; ++i) {
                    const float* row = products.data() + std::size_t(i) * columns;
                    float* distances = bestDistances.data() + std::size_t(i) * candidates;
                    std::int64_t* found = bestIds.data() + std::size_t(i) * candidates;
                    keepSmallestOfRow(row, columns, first, distances, found, candidates);
                }
            }
            for (int i = 0; i < rows; ++i) {
                const float* query = tileQueries + std::size_t(i) * dim_;
                const std::int64_t* found = bestIds.data() + std::size_t(i) * candidates;
                std::fill(exactDistances.begin(), exactDistances.end(), std::numeric_limits<float>::infinity());
                std::fill(exactIds.begin(), exactIds.end(), -1);
                for (int c = 0; c < candidates; ++c)
                    if (found[c] >= 0)
                        keepIfAmongSmallest(squaredDistance(query, bank_.data() + found[c] * dim_, dim_), found[c],
                                            exactDistances.data(), exactIds.data(), candidates);
                std::copy_n(exactDistances.begin(), k, squaredDistances + (begin + i) * k);
                std::copy_n(exactIds.begin(), k, ids + (begin + i) * k);
            }
        }
    });
}

void NearestNeighbourIndex::searchExactWithBounds(const float* queries, std::int64_t queryCount, int k,
                                                  float* squaredDistances, std::int64_t* ids) const
{
    // |q - b|^2 = |y_q - y_b|^2 + |r_q - r_b|^2 >= |y_q - y_b|^2 + (|r_q| - |r_b|)^2, with y
    // the subspace coordinates and r the residuals: one product of [y_q, |r_q|, 1] with the
    // bank's terms gives every memory's bound less the query's constant. A memory whose
    // bound is not below the k-th smallest full distance found so far cannot be among
    // the k nearest; the others are measured at full width.
    const ExactBounds& b = *bounds_;
    const int reduced = b.reduced, width = reduced + 2;
    constexpr int kTileQueries = 64;
    constexpr int kBankChunk = 512;
    const std::int64_t tiles = (queryCount + kTileQueries - 1) / kTileQueries;
    at::parallel_for(0, tiles, 1, [&](std::int64_t firstTile, std::int64_t endTile) {
        std::vector<float> centred(std::size_t(kTileQueries) * dim_);
        std::vector<float> coordinates(std::size_t(kTileQueries) * reduced);
        std::vector<float> tileTerms(std::size_t(kTileQueries) * width);
        std::vector<float> products(std::size_t(kTileQueries) * kBankChunk);
        std::vector<float> constants(static_cast<std::size_t>(kTileQueries));
        std::vector<float> bestDistances(std::size_t(kTileQueries) * k);
        std::vector<std::int64_t> bestIds(std::size_t(kTileQueries) * k);
        for (std::int64_t tile = firstTile; tile < endTile; ++tile) {
            const std::int64_t begin = tile * kTileQueries;
            const int rows = int(std::min<std::int64_t>(kTileQueries, queryCount - begin));
            const float* tileQueries = queries + begin * dim_;
            for (int i = 0; i < rows; ++i)
                for (int d = 0; d < dim_; ++d)
                    centred[std::size_t(i) * dim_ + d] = tileQueries[std::size_t(i) * dim_ + d] - b.mean[std::size_t(d)];
            productWithTransposed(centred.data(), rows, b.basis.data(), reduced, dim_, coordinates.data());
            for (int i = 0; i < rows; ++i) {
                double full = 0, inSubspace = 0;
                for (int d = 0; d < dim_; ++d)
                    full += double(centred[std::size_t(i) * dim_ + d]) * double(centred[std::size_t(i) * dim_ + d]);
                float* terms = tileTerms.data() + std::size_t(i) * width;
                for (int r = 0; r < reduced; ++r) {
                    terms[r] = coordinates[std::size_t(i) * reduced + r];
                    inSubspace += double(terms[r]) * double(terms[r]);
                }
                const double residual = std::sqrt(std::max(0.0, full - inSubspace));
                terms[reduced] = float(residual);
                terms[reduced + 1] = 1.0f;
                // The bounds come from an expanded product in float: a margin well above its
                // rounding keeps every memory the exact bound would keep.
                const double margin = 1e-5 * (full + double(b.largestCentredNorm));
                constants[std::size_t(i)] = float(inSubspace + residual * residual - margin);
            }
            std::fill(bestDistances.begin(), bestDistances.end(), std::numeric_limits<float>::infinity());
            std::fill(bestIds.begin(), bestIds.end(), -1);
            for (std::int64_t first = 0; first < count_; first += kBankChunk) {
                const int columns = int(std::min<std::int64_t>(kBankChunk, count_ - first));
                productWithTransposed(tileTerms.data(), rows, b.bankTerms.data() + first * width, columns, width,
                                      products.data());
                for (int i = 0; i < rows; ++i) {
                    const float* row = products.data() + std::size_t(i) * columns;
                    const float constant = constants[std::size_t(i)];
                    const float* query = tileQueries + std::size_t(i) * dim_;
                    float* distances = bestDistances.data() + std::size_t(i) * k;
                    std::int64_t* found = bestIds.data() + std::size_t(i) * k;
                    auto measureIfBoundAllows = [&](int j) {
                        if (row[j] + constant < distances[k - 1])
                            keepIfAmongSmallest(squaredDistance(query, bank_.data() + (first + j) * dim_, dim_), first + j,
                                                distances, found, k);
                    };
                    int j = 0;
#if defined(__SSE2__)
                    // Blocks of 16 bounds none of which is below the k-th distance cost one comparison.
                    constexpr int kBlock = 16;
                    for (; j + kBlock <= columns; j += kBlock) {
                        const __m128 limit = _mm_set1_ps(distances[k - 1] - constant);
                        const __m128 below = _mm_or_ps(_mm_or_ps(_mm_cmplt_ps(_mm_loadu_ps(row + j), limit),
                                                                 _mm_cmplt_ps(_mm_loadu_ps(row + j + 4), limit)),
                                                       _mm_or_ps(_mm_cmplt_ps(_mm_loadu_ps(row + j + 8), limit),
                                                                 _mm_cmplt_ps(_mm_loadu_ps(row + j + 12), limit)));
                        if (_mm_movemask_ps(below) == 0)
                            continue;
                        for (int t = j; t < j + kBlock; ++t)
                            measureIfBoundAllows(t);
                    }
#endif
                    for (; j < columns; ++j)
                        measureIfBoundAllows(j);
                }
            }
            std::copy_n(bestDistances.begin(), std::size_t(rows) * k, squaredDistances + begin * k);
            std::copy_n(bestIds.begin(), std::size_t(rows) * k, ids + begin * k);
        }
    });
}

std::string NearestNeighbourIndex::serialize() const
{
    if (!index_)
        throw Error("internal: cannot serialise an empty nearest-neighbour index");
    faiss::VectorIOWriter writer;
    faiss::write_index(index_.get(), &writer);
    return std::string(writer.data.begin(), writer.data.end());
}

void NearestNeighbourIndex::deserialize(const std::string& bytes, const float* vectors, std::int64_t count, int dim,
                                        const NearestNeighbourOptions& options)
{
    faiss::VectorIOReader reader;
    reader.data.assign(bytes.begin(), bytes.end());
    faiss::Index* raw = nullptr;
    try {
        raw = faiss::read_index(&reader);
    } catch (const std::exception& e) {
        throw Error(std::string("model bundle holds an unreadable FAISS index: ") + e.what());
    }
    index_.reset(raw);
    if (index_->d != dim || index_->ntotal != count)
        throw Error("model bundle's FAISS index does not match its memory bank");
    options_ = options;
    bank_.assign(vectors, vectors + count * dim);
    count_ = count;
    dim_ = dim;
    applySearchParameters(index_.get(), options);
    preparePcaSubspace();
    prepareExactBounds();
}

} // namespace dl
