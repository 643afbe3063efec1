namespace ModelCompress.Build.Tasks.LibTorchCompat;

/// <summary>
/// Diagnostic codes of the libtorch compatibility step. They sit in the Torch bridge range (MC3100–MC3199),
/// at its end (MC3190–MC3199), reserved for this build-time step; see TorchDiagnostics.
/// </summary>
internal static class LibTorchCompatCodes
{
    public const string NoHostLibStdCxx = "MC3190";
    public const string Unfixable = "MC3191";
    public const string CannotPatch = "MC3192";

    /// <summary>Raised by the target (build/ModelCompress.LibTorchCompat.targets) when the task assembly is missing.</summary>
    public const string TaskAssemblyMissing = "MC3193";
}
