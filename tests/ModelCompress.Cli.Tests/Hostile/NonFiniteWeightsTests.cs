namespace ModelCompress.Cli.Tests.Hostile;

/// <summary>
/// NaN weights: <c>eval</c> still measures the model but warns (MC3310) naming the weight, rather than printing a
/// silent NaN accuracy; <c>run</c> refuses it before evaluating the original (MC3307) naming the same weight — also
/// when the weight lives in a Constant node.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class NonFiniteWeightsTests
{
    [Theory]
    [InlineData("nan-weights")]
    [InlineData("nan-constant-node")]
    public void Eval_warns_and_run_refuses_naming_the_weight(string mutation)
    {
        using var project = new TempProject();
        var weight = CaseInputs.ReadModel(project).Graph.Initializer.First(t => t.Dims.Count > 1 && t.DataType == 1).Name;
        project.WriteConfig(Engine.BadInputTests.ValidYaml);
        CaseInputs.Apply(project, "model:" + mutation);

        var (evalExit, evalOutput) = ConsoleCapture.Run(
            ["eval", project.PathOf("models/digits_cnn.onnx"), "--data", project.PathOf("data/digits.npz"), "--input", "input=x_test", "--labels", "y_test", "--iterations", "2", "--warmup", "0"],
            TimeSpan.FromSeconds(30));
        var run = EngineRun.Run(project);

        Assert.True(evalExit == 0, evalOutput);
        Assert.Contains($"warning MC3310: The model's weights hold NaN or infinity ('{weight}'", evalOutput, StringComparison.Ordinal);
        var error = EngineRun.SingleError(run);
        Assert.Equal("MC3307", error.Code);
        Assert.Contains($"'{weight}'", error.Message, StringComparison.Ordinal);
        Assert.False(run.Report!.Succeeded);
        Assert.False(File.Exists(Path.Combine(project.OutputDir, "digits.onnx")));
    }
}
