using ModelCompress.Onnx;

namespace ModelCompress.Cli.Tests.Support;

/// <summary>
/// The trained digits CNN (<c>digits_cnn_bn.onnx</c>: three Conv+BN+ReLU, MaxPool, global pooling, a linear
/// classifier) rewritten node by node as other exporters emit such a network, so the same trained weights give
/// a meaningful accuracy:
/// <list type="bullet">
/// <item><b>tf2onnx</b> (Keras): NHWC input behind <c>Transpose(0,3,1,2)</c> and back before the pooling, <c>:0</c>
/// names, a weight read through <c>Identity</c>, <c>BatchNormalization</c> kept, ReLU6 as <c>Clip</c> with min/max
/// inputs, a SAME_UPPER conv, <c>ReduceMean</c> over H,W, <c>Reshape</c> to a constant <c>[-1, 64]</c> (opset 13) or
/// <c>Squeeze</c> with axes as attribute (opset 12), <c>MatMul</c> + <c>Add</c>, <c>Softmax</c>; also with the batch fixed to 1.</item>
/// <item><b>Paddle2ONNX</b>: every weight in a <c>Constant</c> node, dotted names, conv without bias followed by
/// <c>BatchNormalization</c>, two inputs (image and scale_factor), <c>Clip</c> and HardSwish as
/// <c>HardSigmoid</c> + <c>Mul</c>, <c>Pad</c> before <c>MaxPool</c>, flatten as
/// <c>Shape → Slice → Concat → Reshape</c>, <c>MatMul</c> + <c>Add</c>, two outputs through <c>Identity</c>, opset 11; at
/// opset 14, HardSwish as the op itself and Unsqueeze axes as an input; at opset 9 (Paddle2ONNX's old default), Clip,
/// Pad and Slice with attributes.</item>
/// <item><b>dynamic</b> (PyTorch with dynamic axes): <c>x.view(x.size(0), -1)</c> as
/// <c>Shape → Gather → Unsqueeze → Concat → Reshape</c>, a second input (4 side features) through its own
/// <c>Gemm</c> added to the logits, a second output (the pooled features), opset 13.</item>
/// </list>
/// </summary>
internal static class ExporterModels
{
    public const string Tf2Onnx = "tf2onnx";
    public const string Tf2OnnxOpset12 = "tf2onnx-opset12";
    public const string Tf2OnnxBatch1 = "tf2onnx-batch1";
    public const string Paddle = "paddle2onnx";
    public const string PaddleOpset14 = "paddle2onnx-opset14";
    public const string PaddleOpset9 = "paddle2onnx-opset9";
    public const string Dynamic = "dynamic";

    public static OnnxModel Create(string exporter) => exporter switch
    {
        Tf2Onnx => Tf2OnnxLike(13, fixedBatch: false),
        Tf2OnnxOpset12 => Tf2OnnxLike(12, fixedBatch: false),
        Tf2OnnxBatch1 => Tf2OnnxLike(13, fixedBatch: true),
        Paddle => PaddleLike(11),
        PaddleOpset14 => PaddleLike(14),
        PaddleOpset9 => PaddleLike(9),
        Dynamic => DynamicLike(),
        _ => throw new ArgumentOutOfRangeException(nameof(exporter), exporter, "unknown exporter"),
    };

    private static OnnxModel Tf2OnnxLike(int opset, bool fixedBatch)
    {
        var source = Source();
        var g = new ExportedGraph("tf2onnx", weightsAsConstants: false);
        // tf2onnx --inputs input_1:0[1,8,8,1] fixes the batch, as many deployed models have it.
        g.Input("input_1:0", OnnxDataType.Float, fixedBatch ? OnnxDim.Of(1) : OnnxDim.Named("unk__42"), OnnxDim.Of(8), OnnxDim.Of(8), OnnxDim.Of(1));
        var x = g.Node("Transpose", "model/conv2d/Conv2D__6", "model/conv2d/Conv2D__6:0", "input_1:0").SetAttribute("perm", new long[] { 0, 3, 1, 2 }).Output(0);
        for (var layer = 1; layer <= 3; layer++)
        {
            var scope = layer == 1 ? "model/conv2d" : $"model/conv2d_{layer - 1}";
            var bnScope = layer == 1 ? "model/batch_normalization" : $"model/batch_normalization_{layer - 1}";
            var w = Copy(g, source, $"conv{layer}.weight", scope + "/Conv2D/ReadVariableOp:0");
            if (layer == 1)
            {
                // tf2onnx keeps an Identity between a variable and its reader when it cannot fold it.
                w = g.Node("Identity", scope + "/Conv2D/ReadVariableOp__id", scope + "/Conv2D/ReadVariableOp__id:0", w).Output(0);
            }

            var conv = g.Node("Conv", scope + "/BiasAdd", scope + "/BiasAdd:0", x, w, Copy(g, source, $"conv{layer}.bias", scope + "/BiasAdd/ReadVariableOp:0"));
            CopyAttributes(source, "Conv", layer - 1, conv);
            if (layer == 2)
            {
                // padding='same' with unknown spatial size: tf2onnx writes auto_pad instead of pads.
                conv.RemoveAttribute("pads");
                conv.SetAttribute("auto_pad", "SAME_UPPER");
            }

            var bn = g.Node("BatchNormalization", bnScope + "/FusedBatchNormV3", bnScope + "/FusedBatchNormV3:0", conv.Output(0),
                Copy(g, source, $"bn{layer}.weight", bnScope + "/ReadVariableOp:0"), Copy(g, source, $"bn{layer}.bias", bnScope + "/ReadVariableOp_1:0"),
                Copy(g, source, $"bn{layer}.running_mean", bnScope + "/FusedBatchNormV3/ReadVariableOp:0"),
                Copy(g, source, $"bn{layer}.running_var", bnScope + "/FusedBatchNormV3/ReadVariableOp_1:0"));
            bn.SetAttribute("epsilon", source.Graph.Nodes.Where(n => n.OpType == "BatchNormalization").ElementAt(layer - 1).GetFloat("epsilon", 1e-5f));
            x = layer == 2
                ? g.Node("Clip", $"model/re_lu_{layer}/Relu6", $"model/re_lu_{layer}/Relu6:0", bn.Output(0), g.Scalar($"model/re_lu_{layer}/Relu6__min:0", 0f), g.Scalar($"model/re_lu_{layer}/Relu6__max:0", 6f)).Output(0)
                : g.Node("Relu", $"model/re_lu_{layer}/Relu", $"model/re_lu_{layer}/Relu:0", bn.Output(0)).Output(0);
            if (layer == 2)
            {
                var pool = g.Node("MaxPool", "model/max_pooling2d/MaxPool", "model/max_pooling2d/MaxPool:0", x);
                CopyAttributes(source, "MaxPool", 0, pool);
                x = pool.Output(0);
            }
        }

        x = g.Node("Transpose", "model/global_average_pooling2d/Mean__28", "model/global_average_pooling2d/Mean__28:0", x).SetAttribute("perm", new long[] { 0, 2, 3, 1 }).Output(0);
        x = g.Node("ReduceMean", "model/global_average_pooling2d/Mean", "model/global_average_pooling2d/Mean:0", x).SetAttribute("axes", new long[] { 1, 2 }).SetAttribute("keepdims", 1).Output(0);
        x = opset >= 13
            ? g.Node("Reshape", "model/flatten/Reshape", "model/flatten/Reshape:0", x, g.Int64s("model/flatten/Const:0", -1, 64)).Output(0)
            : g.Node("Squeeze", "model/flatten/Squeeze", "model/flatten/Squeeze:0", x).SetAttribute("axes", new long[] { 1, 2 }).Output(0);
        var fc = Transposed(source, "fc.weight");
        x = g.Node("MatMul", "model/dense/MatMul", "model/dense/MatMul:0", x, g.Weight("model/dense/MatMul/ReadVariableOp:0", [64, 10], fc)).Output(0);
        x = g.Node("Add", "model/dense/BiasAdd", "model/dense/BiasAdd:0", x, Copy(g, source, "fc.bias", "model/dense/BiasAdd/ReadVariableOp:0")).Output(0);
        g.Node("Softmax", "model/dense/Softmax", "dense", x).SetAttribute("axis", -1);
        g.Output("dense");
        return g.ToModel(opset, "tf2onnx");
    }

    private static OnnxModel PaddleLike(int opset)
    {
        var source = Source();
        var g = new ExportedGraph("paddle2onnx", weightsAsConstants: true);
        g.Input("image", OnnxDataType.Float, OnnxDim.Named("p2o.DynamicDimension.0"), OnnxDim.Of(1), OnnxDim.Of(8), OnnxDim.Of(8));
        g.Input("scale_factor", OnnxDataType.Float, OnnxDim.Named("p2o.DynamicDimension.1"), OnnxDim.Of(1));
        var scale = opset >= 13
            ? g.Node("Unsqueeze", "p2o.Unsqueeze.0", "unsqueeze2_0.tmp_0", "scale_factor", g.Int64s("p2o.Unsqueeze.0.axes", 2, 3)).Output(0)
            : g.Node("Unsqueeze", "p2o.Unsqueeze.0", "unsqueeze2_0.tmp_0", "scale_factor").SetAttribute("axes", new long[] { 2, 3 }).Output(0);
        var x = g.Node("Mul", "p2o.Mul.0", "elementwise_mul_0", "image", scale).Output(0);
        for (var layer = 1; layer <= 3; layer++)
        {
            var i = layer - 1;
            var conv = g.Node("Conv", $"p2o.Conv.{i}", $"conv2d_{i}.tmp_0", x, Copy(g, source, $"conv{layer}.weight", $"conv2d_{i}.w_0"));
            CopyAttributes(source, "Conv", i, conv);

            // Paddle convs before a BN have no bias: the source's conv bias moves into the BN mean.
            var mean = Values(source, $"bn{layer}.running_mean").Zip(Values(source, $"conv{layer}.bias"), (m, b) => m - b).ToArray();
            var bn = g.Node("BatchNormalization", $"p2o.BatchNormalization.{i}", $"batch_norm2d_{i}.tmp_2", conv.Output(0),
                Copy(g, source, $"bn{layer}.weight", $"batch_norm2d_{i}.w_0"), Copy(g, source, $"bn{layer}.bias", $"batch_norm2d_{i}.b_0"),
                g.Weight($"batch_norm2d_{i}.w_1", [mean.Length], mean), Copy(g, source, $"bn{layer}.running_var", $"batch_norm2d_{i}.w_2"));
            bn.SetAttribute("epsilon", source.Graph.Nodes.Where(n => n.OpType == "BatchNormalization").ElementAt(i).GetFloat("epsilon", 1e-5f));
            x = layer switch
            {
                1 => g.Node("Relu", "p2o.Relu.0", "relu_0.tmp_0", bn.Output(0)).Output(0),
                2 when opset < 11 => g.Node("Clip", "p2o.Clip.0", "relu6_0.tmp_0", bn.Output(0)).SetAttribute("min", 0f).SetAttribute("max", 6f).Output(0),
                2 => g.Node("Clip", "p2o.Clip.0", "relu6_0.tmp_0", bn.Output(0), g.Scalar("p2o.Clip.0.min", 0f), g.Scalar("p2o.Clip.0.max", 6f)).Output(0),
                _ => opset >= 14 ? g.Node("HardSwish", "p2o.HardSwish.0", "hard_swish_0.tmp_0", bn.Output(0)).Output(0) : HardSwish(g, bn.Output(0)),
            };
            if (layer == 2)
            {
                var padded = opset < 11
                    ? g.Node("Pad", "p2o.Pad.0", "pad2d_0.tmp_0", x).SetAttribute("pads", new long[] { 0, 0, 0, 0, 0, 0, 1, 1 }).SetAttribute("value", 0f).Output(0)
                    : g.Node("Pad", "p2o.Pad.0", "pad2d_0.tmp_0", x, g.Int64s("p2o.Pad.0.pads", 0, 0, 0, 0, 0, 0, 1, 1), g.Scalar("p2o.Pad.0.value", 0f)).SetAttribute("mode", "constant").Output(0);
                var pool = g.Node("MaxPool", "p2o.MaxPool.0", "pool2d_0.tmp_0", padded);
                CopyAttributes(source, "MaxPool", 0, pool);
                if (opset < 10)
                {
                    pool.RemoveAttribute("ceil_mode"); // added in opset 10
                }
                x = pool.Output(0);
            }
        }

        x = g.Node("GlobalAveragePool", "p2o.GlobalAveragePool.0", "pool2d_1.tmp_0", x).Output(0);
        var shape = g.Node("Shape", "p2o.Shape.0", "p2o.Shape.0.out", x).Output(0);
        var batch = opset < 10
            ? g.Node("Slice", "p2o.Slice.0", "p2o.Slice.0.out", shape).SetAttribute("starts", new long[] { 0 }).SetAttribute("ends", new long[] { 1 }).SetAttribute("axes", new long[] { 0 }).Output(0)
            : g.Node("Slice", "p2o.Slice.0", "p2o.Slice.0.out", shape, g.Int64s("p2o.Slice.0.starts", 0), g.Int64s("p2o.Slice.0.ends", 1), g.Int64s("p2o.Slice.0.axes", 0)).Output(0);
        var target = g.Node("Concat", "p2o.Concat.0", "p2o.Concat.0.out", batch, g.Int64s("p2o.Concat.0.rest", -1)).SetAttribute("axis", 0).Output(0);
        var features = g.Node("Reshape", "p2o.Reshape.0", "flatten_0.tmp_0", x, target).Output(0);
        var fc = Transposed(source, "fc.weight");
        x = g.Node("MatMul", "p2o.MatMul.0", "linear_0.tmp_0", features, g.Weight("linear_0.w_0", [64, 10], fc)).Output(0);
        x = g.Node("Add", "p2o.Add.0", "linear_0.tmp_1", x, Copy(g, source, "fc.bias", "linear_0.b_0")).Output(0);
        x = g.Node("Softmax", "p2o.Softmax.0", "softmax_0.tmp_0", x).SetAttribute("axis", 1).Output(0);
        g.Node("Identity", "p2o.Identity.0", "save_infer_model/scale_0.tmp_1", x);
        g.Node("Identity", "p2o.Identity.1", "save_infer_model/scale_1.tmp_1", features);
        g.Output("save_infer_model/scale_0.tmp_1");
        g.Output("save_infer_model/scale_1.tmp_1");
        return g.ToModel(opset, "PaddlePaddle");
    }

    private static OnnxModel DynamicLike()
    {
        var source = OnnxModel.Load(TempProject.Fixture("digits_cnn.onnx"));
        var g = new ExportedGraph("torch-jit-export", weightsAsConstants: false);
        g.Input("pixels", OnnxDataType.Float, OnnxDim.Named("batch"), OnnxDim.Of(1), OnnxDim.Of(8), OnnxDim.Of(8));
        g.Input("side", OnnxDataType.Float, OnnxDim.Named("batch"), OnnxDim.Of(4));
        var x = "pixels";
        for (var layer = 1; layer <= 3; layer++)
        {
            // The folded export names its conv weights onnx::Conv_NN: read them through the source's Conv nodes.
            var original = source.Graph.Nodes.Where(n => n.OpType == "Conv").ElementAt(layer - 1);
            var conv = g.Node("Conv", $"/features/conv{layer}/Conv", $"/features/conv{layer}/Conv_output_0", x,
                Copy(g, source, original.Input(1), $"features.conv{layer}.weight"), Copy(g, source, original.Input(2), $"features.conv{layer}.bias"));
            CopyAttributes(source, "Conv", layer - 1, conv);
            x = g.Node("Relu", $"/features/relu{layer}/Relu", $"/features/relu{layer}/Relu_output_0", conv.Output(0)).Output(0);
            if (layer == 2)
            {
                var pool = g.Node("MaxPool", "/features/pool/MaxPool", "/features/pool/MaxPool_output_0", x);
                CopyAttributes(source, "MaxPool", 0, pool);
                x = pool.Output(0);
            }
        }

        x = g.Node("GlobalAveragePool", "/pool/GlobalAveragePool", "/pool/GlobalAveragePool_output_0", x).Output(0);
        var shape = g.Node("Shape", "/Shape", "/Shape_output_0", x).Output(0);
        var batch = g.Node("Gather", "/Gather", "/Gather_output_0", shape, g.Int64Scalar("/Constant_output_0", 0)).SetAttribute("axis", 0).Output(0);
        var batch1 = g.Node("Unsqueeze", "/Unsqueeze", "/Unsqueeze_output_0", batch, g.Int64s("/Constant_1_output_0", 0)).Output(0);
        var target = g.Node("Concat", "/Concat", "/Concat_output_0", batch1, g.Int64s("/Constant_2_output_0", -1)).SetAttribute("axis", 0).Output(0);
        var features = g.Node("Reshape", "/Reshape", "embedding", x, target).Output(0);
        var image = g.Node("Gemm", "/fc/Gemm", "/fc/Gemm_output_0", features, Copy(g, source, "fc.weight", "fc.weight"), Copy(g, source, "fc.bias", "fc.bias"))
            .SetAttribute("transB", 1).Output(0);
        var random = new Random(7);
        var sideWeight = Enumerable.Range(0, 40).Select(_ => (float)(random.NextDouble() - 0.5) * 0.2f).ToArray();
        var side = g.Node("Gemm", "/side_fc/Gemm", "/side_fc/Gemm_output_0", "side", g.Weight("side_fc.weight", [10, 4], sideWeight), g.Weight("side_fc.bias", [10], new float[10]))
            .SetAttribute("transB", 1).Output(0);
        g.Node("Add", "/Add", "logits", image, side);
        g.Output("logits");
        g.Output("embedding");
        return g.ToModel(13, "pytorch");
    }

    // HardSwish below opset 14: x * HardSigmoid(x, 1/6, 1/2).
    private static string HardSwish(ExportedGraph g, string x)
    {
        var gate = g.Node("HardSigmoid", "p2o.HardSigmoid.0", "hard_swish_0.gate", x).SetAttribute("alpha", 1f / 6).SetAttribute("beta", 0.5f).Output(0);
        return g.Node("Mul", "p2o.Mul.1", "hard_swish_0.tmp_0", x, gate).Output(0);
    }

    private static OnnxModel Source() => OnnxModel.Load(TempProject.Fixture("digits_cnn_bn.onnx"));

    private static float[] Values(OnnxModel source, string name) =>
        source.Graph.TryGetInitializer(name, out var t) ? t.ToFloatArray() : throw new InvalidOperationException("no initializer " + name);

    private static string Copy(ExportedGraph g, OnnxModel source, string from, string to)
    {
        Assert.True(source.Graph.TryGetInitializer(from, out var t), from);
        return g.Weight(to, t.Dims, t.ToFloatArray());
    }

    // [out, in] as the [in, out] a MatMul reads.
    private static float[] Transposed(OnnxModel source, string name)
    {
        Assert.True(source.Graph.TryGetInitializer(name, out var t));
        var (rows, cols) = ((int)t.Dims[0], (int)t.Dims[1]);
        var v = t.ToFloatArray();
        return Enumerable.Range(0, v.Length).Select(i => v[((i % rows) * cols) + (i / rows)]).ToArray();
    }

    private static void CopyAttributes(OnnxModel source, string op, int index, OnnxNode target)
    {
        foreach (var attribute in source.Graph.Nodes.Where(n => n.OpType == op).ElementAt(index).Proto.Attribute)
        {
            target.Proto.Attribute.Add(attribute.Clone());
        }
    }
}
