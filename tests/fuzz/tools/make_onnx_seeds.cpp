// Writes the two tiny ONNX seeds of tests/fuzz/corpus/onnx (an fp32 conv net and
// an int8 QLinear one) into the current folder. Built by tests/fuzz/CMakeLists.txt
// (make_onnx_seeds); the seeds are committed, so it only runs when they change.
#include <onnx/onnx_pb.h>
#include <fstream>
#include <string>
#include <vector>
using namespace onnx;
TensorProto* addInit(GraphProto* g, const std::string& name, TensorProto::DataType type, std::vector<int64_t> dims, int n, float value)
{
    TensorProto* t = g->add_initializer();
    t->set_name(name); t->set_data_type(type);
    for (auto d : dims) t->add_dims(d);
    for (int i = 0; i < n; ++i) {
        if (type == TensorProto::FLOAT) t->add_float_data(value + 0.01f * i);
        else t->add_int32_data(int(value) + (i % 3));
    }
    return t;
}
NodeProto* addNode(GraphProto* g, const std::string& op, const std::string& name, std::vector<std::string> in, std::string out)
{
    NodeProto* n = g->add_node(); n->set_op_type(op); n->set_name(name);
    for (auto& i : in) n->add_input(i);
    n->add_output(out);
    return n;
}
void attrInts(NodeProto* n, const std::string& name, std::vector<int64_t> v) { auto* a = n->add_attribute(); a->set_name(name); a->set_type(AttributeProto::INTS); for (auto x : v) a->add_ints(x); }
void attrInt(NodeProto* n, const std::string& name, int64_t v) { auto* a = n->add_attribute(); a->set_name(name); a->set_type(AttributeProto::INT); a->set_i(v); }
void save(ModelProto& m, const char* path) { std::ofstream f(path, std::ios::binary); m.SerializeToOstream(&f); }
int main()
{
    {
        ModelProto m; m.set_ir_version(7); auto* g = m.mutable_graph(); g->set_name("seed_fp32");
        addInit(g, "w", TensorProto::FLOAT, {4, 3, 3, 3}, 108, -0.5f);
        addInit(g, "b", TensorProto::FLOAT, {4}, 4, 0.1f);
        addInit(g, "fc_w", TensorProto::FLOAT, {10, 4}, 40, 0.2f);
        addInit(g, "fc_b", TensorProto::FLOAT, {10}, 10, 0.0f);
        auto* c = addNode(g, "Conv", "conv0", {"input", "w", "b"}, "c0");
        attrInts(c, "strides", {2, 2}); attrInts(c, "pads", {1, 1, 1, 1}); attrInt(c, "group", 1);
        addNode(g, "Relu", "relu0", {"c0"}, "r0");
        addNode(g, "GlobalAveragePool", "pool", {"r0"}, "p");
        addNode(g, "Flatten", "flat", {"p"}, "f");
        auto* fc = addNode(g, "Gemm", "fc", {"f", "fc_w", "fc_b"}, "logits");
        attrInt(fc, "transB", 1);
        auto* k = addNode(g, "Constant", "const0", {}, "k");
        auto* a = k->add_attribute(); a->set_name("value"); a->set_type(AttributeProto::TENSOR);
        a->mutable_t()->set_data_type(TensorProto::FLOAT); a->mutable_t()->add_dims(2); a->mutable_t()->add_float_data(1); a->mutable_t()->add_float_data(2);
        save(m, "seed-fp32-convnet.seed");
    }
    {
        ModelProto m; m.set_ir_version(7); auto* g = m.mutable_graph(); g->set_name("seed_int8");
        addInit(g, "in_s", TensorProto::FLOAT, {}, 1, 0.02f);
        addInit(g, "in_z", TensorProto::UINT8, {}, 1, 128);
        addInit(g, "qw", TensorProto::INT8, {4, 3, 3, 3}, 108, -2);
        addInit(g, "qw_s", TensorProto::FLOAT, {4}, 4, 0.01f);
        addInit(g, "qw_z", TensorProto::INT8, {4}, 4, 0);
        addInit(g, "y_s", TensorProto::FLOAT, {}, 1, 0.05f);
        addInit(g, "y_z", TensorProto::UINT8, {}, 1, 0);
        addInit(g, "qb", TensorProto::INT32, {4}, 4, 10);
        addInit(g, "fc_q", TensorProto::INT8, {4, 10}, 40, 1);
        addInit(g, "fc_s", TensorProto::FLOAT, {}, 1, 0.01f);
        addInit(g, "fc_z", TensorProto::INT8, {}, 1, 0);
        addInit(g, "fcb_q", TensorProto::UINT8, {10}, 10, 3);
        addNode(g, "QuantizeLinear", "quant", {"input", "in_s", "in_z"}, "q0");
        auto* c = addNode(g, "QLinearConv", "qconv0", {"q0", "in_s", "in_z", "qw", "qw_s", "qw_z", "y_s", "y_z", "qb"}, "c0");
        attrInts(c, "strides", {1, 1}); attrInts(c, "pads", {1, 1, 1, 1});
        addNode(g, "QLinearAdd", "res0", {"c0", "y_s", "y_z", "c0", "y_s", "y_z", "y_s", "y_z"}, "a0");
        addNode(g, "QLinearGlobalAveragePool", "qpool", {"a0", "y_s", "y_z", "y_s", "y_z"}, "p");
        addNode(g, "QLinearMatMul", "qfc", {"p", "y_s", "y_z", "fc_q", "fc_s", "fc_z", "y_s", "y_z"}, "mm");
        addNode(g, "QLinearAdd", "qbias", {"mm", "y_s", "y_z", "fcb_q", "fc_s", "fc_z", "y_s", "y_z"}, "logits");
        save(m, "seed-int8-convnet.seed");
    }
}
