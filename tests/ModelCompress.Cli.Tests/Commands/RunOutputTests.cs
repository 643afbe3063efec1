using System.Xml.Linq;
using ModelCompress.Cli.Output;
using ModelCompress.Cli.Tests.Engine;
using ModelCompress.Cli.Tests.Hostile;

namespace ModelCompress.Cli.Tests.Commands;

/// <summary>
/// What <c>modelcompress run</c> prints and writes around the engine: verbosity levels, the closing table, the
/// JUnit file and the GitHub step summary — on real runs of the digits CNN.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class RunOutputTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private static (int Exit, string Output) Run(TempProject project, params string[] extra) =>
        ConsoleCapture.Run(["run", "--config", project.ConfigPath, .. extra], Limit);

    private static RunReport Report(TempProject project) =>
        ReportJson.Deserialize(File.ReadAllText(Path.Combine(project.OutputDir, "report.json")));

    [Fact]
    public void Quiet_prints_no_progress_only_the_line_per_model()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);

        var (exit, output) = Run(project, "--verbosity", "quiet");

        Assert.True(exit == 0, output);
        Assert.DoesNotContain("modelcompress: digits:", output);
        Assert.DoesNotContain("cache hits", output);
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith("ModelCompress: digits ", StringComparison.Ordinal));
        Assert.Contains("221.8 KB → ", line);
    }

    [Fact]
    public void Normal_shows_progress_and_a_table_detailed_adds_step_facts()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);

        var (exit, normal) = Run(project);
        var (_, detailed) = Run(project, "-v", "detailed");

        Assert.True(exit == 0, normal);
        Assert.Contains("modelcompress: digits: load model", normal);
        Assert.DoesNotContain(" started", normal);
        Assert.DoesNotContain("modelcompress: digits:   ", normal);
        Assert.Contains("modelcompress: digits: load model started", detailed);
        Assert.Contains("modelcompress: digits: step 1 prune (prune.oneshot)", detailed);
        var report = Report(project);
        var fact = report.Models[0].Steps[0].Facts[0];
        Assert.Contains($"modelcompress: digits:   {fact.Key} = {fact.Value}", detailed);
    }

    [Fact]
    public void Summary_table_matches_the_report_and_counts_cache_hits()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);

        var (_, first) = Run(project);
        var (exit, second) = Run(project);

        Assert.True(exit == 0, second);
        var model = Report(project).Models[0];
        var header = Assert.Single(second.Split('\n'), l => l.StartsWith("model ", StringComparison.Ordinal));
        Assert.Equal(["model", "status", "size", "metric", "p50", "ms", "p95", "ms", "budgets", "cache", "hits", "report"], header.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var row = Assert.Single(second.Split('\n'), l => l.StartsWith("digits ", StringComparison.Ordinal));
        Assert.Contains("passed", row);
        Assert.Contains(FormattableString.Invariant($"top-1 {model.Original!.Accuracy * 100:0.00} % → {model.Compressed!.Accuracy * 100:0.00} %"), row);
        Assert.Contains(FormattableString.Invariant($"{model.Original.Latency!.P50Ms:0.000} → {model.Compressed.Latency!.P50Ms:0.000}"), row);
        Assert.Contains("1 pass", row);
        Assert.Contains("2/2 steps", row);
        Assert.Contains(Path.Combine(project.OutputDir, "report"), row);
        Assert.Contains("0/2 steps", first);
    }

    [Fact]
    public void JUnit_has_a_case_per_budget_and_a_failure_for_the_broken_one()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml.Replace(
            "accuracy: { metric: top1, max_drop: 0.02 }", "accuracy: { metric: top1, max_drop: 0.02 }\n      size: { max_kb: 1 }", StringComparison.Ordinal));
        var junit = project.PathOf("out/junit.xml");

        var (exit, output) = Run(project, "--junit", junit);
        var bytes = File.ReadAllBytes(junit);
        var (again, _) = Run(project, "--junit", junit);

        Assert.Equal(1, exit);
        Assert.Equal(1, again);
        Assert.Equal(bytes, File.ReadAllBytes(junit)); // no timestamps: a cached rerun writes the same bytes
        var budgets = Report(project).Models[0].Budgets;
        var suite = Assert.Single(XDocument.Load(junit).Root!.Elements("testsuite"));
        Assert.Equal("digits", (string?)suite.Attribute("name"));
        Assert.Equal(budgets.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)suite.Attribute("tests"));
        Assert.Equal("1", (string?)suite.Attribute("failures"));
        foreach (var budget in budgets)
        {
            var testCase = Assert.Single(suite.Elements("testcase"), c => (string?)c.Attribute("name") == $"{budget.Budget} digits");
            Assert.Equal("digits", (string?)testCase.Attribute("classname"));
            Assert.Equal(budget.Verdict == "fail", testCase.Element("failure") is not null);
        }

        var failure = suite.Descendants("failure").Single();
        Assert.Equal("MC2003", (string?)failure.Attribute("type"));
        var error = Assert.Single(output.Split('\n'), l => l.Contains("error MC2003:", StringComparison.Ordinal));
        Assert.Contains((string)failure.Attribute("message")!, error);
    }

    [Fact]
    public void JUnit_is_written_when_the_config_is_wrong()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml.Replace("mode: dynamic", "mode: statik", StringComparison.Ordinal));
        var junit = project.PathOf("junit.xml");

        var (exit, output) = Run(project, "--junit", junit);

        Assert.Equal(1, exit);
        var error = XDocument.Load(junit).Descendants("error").Single();
        Assert.Equal("MC1008", (string?)error.Attribute("type"));
        Assert.Contains("error MC1008:", output);
    }

    [Fact]
    public void JUnit_path_that_is_a_folder_is_refused_before_the_run()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);

        var (exit, output) = Run(project, "--junit", project.Root);

        Assert.Equal(1, exit);
        Assert.Contains("error MC5260: --junit", output);
        Assert.False(Directory.Exists(project.OutputDir), output);
    }

    [Fact]
    public void Step_summary_is_appended_never_overwritten()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);
        var summary = project.PathOf("step-summary.md");
        File.WriteAllText(summary, "earlier step\n");
        // A process of its own: the variable must not leak into other tests' in-process runs.
        var environment = new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = summary };

        var (first, output) = ToolProcess.Run(environment, "run", "--config", project.ConfigPath);
        var (second, _) = ToolProcess.Run(environment, "run", "--config", project.ConfigPath);

        Assert.True(first == 0 && second == 0, output);
        var text = File.ReadAllText(summary);
        Assert.StartsWith("earlier step\n", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("### ModelCompress: passed", StringSplitOptions.None).Length - 1);
        Assert.Contains("| digits | passed | 221.8 KB → ", text);
        Assert.Contains("| digits | accuracy | max_drop 0.02 |", text);
        Assert.Contains("Diagnostics: 0 error(s)", text);
    }
}
