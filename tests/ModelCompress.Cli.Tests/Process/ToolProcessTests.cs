using ModelCompress.Cli.Tests.Engine;

namespace ModelCompress.Cli.Tests.Process;

/// <summary>The tool as a process: exit codes, canonical diagnostics, and which native libraries it loads.</summary>
public sealed class ToolProcessTests
{
    private static readonly Dictionary<string, string> ReportNative = new() { ["MODELCOMPRESS_REPORT_NATIVE"] = "1" };

    [Fact]
    public void Quantize_only_run_never_loads_libtorch()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);

        var (exitCode, output) = ToolProcess.Run(ReportNative, "run", "--config", project.ConfigPath, "--plain");

        Assert.True(exitCode == 0, output);
        Assert.Contains("native: libonnxruntime.so", output);
        var native = output.Split('\n').Where(l => l.StartsWith("native:", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(native, l => l.Contains("torch", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Gradual_pruning_loads_libtorch_and_reaches_its_sparsity()
    {
        using var project = new TempProject();
        project.WriteConfig(DigitsYaml.For("""
            - prune: { method: magnitude, sparsity: 0.9, scope: global, schedule: gradual, training: { epochs: 4, lr: 0.001 } }
            - quantize: { mode: dynamic }
            """, "accuracy: { metric: top1, max_drop: 0.05 }", data: "train: { inputs: { input: x_train }, labels: y_train }"));

        var (exitCode, output) = ToolProcess.Run(ReportNative, "run", "--config", project.ConfigPath, "--plain");

        Assert.True(exitCode == 0, output);
        Assert.Contains("native: libtorch_cpu.so", output);
        Assert.Contains("epoch 1/4", output);
        var report = ModelCompress.Engine.Reporting.ReportJson.Deserialize(File.ReadAllText(Path.Combine(project.OutputDir, "report.json")));
        var pruned = report.Models[0].Steps[0];
        Assert.Equal("prune.gradual", pruned.RunnerKey);
        Assert.Contains(pruned.Facts, f => f.Key == "sparsity" && f.Value.StartsWith("0.9", StringComparison.Ordinal));
        Assert.True(pruned.Metrics!.Accuracy >= 0.95, $"accuracy {pruned.Metrics.Accuracy}");
    }

    [Fact]
    public void Broken_budget_exits_1_with_a_canonical_error_line()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml.Replace("accuracy: { metric: top1, max_drop: 0.02 }", "size: { max_kb: 1 }"));

        var (exitCode, output) = ToolProcess.Run(null, "run", "--config", project.ConfigPath, "--plain");

        Assert.Equal(1, exitCode);
        Assert.Contains($"{project.ConfigPath}(14,7): error MC2003:", output);
    }

    [Fact]
    public void Usage_error_exits_2()
    {
        var (exitCode, output) = ToolProcess.Run(null, "run", "--no-such-option");

        Assert.Equal(2, exitCode);
        Assert.Contains("MC0001", output);
    }

    [Fact]
    public void Inspect_prints_ops_and_parameters()
    {
        var (exitCode, output) = ToolProcess.Run(null, "inspect", TempProject.Fixture("digits_cnn.onnx"));

        Assert.Equal(0, exitCode);
        Assert.Contains("Conv 3", output);
        Assert.Contains("parameters 56394", output);
        Assert.Contains("MACs per sample 1788544", output);
        Assert.Contains("/conv2/Conv Conv 1179648 MACs", output);
    }

    [Fact]
    public void Eval_measures_top1_against_labels()
    {
        var (exitCode, output) = ToolProcess.Run(null, "eval", TempProject.Fixture("digits_cnn.onnx"), "--data", TempProject.Fixture("digits.npz"),
            "--input", "input=x_test", "--labels", "y_test", "--iterations", "5");

        Assert.True(exitCode == 0, output);
        Assert.Contains("top-1         0.992", output);
    }

    [Fact]
    public void Negative_iterations_are_a_usage_error()
    {
        var (exitCode, output) = ToolProcess.Run(null, "eval", TempProject.Fixture("digits_cnn.onnx"), "--iterations", "-1");

        Assert.Equal(2, exitCode);
        Assert.Contains("--iterations must be at least 0", output);
    }
}
