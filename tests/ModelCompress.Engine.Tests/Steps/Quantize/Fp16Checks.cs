using Microsoft.ML.OnnxRuntime;

namespace ModelCompress.Engine.Tests.Steps.Quantize;

/// <summary>Agreement of two logit sets and a small model full of shape math, for the fp16 tests.</summary>
internal static class Fp16Checks
{
    /// <summary>Fraction of rows (10 logits each) whose arg-max is the same.</summary>
    public static double Agreement(float[] a, float[] b)
    {
        var rows = a.Length / 10;
        var same = 0;
        for (var r = 0; r < rows; r++)
        {
            same += ArgMax(a.AsSpan(r * 10, 10)) == ArgMax(b.AsSpan(r * 10, 10)) ? 1 : 0;
        }

        return (double)same / rows;
    }

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            best = values[i] > values[best] ? i : best;
        }

        return best;
    }

    public static float[] Run(byte[] model, float[] x, long[] shape)
    {
        using var session = new InferenceSession(model);
        using var input = OrtValue.CreateTensorValueFromMemory(x, shape);
        using var outputs = session.Run(new RunOptions(), ["x"], [input], ["y"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    // x [2,1,3,4] → Resize(scales = Concat of constants [1,1] and [2,1]) → [2,1,6,4]; Range(0, Cast(Shape(x)[3]), 1) = [0,1,2,3] in
    // float (shape math); r = resized × w + range; y = r × c, c a Constant node. Opset 13.
    public static OnnxModel ShapeMathModel()
    {
        var graph = new GraphProto { Name = "shape_math" };
        graph.Input.Add(new ValueInfoProto { Name = "x", Type = OnnxTensorType.Of(OnnxDataType.Float, 2, 1, 3, 4).ToProto() });
        graph.Output.Add(new ValueInfoProto { Name = "y", Type = new OnnxTensorType(OnnxDataType.Float, null).ToProto() });
        var model = new OnnxModel(new ModelProto { IrVersion = 8, Graph = graph });
        model.SetOpsetVersion("", 13);
        var g = model.Graph;
        g.SetInitializer(OnnxTensor.FromFloats("scales_nc", [2], [1f, 1f]));
        g.SetInitializer(OnnxTensor.FromFloats("scales_hw", [2], [2f, 1f]));
        g.SetInitializer(OnnxTensor.FromFloats("w", [4], [0.5f, -1.5f, 2f, 0.25f]));
        g.SetInitializer(OnnxTensor.FromFloats("start", [], [0f]));
        g.SetInitializer(OnnxTensor.FromFloats("delta", [], [1f]));
        g.SetInitializer(OnnxTensor.FromInt64s("three", [], [3]));
        g.AddNode(OnnxNode.Create("Concat", "scales_concat", ["scales_nc", "scales_hw"], ["scales"]).SetAttribute("axis", 0L));
        g.AddNode(OnnxNode.Create("Resize", "resize", ["x", string.Empty, "scales"], ["big"]).SetAttribute("mode", "nearest"));
        g.AddNode(OnnxNode.Create("Shape", "shape", ["x"], ["s"]));
        g.AddNode(OnnxNode.Create("Gather", "last", ["s", "three"], ["n"]));
        g.AddNode(OnnxNode.Create("Cast", "to_float", ["n"], ["nf"]).SetAttribute("to", (long)OnnxDataType.Float));
        g.AddNode(OnnxNode.Create("Range", "range", ["start", "nf", "delta"], ["steps"]));
        g.AddNode(OnnxNode.Create("Mul", "scale", ["big", "w"], ["m"]));
        g.AddNode(OnnxNode.Create("Add", "shift", ["m", "steps"], ["r"]));
        g.AddNode(OnnxNode.Create("Constant", "c_node", [], ["c"]).SetAttribute("value", OnnxTensor.FromFloats("c", [1], [0.75f])));
        g.AddNode(OnnxNode.Create("Mul", "out", ["r", "c"], ["y"]));
        return model;
    }

    // x [2,3] → Mul by a Constant(value_float 0.5) → Relu → r; If(cond) then r + 1 else r × 2, both bodies reading r
    // from the outer graph → y. Opset 13.
    public static OnnxModel IfModel()
    {
        var graph = new GraphProto { Name = "branchy" };
        graph.Input.Add(new ValueInfoProto { Name = "x", Type = OnnxTensorType.Of(OnnxDataType.Float, 2, 3).ToProto() });
        graph.Output.Add(new ValueInfoProto { Name = "y", Type = new OnnxTensorType(OnnxDataType.Float, null).ToProto() });
        var model = new OnnxModel(new ModelProto { IrVersion = 8, Graph = graph });
        model.SetOpsetVersion("", 13);
        var g = model.Graph;
        g.SetInitializer(OnnxTensor.FromBools("cond", [], [true]));
        g.AddNode(OnnxNode.Create("Constant", "half_node", [], ["half"]).SetAttribute("value_float", 0.5f));
        g.AddNode(OnnxNode.Create("Mul", "scale", ["x", "half"], ["xs"]));
        g.AddNode(OnnxNode.Create("Relu", "relu", ["xs"], ["r"]));
        var branch = OnnxNode.Create("If", "branch", ["cond"], ["y"]);
        branch.Proto.Attribute.Add(new AttributeProto { Name = "then_branch", Type = AttributeProto.Types.AttributeType.Graph, G = Body("then_body", "Add", 1f) });
        branch.Proto.Attribute.Add(new AttributeProto { Name = "else_branch", Type = AttributeProto.Types.AttributeType.Graph, G = Body("else_body", "Mul", 2f) });
        g.AddNode(branch);
        return model;
    }

    private static GraphProto Body(string name, string op, float constant)
    {
        var body = new GraphProto { Name = name };
        body.Output.Add(new ValueInfoProto { Name = $"{name}_out", Type = new OnnxTensorType(OnnxDataType.Float, null).ToProto() });
        body.Initializer.Add(OnnxTensor.FromFloats($"{name}_c", [], [constant]).ToProto());
        body.Node.Add(OnnxNode.Create(op, $"{name}_op", ["r", $"{name}_c"], [$"{name}_out"]).Proto);
        return body;
    }
}
