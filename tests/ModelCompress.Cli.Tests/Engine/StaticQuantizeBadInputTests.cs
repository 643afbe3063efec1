namespace ModelCompress.Cli.Tests.Engine;

/// <summary>Bad inputs to <c>quantize: { mode: static }</c>: one error each, at the YAML line that caused it, nothing written.</summary>
public sealed class StaticQuantizeBadInputTests
{
    private static readonly string Yaml = DigitsYaml.For("- quantize: { mode: static }", data: "calibration: x_calib");

    public static TheoryData<string, string, string, int> Cases() => new()
    {
        // name, replacement (old => new within Yaml), expected code, expected line
        { "no calibration data anywhere", "    data:\n      path: data/digits.npz\n      inputs: { input: x_test }\n      labels: y_test\n      calibration: x_calib\n=>", "MC1020", 6 },
        { "calibration array of the wrong shape", "calibration: x_calib=>calibration: y_calib", "MC40", 9 },
        { "op that cannot be quantized in include", "{ mode: static }=>{ mode: static, include: [/relu1/Relu] }", "MC3074", 11 },
        { "unknown node in exclude", "{ mode: static }=>{ mode: static, exclude: [nope] }", "MC3052", 11 },
        { "percentile out of range", "{ mode: static }=>{ mode: static, calibration: { method: percentile, percentile: 100.5 } }", "MC10", 11 },
        { "unknown calibration method", "{ mode: static }=>{ mode: static, calibration: { method: kl } }", "MC10", 11 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_static_quantize_input_is_one_error_at_its_line(string name, string replacement, string code, int line)
    {
        using var project = new TempProject();

        var error = EngineRun.SingleErrorAfter(project, Yaml, replacement, name);

        Assert.StartsWith(code, error.Code, StringComparison.Ordinal);
        Assert.Equal(project.ConfigPath, error.Position?.File);
        Assert.Equal(line, error.Position?.Line);
        EngineRun.AssertNothingWritten(project);
    }

    [Fact]
    public void NaN_in_calibration_data_is_one_error_naming_the_array()
    {
        using var project = new TempProject();
        var x = new float[10 * 64];
        var calib = new float[10 * 64];
        calib[130] = float.NaN;
        NpzWriter.Write(project.PathOf("data/bad.npz"), new Dictionary<string, (long[], Array)>
        {
            ["x"] = ([10, 1, 8, 8], x),
            ["y"] = ([10], new long[10]),
            ["c"] = ([10, 1, 8, 8], calib),
        });
        project.WriteConfig(Yaml.Replace("data/digits.npz", "data/bad.npz").Replace("x_test", "x").Replace("y_test", "y").Replace("x_calib", "c"));

        var error = EngineRun.SingleError(EngineRun.Run(project));

        Assert.StartsWith("MC40", error.Code, StringComparison.Ordinal);
        Assert.Contains("'c'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_data_calibration_the_evaluation_inputs_calibrate_with_a_warning()
    {
        using var project = new TempProject();
        project.WriteConfig(Yaml.Replace("      calibration: x_calib\n", "", StringComparison.Ordinal));

        var outcome = EngineRun.Run(project);

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        var warning = Assert.Single(outcome.Diagnostics, d => d.Code == "MC3072");
        Assert.Contains("evaluation inputs", warning.Message, StringComparison.Ordinal);
    }
}
