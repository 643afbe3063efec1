using ModelCompress.Engine.Steps.Prepare;

namespace ModelCompress.Engine.Tests.Steps.Prepare;

/// <summary>Which step prepares the graph implicitly, with what, and what enters its cache key.</summary>
public sealed class ImplicitPreparationTests
{
    [Fact]
    public void The_first_training_step_the_first_prune_and_every_quantize_step_prepare()
    {
        var steps = Steps("""
                  - finetune: { training: { epochs: 1, lr: 0.001 } }
                  - prune: { sparsity: 0.5 }
                  - quantize: { mode: dynamic }
            """);

        var options = steps.Select(s => ImplicitPreparation.For(s, steps)).ToList();

        // Training keeps BN; weights in Constant nodes must become initializers before anything can train them.
        Assert.Equal(PreparationOptions.Default with { FoldBatchNorm = false }, options[0]);
        Assert.Equal(PreparationOptions.Default, options[1]);
        Assert.Equal(PreparationOptions.Default, options[2]);
        Assert.StartsWith(GraphPreparation.Version + ":", ImplicitPreparation.CacheKeyPart(options[1]), StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_prepare_step_takes_its_place()
    {
        var steps = Steps("""
                  - prepare: { fold_batchnorm: false }
                  - quantize: { mode: dynamic }
            """);

        Assert.All(steps, s => Assert.Null(ImplicitPreparation.For(s, steps)));
        Assert.False(PrepareRunner.OptionsOf((PrepareSettings)steps[0].Settings).FoldBatchNorm);
    }

    [Fact]
    public void Quantize_after_a_training_step_folds_the_batch_norms_training_kept()
    {
        var steps = Steps("""
                  - prune: { method: magnitude, sparsity: 0.5, schedule: gradual, training: { epochs: 1, lr: 0.001 } }
                  - finetune: { training: { epochs: 1, lr: 0.001 } }
                  - quantize: { mode: static }
            """);

        Assert.False(ImplicitPreparation.For(steps[0], steps)!.FoldBatchNorm);
        Assert.Null(ImplicitPreparation.For(steps[1], steps));
        Assert.True(ImplicitPreparation.For(steps[2], steps)!.FoldBatchNorm);
    }

    [Fact]
    public void A_step_that_trains_keeps_its_batch_norms()
    {
        var steps = Steps("""
                  - prune: { sparsity: 0.5, schedule: gradual, training: { epochs: 1, lr: 0.001 } }
            """);

        var options = ImplicitPreparation.For(steps[0], steps);

        Assert.NotNull(options);
        Assert.False(options.FoldBatchNorm);
        Assert.True(options.FoldConstants);
        Assert.NotEqual(ImplicitPreparation.CacheKeyPart(PreparationOptions.Default), ImplicitPreparation.CacheKeyPart(options));
    }

    [Fact]
    public void Prepare_settings_are_read_and_checked_with_positions()
    {
        var steps = Steps("      - prepare: { fold_constants: true, max_fold_growth_kb: 64, remove_identity: false }");
        Assert.Equal(new PrepareSettings(true, true, false, 64), steps[0].Settings);
        Assert.Equal(64 * 1024, PrepareRunner.OptionsOf((PrepareSettings)steps[0].Settings).Limits.MaxGrowthBytes);

        var forbidden = ConfigText.WithSteps("      - prepare: { fold_constants: false, max_fold_growth_kb: 64 }");
        ConfigText.SingleError(forbidden, "MC1018", "max_fold_growth_kb");
        var unknown = ConfigText.WithSteps("      - prepare: { fold_bn: false }");
        ConfigText.SingleError(unknown, "MC1004", "fold_bn");
    }

    private static IReadOnlyList<StepConfig> Steps(string yaml) => ConfigText.Parse(ConfigText.WithSteps(yaml.TrimEnd())).Models[0].Steps;
}
