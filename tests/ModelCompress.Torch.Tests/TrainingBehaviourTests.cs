using static TorchSharp.torch;

namespace ModelCompress.Torch.Tests;

public sealed class TrainingBehaviourTests
{
    [Fact]
    public void Every_float_initializer_of_the_cnn_is_a_parameter_with_a_gradient()
    {
        var model = Fixtures.Load("digits/digits_cnn.onnx");
        using var scope = torch.NewDisposeScope();
        using var module = new OnnxModule(model);
        module.train();

        var logits = module.forward(new Dictionary<string, Tensor> { ["input"] = Fixtures.Images("x_train", 64) })["logits"];
        var loss = nn.functional.cross_entropy(logits, Fixtures.Labels("y_train", 64));
        loss.backward();

        var floatInitializers = model.Graph.Initializer.Where(i => i.DataType == 1).Select(i => i.Name).ToList();
        Assert.Equal(floatInitializers.Order(), module.ParameterNames.Keys.Order());
        Assert.Equal(56_394L, module.parameters().Sum(p => p.numel())); // digits_cnn.json: parameter_count (BN folded)
        foreach (var (onnxName, name) in module.ParameterNames)
        {
            var grad = module.get_parameter(name)!.grad;
            Assert.True(grad is not null, $"{onnxName} has no gradient");
            Assert.True(grad.abs().sum().item<float>() > 0, $"{onnxName} has an all-zero gradient");
        }
    }

    [Fact]
    public void Batch_norm_running_statistics_update_in_train_mode_only()
    {
        var model = Fixtures.Load("digits/digits_cnn_bn.onnx");
        using var scope = torch.NewDisposeScope();
        using var module = new OnnxModule(model);
        var bn = model.Graph.Node.First(n => n.OpType == "BatchNormalization");
        var (meanName, varName) = (bn.Input[3], bn.Input[4]);
        Assert.Contains(meanName, module.BufferNames.Keys);
        Assert.DoesNotContain(meanName, module.ParameterNames.Keys);
        Assert.Contains(bn.Input[1], module.ParameterNames.Keys);
        var mean0 = module.Initializer(meanName).clone();
        var var0 = module.Initializer(varName).clone();
        var images = Fixtures.Images("x_train", 128);

        module.eval();
        module.forward(new Dictionary<string, Tensor> { ["input"] = images });
        Assert.True(module.Initializer(meanName).equal(mean0).all().item<bool>(), "eval mode changed the running mean");

        module.train();
        using (torch.no_grad())
        {
            module.forward(new Dictionary<string, Tensor> { ["input"] = images });
        }

        var moved = (module.Initializer(meanName) - mean0).abs().max().item<float>();
        var movedVar = (module.Initializer(varName) - var0).abs().max().item<float>();
        Assert.True(moved > 1e-4, $"running mean moved only {moved}");
        Assert.True(movedVar > 1e-4, $"running var moved only {movedVar}");
    }

    [Fact]
    public void Dropout_drops_and_rescales_in_train_mode_and_passes_through_in_eval()
    {
        var model = new GraphBuilder(13).Input("x").Output("y").Floats("ratio", [], [0.5f]).Node("Dropout", ["x", "ratio"], ["y"]).Build();
        using var scope = torch.NewDisposeScope();
        using var module = new OnnxModule(model);
        var x = torch.ones(10_000);
        torch.manual_seed(0);

        module.train();
        var trained = module.forward(new Dictionary<string, Tensor> { ["x"] = x })["y"];
        module.eval();
        var evaluated = module.forward(new Dictionary<string, Tensor> { ["x"] = x })["y"];

        var zeros = trained.eq(0).sum().item<long>();
        Assert.InRange(zeros, 4_500, 5_500);
        Assert.Equal(10_000 - zeros, trained.eq(2).sum().item<long>());
        Assert.Equal(10_000L, evaluated.eq(1).sum().item<long>());
        Assert.Empty(module.ParameterNames);
    }

    [Fact]
    public void Intermediate_values_can_be_returned_for_distillation()
    {
        var model = Fixtures.Load("digits/digits_cnn.onnx");
        var pooled = model.Graph.Node.Single(n => n.OpType == "GlobalAveragePool").Output[0];
        using var scope = torch.NewDisposeScope();
        using var module = new OnnxModule(model);
        module.eval();

        var outputs = module.Run(new Dictionary<string, Tensor> { ["input"] = Fixtures.Images("x_test", 5) }, [pooled]);

        Assert.Equal([5L, 64L, 1L, 1L], outputs[pooled].shape);
        Assert.Equal([5L, 10L], outputs["logits"].shape);
    }
}
