using ModelCompress.Engine.Evaluation;

namespace ModelCompress.Engine.Tests.Evaluation;

public sealed class ModelEvaluatorTests
{
    private static readonly EvaluationOptions Cpu = new(Warmup: 2, Iterations: 20, Provider: "cpu");

    [Theory]
    [InlineData("digits_cnn.onnx", 493)]
    [InlineData("digits_mlp.onnx", 483)]
    public void Top1_on_the_digits_test_split_matches_the_fixture(string file, int correct)
    {
        var (model, data) = Load(file, "npz");

        var result = ModelEvaluator.Evaluate(model, data, Cpu, null);

        Assert.Equal(correct / 497.0, result.Accuracy!.Value, 12);
        Assert.Equal(497, result.Samples);
        Assert.Equal(497, result.Outputs.Rows);
        Assert.Equal(10, result.Outputs.Width);
        Assert.Equal("cpu", result.Provider);
        Assert.Empty(result.Warnings);
        Assert.Equal(model.LongLength, result.SizeBytes);
    }

    [Fact]
    public void Csv_gives_the_same_accuracy_and_outputs_as_npz()
    {
        var (model, npz) = Load("digits_cnn.onnx", "npz");
        var (_, csv) = Load("digits_cnn.onnx", "csv");

        var fromNpz = ModelEvaluator.Evaluate(model, npz, Cpu with { Iterations = 0 }, null);
        var fromCsv = ModelEvaluator.Evaluate(model, csv, Cpu with { Iterations = 0 }, fromNpz.Outputs);

        Assert.Equal(fromNpz.Accuracy, fromCsv.Accuracy);
        Assert.Equal(1.0, fromCsv.Agreement);
        Assert.Equal(0.0, fromCsv.MaxAbsError);
    }

    [Fact]
    public void Outputs_match_the_exported_reference_logits_and_batch_1()
    {
        var (model, data) = Load("digits_cnn.onnx", "npz");

        var batched = ModelEvaluator.Evaluate(model, data, Cpu with { Iterations = 0 }, null);
        var single = ModelEvaluator.Evaluate(model, data, Cpu with { Iterations = 0, BatchSize = 1 }, batched.Outputs);

        Assert.Equal(5.579112529754639, batched.Outputs.Row(0)[5], 4);
        Assert.Equal(4.137070655822754, batched.Outputs.Row(1)[8], 4);
        Assert.Equal(1.0, single.Agreement);
        Assert.True(single.MaxAbsError < 1e-4, $"batch 1 vs 64 differ by {single.MaxAbsError}");
    }

    [Fact]
    public void A_model_agrees_with_its_own_reference()
    {
        var (model, data) = Load("digits_mlp.onnx", "npz");
        var first = ModelEvaluator.Evaluate(model, data, Cpu, null);

        var second = ModelEvaluator.Evaluate(model, data, Cpu, first.Outputs);

        Assert.Equal(1.0, second.Agreement);
        Assert.Equal(0.0, second.MaxAbsError);
    }

    [Fact]
    public void Latency_percentiles_are_ordered_and_positive()
    {
        var (model, data) = Load("digits_cnn.onnx", "npz");

        var result = ModelEvaluator.Evaluate(model, data, Cpu with { Iterations = 50 }, null);

        Assert.True(result.P50Ms > 0);
        Assert.True(result.P50Ms <= result.P95Ms && result.P95Ms <= result.P99Ms, $"{result.P50Ms} {result.P95Ms} {result.P99Ms}");
        Assert.True(result.MeanMs > 0);
        Assert.Equal(50, result.Iterations);
        Assert.Equal(1, result.Threads);
    }

    [Fact]
    public void Without_data_generated_inputs_give_latency_deviation_and_MC4091()
    {
        var model = File.ReadAllBytes(DigitsData.Model("digits_cnn.onnx"));

        var first = ModelEvaluator.Evaluate(model, null, Cpu, null);
        var again = ModelEvaluator.Evaluate(model, null, Cpu, first.Outputs);

        Assert.Null(first.Accuracy);
        Assert.Null(first.Samples);
        Assert.Equal("MC4091", Assert.Single(first.Warnings).Code);
        Assert.True(first.P50Ms > 0);
        Assert.Equal(10, first.Outputs.Width);
        Assert.Equal(1.0, again.Agreement);
        Assert.Equal(0.0, again.MaxAbsError);
    }

    [Fact]
    public void Auto_provider_uses_cuda_or_falls_back_to_cpu_with_one_warning()
    {
        var (model, data) = Load("digits_mlp.onnx", "npz");

        var result = ModelEvaluator.Evaluate(model, data, new EvaluationOptions(Warmup: 0, Iterations: 1), null);

        Assert.Equal(483 / 497.0, result.Accuracy!.Value, 12);
        if (result.Provider == "cpu")
        {
            var warning = Assert.Single(result.Warnings);
            Assert.Equal("MC4090", warning.Code);
            Assert.Equal(DiagnosticSeverity.Info, warning.Severity);
            Assert.Contains("CPU", warning.Message);
        }
        else
        {
            Assert.Equal("cuda", result.Provider);
            Assert.Empty(result.Warnings);
        }
    }

    [Fact]
    public void Unknown_provider_is_MC4093()
    {
        var model = File.ReadAllBytes(DigitsData.Model("digits_mlp.onnx"));

        var error = Assert.Throws<CompressionException>(() => ModelEvaluator.Evaluate(model, null, Cpu with { Provider = "tpu" }, null));
        Assert.Equal("MC4093", Assert.Single(error.Diagnostics).Code);
    }

    [Fact]
    public void A_model_ort_refuses_is_MC3020_naming_the_model()
    {
        var broken = OnnxModel.Load(DigitsData.Model("digits_mlp.onnx"));
        broken.Graph.Nodes[0].Proto.OpType = "NoSuchOp";
        var bytes = broken.ToBytes();

        var error = Assert.Single(Assert.Throws<CompressionException>(() => ModelEvaluator.Evaluate(bytes, null, Cpu, null, "mlp.onnx")).Diagnostics);
        Assert.Equal("MC3020", error.Code);
        Assert.Contains("'mlp.onnx'", error.Message);
        Assert.Contains("NoSuchOp", error.Message);
        Assert.Throws<InvalidOperationException>(() => OrtModelCheck.EnsureLoads(bytes));
    }

    [Fact]
    public void OrtModelCheck_accepts_a_good_model()
    {
        var exception = Record.Exception(() => OrtModelCheck.EnsureLoads(File.ReadAllBytes(DigitsData.Model("digits_cnn.onnx"))));

        Assert.Null(exception);
    }

    private static (byte[] Model, EvalDataset Data) Load(string file, string format)
    {
        var path = DigitsData.Model(file);
        var signature = ModelSignature.FromOnnx(OnnxModel.Load(path));
        var source = format == "npz"
            ? new DataSource(DigitsData.Model("digits.npz"), "npz", [new("", "x_test")], "y_test", null, null, null)
            : new DataSource(DigitsData.Model("digits_test.csv"), "csv", [new("", "p0..p63")], "label", null, null, null);
        return (File.ReadAllBytes(path), DatasetLoader.Load(source, signature));
    }
}
