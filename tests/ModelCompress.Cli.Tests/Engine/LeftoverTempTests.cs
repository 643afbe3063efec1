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
    public void A_source_data_file_truncated_right_after_loading_never_crashes_the_run()
    {
        using var project = new TempProject();
        var source = project.PathOf("models/big.onnx");
        ExternalDataModel.Write(source, layers: 2, dim: 256, seed: 3);
        project.WriteConfig("""
            version: 1
            models:
              big:
                source: models/big.onnx
                steps:
                  - quantize: { mode: weight_only, bits: 4 }
                evaluation: { warmup: 0, iterations: 1 }
            """);
        var options = new RunOptions(project.ConfigPath, project.OutputDir, project.CacheDir, null, DiagnosticSeverity.Error, Path.Combine(project.OutputDir, "manifest.json"));

        // With the user's file mapped in place this run dies of SIGBUS at the first read of a weight; a snapshot keeps going.
        var outcome = EngineFactory.Create(new TruncateAfterLoad(source + ".data")).Run(options);

        var errors = outcome.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(outcome.Succeeded || errors.Count == 1, string.Join(" | ", outcome.Diagnostics));
        Assert.All(errors, e => Assert.StartsWith("MC", e.Code, StringComparison.Ordinal));
        Assert.Equal(0, new FileInfo(source + ".data").Length);
        var staging = Path.Combine(project.CacheDir, ArtifactCache.StagingFolder);
        Assert.True(!Directory.Exists(staging) || !Directory.EnumerateFileSystemEntries(staging).Any(), "a snapshot or staging folder was left in the cache");
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
