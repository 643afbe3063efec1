using ModelCompress.Cli.Tests.Hostile;
using ModelCompress.Engine.Data;
using ModelCompress.Engine.Evaluation;
using ModelCompress.Onnx;

namespace ModelCompress.Cli.Tests.Commands;

/// <summary>
/// <c>modelcompress quantize</c> and <c>prune</c>: one step through the real engine, the written model loaded and
/// measured by ONNX Runtime; bad options get the codes a compression.yaml would get, named by option.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class OneShotCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private static (int Exit, string Output) Run(params string[] args) => ConsoleCapture.Run(args, Limit);

    private static EvaluationResult Measure(string modelPath, string dataPath)
    {
        var model = OnnxModel.Load(modelPath);
        var data = DatasetLoader.Load(
            new DataSource(dataPath, "npz", [new ArrayBinding("input", "x_test")], "y_test", null, null, null), ModelSignature.FromOnnx(model));
        return ModelEvaluator.Evaluate(File.ReadAllBytes(modelPath), data, new EvaluationOptions(0, 0, 1, "cpu"), null);
    }

    [Fact]
    public void Quantize_static_writes_an_int8_model_that_keeps_top1()
    {
        using var project = new TempProject();
        var source = project.PathOf("models/digits_cnn.onnx");
        var data = project.PathOf("data/digits.npz");
        var output = project.PathOf("out/digits.int8.onnx");

        var (exit, log) = Run("quantize", source, "--mode", "static", "--calibration", data, "--calibration-input", "x_calib",
            "--data", data, "--input", "input=x_test", "--labels", "y_test", "--output", output);

        Assert.True(exit == 0, log);
        Assert.Contains("modelcompress: wrote " + output, log);
        var model = OnnxModel.Load(output);
        Assert.Contains(model.Graph.Nodes, n => n.OpType == "QuantizeLinear");
        var measured = Measure(output, data);
        // The fixture's README: static int8 calibrated on x_calib keeps 0.9920; allow half a point.
        Assert.True(measured.Accuracy >= 0.987, $"top-1 {measured.Accuracy}");
        Assert.True(new FileInfo(output).Length < new FileInfo(source).Length / 2, "int8 weights are a quarter of float32");
        var report = ReportJson.Deserialize(File.ReadAllText(output + ".modelcompress/report.json"));
        Assert.Equal("quantize.static", Assert.Single(report.Models[0].Steps).RunnerKey);
        Assert.Equal(measured.Accuracy, report.Models[0].Compressed!.Accuracy);
    }

    [Fact]
    public void Prune_channel_shrinks_the_file_and_reuses_the_cache()
    {
        using var project = new TempProject();
        var source = project.PathOf("models/digits_cnn.onnx");
        var output = project.PathOf("out/pruned.onnx");

        var (exit, log) = Run("prune", source, "--method", "channel", "--sparsity", "0.5", "--output", output);
        var (again, second) = Run("prune", source, "--method", "channel", "--sparsity", "0.5", "--output", output, "-v", "quiet");

        Assert.True(exit == 0 && again == 0, log + second);
        Assert.True(new FileInfo(output).Length < new FileInfo(source).Length * 0.5, $"{new FileInfo(output).Length} bytes");
        var measured = Measure(output, project.PathOf("data/digits.npz"));
        Assert.True(measured.Samples == 497 && measured.Accuracy is not null, "ONNX Runtime runs the pruned model");
        var report = ReportJson.Deserialize(File.ReadAllText(output + ".modelcompress/report.json"));
        Assert.True(report.Models[0].Steps[0].CacheHit, "the second run is served by the cache");
        Assert.DoesNotContain("modelcompress: pruned:", second);
    }

    public static TheoryData<string, string[], string, string> BadInputs() => new()
    {
        { "missing model", ["prune", "{p}/models/nope.onnx", "--sparsity", "0.5", "--output", "{p}/out/m.onnx"], "MC1016", "MODEL" },
        { "output is a folder", ["quantize", "{p}/models/digits_cnn.onnx", "--mode", "dynamic", "--output", "{p}/models"], "MC5260", "--output" },
        { "unknown mode", ["quantize", "{p}/models/digits_cnn.onnx", "--mode", "statik", "--output", "{p}/out/m.onnx"], "MC1008", "--mode statik" },
        { "sparsity missing", ["prune", "{p}/models/digits_cnn.onnx", "--method", "channel", "--output", "{p}/out/m.onnx"], "MC1006", "pass --sparsity" },
        { "sparsity out of range", ["prune", "{p}/models/digits_cnn.onnx", "--sparsity", "1.5", "--output", "{p}/out/m.onnx"], "MC1007", "--sparsity 1.5" },
        { "sparsity for nm", ["prune", "{p}/models/digits_cnn.onnx", "--method", "nm", "--sparsity", "0.5", "--output", "{p}/out/m.onnx"], "MC1018", "--sparsity 0.5" },
        { "bits for dynamic", ["quantize", "{p}/models/digits_cnn.onnx", "--mode", "dynamic", "--bits", "4", "--output", "{p}/out/m.onnx"], "MC1018", "--bits 4" },
        { "calibration from another file", ["quantize", "{p}/models/digits_cnn.onnx", "--mode", "static", "--calibration", "{p}/data/digits.npz", "--calibration-input", "x_calib", "--data", "{p}/data/digits_test.csv", "--output", "{p}/out/m.onnx"], "MC5263", "--calibration" },
        { "calibration without arrays", ["quantize", "{p}/models/digits_cnn.onnx", "--mode", "static", "--calibration", "{p}/data/digits.npz", "--output", "{p}/out/m.onnx"], "MC5266", "--calibration-input" },
        { "missing array", ["quantize", "{p}/models/digits_cnn.onnx", "--mode", "static", "--calibration", "{p}/data/digits.npz", "--calibration-input", "x_nope", "--output", "{p}/out/m.onnx"], "MC40", "x_nope" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_gives_one_error_naming_the_option_and_writes_no_model(string name, string[] args, string code, string option)
    {
        using var project = new TempProject();

        var (exit, output) = Run(args.Select(a => a.Replace("{p}", project.Root, StringComparison.Ordinal)).ToArray());

        Assert.True(exit == 1, $"{name}: {output}");
        var error = Assert.Single(output.Split('\n'), l => l.Contains(": error MC", StringComparison.Ordinal));
        Assert.Contains($"error {code}", error);
        Assert.Contains(option, error);
        Assert.False(File.Exists(project.PathOf("out/m.onnx")), name);
    }
}
