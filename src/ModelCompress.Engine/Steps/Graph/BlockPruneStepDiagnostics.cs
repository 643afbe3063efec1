namespace ModelCompress.Engine.Steps.Graph;

/// <summary>Errors of heads and neurons pruning when the settings meet the model (MC3160–MC3169).</summary>
public static class BlockPruneStepDiagnostics
{
    /// <summary>MC3160: the sparsity (after round_to) would remove every head or neuron of a block.</summary>
    public static Diagnostic WouldEmpty(string units, string block, int width, double sparsity, int roundTo, SourcePosition? at)
    {
        // The largest sparsity that still keeps one unit: s·width must round below width.
        var most = Math.Floor((width - 0.5) / width * 100) / 100;
        return Diagnostic.Error("MC3160",
            $"sparsity {sparsity.ToString(CultureInfo.InvariantCulture)}{(roundTo > 1 ? $" with round_to {roundTo}" : string.Empty)} would remove all {width} {units} of '{block}', " +
            $"and at least one must stay. Use a sparsity of at most {most.ToString(CultureInfo.InvariantCulture)}{(roundTo > 1 ? " (or a smaller round_to)" : string.Empty)}" +
            (units == "heads" ? ", or exclude the block." : ", set min_channels, or exclude the block."), at);
    }

    /// <summary>MC3161: min_channels above the width of a block.</summary>
    public static Diagnostic MinAboveWidth(string units, string block, int width, int min, SourcePosition? at) => Diagnostic.Error("MC3161",
        $"min_channels is {min} but '{block}' has only {width} {units}. Lower min_channels or exclude '{block}'.", at);
}
