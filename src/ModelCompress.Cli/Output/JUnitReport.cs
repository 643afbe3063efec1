using System.Text;
using System.Xml;
using System.Xml.Linq;
using ModelCompress.Engine.Reporting;

namespace ModelCompress.Cli.Output;

/// <summary>
/// <c>--junit FILE</c>: every budget as a JUnit test case, so CI systems show the gates as tests. One testsuite per
/// model, one testcase per budget (name "kind model", classname the model); a broken budget carries a
/// &lt;failure&gt; with its diagnostic, an inconclusive or unmeasured one a &lt;skipped&gt; with the reason. A model
/// that failed before its budgets were checked, or a run that never reached the models, is an &lt;error&gt; case.
/// No timestamps and no times: the same run gives the same bytes.
/// </summary>
internal static class JUnitReport
{
    public static string Render(RunOutcome outcome)
    {
        var budgetErrors = new HashSet<Diagnostic>();
        var suites = new List<XElement>();
        foreach (var model in outcome.Report?.Models ?? [])
        {
            var cases = model.Budgets.Select(b => BudgetCase(model.Name, b, outcome.Diagnostics, budgetErrors)).ToList();
            if (model.Status == "failed" && !cases.Any(c => c.Element("failure") is not null))
            {
                cases.Add(ErrorCase("pipeline " + model.Name, model.Name, $"Model '{model.Name}' failed before its budgets could be checked.", outcome.Diagnostics, budgetErrors));
            }

            suites.Add(Suite(model.Name, cases));
        }

        if (outcome.Report is null)
        {
            suites.Add(Suite("modelcompress", [ErrorCase("run", "modelcompress", "The run stopped before any model was compressed.", outcome.Diagnostics, budgetErrors)]));
        }

        var root = new XElement("testsuites", new XAttribute("name", "modelcompress"));
        foreach (var count in new[] { "tests", "failures", "errors", "skipped" })
        {
            root.Add(new XAttribute(count, suites.Sum(s => int.Parse((string)s.Attribute(count)!, CultureInfo.InvariantCulture))));
        }

        root.Add(suites);
        return Serialize(new XDocument(new XDeclaration("1.0", "utf-8", null), root));
    }

    private static XElement BudgetCase(string model, BudgetReport budget, IReadOnlyList<Diagnostic> diagnostics, HashSet<Diagnostic> budgetErrors)
    {
        var testCase = new XElement("testcase", new XAttribute("name", $"{budget.Budget} {model}"), new XAttribute("classname", model));
        // The budget's diagnostic stands at the budget's position in the YAML (see BudgetChecker).
        var diagnostic = diagnostics.FirstOrDefault(d => d.Code.StartsWith("MC20", StringComparison.Ordinal)
            && d.Position is { } p && p.Line == budget.Line && p.Column == budget.Column);
        if (diagnostic is not null)
        {
            budgetErrors.Add(diagnostic);
        }

        var message = diagnostic?.Message ?? budget.Detail;
        switch (budget.Verdict)
        {
            case "fail":
                testCase.Add(new XElement("failure", new XAttribute("message", message), new XAttribute("type", diagnostic?.Code ?? "budget"),
                    diagnostic?.ToCanonical() ?? budget.Detail));
                break;
            case "inconclusive" or "not measured":
                testCase.Add(new XElement("skipped", new XAttribute("message", $"{budget.Verdict}: {message}")));
                break;
        }

        return testCase;
    }

    private static XElement ErrorCase(string name, string classname, string summary, IReadOnlyList<Diagnostic> diagnostics, HashSet<Diagnostic> budgetErrors)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && !budgetErrors.Contains(d)).ToList();
        return new XElement("testcase", new XAttribute("name", name), new XAttribute("classname", classname),
            new XElement("error", new XAttribute("message", summary), new XAttribute("type", errors.FirstOrDefault()?.Code ?? "error"),
                string.Join("\n", errors.Select(e => e.ToCanonical()))));
    }

    private static XElement Suite(string name, IReadOnlyList<XElement> cases) => new(
        "testsuite",
        new XAttribute("name", name),
        new XAttribute("tests", cases.Count),
        new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
        new XAttribute("errors", cases.Count(c => c.Element("error") is not null)),
        new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)),
        cases);

    private static string Serialize(XDocument document)
    {
        var settings = new XmlWriterSettings { Indent = true, NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            document.Save(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
