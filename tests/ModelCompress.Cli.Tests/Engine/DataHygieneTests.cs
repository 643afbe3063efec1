namespace ModelCompress.Cli.Tests.Engine;

/// <summary>
/// Data that would give a quietly wrong answer: evaluation rows steering training, labels out of range, the .npy
/// format, budget metrics that disagree with early stopping, and cache keys that hold data a step never reads.
/// </summary>
public sealed class DataHygieneTests
{
    private static readonly string Finetune = DigitsYaml.For("""
        - prune: { method: magnitude, sparsity: 0.6, scope: global }
        - finetune: { training: { epochs: 2, lr: 0.0005 } }
        """, "accuracy: { metric: top1, max_drop: 0.02 }", data: "train: { inputs: { input: x_train }, labels: y_train }", evaluation: "{ iterations: 2, warmup: 0 }");

    [Fact]
    public void Without_a_validation_split_training_validates_on_held_out_training_rows_never_the_evaluation_rows()
    {
        using var honest = new TempProject();
        honest.WriteConfig(Finetune);
        using var scrambled = new TempProject();
        scrambled.WriteConfig(Finetune);
        // The same data with every evaluation label changed: a step that looked at them would train differently.
        var arrays = NpzWriter.ReadAll(scrambled.PathOf("data/digits.npz"));
        var (shape, labels) = arrays["y_test"];
        arrays["y_test"] = (shape, ((long[])labels).Select(l => (l + 1) % 10).ToArray());
        File.Delete(scrambled.PathOf("data/digits.npz"));
        NpzWriter.Write(scrambled.PathOf("data/digits.npz"), arrays);

        var a = EngineRun.Run(honest, severity: DiagnosticSeverity.Warning);
        var b = EngineRun.Run(scrambled, severity: DiagnosticSeverity.Warning);

        Assert.True(a.Succeeded && b.Succeeded, string.Join(" | ", a.Diagnostics.Concat(b.Diagnostics)));
        var step = a.Report!.Models[0].Steps[1];
        var validatedOn = Assert.Single(step.Facts, f => f.Key == "validated on").Value;
        Assert.Contains("training rows held out", validatedOn, StringComparison.Ordinal);
        Assert.Equal(step.Facts, b.Report!.Models[0].Steps[1].Facts);
        Assert.Equal(File.ReadAllBytes(Path.Combine(honest.OutputDir, "digits.onnx")), File.ReadAllBytes(Path.Combine(scrambled.OutputDir, "digits.onnx")));
    }

    [Fact]
    public void Editing_evaluation_data_reruns_no_step_that_does_not_read_it()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);
        Assert.True(EngineRun.Run(project).Succeeded);
        var arrays = NpzWriter.ReadAll(project.PathOf("data/digits.npz"));
        var (shape, x) = arrays["x_test"];
        var changed = (float[])x;
        changed[5] += 0.25f;
        arrays["x_test"] = (shape, changed);
        File.Delete(project.PathOf("data/digits.npz"));
        NpzWriter.Write(project.PathOf("data/digits.npz"), arrays);

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        Assert.All(outcome.Report!.Models[0].Steps, s => Assert.True(s.CacheHit));
    }

    [Fact]
    public void Evaluation_label_out_of_range_is_refused_at_the_labels_line()
    {
        using var project = new TempProject();
        var arrays = NpzWriter.ReadAll(project.PathOf("data/digits.npz"));
        var (shape, labels) = arrays["y_test"];
        ((long[])labels)[3] = 10;
        File.Delete(project.PathOf("data/digits.npz"));
        NpzWriter.Write(project.PathOf("data/digits.npz"), arrays);
        project.WriteConfig(BadInputTests.ValidYaml);

        var error = EngineRun.SingleError(EngineRun.Run(project));

        Assert.Equal("MC4130", error.Code);
        Assert.Equal(8, error.Position!.Value.Line);
        Assert.Contains("row 3", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(project.OutputDir, "digits.onnx")));
    }

    [Fact]
    public void Npy_data_file_feeds_the_models_only_input()
    {
        using var project = new TempProject();
        var (shape, x) = NpzWriter.ReadAll(project.PathOf("data/digits.npz"))["x_test"];
        NpzWriter.WriteNpy(project.PathOf("data/rows.npy"), shape, x);
        project.WriteConfig(BadInputTests.ValidYaml
            .Replace("path: data/digits.npz", "path: data/rows.npy")
            .Replace("      inputs: { input: x_test }\n      labels: y_test\n", "")
            .Replace("metric: top1, max_drop: 0.02", "metric: agreement, max_drop: 0.05"));

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        var model = outcome.Report!.Models[0];
        Assert.Equal((int)shape[0], model.Compressed!.Samples);
        Assert.NotNull(model.Compressed.Agreement);
        Assert.Equal("pass", Assert.Single(model.Budgets).Verdict);
    }

    [Fact]
    public void Agreement_budget_with_labels_is_judged_on_agreement_as_early_stopping_is()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml.Replace("metric: top1, max_drop: 0.02", "metric: agreement, max_drop: 0.05"));

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        var model = outcome.Report!.Models[0];
        var budget = Assert.Single(model.Budgets);
        Assert.Equal(1 - model.Compressed!.Agreement!.Value, budget.Actual!.Value, 9);
    }

    [Fact]
    public void Unusable_cuda_provider_is_reported_at_the_provider_key()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml.Replace("evaluation: { iterations: 5, warmup: 1 }", "evaluation:\n      iterations: 5\n      provider: cuda"));

        var outcome = EngineRun.Run(project);

        // On a machine with CUDA the run simply succeeds; everywhere else the error must point at 'provider:'.
        if (!outcome.Succeeded)
        {
            var error = EngineRun.SingleError(outcome);
            Assert.Equal("MC4092", error.Code);
            Assert.Equal(14, error.Position!.Value.Line);
        }
    }
}
