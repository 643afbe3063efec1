using System.Text.RegularExpressions;

namespace ModelCompress.Build.Tests.EndToEnd;

/// <summary>The impossible size budget of testprojects/BudgetExceeded, and the switches that avoid the engine.</summary>
public sealed class BudgetExceededBuildTests
{
    private const string Marker = "ModelCompress: compressing the models of";

    /// <summary>The line of `size: { max_kb: 1 }` in testprojects/BudgetExceeded/compression.yaml.</summary>
    private const int BudgetLine = 14;

    [Fact]
    public void Missed_budget_fails_at_its_line_and_severity_warning_makes_it_a_warning()
    {
        using var copy = TestProjectCopy.Create();
        var config = Path.Combine(copy.ProjectDir("BudgetExceeded"), "compression.yaml");
        Assert.Contains("max_kb: 1 }", File.ReadAllLines(config)[BudgetLine - 1]);

        var failed = copy.Build("BudgetExceeded");
        Assert.True(failed.ExitCode != 0, failed.ToString());
        var error = Diagnostic(failed, "error");
        Assert.Equal(config, error.Groups["file"].Value);
        Assert.Equal(BudgetLine, int.Parse(error.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("MC9002", failed.Output);

        // A failed run leaves no manifest, so the rebuild runs the engine again and fails with the same error.
        var failedAgain = copy.Build("BudgetExceeded");
        Assert.True(failedAgain.ExitCode != 0, failedAgain.ToString());
        Assert.Equal(error.Value.Trim(), Diagnostic(failedAgain, "error").Value.Trim());

        var warned = copy.Build("BudgetExceeded", "-p:ModelCompressBudgetSeverity=warning");
        Assert.True(warned.ExitCode == 0, warned.ToString());
        var warning = Diagnostic(warned, "warning");
        Assert.Equal(config, warning.Groups["file"].Value);
        Assert.Equal(BudgetLine, int.Parse(warning.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotMatch(@"error MC\d{4}", warned.Output);
        Assert.Contains(Marker, warned.Output);

        // Up to date: the engine is skipped, and the warning and the summary line are replayed unchanged.
        var replayed = copy.Build("BudgetExceeded", "-p:ModelCompressBudgetSeverity=warning");
        Assert.True(replayed.ExitCode == 0, replayed.ToString());
        Assert.DoesNotContain(Marker, replayed.Output);
        var again = Diagnostic(replayed, "warning");
        Assert.Equal(warning.Value.Trim(), again.Value.Trim());
        Assert.Contains(SummaryLine(warned), replayed.Output);

        // ModelCompressRemeasure=true runs the engine although it is up to date, with --remeasure.
        var remeasured = copy.Build("BudgetExceeded", "-p:ModelCompressBudgetSeverity=warning", "-p:ModelCompressRemeasure=true");
        Assert.True(remeasured.ExitCode == 0, remeasured.ToString());
        Assert.Contains(Marker, remeasured.Output);
        Assert.Contains("\"--remeasure\"", remeasured.Output);
        Assert.DoesNotContain("\"--remeasure\"", warned.Output);
    }

    [Fact]
    public void ModelCompressJUnitFile_reaches_the_engine_as_an_absolute_junit_argument()
    {
        using var copy = TestProjectCopy.Create();
        var expected = Path.Combine(copy.ProjectDir("BudgetExceeded"), "ci", "gates.xml");

        var built = copy.Build("BudgetExceeded", "-p:ModelCompressBudgetSeverity=warning", "-p:ModelCompressJUnitFile=ci/gates.xml");

        Assert.Contains("\"--junit\" \"" + expected + "\"", built.Output);
        if (built.ExitCode == 0)
        {
            // An engine with --junit (modelcompress run) writes every budget as a test case there.
            Assert.Contains("<testcase", File.ReadAllText(expected));
        }
    }

    [Fact]
    public void Disabled_design_time_and_missing_config_builds_start_no_engine()
    {
        using var copy = TestProjectCopy.Create();
        var output = Path.Combine(copy.ProjectDir("BudgetExceeded"), "obj", "Debug", "net10.0", "modelcompress");

        // The budget would fail a real build: success here proves the engine never ran.
        var disabled = copy.Build("BudgetExceeded", "-p:ModelCompressEnabled=false");
        Assert.True(disabled.ExitCode == 0, disabled.ToString());
        Assert.DoesNotContain(Marker, disabled.Output);

        var designTime = copy.Dotnet(
            "msbuild", "BudgetExceeded", "-t:Compile", "-p:DesignTimeBuild=true", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true");
        Assert.True(designTime.ExitCode == 0, designTime.ToString());
        Assert.DoesNotContain(Marker, designTime.Output);
        Assert.False(Directory.Exists(output), "a disabled or design-time build wrote engine output");

        var missing = copy.Build("BudgetExceeded", "-p:ModelCompressConfig=missing.yaml");
        Assert.True(missing.ExitCode == 0, missing.ToString());
        Assert.Contains("warning MC5097: ModelCompressConfig '" + Path.Combine(copy.ProjectDir("BudgetExceeded"), "missing.yaml") + "' does not exist", missing.Output);
        Assert.DoesNotContain(Marker, missing.Output);
    }

    private static string SummaryLine(CliResult result)
    {
        var match = Regex.Match(result.Output, @"ModelCompress: digits [^\n]*");
        Assert.True(match.Success, "no summary line in:\n" + result);
        return match.Value.TrimEnd();
    }

    private static Match Diagnostic(CliResult result, string kind)
    {
        var match = Regex.Match(result.Output, @"^\s*(?:\d+>)?(?<file>[^\n]*?compression\.yaml)\((?<line>\d+),(?<column>\d+)\): " + kind + @" MC2\d{3}: [^\n]*", RegexOptions.Multiline);
        Assert.True(match.Success, "no " + kind + " MC2xxx with a position in:\n" + result);
        return match;
    }
}
