#include "components/NearestNeighbours.h"

#include "common/Error.h"
#include "engine/Runtime.h"

#include <algorithm>

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexPreTransform.h>
#include <faiss/IndexRefine.h>
#include <faiss/VectorTransform.h>
#include <faiss/impl/io.h>
#include <faiss/index_io.h>

#include <torch/torch.h>

namespace dl {

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
}

void NearestNeighbourIndex::search(const float* queries, std::int64_t queryCount, int k, float* squaredDistances,
                                   std::int64_t* ids) const
{
    if (!index_)
        throw Error("internal: nearest-neighbour index used before it was built");
    if (fastInferenceEnabled() && options_.kind == "exact" && k <= 16 && queryCount >= 64 && k <= count_
        && dynamic_cast<const faiss::IndexFlatL2*>(index_.get())) {
        searchByMatrixProduct(queries, queryCount, k, squaredDistances, ids);
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
}

} // namespace dl
