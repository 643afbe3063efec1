using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelCompress.Engine.Steps.Prepare;

namespace ModelCompress.Engine.Tests.Steps.Prepare;

/// <summary>
/// Graph preparation over the ONNX node-test models (tests/TestData/onnx-node-tests): every case ONNX Runtime
/// runs must give the same outputs after preparation. Each case also runs "frozen": its inputs become
/// initializers, so the whole graph is constant and ORT-backed folding is exercised on every op type.
/// </summary>
public sealed class NodeTestPreparationTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "TestData", "onnx-node-tests");

    // ONNX Runtime's CPU provider has no kernel for these types, so there is nothing to compare against.
    private static readonly HashSet<string> NoOrtKernel =
    [
        "test_max_int16", "test_max_uint16", "test_min_int16", "test_min_uint16", "test_pow_types_float32_uint32", "test_pow_types_float32_uint64",
    ];

    public static TheoryData<string> Cases() => [.. Directory.GetDirectories(Root).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Prepared_node_test_gives_the_same_outputs(string name)
    {
        var (model, inputs) = Load(name);
        var expected = Run(model, inputs);
        if (Unrunnable(name, expected))
        {
            return;
        }

        var prepared = model.Clone();
        GraphPreparation.Run(prepared);

        AssertSame(expected!, Run(prepared, inputs)!, name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Frozen_node_test_folds_and_gives_the_same_outputs(string name)
    {
        var (model, inputs) = Load(name);
        var frozen = Freeze(model, inputs);
        var expected = Run(frozen, []);
        if (Unrunnable(name, expected))
        {
            return;
        }

        // Identity kept: it is what holds each graph output once the computing node is folded away.
        var report = GraphPreparation.Run(frozen, PreparationOptions.Default with { RemovePassThrough = false });

        AssertSame(expected!, Run(frozen, [])!, name);
        // Dropout never folds (in training mode its mask is random); everything else has become initializers.
        var dropoutOnly = model.Graph.Nodes.All(n => n.OpType == "Dropout");
        Assert.All(frozen.Graph.Nodes, n => Assert.Equal(dropoutOnly ? n.OpType : "Identity", n.OpType));
        Assert.True(dropoutOnly || report.NodesFolded + report.ShapesFolded + report.BatchNormsFolded + report.ConstantsConverted > 0, "nothing folded");
    }

    // The known exceptions must keep failing in ORT (or the list is stale); every other case must run.
    private static bool Unrunnable(string name, object? outputs)
    {
        Assert.True(NoOrtKernel.Contains(name) == outputs is null, outputs is null ? "ONNX Runtime cannot run the original" : "listed as unrunnable but ran");
        return outputs is null;
    }

    private static (OnnxModel Model, List<TensorProto> Inputs) Load(string name)
    {
        var folder = Path.Combine(Root, name);
        var model = OnnxModel.Load(Path.Combine(folder, "model.onnx"));
        var data = Path.Combine(folder, "test_data_set_0");
        var inputs = Enumerable.Range(0, model.Graph.DataInputs.Count)
            .Select(i => TensorProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(data, $"input_{i}.pb")))).ToList();
        return (model, inputs);
    }

    // Graph inputs become initializers of the test values; each output is then written by an Identity.
    private static OnnxModel Freeze(OnnxModel model, List<TensorProto> inputs)
    {
        var frozen = model.Clone();
        var graph = frozen.Graph.Proto;
        var names = model.Graph.DataInputs.Select(i => i.Name).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            var tensor = inputs[i].Clone();
            tensor.Name = names[i];
            graph.Initializer.Add(tensor);
            graph.Input.Remove(graph.Input.First(v => v.Name == names[i]));
        }

        foreach (var output in graph.Output)
        {
            var inner = output.Name + "/frozen";
            foreach (var node in graph.Node)
            {
                for (var o = 0; o < node.Output.Count; o++)
                {
                    node.Output[o] = node.Output[o] == output.Name ? inner : node.Output[o];
                }

                for (var o = 0; o < node.Input.Count; o++)
                {
                    node.Input[o] = node.Input[o] == output.Name ? inner : node.Input[o];
                }
            }

            graph.Node.Add(OnnxNode.Create("Identity", output.Name + "/keep", [inner], [output.Name]).Proto);
        }

        if (frozen.Proto.IrVersion < 4)
        {
            frozen.Proto.IrVersion = 4;
        }

        frozen.Graph.Invalidate();
        return frozen;
    }

    // Outputs as (element type, shape, raw bytes), or null when ORT cannot load or run the model.
    private static List<(TensorElementType Type, long[] Shape, byte[] Bytes)>? Run(OnnxModel model, List<TensorProto> inputs)
    {
        var names = model.Graph.DataInputs.Select(i => i.Name).ToList();
        var values = new List<OrtValue>();
        try
        {
            using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
            using var session = new InferenceSession(model.ToBytes(), options);
            foreach (var input in inputs)
            {
                values.Add(ToOrt(input));
            }

            var outputs = model.Graph.Outputs.Select(o => o.Name).ToArray();
            using var results = session.Run(new RunOptions(), names, values, outputs);
            return results.Select(r => r.IsTensor && r.GetTensorTypeAndShape().ElementDataType != TensorElementType.String
                ? (r.GetTensorTypeAndShape().ElementDataType, r.GetTensorTypeAndShape().Shape, r.GetTensorMutableRawData().ToArray())
                : (TensorElementType.String, [], [])).ToList();
        }
        catch (Exception e) when (e is OnnxRuntimeException or NotSupportedException)
        {
            return null;
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }

    private static OrtValue ToOrt(TensorProto tensor)
    {
        var type = (TensorElementType)tensor.DataType;
        var raw = tensor.RawData.Length > 0 || OnnxTensor.Wrap(tensor).ElementCount == 0
            ? tensor.RawData.ToByteArray()
            : (OnnxDataType)tensor.DataType switch
            {
                OnnxDataType.Float => Bytes(tensor.FloatData.ToArray()),
                OnnxDataType.Double => Bytes(tensor.DoubleData.ToArray()),
                OnnxDataType.Int64 => Bytes(tensor.Int64Data.ToArray()),
                OnnxDataType.Int32 => Bytes(tensor.Int32Data.ToArray()),
                _ => throw new NotSupportedException($"input type {type} outside raw_data"),
            };
        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, type, [.. tensor.Dims]);
        raw.CopyTo(value.GetTensorMutableRawData());
        return value;
    }

    private static byte[] Bytes<T>(T[] values)
        where T : unmanaged => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static void AssertSame(List<(TensorElementType Type, long[] Shape, byte[] Bytes)> expected, List<(TensorElementType Type, long[] Shape, byte[] Bytes)> actual, string name)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Type, actual[i].Type);
            Assert.Equal(expected[i].Shape, actual[i].Shape);
            if (expected[i].Type is TensorElementType.Float)
            {
                var a = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(expected[i].Bytes).ToArray();
                var b = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(actual[i].Bytes).ToArray();
                for (var k = 0; k < a.Length; k++)
                {
                    var close = a[k].Equals(b[k]) || MathF.Abs(a[k] - b[k]) <= 1e-5f * MathF.Max(1f, MathF.Abs(a[k]));
                    Assert.True(close, $"{name} output {i}[{k}]: {a[k]} vs {b[k]}");
                }
            }
            else
            {
                Assert.Equal(expected[i].Bytes, actual[i].Bytes);
            }
        }
    }
}
