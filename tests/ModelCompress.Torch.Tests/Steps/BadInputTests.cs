using ModelCompress.Torch.Tests.Training;

namespace ModelCompress.Torch.Tests.Steps;

/// <summary>Each bad input: exactly one diagnostic with its code, and no model returned.</summary>
public sealed class BadInputTests
{
    private static readonly FinetuneSettings Finetune = new(StepHarness.Training(epochs: 1));

    [Fact]
    public void Missing_training_data_is_MC3120()
    {
        var data = DigitsData.Dataset() with { Train = null };
        AssertSingle("MC3120", () => new FinetuneRunner().Run(StepHarness.Input(StepHarness.Model("digits/digits_mlp.onnx"), Finetune), StepHarness.Context(data)));
        AssertSingle("MC3120", () => new FinetuneRunner().Run(StepHarness.Input(StepHarness.Model("digits/digits_mlp.onnx"), Finetune), StepHarness.Context(null)));
    }

    [Fact]
    public void Finetune_without_labels_is_MC3121()
    {
        AssertSingle("MC3121", () => new FinetuneRunner().Run(StepHarness.Input(StepHarness.Model("digits/digits_mlp.onnx"), Finetune), StepHarness.Context(DigitsData.Dataset(trainLabels: false))));
    }

    [Fact]
    public void Label_out_of_range_is_MC3122_with_the_row()
    {
        var labels = (long[])DigitsData.Labels("y_train").Clone();
        labels[17] = 10;
        var data = DigitsData.Dataset() with { Train = new LabeledSplit(DigitsData.Inputs("x_train"), labels, labels.Length) };
        var d = AssertSingle("MC3122", () => new FinetuneRunner().Run(StepHarness.Input(StepHarness.Model("digits/digits_mlp.onnx"), Finetune), StepHarness.Context(data)));
        Assert.Contains("Label 10 at row 17", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Teacher_with_other_outputs_is_MC3123()
    {
        var teacher = new OnnxModel(new GraphBuilder(13).Input("input").Output("logits")
            .Floats("w", [64, 5], new float[320]).Floats("b", [5], new float[5]).Int64s("shape", -1, 64)
            .Node("Reshape", ["input", "shape"], ["flat"]).Node("Gemm", ["flat", "w", "b"], ["logits"], "fc").Build());
        var settings = StepHarness.Distill(StepHarness.Training(epochs: 1));
        var d = AssertSingle("MC3123", () => new DistillRunner().Run(
            StepHarness.Input(StepHarness.Model("digits/digits_mlp.onnx"), settings, original: teacher), StepHarness.Context(DigitsData.Dataset(trainLabels: false))));
        Assert.Contains("[64,5]", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nan_loss_is_MC3124_naming_epoch_and_batch()
    {
        var x = DigitsData.Array("x_train");
        var nan = new NdArray(NdElementType.Float32, x.Shape, Enumerable.Repeat(float.NaN, (int)NdArray.ElementCount(x.Shape)).ToArray());
        var data = DigitsData.Dataset() with { Train = new LabeledSplit(new Dictionary<string, NdArray> { ["input"] = nan }, DigitsData.Labels("y_train"), x.Rows) };
        var d = AssertSingle("MC3124", () => new FinetuneRunner().Run(StepHarness.Input(StepHarness.Model("digits/digits_mlp.onnx"), Finetune), StepHarness.Context(data)));
        Assert.Contains("epoch 1, batch 1", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Integer_weight_asked_to_train_is_MC3125()
    {
        var model = new GraphBuilder(13).Input("input").Output("logits")
            .Floats("b", [10], new float[10]).Int64s("shape", -1, 64).Int64s("w", new long[640])
            .Node("Reshape", ["input", "shape"], ["flat"]).Node("Gemm", ["flat", "w", "b"], ["logits"], "fc").Build();
        model.Graph.Initializer.Single(i => i.Name == "w").Dims.Clear();
        model.Graph.Initializer.Single(i => i.Name == "w").Dims.Add([64, 10]);
        var settings = StepHarness.Prune(0.5, PruneScope.Global, PruneImportance.Magnitude, StepHarness.Training(epochs: 1), "fc");
        var d = AssertSingle("MC3125", () => new GradualPruneRunner().Run(StepHarness.Input(new OnnxModel(model), settings), StepHarness.Context(DigitsData.Dataset())));
        Assert.Contains("'w' of node 'fc'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_without_float_weights_is_MC3126()
    {
        var model = new GraphBuilder(13).Input("input").Output("logits").Node("Relu", ["input"], ["logits"]).Build();
        AssertSingle("MC3126", () => new FinetuneRunner().Run(StepHarness.Input(new OnnxModel(model), Finetune), StepHarness.Context(DigitsData.Dataset())));
    }

    [Fact]
    public void Unknown_include_node_is_MC3129()
    {
        var settings = StepHarness.Prune(0.5, PruneScope.Global, PruneImportance.Magnitude, StepHarness.Training(epochs: 1), "conv9");
        AssertSingle("MC3129", () => new GradualPruneRunner().Run(StepHarness.Input(StepHarness.Model("digits/digits_cnn.onnx"), settings), StepHarness.Context(DigitsData.Dataset())));
    }

    private static Diagnostic AssertSingle(string code, Func<StepResult> run)
    {
        var error = Assert.Throws<CompressionException>(run);
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        return diagnostic;
    }
}
