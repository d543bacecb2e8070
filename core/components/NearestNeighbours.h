#pragma once
// A memory bank with nearest-neighbour search through FAISS. Exact (flat L2)
// or HNSW graph search; the built index is serialised into the model bundle
// so a reloaded model answers bit-identically. Torch-free.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace faiss { struct Index; }

namespace dl {

struct NearestNeighbourOptions {
    std::string kind = "hnsw"; // "hnsw", "exact" or "pca-refine"
    int hnswNeighbours = 32;   // M: graph degree
    int hnswEfConstruction = 80;
    int hnswEfSearch = 64;
    // "pca-refine": candidates by exact search in a PCA subspace of `pcaDim`
    // dimensions, then `refineFactor` x k of them re-ranked by exact full-width
    // distance. Returned distances are exact; only a missed candidate can differ
    // from "exact". Banks too small to gain fall back to exact search.
    int pcaDim = 32;
    int refineFactor = 2;
};

class NearestNeighbourIndex {
public:
    NearestNeighbourIndex();
    ~NearestNeighbourIndex();
    NearestNeighbourIndex(NearestNeighbourIndex&&) noexcept;
    NearestNeighbourIndex& operator=(NearestNeighbourIndex&&) noexcept;

    // Builds over row-major [count, dim] vectors (kept as the bank).
    void build(const float* vectors, std::int64_t count, int dim, const NearestNeighbourOptions& options);
    // k nearest neighbours of each of `queryCount` queries: squared L2 distances and ids, row-major [queryCount, k].
    void search(const float* queries, std::int64_t queryCount, int k, float* squaredDistances, std::int64_t* ids) const;

    std::string serialize() const;
    void deserialize(const std::string& bytes, const float* vectors, std::int64_t count, int dim,
                     const NearestNeighbourOptions& options);

    bool empty() const { return count_ == 0; }
    std::int64_t size() const { return count_; }
    int dim() const { return dim_; }
    const float* vector(std::int64_t id) const { return bank_.data() + id * dim_; }
    const std::vector<float>& bank() const { return bank_; }

private:
    // The fast path's exact search (engine/Runtime's fastInferenceEnabled).
    void searchByMatrixProduct(const float* queries, std::int64_t queryCount, int k, float* squaredDistances,
                               std::int64_t* ids) const;
    // The fast path's exact search of a large bank: every memory's distance is bounded
    // from below through a PCA subspace (the subspace distance plus the squared
    // difference of the residuals' norms), and only memories whose bound does not
    // exclude them are measured at full width. The same neighbours as a full search.
    struct ExactBounds;
    void prepareExactBounds();
    void searchExactWithBounds(const float* queries, std::int64_t queryCount, int k, float* squaredDistances,
                               std::int64_t* ids) const;
    // The fast path's pca-refine search: the same two steps as FAISS's
    // IndexRefineFlat over its PCA subspace, tile by tile in cache.
    struct PcaSubspace;
    void preparePcaSubspace();
    void searchPcaRefineInTiles(const float* queries, std::int64_t queryCount, int k, float* squaredDistances,
                                std::int64_t* ids) const;

    std::unique_ptr<faiss::Index> index_;
    std::shared_ptr<const PcaSubspace> pca_; // pca-refine indexes only
    std::shared_ptr<const ExactBounds> bounds_; // exact indexes large enough to gain
    std::vector<float> bank_;
    std::int64_t count_ = 0;
    int dim_ = 0;
    NearestNeighbourOptions options_;
};

} // namespace dl
