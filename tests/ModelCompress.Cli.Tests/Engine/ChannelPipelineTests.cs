namespace ModelCompress.Cli.Tests.Engine;

/// <summary>One-shot channel pruning followed by the training steps, through the whole engine.</summary>
public sealed class ChannelPipelineTests(ITestOutputHelper output)
{
    private static readonly string Recipe = TrainingRecipe.For("digits_cnn_bn.onnx", """
        - prune: { method: channel, sparsity: 0.5, importance: bn_scale, round_to: 8 }
        - distill: { teacher: original, temperature: 4, alpha: 0.7, training: { epochs: 8, lr: 0.002, lr_schedule: cosine, early_stop: false } }
        - finetune: { training: { epochs: 1, lr: 0.0001, early_stop: false } }
        """, "accuracy: { metric: top1, max_drop: 0.02 }");

    [Fact]
    public void Half_the_channels_removed_then_distilled_stays_within_two_points_at_a_third_of_the_size()
    {
        var model = TrainingRecipe.Run("digits_cnn_bn.onnx", Recipe, output);

        Assert.Equal(["prune.channel", "distill", "finetune"], model.Steps.Select(s => s.RunnerKey));
        Assert.Contains(model.Steps[0].Facts, f => f.Key == "channels removed" && f.Value == "80/160");
        Assert.True(model.Compressed!.SizeBytes * 3 < model.Original!.SizeBytes, $"{model.Compressed.SizeBytes} vs {model.Original.SizeBytes} bytes");
        Assert.Single(model.Steps.Select(s => s.Metrics!.Parameters).Distinct());
        Assert.True(model.Compressed.Accuracy >= 0.975, $"top-1 {model.Compressed.Accuracy}");
    }
}
