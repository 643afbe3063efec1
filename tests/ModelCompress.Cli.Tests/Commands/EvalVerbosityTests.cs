using ModelCompress.Cli.Tests.Hostile;

namespace ModelCompress.Cli.Tests.Commands;

/// <summary><c>eval</c> and <c>sensitivity</c> honour --verbosity: quiet is one line, normal the full block.</summary>
[Collection(ConsoleCapture.Name)]
public sealed class EvalVerbosityTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    [Fact]
    public void Eval_quiet_prints_one_line_normal_the_block()
    {
        var model = TempProject.Fixture("digits_cnn.onnx");
        string[] args = ["eval", model, "--data", TempProject.Fixture("digits.npz"), "--input", "input=x_test", "--labels", "y_test", "--iterations", "5", "--provider", "cpu"];

        var (quietExit, quiet) = ConsoleCapture.Run([.. args, "-v", "quiet"], Limit);
        var (normalExit, normal) = ConsoleCapture.Run(args, Limit);

        Assert.True(quietExit == 0 && normalExit == 0, quiet + normal);
        var line = Assert.Single(quiet.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(model + ": top-1 99.20 %, p95 ", line, StringComparison.Ordinal);
        Assert.Contains("  top-1         0.992", normal);
        Assert.Contains("  latency ms    p50", normal);
    }

    [Fact]
    public void Sensitivity_quiet_prints_a_line_instead_of_the_table()
    {
        string[] args = ["sensitivity", TempProject.Fixture("digits_cnn.onnx"), "--data", TempProject.Fixture("digits.npz"), "--input", "input=x_calib", "--labels", "y_calib", "--sparsities", "0.5"];

        var (exit, quiet) = ConsoleCapture.Run([.. args, "--verbosity", "q"], Limit);

        Assert.True(exit == 0, quiet);
        Assert.DoesNotContain("| layer |", quiet);
        Assert.StartsWith("sensitivity: ", Assert.Single(quiet.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_verbosity_is_a_usage_error()
    {
        var (exit, output) = ConsoleCapture.Run(["eval", TempProject.Fixture("digits_cnn.onnx"), "-v", "loud"], Limit);

        Assert.Equal(2, exit);
        Assert.Contains("MC0001: --verbosity is 'loud'", output);
    }
}
