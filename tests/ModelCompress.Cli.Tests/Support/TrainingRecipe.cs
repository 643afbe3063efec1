namespace ModelCompress.Cli.Tests.Support;

/// <summary>
/// The digits config that training pipelines share: test rows judged, x_train to train on, x_calib to pick epochs
/// (never the test rows), quick evaluation. Tests name only the model, the steps and the budgets.
/// </summary>
internal static class TrainingRecipe
{
    /// <param name="source">The fixture under models/, e.g. digits_cnn.onnx.</param>
    /// <param name="steps">The step lines, each starting with "- ".</param>
    /// <param name="budgets">Lines under <c>budgets:</c>; none when empty.</param>
    public static string For(string source, string steps, string budgets = "") =>
        DigitsYaml.For(steps, budgets, source, DigitsYaml.TrainingData) + "\n";

    /// <summary>
    /// Runs a recipe through the whole engine in a fresh project that holds <paramref name="source"/>, asserts that it
    /// succeeded, and logs each step's metrics (training runs are long: the log says where accuracy went).
    /// </summary>
    public static ModelReport Run(string source, string recipe, ITestOutputHelper output)
    {
        using var project = new TempProject();
        var model = project.PathOf("models/" + source);
        if (!File.Exists(model))
        {
            File.Copy(TempProject.Fixture(source), model);
        }

        project.WriteConfig(recipe);

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        var report = outcome.Report!.Models[0];
        foreach (var step in report.Steps)
        {
            var m = step.Metrics!;
            output.WriteLine($"after {step.Kind} ({step.RunnerKey}): top-1 {m.Accuracy:0.0000}, sparsity {m.Sparsity:0.0000}, {m.SizeBytes} bytes, {m.Parameters} parameters");
        }

        return report;
    }
}
