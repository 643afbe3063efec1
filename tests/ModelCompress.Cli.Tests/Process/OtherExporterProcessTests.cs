using ModelCompress.Cli.Tests.Support;
using ModelCompress.Onnx;

namespace ModelCompress.Cli.Tests.Process;

/// <summary>
/// The one-shot commands as their own process on the exporter look-alikes: model inputs named <c>input_1:0</c> and
/// two inputs bound by name on the command line, the written model loaded and run by ONNX Runtime.
/// </summary>
public sealed class OtherExporterProcessTests
{
    [Fact]
    public void Quantize_static_binds_two_named_inputs_of_a_paddle_model()
    {
        using var project = new ExporterProject(ExporterModels.Paddle, "- prepare: {}");
        var data = project.Project.PathOf("data/exported.npz");
        var output = project.Project.PathOf("out/paddle.int8.onnx");

        var (exit, log) = ToolProcess.Run(null, "quantize", project.Project.PathOf("models/exported.onnx"), "--mode", "static",
            "--calibration", data, "--calibration-input", "image=x_calib", "--calibration-input", "scale_factor=s_calib",
            "--data", data, "--input", "image=x_test", "--input", "scale_factor=s_test", "--labels", "y_test", "--output", output, "--plain");

        Assert.True(exit == 0, log);
        var quantized = OnnxModel.Load(output);
        Assert.Equal(3, quantized.Graph.Nodes.Count(n => n.OpType == "Conv"));
        Assert.DoesNotContain(quantized.Graph.Nodes, n => n.OpType == "Constant" && n.GetTensor("value")?.ElementCount > 100);
        var before = project.RunTest(project.Original);
        var after = project.RunTest(quantized);
        Assert.True(ExporterProject.Agreement(after[0], ExporterProject.ArgMaxes(before[0])) >= 0.99);
        Assert.True(new FileInfo(output).Length * 3 < new FileInfo(project.Project.PathOf("models/exported.onnx")).Length, "int8 weights");
    }

    [Fact]
    public void Prune_channel_takes_a_tf2onnx_input_name_with_a_colon()
    {
        using var project = new ExporterProject(ExporterModels.Tf2Onnx, "- prepare: {}");
        var data = project.Project.PathOf("data/exported.npz");
        var output = project.Project.PathOf("out/tf.pruned.onnx");

        var (exit, log) = ToolProcess.Run(null, "prune", project.Project.PathOf("models/exported.onnx"), "--method", "channel", "--sparsity", "0.25",
            "--data", data, "--input", "input_1:0=x_test", "--labels", "y_test", "--output", output, "--plain");

        Assert.True(exit == 0, log);
        Assert.DoesNotContain("MC3205", log, StringComparison.Ordinal);
        var pruned = OnnxModel.Load(output);
        var after = project.RunTest(pruned);
        Assert.Equal(497 * 10, after[0].Length);
        Assert.True(pruned.Graph.Initializers.Sum(t => t.ElementCount) < project.Original.Graph.Initializers.Sum(t => t.ElementCount) * 0.7);
    }
}
