using ModelCompress.Cli.Tests.Engine;
using ModelCompress.Engine.Reporting.Html;

namespace ModelCompress.Cli.Tests.Reporting;

/// <summary>report.html from a real engine run on the digits CNN (magnitude prune + dynamic quantize), checked without a browser.</summary>
public sealed class HtmlReportRunTests
{
    // A file name that is markup: paths come from the YAML and land in the page, so they must be escaped.
    private const string HostileFile = "digits<img src=x onerror=alert(1)>&.onnx";

    [Fact]
    public void Run_writes_a_self_contained_page_with_tables_and_three_plots_that_hold_data()
    {
        using var project = new TempProject();
        File.Copy(project.PathOf("models/digits_cnn.onnx"), project.PathOf("models/" + HostileFile));
        project.WriteConfig(BadInputTests.ValidYaml.Replace("source: models/digits_cnn.onnx", $"source: \"models/{HostileFile}\"", StringComparison.Ordinal));

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        var html = File.ReadAllText(Path.Combine(project.OutputDir, "report.html"));
        HtmlPage.AssertSelfContained(html);
        Assert.Contains("digits&lt;img src=x onerror=alert(1)&gt;&amp;.onnx", html, StringComparison.Ordinal);

        // Tables: the model, both steps, the budget and its verdict, the MACs per layer.
        Assert.Contains("<h2>digits — passed</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<td>after 1. prune</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>after 2. quantize</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>accuracy (line 14)</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"pass\">pass</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>/conv2/Conv</td><td>Conv</td>", html, StringComparison.Ordinal);

        // Plots: top-1 vs size and vs latency (original + 2 steps each), and the prune step's sparsity per layer.
        var report = outcome.Report!;
        var pruned = report.Models[0].Steps[0].Facts.Count(f => f.Key.StartsWith("layer ", StringComparison.Ordinal));
        Assert.True(pruned >= 2, "the prune step reports its layers");
        var plots = HtmlPage.Plots(html);
        Assert.Equal(3, plots.Count);
        Assert.Equal(
            ["digits: top-1 (%) against size, after each step", "digits: top-1 (%) against latency (p50), after each step", "digits, step 1 (prune): sparsity per layer"],
            HtmlPage.Captions(html));
        Assert.Equal([3, 3, pruned], plots.Select(HtmlPage.Marks));
        Assert.All(plots.Take(2), p => Assert.Matches(@"(?s)>\s*original\s*<.*>\s*1\. prune\s*<.*>\s*2\. quantize\s*<", p));
        Assert.All(plots, p => Assert.Contains("font-family=\"DejaVu Sans\"", p, StringComparison.Ordinal));

        // Ids are page-wide: every plot's clip path must have its own.
        var ids = System.Text.RegularExpressions.Regex.Matches(html, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());

        // The page is a function of report.json: rendered again in-process, and by `modelcompress report --html` in
        // another process, it has the same bytes. The summary line points to it.
        var reportJson = Path.Combine(project.OutputDir, "report.json");
        Assert.Equal(html, HtmlReportWriter.Render(ReportJson.Deserialize(File.ReadAllText(reportJson))));
        var again = project.PathOf("again.html");
        var (exitCode, output) = ToolProcess.Run(null, "report", reportJson, "--html", again);
        Assert.True(exitCode == 0, output);
        Assert.True(output.Length == 0, "report --html prints nothing (Skia's SVG canvas must not complain on stderr): " + output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(project.OutputDir, "report.html")), File.ReadAllBytes(again));
        Assert.EndsWith("report: " + Path.Combine(project.OutputDir, "report.html") + "\n", File.ReadAllText(Path.Combine(project.OutputDir, "summary.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_run_still_writes_the_page_with_its_error()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml.Replace("accuracy: { metric: top1, max_drop: 0.02 }", "size: { max_kb: 1 }", StringComparison.Ordinal));

        var outcome = EngineRun.Run(project);

        Assert.False(outcome.Succeeded);
        var html = File.ReadAllText(Path.Combine(project.OutputDir, "report.html"));
        HtmlPage.AssertSelfContained(html);
        Assert.Contains("<span class=\"fail\">failed</span>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"fail\">fail</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>MC2003</td>", html, StringComparison.Ordinal);
    }
}
