namespace ModelCompress.Engine.Tests.Config;

public sealed class PruneLimitsConfigTests
{
    [Fact]
    public void One_shot_magnitude_defaults_to_a_098_ceiling_and_dense_first_and_last_layers()
    {
        var settings = Prune("{ sparsity: 0.9 }");

        Assert.Equal(new PruneLimits(0.98, true), settings.Limits);
        Assert.Contains("max_layer_sparsity", settings.CanonicalForm, StringComparison.Ordinal);
    }

    [Fact]
    public void Lamp_ceiling_and_skip_are_read()
    {
        var settings = Prune("{ sparsity: 0.9, importance: lamp, max_layer_sparsity: 0.95, skip_first_last: false }");

        Assert.Equal((PruneImportance.Lamp, new PruneLimits(0.95, false)), (settings.Importance, settings.Limits));
        Assert.NotEqual(Prune("{ sparsity: 0.9 }").CanonicalForm, settings.CanonicalForm);
    }

    [Fact]
    public void Sparsity_above_the_ceiling_is_MC1062_at_the_sparsity()
    {
        ConfigText.SingleError(ConfigText.WithSteps("      - prune: { sparsity: 0.99 }"), "MC1062", "0.99");
    }

    [Fact]
    public void Ceiling_with_layer_scope_is_forbidden_at_the_key()
    {
        ConfigText.SingleError(ConfigText.WithSteps("      - prune: { sparsity: 0.5, scope: layer, max_layer_sparsity: 0.9 }"), "MC1018", "max_layer_sparsity");
    }

    [Fact]
    public void Lamp_or_limits_with_a_gradual_schedule_are_refused()
    {
        const string Training = "training: { epochs: 1, lr: 0.001 }";

        var lamp = ConfigText.Errors(ConfigText.WithSteps($"      - prune: {{ sparsity: 0.5, schedule: gradual, importance: lamp, {Training} }}"));
        var skip = ConfigText.Errors(ConfigText.WithSteps($"      - prune: {{ sparsity: 0.5, schedule: gradual, skip_first_last: false, {Training} }}"));

        Assert.Single(lamp);
        Assert.Equal("MC1018", Assert.Single(skip).Code);
    }

    private static PruneSettings Prune(string settings) =>
        Assert.IsType<PruneSettings>(ConfigText.Parse(ConfigText.WithSteps($"      - prune: {settings}")).Models[0].Steps[0].Settings);
}
