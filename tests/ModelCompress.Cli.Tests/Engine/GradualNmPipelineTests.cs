namespace ModelCompress.Cli.Tests.Engine;

/// <summary>Gradual 2:4 then fine-tune through the whole engine: the N:M guard records the gradual step's weights (MC3140 if lost).</summary>
public sealed class GradualNmPipelineTests(ITestOutputHelper output)
{
    private static readonly string Recipe = TrainingRecipe.For("digits_cnn.onnx", """
        - prune: { method: nm, n: 2, m: 4, schedule: gradual, training: { epochs: 4, batch_size: 64, optimizer: adam, lr: 0.001 } }
        - finetune: { training: { epochs: 1, batch_size: 64, optimizer: adam, lr: 0.001 } }
        """);

    [Fact]
    public void Gradual_two_of_four_is_guarded_through_a_later_finetune()
    {
        var model = TrainingRecipe.Run("digits_cnn.onnx", Recipe, output);

        Assert.Equal(new[] { "prune.nm.gradual", "finetune" }, model.Steps.Select(s => s.RunnerKey));
        Assert.Equal(model.Steps[0].Metrics!.NonZeroParameters, model.Steps[1].Metrics!.NonZeroParameters);
        Assert.True(model.Compressed!.Accuracy >= 0.97, $"top-1 after gradual 2:4 + finetune {model.Compressed.Accuracy}");
    }
}
