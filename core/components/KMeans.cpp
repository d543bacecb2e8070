#include "components/KMeans.h"

#include "common/Error.h"

#include <faiss/Clustering.h>
#include <faiss/IndexFlat.h>

#include <algorithm>

namespace dl {

std::vector<float> kmeansCentres(const float* points, std::int64_t count, int dim, int k, unsigned seed, int iterations)
{
    if (count <= 0 || dim <= 0 || k <= 0)
        throw Error("k-means needs at least one point and one centre");
    k = int(std::min<std::int64_t>(k, count));
    if (k == count)
        return std::vector<float>(points, points + count * dim);
    faiss::ClusteringParameters params;
    params.niter = iterations;
    params.seed = int(seed);
    params.verbose = false;
    params.min_points_per_centroid = 1; // few labelled defects are normal here; no warning spam
    faiss::Clustering clustering(dim, k, params);
    faiss::IndexFlatL2 index(dim);
    clustering.train(count, points, index);
    return std::vector<float>(clustering.centroids.begin(), clustering.centroids.end());
}

} // namespace dl
