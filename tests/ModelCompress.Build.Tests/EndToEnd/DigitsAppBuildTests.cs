namespace ModelCompress.Build.Tests.EndToEnd;

/// <summary>Real `dotnet build` runs of testprojects/DigitsApp, copied to a path with a space, '@' and umlauts.</summary>
public sealed class DigitsAppBuildTests
{
    private const string Marker = "ModelCompress: compressing the models of";

    [Fact]
    public void First_build_embeds_the_model_second_starts_no_engine_and_clean_removes_the_outputs()
    {
        using var copy = TestProjectCopy.Create();
        var project = copy.ProjectDir("DigitsApp");
        var manifest = Path.Combine(project, "obj", "Debug", "net10.0", "modelcompress", "manifest.json");
        var accessor = Path.Combine(project, "obj", "Debug", "net10.0", "DigitsApp.CompressedModels.g.cs");
        var assembly = Path.Combine(project, "bin", "Debug", "net10.0", "DigitsApp.dll");

        var first = copy.Build("DigitsApp");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains(Marker, first.Output);
        Assert.True(File.Exists(manifest), "no manifest.json after the first build");
        Assert.Contains("internal static partial class CompressedModels", File.ReadAllText(accessor));

        var run = DotnetCli.Run(project, assembly);
        Assert.True(run.ExitCode == 0, run.ToString());
        var resource = run.Lines.Single(l => l.StartsWith("resource: ", StringComparison.Ordinal))["resource: ".Length..];
        Assert.Contains(resource, AssemblyResources.Names(assembly));
        var accuracy = double.Parse(run.Lines.Single(l => l.StartsWith("accuracy: ", StringComparison.Ordinal)).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        // The app measures the embedded model itself; it must agree with what the engine reported for it.
        var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(manifest)!, "report.json")));
        var reported = report.RootElement.GetProperty("models")[0].GetProperty("compressed").GetProperty("accuracy").GetDouble();
        Assert.Equal(reported, accuracy, 3);
        Assert.InRange(accuracy, 0.97, 1.0);

        var manifestTime = File.GetLastWriteTimeUtc(manifest);
        var second = copy.Build("DigitsApp");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain(Marker, second.Output);
        Assert.Contains("Skipping target \"_ModelCompressRun\"", second.Output);
        Assert.Equal(manifestTime, File.GetLastWriteTimeUtc(manifest));

        // One line per model on both builds, the skipped one included (summary.txt beside the report).
        const string Summary = @"ModelCompress: digits \d+\.\d KB → \d+\.\d KB, top-1 \d+\.\d\d % → \d+\.\d\d %, p95 \d+\.\d\d → \d+\.\d\d ms; report: .*report\.html";
        Assert.Matches(Summary, first.Output);
        Assert.Matches(Summary, second.Output);
        Assert.Contains(resource, AssemblyResources.Names(assembly));

        var clean = copy.Dotnet("clean", "DigitsApp");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.False(File.Exists(manifest), "manifest.json survived dotnet clean");
        Assert.False(File.Exists(accessor), "the accessor survived dotnet clean");
        Assert.False(Directory.Exists(Path.GetDirectoryName(manifest)), "the engine output folder survived dotnet clean");
    }

    [Fact]
    public void Changing_the_config_reruns_the_engine()
    {
        using var copy = TestProjectCopy.Create();
        var config = Path.Combine(copy.ProjectDir("BudgetExceeded"), "compression.yaml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("max_kb: 1 }", "max_kb: 1000 }", StringComparison.Ordinal));

        var first = copy.Build("BudgetExceeded");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains(Marker, first.Output);

        File.AppendAllText(config, "# touched\n");
        var second = copy.Build("BudgetExceeded");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains(Marker, second.Output);
    }
}
