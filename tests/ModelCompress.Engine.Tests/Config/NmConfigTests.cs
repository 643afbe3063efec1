namespace ModelCompress.Engine.Tests.Config;

public sealed class NmConfigTests
{
    [Fact]
    public void Nm_defaults_to_two_of_four_and_needs_no_sparsity()
    {
        var config = ConfigText.Parse(ConfigText.WithSteps("      - prune: { method: nm }"));

        var settings = Assert.IsType<NmPruneSettings>(config.Models[0].Steps[0].Settings);
        Assert.Equal((2, 4, 0.5), (settings.N, settings.M, settings.Sparsity));
        Assert.Equal("prune.nm", StepKinds.Of(settings).Name);
    }

    [Theory]
    [InlineData("n: 4, m: 4", "MC1060", "4, m")]
    [InlineData("n: 5, m: 4", "MC1060", "5")]
    [InlineData("n: 2, m: 6", "MC1061", "6")]
    [InlineData("n: 2, m: 32", "MC1061", "32")]
    public void Bad_n_or_m_is_one_error_at_the_yaml_value(string nm, string code, string needle)
    {
        var yaml = ConfigText.WithSteps($"      - prune: {{ method: nm, {nm} }}");

        ConfigText.SingleError(yaml, code, needle);
    }

    [Fact]
    public void Sparsity_with_nm_and_n_with_magnitude_are_forbidden_at_the_key()
    {
        ConfigText.SingleError(ConfigText.WithSteps("      - prune: { method: nm, sparsity: 0.5 }"), "MC1018", "sparsity");
        ConfigText.SingleError(ConfigText.WithSteps("      - prune: { sparsity: 0.5, n: 2 }"), "MC1018", "n: 2");
    }

    [Fact]
    public void Gradual_nm_reads_its_training_block_and_is_a_training_kind()
    {
        var config = ConfigText.Parse(ConfigText.WithSteps("      - prune: { method: nm, n: 2, m: 4, schedule: gradual, training: { epochs: 4, lr: 0.001 } }"));

        var settings = Assert.IsType<NmPruneSettings>(config.Models[0].Steps[0].Settings);
        Assert.Equal((2, 4, PruneSchedule.Gradual, 4), (settings.N, settings.M, settings.Schedule, settings.Training!.Epochs));
        Assert.Equal("prune.nm.gradual", StepKinds.Of(settings).Name);
        Assert.True(StepKinds.Of(settings).RequiresTraining);
        Assert.Contains("schedule", settings.CanonicalForm, StringComparison.Ordinal);
    }

    [Fact]
    public void Gradual_nm_without_training_is_one_error_at_the_schedule_line()
    {
        ConfigText.SingleError(ConfigText.WithSteps("      - prune: { method: nm, n: 2, m: 4, schedule: gradual }"), "MC1017", "schedule");
    }

    [Fact]
    public void Oneshot_nm_with_training_is_forbidden_at_the_key()
    {
        ConfigText.SingleError(ConfigText.WithSteps("      - prune: { method: nm, training: { epochs: 1, lr: 0.001 } }"), "MC1018", "training");
    }
}
