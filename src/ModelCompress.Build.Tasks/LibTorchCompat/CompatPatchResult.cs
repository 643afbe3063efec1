namespace ModelCompress.Build.Tasks.LibTorchCompat;

/// <summary>The outcome for one library, with the versions weakened and, when unfixable, why.</summary>
internal sealed class CompatPatchResult
{
    public CompatPatchResult(CompatPatchOutcome outcome, IReadOnlyList<string> versions, string? problem = null)
    {
        Outcome = outcome;
        Versions = versions;
        Problem = problem;
    }

    public CompatPatchOutcome Outcome { get; }

    /// <summary>The versions concerned: weakened (Patched), already weak (AlreadyWeak) or missing (Unfixable).</summary>
    public IReadOnlyList<string> Versions { get; }

    public string? Problem { get; }
}
