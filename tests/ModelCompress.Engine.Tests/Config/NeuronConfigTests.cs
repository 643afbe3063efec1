namespace ModelCompress.Engine.Tests.Config;

public sealed class NeuronConfigTests
{
    [Fact]
    public void Neurons_reads_a_sparsity_and_runs_on_the_graph()
    {
        var settings = Assert.IsType<NeuronPruneSettings>(
            ConfigText.Parse(ConfigText.WithSteps("      - prune: { method: neurons, sparsity: 0.25, exclude: [fc2] }")).Models[0].Steps[0].Settings);

        Assert.Equal((0.25, "prune.neurons", false), (settings.Sparsity, StepKinds.Of(settings).Name, StepKinds.Of(settings).RequiresTraining));
        Assert.Equal(["fc2"], settings.Exclude);
    }

    [Fact]
    public void Heads_reads_like_neurons_with_its_own_runner()
    {
        var settings = Assert.IsType<NeuronPruneSettings>(
            ConfigText.Parse(ConfigText.WithSteps("      - prune: { method: heads, sparsity: 0.5 }")).Models[0].Steps[0].Settings);

        Assert.Equal((PruneMethod.Heads, "prune.heads"), (settings.Method, StepKinds.Of(settings).Name));
        Assert.Contains("method=heads", settings.CanonicalForm, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ method: neurons }", "MC1006", "prune")]
    [InlineData("{ method: neurons, sparsity: 0.5, scope: layer }", "MC1018", "scope")]
    [InlineData("{ method: neurons, sparsity: 0.5, m: 4 }", "MC1018", "m: 4")]
    public void Bad_neurons_settings_are_one_error_at_the_key(string settings, string code, string needle)
    {
        var yaml = ConfigText.WithSteps($"      - prune: {settings}");

        var error = Assert.Single(ConfigText.Errors(yaml));
        Assert.Equal(code, error.Code);
        Assert.Equal(ConfigText.Locate(yaml, needle).Line, error.Position!.Value.Line);
    }
}
