namespace ModelCompress.Cli.Tests.Engine;

/// <summary>The README's training recipe through the whole engine: gradual pruning with KD, distill, then fine-tune.</summary>
public sealed class TrainingPipelineTests(ITestOutputHelper output)
{
    private static readonly string Recipe = TrainingRecipe.For("digits_cnn.onnx", """
        - prune: { method: magnitude, sparsity: 0.9, scope: global, schedule: gradual,
                   training: { epochs: 10, batch_size: 64, optimizer: adam, lr: 0.001, lr_schedule: cosine,
                               distill: { temperature: 4, alpha: 0.7 } } }
        - distill: { teacher: original, temperature: 4, alpha: 0.7, training: { epochs: 5, lr: 0.0005 } }
        - finetune: { training: { epochs: 3, lr: 0.0001 } }
        """, "accuracy: { metric: top1, max_drop: 0.01 }");

    [Fact]
    public void Ninety_percent_sparse_digits_cnn_stays_within_a_point_and_keeps_its_zeros()
    {
        var model = TrainingRecipe.Run("digits_cnn.onnx", Recipe, output);

        var sparsities = model.Steps.Select(s => s.Metrics!.NonZeroParameters).Distinct().ToList();
        Assert.Single(sparsities);
        Assert.Contains(model.Steps[0].Facts, f => f.Key == "sparsity" && f.Value == "0.9000");
        Assert.True(model.Compressed!.Accuracy >= 0.985, $"top-1 {model.Compressed.Accuracy}");
        Assert.Equal(new[] { "prune.gradual", "distill", "finetune" }, model.Steps.Select(s => s.RunnerKey));
    }
}
