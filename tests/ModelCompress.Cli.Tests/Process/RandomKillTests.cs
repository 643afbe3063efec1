using System.Diagnostics;
using System.Text.Json.Nodes;
using ModelCompress.Engine.Caching;

namespace ModelCompress.Cli.Tests.Process;

/// <summary>
/// The suite's small version of <c>scripts/kill-trials.sh</c>: per run kind, three SIGKILLs at seeded random delays
/// within a clean run's duration, each followed by a rerun that must give the reference run's model bytes and report
/// (timings removed); then the cache verifies clean and everything temporary the kills left is swept once it is past
/// the sweep age.
/// </summary>
public sealed class RandomKillTests(ITestOutputHelper output)
{
    private const int Kills = 3;

    private const string GraphSteps = """
        - prepare: { fold_batchnorm: true }
        - prune: { method: magnitude, sparsity: 0.5, scope: global }
        - quantize: { mode: static, calibration: { samples: 64 } }
        """;

    private const string TrainingSteps = """
        - prune: { method: magnitude, sparsity: 0.6, scope: global }
        - finetune: { training: { epochs: 1, batch_size: 64, lr: 0.001 } }
        """;

    // Properties that differ between two correct runs: timings, cache hits, and the paths of each project.
    private static readonly HashSet<string> Unstable = ["durationMs", "stages", "latency", "cacheHit", "config", "output", "source", "file"];

    [Theory]
    [InlineData("graph", 11)]
    [InlineData("training", 12)]
    [InlineData("cache-hit", 13)]
    public void Random_kills_then_a_rerun_give_the_reference_bytes_and_leave_nothing_past_the_sweep(string kind, int seed)
    {
        var yaml = DigitsYaml.For(kind == "training" ? TrainingSteps : GraphSteps, data: "calibration: { input: x_calib }\n" + DigitsYaml.TrainingData);
        using var reference = new TempProject();
        reference.WriteConfig(yaml);
        var duration = TimedRun(reference);
        if (kind == "cache-hit")
        {
            duration = TimedRun(reference);
        }

        var (expectedModel, expectedReport) = Result(reference);
        using var project = new TempProject();
        project.WriteConfig(yaml);
        if (kind == "cache-hit")
        {
            TimedRun(project);
        }

        var random = new Random(seed);
        for (var i = 0; i < Kills; i++)
        {
            if (kind != "cache-hit")
            {
                EmptyEntries(project.CacheDir); // a cold step cache; the kills' leftovers stay and add up
            }

            var delay = TimeSpan.FromSeconds(random.NextDouble() * duration.TotalSeconds);
            var killed = RunAndKillAfter(project, delay);
            output.WriteLine($"{kind} seed {seed} kill {i + 1}: after {delay.TotalSeconds:0.00} s of {duration.TotalSeconds:0.00} s, {(killed ? "killed" : "finished first")}");
            TimedRun(project);
            var (model, report) = Result(project);
            Assert.True(expectedModel.AsSpan().SequenceEqual(model), $"{kind} kill {i + 1}: the rerun's model bytes differ");
            Assert.True(JsonNode.DeepEquals(expectedReport, report), $"{kind} kill {i + 1}: the rerun's report differs:\n{report}");
        }

        var verify = ToolProcess.Run(null, "cache", "verify", "--cache-dir", project.CacheDir);
        Assert.True(verify.ExitCode == 0, verify.Output);
        // Whether a kill landed inside a staging write is chance; one planted staging folder makes every run age
        // and sweep a folder, as a kill at the end of a write leaves.
        var planted = Path.Combine(project.CacheDir, ArtifactCache.StagingFolder, "planted", "model.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(planted)!);
        File.WriteAllBytes(planted, [1, 2, 3]);
        var left = Leftovers(project);
        Assert.All(left, f => Assert.True(File.GetLastWriteTimeUtc(f) > DateTime.UtcNow - CacheSweeper.StaleAfter, f));
        foreach (var file in left)
        {
            Backdate(file, project.CacheDir);
        }

        Assert.Equal(0, ToolProcess.Run(null, "cache", "gc", "--cache-dir", project.CacheDir).ExitCode);
        TimedRun(project); // its sweep of the output folder
        Assert.DoesNotContain(Leftovers(project), f => File.GetLastWriteTimeUtc(f) < DateTime.UtcNow - CacheSweeper.StaleAfter);
    }

    // The sweeper dates a staging folder by its newest entry and its own time (adding a file touches it), so a
    // leftover is aged with every folder between it and the cache.
    private static void Backdate(string file, string cacheDir)
    {
        var past = DateTime.UtcNow - TimeSpan.FromHours(2);
        File.SetLastWriteTimeUtc(file, past);
        var root = Path.GetFullPath(cacheDir);
        for (var folder = Path.GetDirectoryName(Path.GetFullPath(file)); folder is not null && folder.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal); folder = Path.GetDirectoryName(folder))
        {
            Directory.SetLastWriteTimeUtc(folder, past);
        }
    }

    private static TimeSpan TimedRun(TempProject project)
    {
        var clock = Stopwatch.StartNew();
        var (exit, output) = ToolProcess.Run(null, "run", "--config", project.ConfigPath, "--cache-dir", project.CacheDir, "--plain");
        Assert.True(exit == 0, output);
        return clock.Elapsed;
    }

    private static (byte[] Model, JsonNode Report) Result(TempProject project)
    {
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(project.OutputDir, "report.json")))!;
        Strip(report);
        return (File.ReadAllBytes(Path.Combine(project.OutputDir, "digits.onnx")), report);
    }

    private static void Strip(JsonNode? node)
    {
        if (node is JsonObject map)
        {
            foreach (var key in map.Select(p => p.Key).Where(Unstable.Contains).ToList())
            {
                map.Remove(key);
            }

            map.Select(p => p.Value).ToList().ForEach(Strip);
        }
        else if (node is JsonArray list)
        {
            // Warnings from a latency measurement (int8 slower than float, inside the noise) follow the machine's load.
            foreach (var timing in list.Where(n => n is JsonObject o && o["code"]?.GetValue<string>() is "MC3075" or "MC2020").ToList())
            {
                list.Remove(timing);
            }

            list.ToList().ForEach(Strip);
        }
    }

    private static void EmptyEntries(string cacheDir)
    {
        foreach (var key in new ArtifactCache(cacheDir).Keys())
        {
            Directory.Delete(Path.Combine(cacheDir, key[..2], key), recursive: true);
        }

        var evaluations = Path.Combine(cacheDir, "evaluations");
        foreach (var file in Directory.Exists(evaluations) ? Directory.GetFiles(evaluations).Where(f => !Path.GetFileName(f).StartsWith('.')) : [])
        {
            File.Delete(file);
        }
    }

    /// <returns>True when the run was still going after <paramref name="delay"/> and was killed.</returns>
    private static bool RunAndKillAfter(TempProject project, TimeSpan delay)
    {
        using var process = ToolProcess.Start(null, "run", "--config", project.ConfigPath, "--cache-dir", project.CacheDir, "--plain");
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (process.WaitForExit(delay))
        {
            return false;
        }

        process.Kill(entireProcessTree: true); // SIGKILL on Unix, like kill -9
        process.WaitForExit();
        return true;
    }

    // Temporary things a killed run may leave: staging, quarantine and lock files in the cache, half-written
    // evaluation files, and hidden temporary files in the output folder.
    private static List<string> Leftovers(TempProject project)
    {
        var cache = project.CacheDir;
        return new[] { ArtifactCache.StagingFolder, ArtifactCache.QuarantineFolder, KeyLock.Folder }
            .Select(f => Path.Combine(cache, f))
            .Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories))
            .Concat(Directory.Exists(Path.Combine(cache, "evaluations")) ? Directory.EnumerateFiles(Path.Combine(cache, "evaluations"), ".*.tmp") : [])
            .Concat(Directory.Exists(project.OutputDir) ? Directory.EnumerateFiles(project.OutputDir, ".*.tmp") : [])
            .ToList();
    }
}
