using Microsoft.ML.OnnxRuntime;

namespace ModelCompress.Engine.Tests.Steps.Quantize;

/// <summary>
/// A small transformer-like block for the weight-only tests: x [2, 8, 64] → attention (Q, V from initializers, K
/// from a Constant node, scores = Q·Kᵀ a MatMul of two activations) → output projection + residual → feed-forward
/// 64→80→64 (K = 80 is not a multiple of 32, so the last block is padded) + residual → Reshape [16, 64] →
/// Gemm(transB = 0, α = 0.5, β = 2, C constant) → y [16, 10]. Opset 13.
/// </summary>
internal static class TransformerBlock
{
    public static long[] InputShape { get; } = [2, 8, 64];

    public static OnnxModel Create()
    {
        var graph = new GraphProto { Name = "block" };
        graph.Input.Add(new ValueInfoProto { Name = "x", Type = OnnxTensorType.Of(OnnxDataType.Float, InputShape).ToProto() });
        graph.Output.Add(new ValueInfoProto { Name = "y", Type = new OnnxTensorType(OnnxDataType.Float, null).ToProto() });
        var model = new OnnxModel(new ModelProto { IrVersion = 8, Graph = graph });
        model.SetOpsetVersion("", 13);
        var g = model.Graph;
        var random = new Random(7);
        OnnxTensor Weight(string name, long rows, long cols) =>
            OnnxTensor.FromFloats(name, [rows, cols], Enumerable.Range(0, (int)(rows * cols)).Select(_ => (float)(random.NextDouble() - 0.5) * 0.4f).ToArray());
        foreach (var (name, rows, cols) in new[] { ("wq", 64L, 64L), ("wv", 64, 64), ("wo", 64, 64), ("w1", 64, 80), ("w2", 80, 64), ("wd", 64, 10) })
        {
            g.SetInitializer(Weight(name, rows, cols));
        }

        g.SetInitializer(OnnxTensor.FromFloats("c", [10], Enumerable.Range(0, 10).Select(i => i * 0.1f).ToArray()));
        g.SetInitializer(OnnxTensor.Scalar("inv_sqrt_d", 0.125f));
        g.SetInitializer(OnnxTensor.FromInt64s("flat", [2], [-1, 64]));
        g.AddNode(OnnxNode.Create("Constant", "wk_const", [], ["wk"]).SetAttribute("value", Weight("wk", 64, 64)));
        g.AddNode(OnnxNode.Create("MatMul", "q_proj", ["x", "wq"], ["q"]));
        g.AddNode(OnnxNode.Create("MatMul", "k_proj", ["x", "wk"], ["k"]));
        g.AddNode(OnnxNode.Create("MatMul", "v_proj", ["x", "wv"], ["v"]));
        g.AddNode(OnnxNode.Create("Transpose", "k_t", ["k"], ["kt"]).SetAttribute("perm", [0L, 2, 1]));
        g.AddNode(OnnxNode.Create("MatMul", "scores", ["q", "kt"], ["s"]));
        g.AddNode(OnnxNode.Create("Mul", "scale", ["s", "inv_sqrt_d"], ["ss"]));
        g.AddNode(OnnxNode.Create("Softmax", "softmax", ["ss"], ["p"]).SetAttribute("axis", -1L));
        g.AddNode(OnnxNode.Create("MatMul", "context", ["p", "v"], ["ctx"]));
        g.AddNode(OnnxNode.Create("MatMul", "o_proj", ["ctx", "wo"], ["o"]));
        g.AddNode(OnnxNode.Create("Add", "residual1", ["x", "o"], ["h"]));
        g.AddNode(OnnxNode.Create("MatMul", "ff1", ["h", "w1"], ["f1"]));
        g.AddNode(OnnxNode.Create("Relu", "relu", ["f1"], ["r"]));
        g.AddNode(OnnxNode.Create("MatMul", "ff2", ["r", "w2"], ["f2"]));
        g.AddNode(OnnxNode.Create("Add", "residual2", ["h", "f2"], ["h2"]));
        g.AddNode(OnnxNode.Create("Reshape", "flatten", ["h2", "flat"], ["h2d"]));
        g.AddNode(OnnxNode.Create("Gemm", "head", ["h2d", "wd", "c"], ["y"]).SetAttribute("alpha", 0.5f).SetAttribute("beta", 2f));
        return model;
    }

    public static float[] Input() => Enumerable.Range(0, 2 * 8 * 64).Select(i => MathF.Sin(i * 0.37f) + (0.3f * MathF.Cos(i * 1.7f))).ToArray();

    public static float[] Run(byte[] model)
    {
        using var session = new InferenceSession(model);
        using var input = OrtValue.CreateTensorValueFromMemory(Input(), InputShape);
        using var outputs = session.Run(new RunOptions(), ["x"], [input], ["y"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
