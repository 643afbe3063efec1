using System.Xml.Linq;
using ModelCompress.Cli.Output;

namespace ModelCompress.Cli.Tests.Output;

/// <summary>The JUnit shapes a real digits run rarely produces: inconclusive budgets, models and runs that failed early.</summary>
public sealed class JUnitReportTests
{
    private const string Config = "/p/compression.yaml";

    private static ModelReport Model(string name, string status, params BudgetReport[] budgets) =>
        new(name, "/p/m.onnx", null, status, null, null, [], budgets, []);

    private static XElement Render(IReadOnlyList<Diagnostic> diagnostics, params ModelReport[] models) =>
        XDocument.Parse(JUnitReport.Render(new RunOutcome(diagnostics, new RunReport(1, "1", "1", Config, false, models, [])))).Root!;

    [Fact]
    public void Inconclusive_budget_is_skipped_with_the_reason()
    {
        var latency = new BudgetReport("latency", "max_ratio", 0.9, 0.95, "x", "inconclusive", 14, 7, "ratio 0.95x, interval 0.8–1.1x");
        var warning = Diagnostic.Warning("MC2020", "Model 'a': the latency budget is inconclusive: ratio 0.95x.", new SourcePosition(Config, 14, 7));

        var root = Render([warning], Model("a", "passed", latency));

        var skipped = root.Descendants("skipped").Single();
        Assert.Equal("inconclusive: " + warning.Message, (string?)skipped.Attribute("message"));
        Assert.Equal("1", (string?)root.Attribute("skipped"));
        Assert.Equal("0", (string?)root.Attribute("failures"));
    }

    [Fact]
    public void Model_that_failed_before_its_budgets_is_an_error_case_with_the_errors()
    {
        var error = Diagnostic.Error("MC4004", "Array 'x_nope' is not in 'd.npz'.", new SourcePosition(Config, 7, 20));

        var root = Render([error], Model("a", "failed"), Model("b", "passed"));

        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(["a", "b"], suites.Select(s => (string?)s.Attribute("name")));
        var failed = suites[0].Element("testcase")!;
        Assert.Equal("pipeline a", (string?)failed.Attribute("name"));
        Assert.Equal("MC4004", (string?)failed.Element("error")!.Attribute("type"));
        Assert.Contains(error.ToCanonical(), failed.Element("error")!.Value);
        Assert.Empty(suites[1].Elements("testcase"));
        Assert.Equal("1", (string?)root.Attribute("errors"));
    }

    [Fact]
    public void Run_without_a_report_is_one_error_case()
    {
        var error = Diagnostic.Error("MC1008", "Unknown mode 'statik'.", new SourcePosition(Config, 11, 30));

        var xml = JUnitReport.Render(new RunOutcome([error], null));

        var testCase = XDocument.Parse(xml).Descendants("testcase").Single();
        Assert.Equal("run", (string?)testCase.Attribute("name"));
        Assert.Contains("MC1008", testCase.Element("error")!.Value);
        Assert.DoesNotContain("time", xml);
        Assert.DoesNotContain("timestamp", xml);
    }
}
