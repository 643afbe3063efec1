using ModelCompress.Cli.Tests.Engine;

namespace ModelCompress.Cli.Tests.Process;

/// <summary>
/// The tool as its own process under faults: killed (SIGKILL) at several points of a run and then rerun, and eight
/// runs at once on one cache and one output folder. Either way the result must be the bytes of an undisturbed run,
/// and the cache must verify clean.
/// </summary>
public sealed class FaultTests
{
    // Progress lines (--plain) a run prints as it goes; each is a point to kill it at.
    private static readonly string[] KillPoints =
    [
        "load model", "evaluate original", "step 1 prune", "step 2 quantize", "evaluate after step 2",
    ];

    [Fact]
    public void Killed_at_any_point_a_rerun_gives_the_undisturbed_bytes_and_a_clean_cache()
    {
        var expected = ReferenceBytes();
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);
        var killedAt = new List<string>();
        foreach (var point in KillPoints)
        {
            // A run that finishes before the point is seen is not killed; with the cache filling up that can happen.
            if (RunAndKillAt(project, point))
            {
                killedAt.Add(point);
            }
        }

        var (exit, output) = Run(project);

        Assert.True(exit == 0, output);
        Assert.True(killedAt.Count >= 3, "killed at: " + string.Join(", ", killedAt));
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(project.OutputDir, "digits.onnx")));
        var verify = ToolProcess.Run(null, "cache", "verify", "--cache-dir", project.CacheDir);
        Assert.True(verify.ExitCode == 0, verify.Output);
    }

    [Fact]
    public async Task Eight_concurrent_runs_on_one_cache_compute_each_step_once_and_agree()
    {
        var expected = ReferenceBytes();
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Run(project))));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Output));
        var lines = runs.SelectMany(r => r.Output.Split('\n')).ToList();
        foreach (var step in new[] { "step 1 prune", "step 2 quantize" })
        {
            var computed = lines.Count(l => l.Contains(step, StringComparison.Ordinal) && !l.Contains("(cached)", StringComparison.Ordinal));
            Assert.True(computed == 1, $"{step} computed {computed} times:\n" + string.Join("\n", lines.Where(l => l.Contains(step, StringComparison.Ordinal))));
        }

        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(project.OutputDir, "digits.onnx")));
        var verify = ToolProcess.Run(null, "cache", "verify", "--cache-dir", project.CacheDir);
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.Contains("2 entries checked, 0 damaged.", verify.Output, StringComparison.Ordinal);
    }

    private static byte[] ReferenceBytes()
    {
        using var reference = new TempProject();
        reference.WriteConfig(BadInputTests.ValidYaml);
        var (exit, output) = Run(reference);
        Assert.True(exit == 0, output);
        return File.ReadAllBytes(Path.Combine(reference.OutputDir, "digits.onnx"));
    }

    private static (int ExitCode, string Output) Run(TempProject project) =>
        ToolProcess.Run(null, "run", "--config", project.ConfigPath, "--cache-dir", project.CacheDir, "--plain");

    /// <returns>True when the run was killed (it printed <paramref name="point"/> before it ended).</returns>
    private static bool RunAndKillAt(TempProject project, string point)
    {
        using var process = ToolProcess.Start(null, "run", "--config", project.ConfigPath, "--cache-dir", project.CacheDir, "--plain");
        _ = process.StandardError.ReadToEndAsync();
        var killed = false;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.Contains(point, StringComparison.Ordinal))
            {
                // Kill() is SIGKILL on Unix: no finally blocks, no flushing, like kill -9.
                process.Kill(entireProcessTree: true);
                killed = true;
                break;
            }
        }

        process.WaitForExit();
        return killed;
    }
}
