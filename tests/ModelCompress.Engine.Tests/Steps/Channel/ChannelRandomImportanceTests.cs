using ModelCompress.Onnx.Dependencies;

namespace ModelCompress.Engine.Tests.Steps.Channel;

public sealed class ChannelRandomImportanceTests
{
    /// <summary>
    /// The random order must be a function of the seed alone, the same in every process (a per-process hash seed
    /// would make one config prune different channels on each build while its cache key stays the same).
    /// The expected first score is System.Random's seeded sequence for 7 × 1,000,003 + group 0 = 7,000,021; HashCode.Combine
    /// would give another seed in every process.
    /// </summary>
    [Fact]
    public void Random_scores_depend_only_on_the_seed_and_group()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));
        var group = ChannelDependencies.Build(model).Groups[0];

        var scores = ChannelImportance.Score(model.Graph, group, PruneImportance.Random, seed: 7)!;

        Assert.Equal(0, group.Id);
        Assert.Equal(new System.Random(7_000_021).NextDouble(), scores[0]);
    }
}
