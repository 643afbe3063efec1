using Google.Protobuf;
using ModelCompress.Onnx.Proto;

namespace ModelCompress.Cli.Tests.Engine;

/// <summary>
/// Models without data: a VAD-like model with several inputs (<c>input</c> [1, N], <c>sr</c> an int64 scalar,
/// <c>h</c> and <c>c</c> [2, 1, 64]) runs on inputs generated from <c>data.generate</c>; what cannot be bound is named.
/// </summary>
public sealed class GeneratedInputsTests
{
    private const string Yaml = """
        version: 1
        models:
          vad:
            source: models/vad.onnx
            data:
              generate:
                input: [1, 512]
                sr: { value: 16000 }
            steps:
              - quantize: { mode: dynamic }
            evaluation: { iterations: 3, warmup: 1 }
        """;

    [Fact]
    public void Multi_input_model_runs_on_inputs_generated_from_the_config()
    {
        using var project = VadProject(Yaml);

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        var model = outcome.Report!.Models[0];
        Assert.NotNull(model.Compressed!.Latency);
        Assert.NotNull(model.Compressed.Agreement);
        Assert.True(File.Exists(Path.Combine(project.OutputDir, "vad.onnx")));
    }

    [Fact]
    public void Symbolic_dimension_that_could_not_be_bound_is_named()
    {
        using var project = VadProject(Yaml.Replace("    data:\n      generate:\n        input: [1, 512]\n        sr: { value: 16000 }\n", ""));

        var error = EngineRun.SingleError(EngineRun.Run(project));

        Assert.Equal("MC4131", error.Code);
        Assert.Contains("input 'input' dimension 1 ('N')", error.Message, StringComparison.Ordinal);
        Assert.Contains("generate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_naming_an_input_the_model_lacks_is_refused_at_its_line()
    {
        using var project = VadProject(Yaml.Replace("sr: { value: 16000 }", "rate: { value: 16000 }"));

        var error = EngineRun.SingleError(EngineRun.Run(project));

        Assert.Equal("MC4132", error.Code);
        Assert.Equal(8, error.Position!.Value.Line);
        Assert.Contains("'rate'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_shape_that_contradicts_a_fixed_dimension_is_refused()
    {
        using var project = VadProject(Yaml.Replace("input: [1, 512]", "input: [1, 512]\n        h: [3, 1, 64]"));

        var error = EngineRun.SingleError(EngineRun.Run(project));

        Assert.Equal("MC4133", error.Code);
        Assert.Contains("[2,1,64]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_beside_a_data_file_is_a_config_error()
    {
        using var project = VadProject(Yaml.Replace("generate:", "path: data/digits.npz\n      generate:"));

        var outcome = EngineRun.Run(project);

        Assert.Contains(outcome.Diagnostics, d => d.Code == "MC1018" && d.Message.Contains("'path'", StringComparison.Ordinal));
    }

    private static TempProject VadProject(string yaml)
    {
        var project = new TempProject();
        File.WriteAllBytes(project.PathOf("models/vad.onnx"), VadModel());
        project.WriteConfig(yaml);
        return project;
    }

    // out = MatMul(h + c, W) + mean(reshape(input, [1, 4, -1])) * float(sr): N must be a multiple of 4, so N = 1 fails.
    private static byte[] VadModel()
    {
        var graph = new GraphProto { Name = "vad" };
        graph.Input.Add(Value("input", TensorProto.Types.DataType.Float, Dim(1), Symbol("N")));
        graph.Input.Add(Value("sr", TensorProto.Types.DataType.Int64));
        graph.Input.Add(Value("h", TensorProto.Types.DataType.Float, Dim(2), Dim(1), Dim(64)));
        graph.Input.Add(Value("c", TensorProto.Types.DataType.Float, Dim(2), Dim(1), Dim(64)));
        graph.Output.Add(Value("out", TensorProto.Types.DataType.Float, Dim(2), Dim(1), Dim(64)));
        var shape = new TensorProto { Name = "shape", DataType = (int)TensorProto.Types.DataType.Int64 };
        shape.Dims.Add(3);
        shape.Int64Data.Add([1, 4, -1]);
        var weight = new TensorProto { Name = "W", DataType = (int)TensorProto.Types.DataType.Float };
        weight.Dims.Add([64, 64]);
        weight.FloatData.Add(Enumerable.Range(0, 64 * 64).Select(i => (float)Math.Sin(i * 0.37) * 0.1f));
        graph.Initializer.Add([shape, weight]);
        graph.Node.Add(Node("Reshape", ["input", "shape"], "r"));
        var mean = Node("ReduceMean", ["r"], "m");
        mean.Attribute.Add(new AttributeProto { Name = "axes", Type = AttributeProto.Types.AttributeType.Ints, Ints = { 1, 2 } });
        graph.Node.Add(mean);
        var cast = Node("Cast", ["sr"], "srf");
        cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Float });
        graph.Node.Add(cast);
        graph.Node.Add(Node("Mul", ["m", "srf"], "u"));
        graph.Node.Add(Node("Add", ["h", "c"], "hc"));
        graph.Node.Add(Node("MatMul", ["hc", "W"], "p"));
        graph.Node.Add(Node("Add", ["p", "u"], "out"));
        var model = new ModelProto { IrVersion = 8, Graph = graph, ProducerName = "test" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model.ToByteArray();
    }

    private static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.Add(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorShapeProto.Types.Dimension Dim(long size) => new() { DimValue = size };

    private static TensorShapeProto.Types.Dimension Symbol(string name) => new() { DimParam = name };

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, params TensorShapeProto.Types.Dimension[] dims)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = new TensorShapeProto() };
        tensor.Shape.Dim.Add(dims);
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }
}
