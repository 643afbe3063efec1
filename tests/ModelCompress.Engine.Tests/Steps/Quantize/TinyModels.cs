using Microsoft.ML.OnnxRuntime;
using ModelCompress.Engine.Steps.Quantize;
using ModelCompress.Engine.Steps.Quantize.Calibration;

namespace ModelCompress.Engine.Tests.Steps.Quantize;

/// <summary>Small graphs built in code, one per op family, with deterministic weights and inputs.</summary>
internal sealed class TinyModels
{
    private readonly OnnxGraph _graph;
    private int _seed;

    private TinyModels(long[] inputShape, long opset)
    {
        InputShape = inputShape;
        var graph = new GraphProto { Name = "tiny" };
        graph.Input.Add(new ValueInfoProto { Name = "x", Type = OnnxTensorType.Of(OnnxDataType.Float, inputShape).ToProto() });
        graph.Output.Add(new ValueInfoProto { Name = "y", Type = new OnnxTensorType(OnnxDataType.Float, null).ToProto() });
        Model = new OnnxModel(new ModelProto { IrVersion = 8, Graph = graph });
        Model.SetOpsetVersion("", opset);
        _graph = Model.Graph;
    }

    public OnnxModel Model { get; }

    public long[] InputShape { get; }

    public static TinyModels Create(long opset, params long[] inputShape) => new(inputShape, opset);

    public string Weight(string name, params long[] dims)
    {
        var count = (int)dims.Aggregate(1L, (a, b) => a * b);
        var fanIn = count / (int)dims[0];
        var seed = ++_seed;
        _graph.SetInitializer(OnnxTensor.FromFloats(name, dims,
            Enumerable.Range(0, count).Select(i => MathF.Sin((i * 0.73f) + seed) / MathF.Sqrt(fanIn)).ToArray()));
        return name;
    }

    public string Node(string op, string name, string[] inputs, string? output = null, Action<OnnxNode>? attributes = null)
    {
        var node = OnnxNode.Create(op, name, inputs, [output ?? name + "_out"]);
        attributes?.Invoke(node);
        _graph.AddNode(node);
        return node.Output(0);
    }

    public string Conv(string x, string name, int inChannels, int outChannels, bool relu, string? output = null)
    {
        var w = Weight(name + ".weight", outChannels, inChannels, 3, 3);
        var b = Weight(name + ".bias", outChannels);
        var y = Node("Conv", name, [x, w, b], relu ? null : output, n => n.SetAttribute("pads", [1L, 1, 1, 1]));
        return relu ? Node("Relu", name + "_relu", [y], output) : y;
    }

    /// <summary>Deterministic inputs in [0, 1).</summary>
    public NdArray Inputs(int rows)
    {
        var shape = (long[])InputShape.Clone();
        shape[0] = rows;
        var count = (int)shape.Aggregate(1L, (a, b) => a * b);
        return new NdArray(NdElementType.Float32, shape, Enumerable.Range(0, count).Select(i => (MathF.Sin(i * 12.9898f) * 0.5f) + 0.5f).ToArray());
    }

    public StaticQuantizeResult Quantize(StaticQuantizeOptions? options = null, CalibrationOptions? calibration = null)
    {
        var ranges = Calibrator.Run(Model, new Dictionary<string, NdArray> { ["x"] = Inputs(16) }, calibration ?? CalibrationOptions.Default);
        return new StaticQuantizer(options ?? StaticQuantizeOptions.Default).Quantize(Model, ranges);
    }

    /// <summary>Output y for one input row, through ORT with all optimizations.</summary>
    public float[] Run(OnnxModel model)
    {
        var input = Inputs(1);
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(model.ToBytes(), options);
        using var value = OrtValue.CreateTensorValueFromMemory((float[])input.Data, input.Shape);
        using var outputs = session.Run(new RunOptions(), ["x"], [value], ["y"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Largest |a − b| relative to the largest |a|.</summary>
    public static float RelativeError(float[] reference, float[] actual) =>
        reference.Zip(actual, (a, b) => MathF.Abs(a - b)).Max() / MathF.Max(1e-6f, reference.Max(MathF.Abs));
}
