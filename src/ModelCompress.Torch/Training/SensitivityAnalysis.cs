using ModelCompress.Engine.Data;
using ModelCompress.Onnx;
using ModelCompress.Torch.Training.Pruning;

namespace ModelCompress.Torch.Training;

/// <summary>
/// Per-layer pruning sensitivity for <c>modelcompress sensitivity</c>: each prunable weight (the graph pruner's
/// set) is pruned alone by magnitude to each sparsity, the model evaluated, and the weight restored. Shows which
/// layers tolerate sparsity, to choose include/exclude lists or per-layer targets. No training.
/// </summary>
public static class SensitivityAnalysis
{
    /// <summary>
    /// Runs the analysis on the evaluation rows of <paramref name="data"/>: top-1 against the labels, or agreement
    /// with the unpruned model's predictions when there are none.
    /// </summary>
    public static SensitivityReport Analyze(OnnxModel model, EvalDataset data, IReadOnlyList<double> sparsities)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sparsities);
        torch.set_num_threads(1);
        using var module = new OnnxModule(model.Proto);
        var trainable = TrainableModel.Of(module);
        var targets = PruneTargets.Find(model.Graph, module.ParameterNames.Keys.ToHashSet(StringComparer.Ordinal), null, null);
        var inputs = module.InputNames.ToDictionary(n => n, n => data.Inputs.TryGetValue(n, out var a) ? a : throw new CompressionException(TrainingDiagnostics.InputNotBound("evaluation", n)));
        long[] labels;
        using (var unlabelled = TrainingData.FromArrays(inputs, null))
        {
            labels = data.Labels ?? ValidationScore.Predict(trainable, unlabelled);
        }

        using var rows = TrainingData.FromArrays(inputs, labels);
        var baseline = ValidationScore.Evaluate(trainable, rows, regression: false);
        var result = new List<SensitivityRow>();
        foreach (var target in targets)
        {
            var weight = module.Initializer(target.Initializer);
            using var original = weight.detach().clone();
            foreach (var sparsity in sparsities)
            {
                using (torch.no_grad())
                {
                    using var scope = torch.NewDisposeScope();
                    var k = (long)Math.Round(sparsity * target.Elements, MidpointRounding.AwayFromZero);
                    var (_, order) = original.abs().flatten().sort(0, descending: false, stable: true);
                    var pruned = torch.zeros(target.Elements, ScalarType.Bool).index_fill_(0, order.narrow(0, 0, k), true);
                    weight.copy_(original);
                    weight.masked_fill_(pruned.view_as(weight), 0f);
                }

                result.Add(new SensitivityRow(target.Node, target.OpType, target.Initializer, target.Elements, sparsity, ValidationScore.Evaluate(trainable, rows, regression: false)));
            }

            using (torch.no_grad())
            {
                weight.copy_(original);
            }
        }

        return new SensitivityReport(baseline, data.Labels is null ? "agreement" : "accuracy", result);
    }
}
