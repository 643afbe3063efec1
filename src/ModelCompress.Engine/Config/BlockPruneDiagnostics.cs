namespace ModelCompress.Engine.Config;

/// <summary>Diagnostics of the settings of <c>method: neurons | heads</c>.</summary>
public static class BlockPruneDiagnostics
{
    /// <summary>MC1073: an importance that does not rank whole FFN neurons or attention heads here.</summary>
    public static Diagnostic UnsupportedImportance(SourcePosition at, PruneMethod method, PruneImportance importance) => Diagnostic.Error("MC1073",
        $"importance: {YamlNames.Of(importance)} is not available for method: {YamlNames.Of(method)}; it ranks " +
        (method == PruneMethod.Heads ? "heads" : "neurons") + " by l1 (default), l2 or random. " +
        (importance == PruneImportance.Taylor ? "Taylor needs gradients, which this one-shot graph step does not compute." : "Use one of those."), at);
}
