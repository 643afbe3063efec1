using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace ModelCompress.Torch.Tests;

public sealed class WriteBackTests
{
    [Theory]
    [InlineData("digits/digits_cnn.onnx")]
    [InlineData("digits/digits_cnn_bn.onnx")]
    [InlineData("digits/digits_mlp.onnx")]
    [InlineData("digits-wide/digits_student_small_init.onnx")]
    public void An_untrained_module_writes_back_the_same_bytes(string path)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Fixtures.TestData, path));
        var model = ModelProto.Parser.ParseFrom(bytes);
        using var module = new OnnxModule(model);

        var written = OnnxWeightWriter.WriteBack(model, module).ToByteArray();

        Assert.Equal(bytes, written);
    }

    [Fact]
    public void Trained_values_land_in_the_same_initializers_and_onnx_runtime_sees_them()
    {
        var model = Fixtures.Load("digits/digits_cnn.onnx");
        using var scope = torch.NewDisposeScope();
        using var module = new OnnxModule(model);
        var (onnxName, parameterName) = module.ParameterNames.First();
        using (torch.no_grad())
        {
            module.get_parameter(parameterName)!.mul_(0.5f);
        }

        var written = OnnxWeightWriter.WriteBack(model, module);

        var changed = written.Graph.Initializer.Zip(model.Graph.Initializer).Where(p => !p.First.Equals(p.Second)).Select(p => p.First.Name).ToList();
        Assert.Equal([onnxName], changed);
        var before = model.Graph.Initializer.Single(i => i.Name == onnxName);
        var after = written.Graph.Initializer.Single(i => i.Name == onnxName);
        Assert.Equal(before.Dims, after.Dims);
        Assert.Equal(before.DataType, after.DataType);
        Assert.Equal(before.RawData.Length, after.RawData.Length);

        // ONNX Runtime on the written model agrees with the module that produced it.
        module.eval();
        var images = Fixtures.Images("x_test", 16);
        var torchLogits = module.forward(new Dictionary<string, Tensor> { ["input"] = images })["logits"].data<float>().ToArray();
        using var session = new InferenceSession(written.ToByteArray());
        var tensor = new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(images.data<float>().ToArray(), [16, 1, 8, 8]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", tensor)]);
        var ortLogits = results.First().AsEnumerable<float>().ToArray();
        Assert.True(torchLogits.Zip(ortLogits, (a, b) => Math.Abs(a - b)).Max() < 1e-4);
    }

    [Fact]
    public void Typed_float_data_stays_typed()
    {
        var model = new GraphBuilder(13).Input("x").Output("y")
            .Floats("w", [2], [1f, 2f], raw: false)
            .Node("Mul", ["x", "w"], ["y"]).Build();
        using var module = new OnnxModule(model);
        using (torch.no_grad())
        {
            module.Initializer("w").add_(1f);
        }

        var written = OnnxWeightWriter.WriteBack(model, module).Graph.Initializer.Single();

        Assert.False(written.HasRawData);
        Assert.Equal([2f, 3f], written.FloatData);
    }
}
