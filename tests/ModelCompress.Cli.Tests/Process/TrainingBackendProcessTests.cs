using ModelCompress.Cli.Tests.Engine;

namespace ModelCompress.Cli.Tests.Process;

/// <summary>A training step on an engine without libtorch: MC5210 at the step, and graph-only pipelines unaffected.</summary>
public sealed class TrainingBackendProcessTests
{
    [Fact]
    public void A_training_step_without_a_backend_is_MC5210_at_its_line_naming_what_to_install()
    {
        using var project = new TempProject();
        project.WriteConfig(DigitsYaml.For("""
            - prune: { method: magnitude, sparsity: 0.5, scope: global }
            - finetune: { training: { epochs: 1, lr: 0.001 } }
            - quantize: { mode: dynamic }
            """, "accuracy: { metric: top1, max_drop: 0.02 }", data: "train: { inputs: { input: x_train }, labels: y_train }"));
        var empty = Directory.CreateTempSubdirectory("mc-no-backend-").FullName;
        try
        {
            var (exitCode, output) = ToolProcess.Run(
                new Dictionary<string, string> { ["MODELCOMPRESS_TRAINING_BACKEND"] = empty }, "run", "--config", project.ConfigPath, "--plain");

            Assert.True(exitCode == 1, output);
            var line = Assert.Single(output.Split('\n'), l => l.Contains("MC5210", StringComparison.Ordinal));
            Assert.Contains(project.ConfigPath + "(", line, StringComparison.Ordinal);
            Assert.Contains("'finetune'", line, StringComparison.Ordinal);
            Assert.Contains("ModelCompressTraining", line, StringComparison.Ordinal);
            Assert.DoesNotContain("MC9001", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void A_graph_only_pipeline_runs_without_a_backend()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);
        var empty = Directory.CreateTempSubdirectory("mc-no-backend-").FullName;
        try
        {
            var (exitCode, output) = ToolProcess.Run(
                new Dictionary<string, string> { ["MODELCOMPRESS_TRAINING_BACKEND"] = empty }, "run", "--config", project.ConfigPath, "--plain");

            Assert.True(exitCode == 0, output);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
