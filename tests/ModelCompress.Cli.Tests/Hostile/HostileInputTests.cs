using System.Diagnostics;

namespace ModelCompress.Cli.Tests.Hostile;

/// <summary>
/// The hostile-input table (tests/TestData/hostile/cases.tsv): each case breaks the digits project one way, runs the
/// real CLI in-process, and must print its MC code, exit non-zero (never 3, never MC9001), finish in 10 s and leave
/// no model or manifest in the output folder. A case with code "-" must succeed (legitimate inputs stay usable).
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class HostileInputTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in HostileCase.ReadTable())
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Fact]
    public void Table_has_unique_names_and_at_least_150_kinds()
    {
        var table = HostileCase.ReadTable();
        Assert.Equal(table.Count, table.Select(c => c.Name).Distinct().Count());
        Assert.True(table.Count >= 150, $"only {table.Count} cases");
        Assert.All(table.Where(c => c.Code != "-"), c => Assert.Matches("^MC[0-9]{4}$", c.Code));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_input_is_refused_with_its_code(string name)
    {
        var c = HostileCase.ReadTable().Single(x => x.Name == name);
        using var project = new TempProject();
        CaseInputs.Apply(project, c.Build);
        var staleModel = Path.Combine(project.OutputDir, "digits.onnx");
        if (c.Command == "run")
        {
            // A previous successful run's outputs: a failing run must not leave them looking current.
            Directory.CreateDirectory(project.OutputDir);
            File.Copy(TempProject.Fixture("digits_cnn.onnx"), staleModel);
            File.WriteAllText(Path.Combine(project.OutputDir, "manifest.json"),
                $$"""{"version":1,"inputs":[],"models":[{"name":"digits","file":{{System.Text.Json.JsonSerializer.Serialize(staleModel)}},"resourceName":null,"accessorName":"Digits"}],"reports":[]}""");
        }

        var args = c.Command == "run"
            ? ["run", "--config", project.ConfigPath, "--output", project.OutputDir, "--cache-dir", project.CacheDir, "--plain"]
            : c.Command.Split(' ').Select(a => a.Replace("{p}", project.Root, StringComparison.Ordinal)).ToArray();
        var clock = Stopwatch.StartNew();
        var (exit, output) = ConsoleCapture.Run(args, TimeSpan.FromSeconds(10));
        clock.Stop();

        var summary = $"ACTUAL\t{c.Name}\t{exit}\t{string.Join(",", Codes(output))}\t{clock.Elapsed.TotalSeconds:0.0}s\n{output[..Math.Min(output.Length, 1500)]}";
        var bug = output.IndexOf("MC9001", StringComparison.Ordinal);
        Assert.True(bug < 0, "internal error: " + (bug < 0 ? "" : output[bug..Math.Min(output.Length, bug + 700)]));
        Assert.True(exit != 3, summary);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), summary);
        Assert.True(exit == c.Exit, summary);
        if (c.Code != "-")
        {
            // Exit 0 with a code: a limit that caps a setting and says so (a warning), rather than refusing.
            Assert.True(output.Contains(c.Code, StringComparison.Ordinal), summary);
        }

        if (c.Command == "run" && exit != 0)
        {
            var files = project.OutputFiles();
            Assert.DoesNotContain(files, f => f.EndsWith(".onnx", StringComparison.Ordinal) || f.EndsWith("manifest.json", StringComparison.Ordinal) || f.EndsWith(".tmp", StringComparison.Ordinal));
        }
    }

    private static IEnumerable<string> Codes(string output) =>
        System.Text.RegularExpressions.Regex.Matches(output, @"(error|warning) (MC[0-9]{4})").Select(m => m.Groups[2].Value).Distinct();
}
