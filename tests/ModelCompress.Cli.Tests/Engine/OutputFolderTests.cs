namespace ModelCompress.Cli.Tests.Engine;

/// <summary>The output folder holds exactly the models of the config.</summary>
public sealed class OutputFolderTests
{
    [Fact]
    public void Output_of_a_model_removed_from_the_config_is_removed()
    {
        using var project = new TempProject();
        project.WriteConfig(BadInputTests.ValidYaml + "\n" + BadInputTests.ValidYaml.Split('\n').Skip(2).Aggregate("", (a, l) => a + l.Replace("  digits:", "  second:") + "\n"));
        Assert.True(EngineRun.Run(project).Succeeded);
        Assert.True(File.Exists(Path.Combine(project.OutputDir, "second.onnx")));
        project.WriteConfig(BadInputTests.ValidYaml);

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics));
        Assert.Equal(["digits.onnx"], project.OutputFiles().Where(f => f.EndsWith(".onnx", StringComparison.Ordinal)));
    }
}
