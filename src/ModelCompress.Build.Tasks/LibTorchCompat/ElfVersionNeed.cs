namespace ModelCompress.Build.Tasks.LibTorchCompat;

/// <summary>
/// One Vernaux entry of <c>.gnu.version_r</c>: "this library needs version <see cref="Version"/> of
/// <see cref="File"/>". <see cref="FlagsOffset"/> is where its vna_flags field sits in the file.
/// </summary>
/// <param name="Index">vna_other: the index symbols use in <c>.gnu.version</c> to refer to this version.</param>
internal sealed record ElfVersionNeed(string File, string Version, ushort Flags, ushort Index, int FlagsOffset)
{
    /// <summary>VER_FLG_WEAK: the loader tolerates a missing version instead of refusing the library.</summary>
    public const ushort WeakFlag = 0x2;

    public bool IsWeak => (Flags & WeakFlag) != 0;
}
