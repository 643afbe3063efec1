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
    public void Bad_channel_settings_are_one_error_at_their_value(string setting, string code, string needle)
    {
        var yaml = ConfigText.WithSteps($"      - prune: {{ method: channel, sparsity: 0.5, {setting} }}");

        var error = ConfigText.SingleError(yaml, code, needle);

        Assert.Contains(setting.Split(':')[0], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gradual_channel_pruning_reads_its_training_block_and_needs_libtorch()
    {
        var gradual = (ChannelPruneSettings)ConfigText.Parse(ConfigText.WithSteps(
            $"      - prune: {{ method: channel, sparsity: 0.5, schedule: gradual, importance: taylor, {Training} }}")).Models[0].Steps[0].Settings;
        var taylor = (ChannelPruneSettings)ConfigText.Parse(ConfigText.WithSteps("      - prune: { method: channel, sparsity: 0.5, importance: taylor }"))
            .Models[0].Steps[0].Settings;

        Assert.Equal((PruneSchedule.Gradual, PruneImportance.Taylor, 3), (gradual.Schedule, gradual.Importance, gradual.Training!.Epochs));
        Assert.Equal(("prune.channel.gradual", true), (StepKinds.Of(gradual).Name, StepKinds.Of(gradual).RequiresTraining));
        Assert.Equal(("prune.channel.taylor", true), (StepKinds.Of(taylor).Name, StepKinds.Of(taylor).RequiresTraining));
        Assert.Equal(["train"], StepKinds.Of(taylor).DataSections(taylor));
        Assert.Null(taylor.Training);
        Assert.Contains("training", gradual.CanonicalForm, StringComparison.Ordinal);
        Assert.DoesNotContain("schedule", taylor.CanonicalForm, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schedule: gradual", "MC1017", "schedule")]
    [InlineData("schedule: gradual, training: { epochs: 3, lr: 0.001 }, sparsity_auto", "MC1031", "gradual")]
    [InlineData("importance: taylor, sparsity_auto", "MC1032", "taylor")]
    [InlineData("training: { epochs: 3, lr: 0.001 }", "MC1018", "training")]
    public void Bad_gradual_or_taylor_channel_settings_are_one_error_at_their_line(string setting, string code, string needle)
    {
        var keys = setting.Contains("sparsity_auto", StringComparison.Ordinal)
            ? "sparsity: auto, target: { macs_ratio: 0.5 }, " + setting.Replace(", sparsity_auto", string.Empty, StringComparison.Ordinal)
            : "sparsity: 0.5, " + setting;
        var yaml = ConfigText.WithSteps($"      - prune: {{ method: channel, {keys} }}");

        ConfigText.SingleError(yaml, code, needle);
    }

    [Theory]
    [InlineData("importance: taylor", "MC1030", "taylor")]
    [InlineData("schedule: gradual, training: { epochs: 3, lr: 0.001 }", "MC1020", "training")]
    public void Channel_pruning_that_needs_gradients_without_a_train_split_is_one_error_at_its_line(string setting, string code, string needle)
    {
        var yaml = ConfigText.WithSteps($"      - prune: {{ method: channel, sparsity: 0.5, {setting} }}")
            .Replace("      train: { inputs: { input: x_train }, labels: y_train }\n", string.Empty, StringComparison.Ordinal);

        var error = ConfigText.SingleError(yaml, code, needle);

        Assert.Contains("train", error.Message, StringComparison.Ordinal);
    }

    private const string Training = "training: { epochs: 3, lr: 0.001, distill: { temperature: 4, alpha: 0.7 } }";

    [Theory]
    [InlineData("round_to: 8", "round_to")]
    [InlineData("importance: bn_scale", "bn_scale")]
    public void Channel_only_settings_are_refused_for_unstructured_pruning(string setting, string needle)
    {
        var yaml = ConfigText.WithSteps($"      - prune: {{ sparsity: 0.5, {setting} }}");

        ConfigText.SingleError(yaml, "MC1054", needle);
    }
}
