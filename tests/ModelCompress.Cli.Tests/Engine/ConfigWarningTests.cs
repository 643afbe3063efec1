namespace ModelCompress.Cli.Tests.Engine;

/// <summary>
/// Warnings the config reader finds (MC1103: threads above the machine's cores, capped) reach the output when the
/// file is read, at their YAML line — before any model is loaded, once, and also beside errors of the same file.
/// </summary>
public sealed class ConfigWarningTests
{
    // More than any test machine's cores, within the MC1106 limit of 1024.
    private const string ManyThreads = "iterations: 5, warmup: 1, threads: 1000";

    [Fact]
    public void Reader_returns_the_capped_threads_warning_at_its_yaml_position()
    {
        using var project = new TempProject();
        var yaml = BadInputTests.ValidYaml.Replace("iterations: 5, warmup: 1", ManyThreads, StringComparison.Ordinal);

        var config = ConfigLoader.Parse(yaml, project.ConfigPath);

        var warning = Assert.Single(config.Warnings);
        Assert.Equal("MC1103", warning.Code);
        Assert.Equal((12, 54), (warning.Position!.Value.Line, warning.Position.Value.Column));
        Assert.Equal(Environment.ProcessorCount, config.Models[0].Evaluation.Threads);
    }

    [Fact]
    public void Run_prints_the_warning_at_read_time_once_and_keeps_it_in_the_report()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml.Replace("iterations: 5, warmup: 1", ManyThreads, StringComparison.Ordinal));

        var (exit, output) = ToolProcess.Run(null, "run", "--config", project.ConfigPath, "--cache-dir", project.CacheDir, "--plain");

        Assert.True(exit == 0, output);
        var lines = output.Split('\n');
        var warning = Array.FindIndex(lines, l => l.Contains("warning MC1103", StringComparison.Ordinal));
        Assert.True(warning >= 0, output);
        Assert.StartsWith(project.ConfigPath + "(12,54): warning MC1103", lines[warning], StringComparison.Ordinal);
        Assert.True(warning < Array.FindIndex(lines, l => l.Contains("load model", StringComparison.Ordinal)), "printed before the model is loaded:\n" + output);
        Assert.Equal(1, lines.Count(l => l.Contains("MC1103", StringComparison.Ordinal)));
        Assert.Contains("\"code\": \"MC1103\"", File.ReadAllText(Path.Combine(project.OutputDir, "report.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Warning_is_reported_beside_the_errors_of_the_same_file()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml
            .Replace("iterations: 5, warmup: 1", ManyThreads, StringComparison.Ordinal)
            .Replace("sparsity: 0.5", "sparsity: 1.5", StringComparison.Ordinal));

        var outcome = EngineRun.Run(project);

        Assert.Contains(outcome.Diagnostics, d => d.Code == "MC1007");
        Assert.Contains(outcome.Diagnostics, d => d.Code == "MC1103" && d.Position?.Line == 12);
    }
}
