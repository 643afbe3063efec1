using Microsoft.ML.OnnxRuntime;
using ModelCompress.Onnx.Preparation;
using ModelCompress.Onnx.Proto;

namespace ModelCompress.Engine.Steps.Prepare;

/// <summary>
/// Graph preparation: puts any exporter's ONNX graph (PyTorch, Paddle2ONNX, tf2onnx, ...) into the form the
/// compression steps expect, without changing what it computes. In order: Constant nodes become initializers;
/// Identity and inference-mode Dropout go; initializer-only subgraphs and Shape/Size of static dimensions are
/// computed ahead of time (by ONNX Runtime, so every op folds; never a node that would grow the model beyond
/// <see cref="ConstantFoldingLimits.MaxGrowthBytes"/>); BatchNormalization folds into the Conv/Gemm/MatMul before
/// it; a zero Pad folds into the Conv (or non-negative MaxPool) after it; unused initializers go; and ONNX Runtime's inferred types are written as value_info.
/// </summary>
/// <remarks>
/// The model is changed <b>in place</b>, and only when every pass succeeded: on an error the model is left as it
/// was. Wrappers obtained from it before (<see cref="OnnxNode"/>, <see cref="OnnxTensor"/>) are stale afterwards.
/// Graph input and output names never change. Running it twice gives the same bytes as running it once.
/// </remarks>
public static class GraphPreparation
{
    // Folding one round can make more shapes known (a Reshape's target became an initializer), so it repeats;
    // a handful of rounds covers what exporters emit.
    private const int MaxFoldRounds = 8;

    /// <summary>Version of the passes: part of the cache key of every step that prepares a model.</summary>
    public const string Version = "prepare-v2";

    /// <summary>Prepares <paramref name="model"/> in place with every pass.</summary>
    /// <exception cref="CompressionException">MC3060 (cycle), MC3061 (ORT refuses the model), MC3063 (a preparation bug); the model is unchanged.</exception>
    public static PreparationReport Run(OnnxModel model) => Run(model, PreparationOptions.Default);

    /// <summary>Prepares <paramref name="model"/> in place with the passes <paramref name="options"/> selects.</summary>
    /// <exception cref="CompressionException">MC3060 (cycle), MC3061 (ORT refuses the model), MC3063 (a preparation bug); the model is unchanged.</exception>
    public static PreparationReport Run(OnnxModel model, PreparationOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            model.Graph.TopologicalOrder();
        }
        catch (InvalidOperationException e)
        {
            throw new CompressionException(PrepareDiagnostics.Cycle(e.Message));
        }

        var inferred = Infer(model, PrepareDiagnostics.ModelRefused);
        var work = model.Clone();
        var nodesBefore = work.Graph.Nodes.Count;
        var warnings = new List<Diagnostic>();
        var constants = ConstantLifting.Run(work);
        var (identities, dropouts) = options.RemovePassThrough ? PassThroughRemoval.Run(work) : (0, 0);
        if (constants + identities + dropouts > 0)
        {
            inferred = Infer(work, PrepareDiagnostics.OutputRejected);
        }

        var types = OrtShapeInference.TensorTypes(work, inferred);
        var (folded, shapes, notFolded, failed) = (0, 0, new List<string>(), false);
        for (var round = 0; options.FoldConstants && !failed && round < MaxFoldRounds; round++)
        {
            var changed = StaticShapeFolding.Run(work, types);
            shapes += changed;
            var subgraph = ConstantSubgraph.Find(work, types, options.Limits);
            notFolded = subgraph.Skipped.ToList();
            var values = subgraph.Nodes.Count > 0 ? Evaluate(subgraph, warnings) : null;
            // When ORT cannot compute the constants, trying again next round would fail (and warn) the same way.
            failed = subgraph.Nodes.Count > 0 && values is null;
            if (values is not null)
            {
                subgraph.Apply(work, values);
                folded += subgraph.Nodes.Count;
                changed += subgraph.Nodes.Count;
            }

            if (changed == 0)
            {
                break;
            }

            types = OrtShapeInference.TensorTypes(work, inferred = Infer(work, PrepareDiagnostics.OutputRejected));
        }

        var batchNorms = options.FoldBatchNorm ? BatchNormFolding.Run(work, types) : 0;
        var pads = PadFolding.Run(work);
        var unused = UnusedInitializers.Run(work);
        if (batchNorms + pads + unused > 0)
        {
            // Also the check that ORT loads what is about to replace the caller's graph.
            inferred = Infer(work, PrepareDiagnostics.OutputRejected);
        }

        InferredValueInfo.Write(work, inferred);
        Commit(work, model);
        return new PreparationReport(
            constants, folded, shapes, batchNorms, identities, dropouts, unused, nodesBefore, model.Graph.Nodes.Count,
            model.Graph.Proto.ValueInfo.Count, notFolded, warnings) { PadsFolded = pads };
    }

    private static IReadOnlyDictionary<string, TypeProto> Infer(OnnxModel model, Func<string, Diagnostic> failure)
    {
        try
        {
            return OrtShapeInference.Infer(model);
        }
        catch (OnnxRuntimeException e)
        {
            throw new CompressionException(failure(FirstLine(e.Message)));
        }
    }

    private static IReadOnlyList<OnnxTensor>? Evaluate(ConstantSubgraph subgraph, List<Diagnostic> warnings)
    {
        try
        {
            return OrtConstantEvaluator.Evaluate(subgraph);
        }
        catch (Exception e) when (e is OnnxRuntimeException or NotSupportedException)
        {
            warnings.Add(PrepareDiagnostics.FoldingSkipped(subgraph.Nodes.Count, subgraph.Nodes[0].DisplayName, FirstLine(e.Message)));
            return null;
        }
    }

    // The prepared graph replaces the original's contents; the model object (and its opsets) stays the caller's.
    private static void Commit(OnnxModel prepared, OnnxModel target)
    {
        var from = prepared.Graph.Proto;
        var to = target.Graph.Proto;
        to.Node.Clear();
        to.Node.AddRange(from.Node);
        to.Initializer.Clear();
        to.Initializer.AddRange(from.Initializer);
        to.Input.Clear();
        to.Input.AddRange(from.Input);
        to.Output.Clear();
        to.Output.AddRange(from.Output);
        to.ValueInfo.Clear();
        to.ValueInfo.AddRange(from.ValueInfo);
        target.Graph.Invalidate();
    }

    private static string FirstLine(string message) =>
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
}
