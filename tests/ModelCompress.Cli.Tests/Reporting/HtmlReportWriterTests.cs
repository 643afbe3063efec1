using ModelCompress.Engine.Reporting.Html;
using ModelCompress.Torch.Training;

namespace ModelCompress.Cli.Tests.Reporting;

/// <summary>
/// The HTML renderer on hand-built reports: training curves from a training step's epoch facts (written by
/// <see cref="TrainingReport"/>, as the training steps write them), width plots, sensitivity curves, hostile names;
/// and `modelcompress report --html` with a sensitivity analysis.
/// </summary>
public sealed class HtmlReportWriterTests
{
    private const string Hostile = "<script>alert('x')</script>\"&";

    [Fact]
    public void Training_step_epochs_become_a_loss_and_validation_curve_and_names_are_escaped()
    {
        var training = new TrainingReport(
            [new EpochRecord(1, 0.9, 0.91, 1e-3, TimeSpan.FromSeconds(3), false), new EpochRecord(2, 0.5, 0.95, 1e-3, TimeSpan.FromSeconds(3), false),
             new EpochRecord(3, 0.3, 0.97, 1e-3, TimeSpan.FromSeconds(3), false), new EpochRecord(4, 0.25, 0.96, 1e-3, TimeSpan.FromSeconds(3), true)],
            BestEpoch: 3, BestAccuracy: 0.97, StoppedEarly: false, Steps: 400, Metric: "accuracy");
        StepFact[] channels = [new("channels removed", "48/96"), new($"group {Hostile}", "64 -> 32"), new("group /conv2/Conv", "32 -> 16")];
        var report = Report(Hostile,
            Step(0, "prune", channels, Metrics(100_000, 0.99, 0.20)),
            Step(1, "finetune", training.ToFacts(), Metrics(100_000, 0.97, 0.20)));
        SensitivityCurve[] sensitivity =
        [
            new("/conv1/Conv", "accuracy", 0.99, [(0.5, 0.98), (0.9, 0.70)]),
            new(Hostile, "accuracy", 0.99, [(0.5, 0.99), (0.9, 0.95)]),
        ];

        var html = HtmlReportWriter.Render(report, sensitivity);

        HtmlPage.AssertSelfContained(html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;", html, StringComparison.Ordinal);
        var captions = HtmlPage.Captions(html).ToList();
        var plots = HtmlPage.Plots(html);
        Assert.Equal(5, plots.Count); // size, latency, widths, training, sensitivity
        Assert.Equal(captions.Count, plots.Count);
        var curves = captions.FindIndex(c => c.EndsWith("step 2 (finetune): training loss and validation accuracy per epoch", StringComparison.Ordinal));
        Assert.Equal(2 * 4, HtmlPage.Marks(plots[curves])); // loss and accuracy, one marker per epoch each
        var widths = captions.FindIndex(c => c.EndsWith("step 1 (prune): width before (grey) and after (blue)", StringComparison.Ordinal));
        Assert.Equal(2 * 2, HtmlPage.Marks(plots[widths])); // a before and an after bar per group
        Assert.Equal(2 * 2, HtmlPage.Marks(plots[captions.FindIndex(c => c.StartsWith("sensitivity:", StringComparison.Ordinal))]));
        Assert.Equal([3, 3], captions.Where(c => c.Contains("against", StringComparison.Ordinal)).Select(c => HtmlPage.Marks(plots[captions.IndexOf(c)])));

        // Same report, same bytes: no timestamps, ids numbered per page, the embedded font.
        Assert.Equal(html, HtmlReportWriter.Render(report, sensitivity));
    }

    [Fact]
    public void A_step_with_many_layers_plots_the_first_80_and_says_so()
    {
        var layers = Enumerable.Range(0, 100).Select(i => new StepFact($"layer /l{i}/MatMul (MatMul)", "0.5000")).ToList();
        var html = HtmlReportWriter.Render(Report("wide", Step(0, "prune", layers, Metrics(100_000, 0.9, 0.2))));

        var captions = HtmlPage.Captions(html).ToList();
        var bars = captions.FindIndex(c => c.EndsWith("sparsity per layer (first 80 of 100; the steps table lists all)", StringComparison.Ordinal));
        Assert.Equal(80, HtmlPage.Marks(HtmlPage.Plots(html)[bars]));
        Assert.Contains("<li>layer /l99/MatMul (MatMul) = 0.5000</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Epoch_facts_read_back_what_the_training_report_wrote()
    {
        var facts = new TrainingReport([new EpochRecord(7, 0.123456, 0.5, 1e-3, TimeSpan.Zero, true)], 7, 0.5, false, 10, "agreement").ToFacts();

        var epochs = facts.Select(f => EpochFact.TryParse(f, out var e) ? e : (EpochPoint?)null).OfType<EpochPoint>().ToList();

        Assert.Equal(new EpochPoint(7, 0.1235, "agreement", 0.5), Assert.Single(epochs));
    }

    [Fact]
    public void Report_command_writes_html_with_the_sensitivity_curves_and_refuses_bad_inputs_with_a_code()
    {
        using var project = new TempProject();
        var reportJson = project.PathOf("report.json");
        File.WriteAllText(reportJson, ReportJson.Serialize(Report("digits", Step(0, "prune", [new("layer /conv1/Conv (Conv)", "0.5000")], Metrics(200_000, 0.98, 0.1)))));
        var sensitivityJson = project.PathOf("sensitivity.json");
        File.WriteAllText(sensitivityJson, """
            { "baseline": 0.99, "metric": "accuracy", "rows": [
              { "node": "/conv1/Conv", "opType": "Conv", "initializer": "w1", "elements": 288, "sparsity": 0.5, "accuracy": 0.98 },
              { "node": "/conv1/Conv", "opType": "Conv", "initializer": "w1", "elements": 288, "sparsity": 0.9, "accuracy": 0.61 },
              { "node": "/fc/Gemm", "opType": "Gemm", "initializer": "w2", "elements": 640, "sparsity": 0.5, "accuracy": 0.99 },
              { "node": "/fc/Gemm", "opType": "Gemm", "initializer": "w2", "elements": 640, "sparsity": 0.9, "accuracy": 0.97 } ] }
            """);
        var page = project.PathOf("out/report.html");
        Directory.CreateDirectory(project.PathOf("out"));

        var (exitCode, output) = ToolProcess.Run(null, "report", reportJson, "--html", page, "--sensitivity", sensitivityJson);

        Assert.True(exitCode == 0, output);
        Assert.True(output.Length == 0, output);
        var html = File.ReadAllText(page);
        HtmlPage.AssertSelfContained(html);
        var captions = HtmlPage.Captions(html);
        Assert.Equal(4, captions.Count); // size, latency, sparsity per layer, sensitivity
        Assert.Equal(4, HtmlPage.Marks(HtmlPage.Plots(html)[3]));

        File.WriteAllText(sensitivityJson, "{ \"rows\": [] }");
        var empty = ToolProcess.Run(null, "report", reportJson, "--html", page, "--sensitivity", sensitivityJson);
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("error MC2101:", empty.Output, StringComparison.Ordinal);

        var noHtml = ToolProcess.Run(null, "report", reportJson, "--sensitivity", sensitivityJson);
        Assert.Equal(2, noHtml.ExitCode);
        Assert.Contains("error MC2100:", noHtml.Output, StringComparison.Ordinal);
    }

    private static RunReport Report(string name, params StepReport[] steps) => new(
        RunReport.CurrentSchemaVersion, "1.0.0", "1.31.0", "/p/compression.yaml", true,
        [new ModelReport(name, "/p/models/m.onnx", "/p/obj/m.onnx", "passed", Metrics(400_000, 0.99, 0.30), steps[^1].Metrics, steps, [], [])],
        []);

    private static StepReport Step(int index, string kind, IReadOnlyList<StepFact> facts, ModelMetrics metrics) =>
        new(index, kind, kind, "{}", "key" + index, false, 10, facts, metrics);

    private static ModelMetrics Metrics(long size, double accuracy, double p50) =>
        new(size, size / 4, size / 8, accuracy, null, null, 497, new LatencyStats(p50, p50 * 1.2, p50 * 1.3, p50, 5, 1), "cpu");
}
