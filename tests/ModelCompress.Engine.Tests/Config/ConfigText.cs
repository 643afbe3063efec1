namespace ModelCompress.Engine.Tests.Config;

/// <summary>Parses YAML as if it lay beside the digits fixtures, and finds where a snippet sits in it.</summary>
internal static class ConfigText
{
    public static string FixtureFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestData", "digits");

    public static string ConfigPath { get; } = Path.Combine(FixtureFolder, "compression.yaml");

    public static CompressionConfig Parse(string yaml) => ConfigLoader.Parse(yaml, ConfigPath);

    public static IReadOnlyList<Diagnostic> Errors(string yaml) =>
        Assert.Throws<CompressionException>(() => ConfigLoader.Parse(yaml, ConfigPath)).Diagnostics;

    /// <summary>The 1-based line and column of the <paramref name="occurrence"/>-th <paramref name="needle"/>.</summary>
    public static (int Line, int Column) Locate(string yaml, string needle, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = yaml.IndexOf(needle, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{needle}' (occurrence {occurrence}) is not in the test YAML.");
        }

        var before = yaml[..index];
        var line = before.Count(c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }

    /// <summary>Asserts that the one error of <paramref name="yaml"/> has <paramref name="code"/> at <paramref name="needle"/>.</summary>
    public static Diagnostic SingleError(string yaml, string code, string needle, int occurrence = 1)
    {
        var errors = Errors(yaml);
        var error = Assert.Single(errors);
        AssertAt(error, code, yaml, needle, occurrence);
        return error;
    }

    public static void AssertAt(Diagnostic error, string code, string yaml, string needle, int occurrence = 1)
    {
        Assert.Equal(code, error.Code);
        var (line, column) = Locate(yaml, needle, occurrence);
        Assert.Equal(new SourcePosition(ConfigPath, line, column), error.Position);
    }

    /// <summary>A valid one-model file whose steps are <paramref name="steps"/> (indented as list items under steps:).</summary>
    public static string WithSteps(string steps, string extra = "") => $$"""
        version: 1
        models:
          digits:
            source: digits_cnn.onnx
            data:
              path: digits.npz
              inputs: { input: x_test }
              labels: y_test
              train: { inputs: { input: x_train }, labels: y_train }
        {{extra}}    steps:
        {{steps}}
        """;
}
