namespace ModelCompress.Cli.Tests.Support;

public sealed class TrainingRecipeTests
{
    [Fact]
    public void The_recipe_reads_back_with_its_steps_budget_and_validation_rows()
    {
        using var project = new TempProject();
        var yaml = TrainingRecipe.For("digits_cnn.onnx", """
            - prune: { method: nm, n: 2, m: 4 }
            - finetune: { training: { epochs: 1, lr: 0.001 } }
            """, "accuracy: { metric: top1, max_drop: 0.02 }");

        var model = Assert.Single(ConfigLoader.Parse(yaml, project.ConfigPath).Models);

        Assert.Equal(["prune", "finetune"], model.Steps.Select(s => s.Kind));
        Assert.Equal(0.02, model.Budgets.Accuracy!.MaxDrop);
        Assert.EndsWith("digits_cnn.onnx", model.SourcePath, StringComparison.Ordinal);
        Assert.Contains("validation: { inputs: { input: x_calib }, labels: y_calib }", yaml, StringComparison.Ordinal);
    }
}
