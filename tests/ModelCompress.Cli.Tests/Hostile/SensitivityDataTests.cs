namespace ModelCompress.Cli.Tests.Hostile;

/// <summary>
/// <c>modelcompress sensitivity --config</c> searches on the model's validation (else calibration) rows, refuses
/// the evaluation rows (MC3311) unless <c>--on-evaluation-data</c> is given, and then says so loudly (MC3312 and a
/// bold line in the table).
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class SensitivityDataTests
{
    private const string WithValidation = "      validation: { inputs: { input: x_calib }, labels: y_calib }\n";

    [Fact]
    public void Config_with_validation_searches_on_validation()
    {
        var (exit, output) = Sensitivity(WithValidation);

        Assert.True(exit == 0, output);
        Assert.Contains("Data: data.validation.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_with_only_evaluation_data_is_refused()
    {
        var (exit, output) = Sensitivity("");

        Assert.True(exit == 1, output);
        Assert.Contains("error MC3311", output, StringComparison.Ordinal);
        Assert.DoesNotContain("# Sensitivity", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluation_data_on_request_is_used_and_said_loudly()
    {
        var (exit, output) = Sensitivity("", "--on-evaluation-data");

        Assert.True(exit == 0, output);
        Assert.Contains("warning MC3312", output, StringComparison.Ordinal);
        Assert.Contains("**Searched on the EVALUATION (test) data", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_and_data_together_are_a_usage_error()
    {
        using var project = new TempProject();
        project.WriteConfig(Engine.BadInputTests.ValidYaml);

        var (exit, output) = ConsoleCapture.Run(
            ["sensitivity", "--config", project.ConfigPath, "--data", project.PathOf("data/digits.npz"), "--sparsities", "0.5"], TimeSpan.FromSeconds(60));

        Assert.True(exit == 2, output);
    }

    private static (int ExitCode, string Output) Sensitivity(string extraData, params string[] extra)
    {
        using var project = new TempProject();
        project.WriteConfig(Engine.BadInputTests.ValidYaml.Replace("      labels: y_test\n", "      labels: y_test\n" + extraData, StringComparison.Ordinal));
        return ConsoleCapture.Run(["sensitivity", "--config", project.ConfigPath, "--sparsities", "0.5", .. extra], TimeSpan.FromSeconds(120));
    }
}
