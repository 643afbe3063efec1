using static TorchSharp.torch;

namespace ModelCompress.Torch.Tests;

public sealed class LifetimeTests
{
    [Fact]
    public void Repeated_forward_calls_leak_no_tensors()
    {
        using var module = new OnnxModule(Fixtures.Load("digits/digits_cnn_bn.onnx"));
        using var input = Fixtures.Images("x_test", 32);
        var feed = new Dictionary<string, Tensor> { ["input"] = input };
        module.train();
        Step(module, feed);

        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var i = 0; i < 20; i++)
        {
            Step(module, feed);
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);

        // The counter does see live tensors, so the equality above is not vacuous.
        using var probe = torch.ones(1);
        Assert.Equal(before + 1, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Forward_outputs_belong_to_the_callers_scope()
    {
        using var module = new OnnxModule(Fixtures.Load("digits/digits_mlp.onnx"));
        module.eval();
        using var input = Fixtures.Images("x_test", 4);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        using (torch.NewDisposeScope())
        {
            var logits = module.forward(new Dictionary<string, Tensor> { [module.InputNames[0]] = input })[module.OutputNames[0]];
            Assert.Equal([4L, 10L], logits.shape);
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.False(input.IsInvalid);
    }

    private static void Step(OnnxModule module, Dictionary<string, Tensor> feed)
    {
        using var scope = torch.NewDisposeScope();
        module.zero_grad();
        var logits = module.forward(feed)["logits"];
        logits.sum().backward();
    }
}
