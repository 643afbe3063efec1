namespace ModelCompress.Engine.Steps.Prepare;

/// <summary>The diagnostics of graph preparation (MC3060–MC3069), one factory per problem.</summary>
public static class PrepareDiagnostics
{
    /// <summary>MC3060: the graph has a cycle, so no pass can order its nodes.</summary>
    public static Diagnostic Cycle(string detail) => Diagnostic.Error("MC3060",
        $"Graph preparation cannot run: {detail} Export the model again.");

    /// <summary>MC3061: ONNX Runtime does not load the model that preparation starts from.</summary>
    public static Diagnostic ModelRefused(string reason) => Diagnostic.Error("MC3061",
        $"Graph preparation cannot run: ONNX Runtime does not load the model ({reason}). " +
        "Check that the model runs in ONNX Runtime (custom operators need their library), or export it again.");

    /// <summary>MC3062: the constant part of the graph could not be computed; the model is prepared without folding it.</summary>
    public static Diagnostic FoldingSkipped(int nodes, string example, string reason) => Diagnostic.Warning("MC3062",
        $"Constant folding was skipped for {nodes} node(s) (e.g. '{example}'): ONNX Runtime could not compute them ({reason}). " +
        "The rest of the preparation ran; set 'fold_constants: false' on the prepare step to silence this.");

    /// <summary>MC3063: preparation produced a graph ONNX Runtime rejects; the input model is left unchanged.</summary>
    public static Diagnostic OutputRejected(string reason) => Diagnostic.Error("MC3063",
        $"Graph preparation produced a model that ONNX Runtime rejects ({reason}); the model was left unchanged. " +
        "This is a bug in the preparation: please report it with the model. Until then, an explicit " +
        "'- prepare: { fold_constants: false, fold_batchnorm: false }' step before it narrows the passes that run.");
}
