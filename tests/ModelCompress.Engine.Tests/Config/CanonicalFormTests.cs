namespace ModelCompress.Engine.Tests.Config;

/// <summary>CanonicalForm enters the cache key: it must move with values and only with values.</summary>
public sealed class CanonicalFormTests
{
    private static string Canonical(string step, int index = 0) =>
        ConfigText.Parse(ConfigText.WithSteps(step)).Models[0].Steps[index].Settings.CanonicalForm;

    [Fact]
    public void Oneshot_prune_has_a_stable_text_with_defaults_filled_in()
    {
        Assert.Equal(
            "prune{exclude=[];importance=magnitude;include=[];limits=limits{max_layer_sparsity=0.98;skip_first_last=true};method=magnitude;schedule=oneshot;scope=global;sparsity=0.5}",
            Canonical("      - prune: { sparsity: 0.5 }"));
    }

    [Fact]
    public void Quantize_sorts_unordered_lists()
    {
        Assert.Equal(
            "quantize{exclude=[\"a\",\"b\"];include=[];mode=dynamic;ops=[\"Conv\",\"MatMul\"];per_channel=true}",
            Canonical("      - quantize: { mode: dynamic, ops: [MatMul, Conv, MatMul], exclude: [b, a] }"));
    }

    [Fact]
    public void Key_order_whitespace_number_spelling_and_flow_style_do_not_change_it()
    {
        var flow = Canonical("      - prune: { sparsity: 0.5, scope: layer, exclude: [x, y] }");
        var block = Canonical("""
                  - prune:
                      exclude:
                        - y
                        - x
                      scope:    layer   # per tensor
                      sparsity: 0.50
            """);

        Assert.Equal(flow, block);
    }

    [Fact]
    public void Explicit_defaults_give_the_same_text_as_omitted_ones()
    {
        Assert.Equal(
            Canonical("      - prune: { sparsity: 0.5 }"),
            Canonical("      - prune: { sparsity: 0.5, method: magnitude, scope: global, schedule: oneshot, importance: magnitude }"));
    }

    [Theory]
    [InlineData("      - prune: { sparsity: 0.6 }")]
    [InlineData("      - prune: { sparsity: 0.5, scope: layer }")]
    [InlineData("      - prune: { sparsity: 0.5, include: [conv1] }")]
    public void Any_changed_value_changes_it(string changed)
    {
        Assert.NotEqual(Canonical("      - prune: { sparsity: 0.5 }"), Canonical(changed));
    }

    [Fact]
    public void Training_text_includes_its_seed_defaulting_to_the_model_seed()
    {
        const string Step = "      - finetune: { training: { epochs: 2, lr: 0.001 } }";
        var seed0 = Canonical(Step);
        var seed7 = ConfigText.Parse(ConfigText.WithSteps(Step, "    seed: 7\n")).Models[0].Steps[0].Settings.CanonicalForm;

        Assert.Contains("seed=0", seed0, StringComparison.Ordinal);
        Assert.Contains("seed=7", seed7, StringComparison.Ordinal);
        Assert.Equal(seed7, Canonical("      - finetune: { training: { epochs: 2, lr: 0.001, seed: 7 } }"));
    }

    [Fact]
    public void Early_stop_budget_enters_the_text_only_while_early_stop_is_on()
    {
        const string Budget = "    budgets: { accuracy: { max_drop: 0.01 } }\n";
        string Text(string step) => ConfigText.Parse(ConfigText.WithSteps(step, Budget)).Models[0].Steps[0].Settings.CanonicalForm;

        Assert.Contains("early_stop_budget=accuracy{max_drop=0.01;metric=top1}", Text("      - finetune: { training: { epochs: 2, lr: 0.001 } }"), StringComparison.Ordinal);
        Assert.DoesNotContain("early_stop_budget", Text("      - finetune: { training: { epochs: 2, lr: 0.001, early_stop: false } }"), StringComparison.Ordinal);
    }

    [Fact]
    public void Distill_keeps_teacher_path_as_written_and_feature_order()
    {
        var text = Canonical("""
                  - distill:
                      teacher: ./digits_cnn_bn.onnx
                      features: [{ teacher: a, student: b }, { teacher: c, student: d }]
                      training: { epochs: 1, lr: 0.01 }
            """);

        Assert.Contains("teacher=\"./digits_cnn_bn.onnx\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(ConfigText.FixtureFolder, text, StringComparison.Ordinal);
        Assert.Contains("features=[pair{student=\"b\";teacher=\"a\"},pair{student=\"d\";teacher=\"c\"}]", text, StringComparison.Ordinal);
        Assert.StartsWith("distill{alpha=0.7;", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Irrelevant_optimizer_settings_stay_out_of_the_text()
    {
        var text = Canonical("      - finetune: { training: { epochs: 2, lr: 0.001 } }");

        Assert.DoesNotContain("momentum", text, StringComparison.Ordinal);
        Assert.DoesNotContain("step_size", text, StringComparison.Ordinal);
        Assert.Equal(typeof(FinetuneSettings), ConfigText.Parse(ConfigText.WithSteps("      - finetune: { training: { epochs: 2, lr: 0.001 } }")).Models[0].Steps[0].Settings.GetType());
    }
}
