namespace ModelCompress.Cli.Tests.Engine;

/// <summary>2:4 then fine-tune through the whole engine: the pipeline's N:M guard (MC3140) checks the fine-tuned model.</summary>
public sealed class NmFinetunePipelineTests(ITestOutputHelper output)
{
    private static readonly string Recipe = TrainingRecipe.For("digits_cnn.onnx", """
        - prune: { method: nm, n: 2, m: 4 }
        - finetune: { training: { epochs: 3, batch_size: 64, optimizer: adam, lr: 0.001 } }
        """);

    [Fact]
    public void Two_of_four_then_finetune_keeps_the_pattern_and_recovers_accuracy()
    {
        // A lost pattern would be MC3140 at the finetune step: success (asserted by Run) means every pruned weight still holds 2:4.
        var model = TrainingRecipe.Run("digits_cnn.onnx", Recipe, output);

        Assert.Equal(new[] { "prune.nm", "finetune" }, model.Steps.Select(s => s.RunnerKey));
        Assert.Equal(model.Steps[0].Metrics!.NonZeroParameters, model.Steps[1].Metrics!.NonZeroParameters);
        Assert.True(model.Compressed!.Accuracy >= 0.97, $"top-1 after 2:4 + finetune {model.Compressed.Accuracy}");
    }
}
