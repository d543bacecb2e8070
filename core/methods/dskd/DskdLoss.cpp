#include "methods/dskd/DskdLoss.h"

#include "common/Error.h"

namespace dl {

ScaleLoss scaleLoss(const torch::Tensor& teacher, const torch::Tensor& student)
{
    ScaleLoss loss;
    loss.cosine = cosineDistanceMap(teacher, student).mean();
    // Mean over channels keeps the L2 term comparable between narrow and wide taps.
    loss.l2 = (teacher - student).pow(2).mean();
    return loss;
}

torch::Tensor studentLoss(const std::vector<torch::Tensor>& teacher, const std::vector<torch::Tensor>& student,
                          double l2Weight)
{
    if (teacher.size() != student.size() || teacher.empty())
        throw Error("dskd: teacher and student disagree on the number of scales");
    torch::Tensor total = torch::zeros({}, teacher.front().options());
    for (std::size_t s = 0; s < teacher.size(); ++s) {
        ScaleLoss l = scaleLoss(teacher[s], student[s]);
        total = total + l.cosine + l2Weight * l.l2;
    }
    return total;
}

} // namespace dl
