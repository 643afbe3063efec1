namespace ModelCompress.Cli.Tests.Engine;

/// <summary>
/// Every kind of bad input gives exactly one error with its code and position, a failed outcome, and leaves no
/// compressed model, manifest or half-written cache entry behind.
/// </summary>
public sealed class BadInputTests
{
    internal static readonly string ValidYaml = DigitsYaml.For("""
        - prune: { method: magnitude, sparsity: 0.5, scope: global }
        - quantize: { mode: dynamic }
        """, "accuracy: { metric: top1, max_drop: 0.02 }");

    public static TheoryData<string, string, string, int?> YamlCases() => new()
    {
        // name, replacement (old => new within ValidYaml), expected code prefix, expected line
        { "malformed yaml", "inputs: { input: x_test }=>inputs: { input: x_test", "MC10", null },
        { "unknown key", "scope: global=>scpoe: global", "MC10", 10 },
        { "wrong type", "sparsity: 0.5=>sparsity: half", "MC10", 10 },
        { "out of range", "sparsity: 0.5=>sparsity: 1.5", "MC10", 10 },
        { "unknown step", "- quantize: { mode: dynamic }=>- quantise: { mode: dynamic }", "MC10", 11 },
        { "unknown mode", "mode: dynamic=>mode: statik", "MC10", 11 },
        { "op a step cannot handle", "mode: dynamic }=>mode: dynamic, ops: [Relu] }", "MC10", 11 },
        { "missing model file", "models/digits_cnn.onnx=>models/nope.onnx", "MC10", 4 },
        { "missing data file", "data/digits.npz=>data/nope.npz", "MC10", 6 },
        { "both drops", "max_drop: 0.02=>max_drop: 0.02, max_relative_drop: 0.1", "MC10", 14 },
        { "unknown version", "version: 1=>version: 7", "MC10", 1 },
        { "missing array", "input: x_test=>input: x_nope", "MC40", 7 },
        { "shape mismatch", "input: x_test=>input: y_test", "MC40", 7 },
        { "row count mismatch", "labels: y_test=>labels: y_train", "MC40", 8 },
        { "unknown model input", "{ input: x_test }=>{ pixels: x_test }", "MC40", 7 },
    };

    [Theory]
    [MemberData(nameof(YamlCases))]
    public void Bad_config_or_data_gives_one_positioned_error_and_no_outputs(string name, string replacement, string codePrefix, int? line)
    {
        using var project = new TempProject();

        var error = EngineRun.SingleErrorAfter(project, ValidYaml, replacement, name);

        Assert.StartsWith(codePrefix, error.Code, StringComparison.Ordinal);
        Assert.NotNull(error.Position);
        Assert.Equal(project.ConfigPath, error.Position!.Value.File);
        if (line is { } expected)
        {
            Assert.Equal(expected, error.Position.Value.Line);
        }

        EngineRun.AssertNothingWritten(project);
    }

    [Theory]
    [InlineData("truncated", "MC3003")]
    [InlineData("not onnx", "MC3004")]
    [InlineData("empty", "MC3002")]
    public void Broken_model_file_gives_one_error_at_the_source_line(string kind, string code)
    {
        using var project = new TempProject();
        var model = project.PathOf("models/digits_cnn.onnx");
        var bytes = File.ReadAllBytes(model);
        File.WriteAllBytes(model, kind switch
        {
            "truncated" => bytes[..(bytes.Length / 2)],
            "not onnx" => "{\"this\": \"is json\"}"u8.ToArray(),
            _ => [],
        });
        project.WriteConfig(ValidYaml);

        var error = EngineRun.SingleError(EngineRun.Run(project));

        Assert.Equal(code, error.Code);
        Assert.Equal(4, error.Position?.Line);
        EngineRun.AssertNothingWritten(project);
    }

    [Fact]
    public void NaN_in_data_names_the_array()
    {
        using var project = new TempProject();
        var x = new float[10 * 64];
        x[70] = float.NaN;
        NpzWriter.Write(project.PathOf("data/bad.npz"), new Dictionary<string, (long[], Array)>
        {
            ["x"] = ([10, 1, 8, 8], x),
            ["y"] = ([10], new long[10]),
        });
        project.WriteConfig(ValidYaml.Replace("data/digits.npz", "data/bad.npz").Replace("x_test", "x").Replace("y_test", "y"));

        var error = EngineRun.SingleError(EngineRun.Run(project));

        Assert.StartsWith("MC40", error.Code, StringComparison.Ordinal);
        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
        EngineRun.AssertNothingWritten(project);
    }

    [Fact]
    public void Unwritable_cache_folder_is_one_clear_error()
    {
        using var project = new TempProject();
        project.WriteConfig(ValidYaml);
        var notAFolder = project.PathOf("cache-is-a-file");
        File.WriteAllText(notAFolder, "x");

        var error = EngineRun.SingleError(EngineRun.Run(project, cacheDir: Path.Combine(notAFolder, "sub")));

        Assert.Equal("MC5001", error.Code);
        EngineRun.AssertNothingWritten(project);
    }

    [Fact]
    public void Step_that_finds_nothing_to_work_on_is_an_error_at_the_step()
    {
        using var project = new TempProject();
        project.WriteConfig(ValidYaml.Replace("scope: global }", "scope: global, exclude: [node_does_not_exist] }"));

        var error = EngineRun.SingleError(EngineRun.Run(project));

        Assert.StartsWith("MC305", error.Code, StringComparison.Ordinal);
        Assert.Equal(10, error.Position?.Line);
        EngineRun.AssertNothingWritten(project);
    }

    [Fact]
    public void Unknown_model_filter_is_an_error()
    {
        using var project = new TempProject();
        project.WriteConfig(ValidYaml);

        var error = EngineRun.SingleError(EngineRun.Run(project, model: "nope"));

        Assert.Equal("MC1090", error.Code);
    }
}
