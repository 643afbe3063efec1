using ModelCompress.Engine.Config.Reading;

namespace ModelCompress.Engine.Tests.Steps;

public sealed class StepKindTests
{
    [Fact]
    public void Kinds_have_unique_names_and_every_yaml_step_key_has_a_reader()
    {
        Assert.Equal(StepKinds.All.Count, StepKinds.All.Select(k => k.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(
            ConfigKeys.For(ConfigKeys.Step).Order(StringComparer.Ordinal),
            StepKinds.All.Select(k => k.YamlKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        Assert.All(ConfigKeys.For(ConfigKeys.Step), key => Assert.NotNull(StepKinds.ReaderFor(key)));
        Assert.Null(StepKinds.ReaderFor("prunee"));
    }

    [Fact]
    public void Graph_steps_bind_every_kind_that_does_not_train_and_only_those()
    {
        var bound = GraphSteps.Runners().Select(b => b.Kind).ToList();

        Assert.Equal(StepKinds.All.Where(k => !k.RequiresTraining), bound);
        Assert.All(GraphSteps.Runners(), b => Assert.Contains(
            b.Runner.GetType().GetInterfaces(), i => i.IsGenericType && i.GetGenericArguments()[0] == b.Kind.SettingsType));
    }

    [Fact]
    public void Every_parsed_step_belongs_to_exactly_one_kind_and_keeps_its_cache_key_facts()
    {
        var config = ConfigText.Parse(ConfigText.WithSteps("""
                  - prepare: {}
                  - prune: { sparsity: 0.5 }
                  - prune: { method: channel, sparsity: 0.25 }
                  - prune: { method: nm, n: 2, m: 4 }
                  - prune: { method: neurons, sparsity: 0.25 }
                  - prune: { method: heads, sparsity: 0.25 }
                  - quantize: { mode: static }
            """));
        var steps = config.Models[0].Steps;

        Assert.All(steps, s => Assert.Single(StepKinds.All, k => k.Describes(s.Settings)));
        Assert.Equal(
            ["prepare", "prune.oneshot", "prune.channel", "prune.nm", "prune.neurons", "prune.heads", "quantize.static"],
            steps.Select(s => StepKinds.Of(s.Settings).Name));
        // These lists enter the step cache keys: they are what IStepSettings.DataSections returned before kinds existed.
        Assert.Equal(["calibration", "evaluation", "validation"], StepKinds.Of(steps[^1].Settings).DataSections(steps[^1].Settings));
        Assert.Equal(["calibration"], StepKinds.Of(steps[1].Settings).DataSections(steps[1].Settings));
        Assert.Equal(["train", "validation"], StepKinds.GradualPrune.DataSections(((PruneSettings)steps[1].Settings) with { Schedule = PruneSchedule.Gradual }));
        var quantize = (StaticQuantizeSettings)steps[^1].Settings;
        Assert.True(StepKinds.StaticQuantize.ReadsAccuracyBudget(quantize));
        Assert.False(StepKinds.StaticQuantize.ReadsAccuracyBudget(quantize with { FallbackMaxNodes = 0 }));
        Assert.False(StepKinds.Of(steps[1].Settings).ReadsAccuracyBudget(steps[1].Settings));
    }

    [Fact]
    public void A_registry_without_a_kind_reports_MC3050_with_the_kind_name()
    {
        var config = ConfigText.Parse(ConfigText.WithSteps("      - prune: { sparsity: 0.5 }"));
        var registry = new StepRegistry(GraphSteps.Runners().Where(b => b.Kind != StepKinds.MagnitudePrune));

        var error = Assert.Throws<ModelCompress.Engine.Diagnostics.CompressionException>(() => registry.Resolve(config.Models[0].Steps[0]));
        Assert.Equal("MC3050", Assert.Single(error.Diagnostics).Code);
        Assert.Contains("'prune.oneshot'", error.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new StepRegistry([.. GraphSteps.Runners(), .. GraphSteps.Runners().Take(1)]));
    }
}
