namespace ModelCompress.Engine.Tests.Config;

public sealed class ChannelPruneConfigTests
{
    [Fact]
    public void Channel_method_reads_its_keys_and_defaults_to_layer_scope_l1_no_rounding()
    {
        var full = (ChannelPruneSettings)ConfigText.Parse(ConfigText.WithSteps(
            "      - prune: { method: channel, sparsity: 0.5, importance: bn_scale, scope: global, round_to: 8, min_channels: 4, exclude: [a] }"))
            .Models[0].Steps[0].Settings;
        var plain = (ChannelPruneSettings)ConfigText.Parse(ConfigText.WithSteps("      - prune: { method: channel, sparsity: 0.25 }"))
            .Models[0].Steps[0].Settings;

        Assert.Equal(new ChannelPruneSettings(0.5, PruneScope.Global, PruneImportance.Bn_Scale, 8, 4, [], ["a"]) with { Exclude = full.Exclude }, full);
        Assert.Equal("prune.channel", StepKinds.Of(full).Name);
        Assert.False(StepKinds.Of(full).RequiresTraining);
        Assert.Equal((PruneScope.Layer, PruneImportance.L1, 1, (int?)null), (plain.Scope, plain.Importance, plain.RoundTo, plain.MinChannels));
        Assert.NotEqual(full.CanonicalForm, plain.CanonicalForm);
    }

    [Theory]
    [InlineData("round_to: 0", "MC1050", "0 }")]
    [InlineData("min_channels: 0", "MC1051", "0 }")]
    [InlineData("importance: taylor", "MC1052", "taylor")]
    [InlineData("schedule: gradual", "MC1053", "gradual")]
    public void Bad_channel_settings_are_one_error_at_their_value(string setting, string code, string needle)
    {
        var yaml = ConfigText.WithSteps($"      - prune: {{ method: channel, sparsity: 0.5, {setting} }}");

        var error = ConfigText.SingleError(yaml, code, needle);

        Assert.Contains(code == "MC1052" ? "gradual schedules" : setting.Split(':')[0], error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("round_to: 8", "round_to")]
    [InlineData("importance: bn_scale", "bn_scale")]
    public void Channel_only_settings_are_refused_for_unstructured_pruning(string setting, string needle)
    {
        var yaml = ConfigText.WithSteps($"      - prune: {{ sparsity: 0.5, {setting} }}");

        ConfigText.SingleError(yaml, "MC1054", needle);
    }
}
