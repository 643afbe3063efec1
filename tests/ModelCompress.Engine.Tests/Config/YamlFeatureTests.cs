namespace ModelCompress.Engine.Tests.Config;

public sealed class YamlFeatureTests
{
    [Fact]
    public void Anchors_aliases_and_merge_keys_share_settings_between_steps()
    {
        var yaml = ConfigText.WithSteps("""
                  - prune: { sparsity: 0.5, schedule: gradual, training: &train { epochs: 2, lr: 0.01 } }
                  - finetune: { training: { <<: *train, epochs: 1 } }
            """);

        var steps = ConfigText.Parse(yaml).Models[0].Steps;

        Assert.Equal(2, ((PruneSettings)steps[0].Settings).Training!.Epochs);
        var finetune = ((FinetuneSettings)steps[1].Settings).Training;
        Assert.Equal((1, 0.01), (finetune.Epochs, finetune.Lr));
    }

    [Fact]
    public void Duplicate_model_input_binding_is_reported()
    {
        var yaml = ConfigText.WithSteps("      - prune: { sparsity: 0.5 }")
            .Replace("inputs: { input: x_test }", "inputs: { input: x_test, input: x_calib }", StringComparison.Ordinal);

        ConfigText.SingleError(yaml, "MC1003", "input: x_calib");
    }

    [Fact]
    public void Several_documents_are_refused()
    {
        var yaml = ConfigText.WithSteps("      - prune: { sparsity: 0.5 }") + "\n---\nversion: 1\n";

        ConfigText.SingleError(yaml, "MC1021", "---");
    }
}
