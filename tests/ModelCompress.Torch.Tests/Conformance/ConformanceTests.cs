using ModelCompress.Torch.Onnx;
using static TorchSharp.torch;

namespace ModelCompress.Torch.Tests.Conformance;

/// <summary>
/// ONNX's own operator conformance cases (tests/TestData/onnx-node-tests, see its README for the cases left
/// out and why): each model runs through <see cref="OnnxModule"/> in eval mode and must match the reference
/// outputs within rtol 1e-3 / atol 1e-5.
/// </summary>
public sealed class ConformanceTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "TestData", "onnx-node-tests");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Root).Where(d => File.Exists(Path.Combine(d, "model.onnx"))).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Fact]
    public void The_suite_is_there()
    {
        Assert.True(Cases().Count >= 300, $"only {Cases().Count} conformance cases under {Root}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_onnx_reference(string name)
    {
        var dir = Path.Combine(Root, name);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(dir, "model.onnx")));
        var data = Path.Combine(dir, "test_data_set_0");
        using var scope = torch.NewDisposeScope();
        using var module = new OnnxModule(model);
        module.eval();

        var inputs = new Dictionary<string, Tensor>();
        for (var i = 0; File.Exists(Path.Combine(data, $"input_{i}.pb")); i++)
        {
            inputs[model.Graph.Input[i].Name] = TensorProtoConverter.ToTorch(ReadTensor(Path.Combine(data, $"input_{i}.pb")));
        }

        var outputs = module.forward(inputs);

        var count = 0;
        for (var i = 0; File.Exists(Path.Combine(data, $"output_{i}.pb")); i++, count++)
        {
            var expectedProto = ReadTensor(Path.Combine(data, $"output_{i}.pb"));
            var expected = TensorProtoConverter.ToTorch(expectedProto);
            TensorAssert.Close(expected, outputs[model.Graph.Output[i].Name], rtol: 1e-3, atol: 1e-5, $"{name} output {i}");
        }

        Assert.True(count > 0, $"{name} has no expected outputs");
    }

    private static TensorProto ReadTensor(string path) => TensorProto.Parser.ParseFrom(File.ReadAllBytes(path));
}
