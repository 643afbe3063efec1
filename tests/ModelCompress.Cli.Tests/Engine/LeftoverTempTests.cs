using ModelCompress.Engine.Caching;
using ModelCompress.Engine.IO;
using ModelCompress.Engine.Steps;
using ModelCompress.Onnx.Files;

namespace ModelCompress.Cli.Tests.Engine;

/// <summary>
/// What a killed build leaves (a save's hidden temporaries, scratch folders in the system temporary folder) is swept
/// once stale; and a user's external-data file that changes under a running build never crashes the engine.
/// </summary>
public sealed class LeftoverTempTests
{
    private static readonly DateTime TwoHoursAgo = DateTime.UtcNow - TimeSpan.FromHours(2);

    [Fact]
    public void A_killed_saves_temporaries_in_the_output_folder_are_swept_by_the_next_run_once_stale()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml);
        Directory.CreateDirectory(project.OutputDir);
        var output = Path.Combine(project.OutputDir, "digits.onnx");
        var staleModel = Leftover(TemporaryName.For(output), TwoHoursAgo);
        var staleData = Leftover(TemporaryName.For(output + ".data"), TwoHoursAgo);
        var fresh = Leftover(TemporaryName.For(output), DateTime.UtcNow);

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        Assert.False(File.Exists(staleModel));
        Assert.False(File.Exists(staleData));
        Assert.True(File.Exists(fresh), "a temporary a live build may still be writing was removed");
    }

    [Fact]
    public void Scratch_folders_in_the_system_temporary_folder_are_swept_once_stale()
    {
        using var project = new TempProject();
        Directory.CreateDirectory(project.CacheDir);
        var stale = EngineTemp.NewFolder();
        Leftover(Path.Combine(stale, "model.onnx.data"), TwoHoursAgo);
        Directory.SetLastWriteTimeUtc(stale, TwoHoursAgo);
        var fresh = EngineTemp.NewFolder();

        CacheSweeper.Sweep(project.CacheDir, CacheSweeper.StaleAfter);

        Assert.False(Directory.Exists(stale));
        Assert.True(Directory.Exists(fresh), "a scratch folder a live build may still use was removed");
        Directory.Delete(fresh);
    }

    [Fact]
    public void A_held_staging_folder_outlives_the_sweep_however_old_until_its_run_lets_go()
    {
        using var project = new TempProject();
        var cache = ArtifactCache.Open(project.CacheDir);
        var held = HeldFolder.Create(cache);
        var killed = Path.Combine(cache.Root, ArtifactCache.StagingFolder, "killed-run");
        Directory.CreateDirectory(killed);
        Leftover(Path.Combine(killed, HeldFolder.LockName), TwoHoursAgo); // the lock of a killed run: no process holds it
        foreach (var folder in new[] { held.Path, killed })
        {
            Leftover(Path.Combine(folder, "artifact.onnx"), TwoHoursAgo);
            File.SetLastWriteTimeUtc(Path.Combine(folder, HeldFolder.LockName), TwoHoursAgo);
            Directory.SetLastWriteTimeUtc(folder, TwoHoursAgo);
        }

        CacheSweeper.Sweep(cache.Root, CacheSweeper.StaleAfter);

        Assert.True(Directory.Exists(held.Path), "the sweep removed a folder a live run holds");
        Assert.False(Directory.Exists(killed));
        held.Dispose();
        Assert.False(Directory.Exists(held.Path));
    }

    [Fact]
    public void When_the_cache_staging_area_cannot_be_written_the_stand_in_is_a_swept_scratch_folder()
    {
        using var project = new TempProject();
        Directory.CreateDirectory(project.CacheDir);
        File.WriteAllText(Path.Combine(project.CacheDir, ArtifactCache.StagingFolder), "a file where the staging folder should be");

        var staging = new ArtifactCache(project.CacheDir).NewStagingFolder();

        Assert.Equal(Path.GetFullPath(Path.GetTempPath()), Path.GetDirectoryName(staging) + Path.DirectorySeparatorChar);
        Assert.StartsWith("modelcompress-scratch-", Path.GetFileName(staging), StringComparison.Ordinal);
        Directory.Delete(staging);
    }

    [Fact]
    public void A_source_data_file_truncated_right_after_loading_leaves_the_run_whole()
    {
        using var project = new TempProject();
        var source = project.PathOf("models/big.onnx");
        ExternalDataModel.Write(source, layers: 2, dim: 256, seed: 3);
        var expected = File.ReadAllBytes(source + ".data");
        project.WriteConfig("""
            version: 1
            models:
              big:
                evaluation: { warmup: 0, iterations: 1 }
                source: models/big.onnx
                steps: [ { quantize: { mode: weight_only, bits: 4 } } ]
            """);
        var options = new RunOptions(project.ConfigPath, project.OutputDir, project.CacheDir, null, DiagnosticSeverity.Error, Path.Combine(project.OutputDir, "manifest.json"));

        // Mapped in place, the user's file would SIGBUS the engine at the first weight read; opened by path, ONNX Runtime
        // would fail to load the baseline. The run works on the engine's own copy of the bytes it loaded instead.
        var outcome = EngineFactory.Create(new TruncateAfterLoad(source + ".data")).Run(options);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        Assert.Equal(0, new FileInfo(source + ".data").Length);
        var output = Path.Combine(project.OutputDir, "big.onnx");
        Assert.Equal(2, Onnx.Proto.ModelProto.Parser.ParseFrom(File.ReadAllBytes(output)).Graph.Node.Count(n => n.OpType == "MatMulNBits"));
        var report = Assert.Single(ReportJson.Deserialize(File.ReadAllText(Path.Combine(project.OutputDir, "report.json"))).Models);
        Assert.Equal(new FileInfo(source).Length + expected.Length, report.Original!.SizeBytes);
        var staging = Path.Combine(project.CacheDir, ArtifactCache.StagingFolder);
        Assert.True(!Directory.Exists(staging) || !Directory.EnumerateFileSystemEntries(staging).Any(), "the copy of the source was left in the cache");
    }

    private static string Leftover(string path, DateTime written)
    {
        File.WriteAllBytes(path, [1, 2, 3]);
        File.SetLastWriteTimeUtc(path, written);
        return path;
    }

    // Cuts the user's data file to nothing, in place, the moment the model is loaded.
    private sealed class TruncateAfterLoad(string dataFile) : IEngineObserver
    {
        public void StageStarted(string model, string stage)
        {
        }

        public void StageFinished(string model, string stage, TimeSpan duration, bool cacheHit)
        {
            if (stage == "load model")
            {
                using var stream = new FileStream(dataFile, FileMode.Open, FileAccess.Write);
                stream.SetLength(0);
            }
        }

        public void StepProgress(string model, string stage, StepProgress progress)
        {
        }

        public void Diagnostic(Diagnostic diagnostic)
        {
        }
    }
}
