namespace ModelCompress.Build.Tests.EndToEnd;

/// <summary>Builds that never start the engine still give code using CompressedModels an accessor (real dotnet build).</summary>
public sealed class WithoutEngineBuildTests
{
    private const string Marker = "ModelCompress: compressing the models of";

    [Fact]
    public void Design_time_build_of_a_fresh_copy_compiles_code_using_the_accessor()
    {
        using var copy = TestProjectCopy.Create();
        var project = copy.ProjectDir("DigitsApp");
        var accessor = Path.Combine(project, "obj", "Debug", "net10.0", "DigitsApp.CompressedModels.g.cs");

        // The compiler runs (no SkipCompilerExecution): a missing accessor would be CS0103 on CompressedModels.
        var designTime = copy.Dotnet("msbuild", "DigitsApp", "-restore", "-t:Compile", "-p:DesignTimeBuild=true");

        Assert.True(designTime.ExitCode == 0, designTime.ToString());
        Assert.DoesNotContain(Marker, designTime.Output);
        Assert.Contains("Digits", File.ReadAllText(accessor), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(project, "obj", "Debug", "net10.0", "modelcompress", "manifest.json")));
    }

    [Fact]
    public void Disabled_build_embeds_the_source_model_unchanged()
    {
        using var copy = TestProjectCopy.Create();
        var project = copy.ProjectDir("DigitsApp");
        var assembly = Path.Combine(project, "bin", "Debug", "net10.0", "DigitsApp.dll");

        var disabled = copy.Build("DigitsApp", "-p:ModelCompressEnabled=false");

        Assert.True(disabled.ExitCode == 0, disabled.ToString());
        Assert.DoesNotContain(Marker, disabled.Output);
        Assert.Contains("DigitsApp.Models.digits.onnx", AssemblyResources.Names(assembly));
        var run = DotnetCli.Run(project, assembly);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("models: digits", run.Output, StringComparison.Ordinal);
    }
}
