namespace ModelCompress.Build.Tasks.LibTorchCompat;

/// <summary>What <see cref="LibStdCxxCompatPatcher"/> did to one library.</summary>
internal enum CompatPatchOutcome
{
    /// <summary>The host's libstdc++ defines every version the library needs: nothing to do.</summary>
    NotNeeded,

    /// <summary>The missing versions are already marked weak (an earlier build patched this copy).</summary>
    AlreadyWeak,

    /// <summary>The missing versions were marked weak in a fresh copy that replaced the file.</summary>
    Patched,

    /// <summary>A missing version is really used (not just a marker): marking it weak would only move the failure.</summary>
    Unfixable,
}
