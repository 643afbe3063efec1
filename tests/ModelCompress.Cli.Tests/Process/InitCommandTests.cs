namespace ModelCompress.Cli.Tests.Process;

public sealed class InitCommandTests
{
    [Fact]
    public void Init_writes_a_config_that_parses_and_names_the_graph_inputs()
    {
        var folder = Directory.CreateTempSubdirectory("mc-init-").FullName;
        try
        {
            var model = Path.Combine(folder, "digits_cnn.onnx");
            File.Copy(TempProject.Fixture("digits_cnn.onnx"), model);
            var config = Path.Combine(folder, "compression.yaml");

            var (exitCode, output) = ToolProcess.Run(null, "init", model, "--output", config);

            Assert.True(exitCode == 0, output);
            var text = File.ReadAllText(config);
            Assert.Contains("#   input", text, StringComparison.Ordinal);
            var schema = new Uri(Assert.Single(text.Split('\n'), l => l.StartsWith("# yaml-language-server: $schema=", StringComparison.Ordinal))
                ["# yaml-language-server: $schema=".Length..]).LocalPath;
            Assert.Contains("\"title\": \"ModelCompress.Build compression.yaml\"", File.ReadAllText(schema), StringComparison.Ordinal);
            var parsed = ConfigLoader.Parse(text, config);
            Assert.Equal("digits_cnn", Assert.Single(parsed.Models).Name);

            var (again, message) = ToolProcess.Run(null, "init", model, "--output", config);
            Assert.NotEqual(0, again);
            Assert.Contains("MC5251", message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
