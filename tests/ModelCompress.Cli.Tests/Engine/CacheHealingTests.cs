using System.Text.Json.Nodes;
using ModelCompress.Engine.Caching;

namespace ModelCompress.Cli.Tests.Engine;

/// <summary>
/// A cache that checks and heals: entries that lost a file, were tampered with or were stored under another key are
/// quarantined and recomputed (then hit again), <c>cache verify</c> fails on damage, and leftovers of killed builds
/// are swept once they are an hour old.
/// </summary>
public sealed class CacheHealingTests
{
    [Theory]
    [InlineData("record.json")]
    [InlineData("artifact.onnx")]
    public void Entry_that_lost_a_file_is_repaired_not_a_miss_forever(string lost)
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);
        Assert.True(EngineRun.Run(project).Succeeded);
        var good = File.ReadAllBytes(Path.Combine(project.OutputDir, "digits.onnx"));
        File.Delete(Directory.EnumerateFiles(project.CacheDir, lost, SearchOption.AllDirectories).First());

        var repaired = EngineRun.Run(project);
        var again = EngineRun.Run(project);

        Assert.Contains(repaired.Diagnostics, d => d.Code == "MC5003" && d.Message.Contains("missing", StringComparison.Ordinal));
        Assert.Contains(repaired.Report!.Models[0].Steps, s => !s.CacheHit);
        Assert.All(again.Report!.Models[0].Steps, s => Assert.True(s.CacheHit));
        Assert.DoesNotContain(again.Diagnostics, d => d.Code == "MC5003");
        Assert.Equal(good, File.ReadAllBytes(Path.Combine(project.OutputDir, "digits.onnx")));
        Assert.Single(Directory.GetDirectories(Path.Combine(project.CacheDir, ArtifactCache.QuarantineFolder)));
    }

    [Fact]
    public void Tampered_entry_holding_another_steps_artifact_is_quarantined_and_recomputed()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);
        var first = EngineRun.Run(project);
        var good = File.ReadAllBytes(Path.Combine(project.OutputDir, "digits.onnx"));
        var (pruneKey, quantizeKey) = (first.Report!.Models[0].Steps[0].CacheKey, first.Report.Models[0].Steps[1].CacheKey);
        // Put the quantize step's entry where the prune step's belongs, its record edited to be self-consistent.
        var pruneFolder = EntryFolder(project, pruneKey);
        Directory.Delete(pruneFolder, recursive: true);
        CopyFolder(EntryFolder(project, quantizeKey), pruneFolder);
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(pruneFolder, "record.json")))!;
        record["Key"] = pruneKey;
        File.WriteAllText(Path.Combine(pruneFolder, "record.json"), record.ToJsonString());

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        var warning = Assert.Single(outcome.Diagnostics, d => d.Code == "MC5003");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("do not hash to its key", warning.Message, StringComparison.Ordinal);
        Assert.False(outcome.Report!.Models[0].Steps[0].CacheHit);
        Assert.Equal(good, File.ReadAllBytes(Path.Combine(project.OutputDir, "digits.onnx")));
    }

    [Fact]
    public void Entry_whose_record_names_other_inputs_is_not_used()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);
        var key = EngineRun.Run(project).Report!.Models[0].Steps[0].CacheKey;
        var cache = new ArtifactCache(project.CacheDir);

        var lookup = cache.TryGet(key, ["step", "some other input"]);

        Assert.Equal(CacheLookupStatus.Corrupt, lookup.Status);
        Assert.Equal("the record's inputs are not this step's", lookup.Problem);
        Assert.Equal(CacheLookupStatus.Miss, cache.TryGet(key).Status);
    }

    [Fact]
    public void Cache_verify_reports_damage_and_exits_1_then_0_once_healed()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);
        Assert.True(EngineRun.Run(project).Succeeded);
        var clean = ToolProcess.Run(null, "cache", "verify", "--cache-dir", project.CacheDir);
        File.Delete(Directory.EnumerateFiles(project.CacheDir, "record.json", SearchOption.AllDirectories).First());

        var damaged = ToolProcess.Run(null, "cache", "verify", "--cache-dir", project.CacheDir);
        var after = ToolProcess.Run(null, "cache", "verify", "--cache-dir", project.CacheDir);

        Assert.Equal(0, clean.ExitCode);
        Assert.Contains("2 entries checked, 0 damaged.", clean.Output, StringComparison.Ordinal);
        Assert.Equal(1, damaged.ExitCode);
        Assert.Contains("the record is missing", damaged.Output, StringComparison.Ordinal);
        Assert.Contains("error MC5120", damaged.Output, StringComparison.Ordinal);
        Assert.Equal(0, after.ExitCode);
        Assert.Contains("1 entries checked, 0 damaged.", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Leftovers_older_than_an_hour_are_swept_on_open_and_by_gc_fresh_ones_are_kept()
    {
        using var project = new TempProject();
        var cache = ArtifactCache.Open(project.CacheDir);
        var stale = Leftover(cache, ArtifactCache.StagingFolder, "stale", TimeSpan.FromHours(2));
        var fresh = Leftover(cache, ArtifactCache.StagingFolder, "fresh", TimeSpan.FromMinutes(5));
        var evicted = Leftover(cache, "ab", "ab" + new string('0', 30) + ".evicted-1", TimeSpan.FromHours(3));
        var staleForGc = Leftover(cache, ArtifactCache.QuarantineFolder, "old", TimeSpan.FromHours(5));

        ArtifactCache.Open(project.CacheDir);

        Assert.False(Directory.Exists(stale));
        Assert.False(Directory.Exists(evicted));
        Assert.False(Directory.Exists(staleForGc));
        Assert.True(Directory.Exists(fresh));
        var gcStale = Leftover(cache, ArtifactCache.StagingFolder, "stale-again", TimeSpan.FromHours(2));
        var (exit, output) = ToolProcess.Run(null, "cache", "gc", "--cache-dir", project.CacheDir);
        Assert.Equal(0, exit);
        Assert.Contains("Removed 1 leftovers", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(gcStale));
        Assert.True(Directory.Exists(fresh));
    }

    private static string Leftover(ArtifactCache cache, string parent, string name, TimeSpan age)
    {
        var folder = Path.Combine(cache.Root, parent, name);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "artifact.onnx");
        File.WriteAllBytes(file, [1, 2, 3]);
        var then = DateTime.UtcNow - age;
        File.SetLastWriteTimeUtc(file, then);
        Directory.SetLastWriteTimeUtc(folder, then);
        return folder;
    }

    private static string EntryFolder(TempProject project, string key) => Path.Combine(project.CacheDir, key[..2], key);

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
