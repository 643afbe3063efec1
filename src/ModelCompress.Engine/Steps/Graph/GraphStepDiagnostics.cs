namespace ModelCompress.Engine.Steps.Graph;

/// <summary>The diagnostics of the graph-only steps (MC3051–MC3059), one factory per problem.</summary>
public static class GraphStepDiagnostics
{
    /// <summary>MC3051: a prune step found no Conv/Gemm/MatMul weight to prune.</summary>
    public static Diagnostic NothingToPrune(string detail) => Diagnostic.Error("MC3051",
        $"Nothing to prune: {detail}. Magnitude pruning works on the weight initializers of Conv, Gemm and MatMul nodes; " +
        "check the include/exclude lists or remove the prune step.");

    /// <summary>MC3052: an include or exclude list names a node the model does not have.</summary>
    public static Diagnostic UnknownNode(string step, string list, string node, IEnumerable<string> known) => Diagnostic.Error("MC3052",
        $"The {step} step's {list} list names node '{node}', which is not in the model. " +
        $"Use node names from 'modelcompress inspect' (e.g. {string.Join(", ", known.Take(5).Select(k => $"'{k}'"))}).");

    /// <summary>MC3053: a quantize step found no node it could quantize.</summary>
    public static Diagnostic NothingToQuantize(string detail) => Diagnostic.Error("MC3053",
        $"Nothing to quantize: {detail}. Dynamic quantization rewrites MatMul and Gemm (and Conv when listed in ops) " +
        "whose weight is a float initializer; check the ops and include/exclude lists.");
}
