using System.Text.Json;

namespace ModelCompress.Build.Tests.EndToEnd;

/// <summary>The step cache seen through real builds: edits re-run only what changed; a shared cache survives obj/.</summary>
public sealed class CacheBuildTests
{
    [Fact]
    public void Editing_the_last_step_reruns_only_that_step()
    {
        using var copy = TestProjectCopy.Create();
        var config = Path.Combine(copy.ProjectDir("DigitsApp"), "compression.yaml");
        var first = copy.Build("DigitsApp");
        Assert.True(first.ExitCode == 0, first.ToString());

        File.WriteAllText(config, File.ReadAllText(config).Replace("method: minmax }", "method: percentile }", StringComparison.Ordinal));
        var second = copy.Build("DigitsApp");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(new[] { true, false }, CacheHits(copy));
    }

    [Fact]
    public void Deleting_obj_with_a_shared_cache_hits_every_step()
    {
        using var copy = TestProjectCopy.Create();
        var shared = "-p:ModelCompressCacheDir=" + Path.Combine(Path.GetDirectoryName(copy.Root)!, "shared cache") + Path.DirectorySeparatorChar;
        var first = copy.Build("DigitsApp", shared);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(new[] { false, false }, CacheHits(copy));
        var compressed = File.ReadAllBytes(Path.Combine(ObjModelCompress(copy), "digits.onnx"));

        Directory.Delete(Path.Combine(copy.ProjectDir("DigitsApp"), "obj"), recursive: true);
        var again = copy.Build("DigitsApp", shared);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(new[] { true, true }, CacheHits(copy));
        Assert.Equal(compressed, File.ReadAllBytes(Path.Combine(ObjModelCompress(copy), "digits.onnx")));
    }

    private static string ObjModelCompress(TestProjectCopy copy) =>
        Path.Combine(copy.ProjectDir("DigitsApp"), "obj", "Debug", "net10.0", "modelcompress");

    private static bool[] CacheHits(TestProjectCopy copy)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(ObjModelCompress(copy), "report.json")));
        return report.RootElement.GetProperty("models")[0].GetProperty("steps").EnumerateArray()
            .Select(s => s.GetProperty("cacheHit").GetBoolean()).ToArray();
    }
}
