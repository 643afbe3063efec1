using System.Text.RegularExpressions;

namespace ModelCompress.Build.Tests.EndToEnd;

/// <summary>testprojects/MultiTargetLib: two target frameworks, one engine run per Configuration.</summary>
public sealed class MultiTargetBuildTests
{
    private const string Marker = "ModelCompress: compressing the models of";

    [Fact]
    public void A_multi_targeted_project_runs_the_engine_once_and_both_frameworks_embed_its_bytes()
    {
        using var copy = TestProjectCopy.Create();
        var project = copy.ProjectDir("MultiTargetLib");

        var built = copy.Build("MultiTargetLib");

        Assert.True(built.ExitCode == 0, built.ToString());
        Assert.Single(Regex.Matches(built.Output, Regex.Escape(Marker)));
        Assert.Equal(2, Regex.Matches(built.Output, "Skipping target \"_ModelCompressRun\" because all output files are up-to-date").Count);
        var shared = Path.Combine(project, "obj", "Debug", "modelcompress", "digits.onnx");
        Assert.True(File.Exists(shared), built.ToString());
        Assert.False(Directory.Exists(Path.Combine(project, "obj", "Debug", "net10.0", "modelcompress")), "an inner build wrote its own engine output");
        var expected = File.ReadAllBytes(shared);
        foreach (var framework in new[] { "netstandard2.0", "net10.0" })
        {
            var assembly = Path.Combine(project, "bin", "Debug", framework, "MultiTargetLib.dll");
            Assert.Equal(expected, AssemblyResources.Bytes(assembly, "MultiTargetLib.Models.digits.onnx"));
        }
    }
}
