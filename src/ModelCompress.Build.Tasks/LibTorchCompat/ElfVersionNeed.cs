namespace ModelCompress.Build.Tasks.LibTorchCompat;

/// <summary>
/// One Vernaux entry of <c>.gnu.version_r</c>: "this library needs version <see cref="Version"/> of
/// <see cref="File"/>". <see cref="FlagsOffset"/> is where its vna_flags field sits in the file.
/// </summary>
internal sealed class ElfVersionNeed
{
    /// <summary>VER_FLG_WEAK: the loader tolerates a missing version instead of refusing the library.</summary>
    public const ushort WeakFlag = 0x2;

    public ElfVersionNeed(string file, string version, ushort flags, ushort index, int flagsOffset)
    {
        File = file;
        Version = version;
        Flags = flags;
        Index = index;
        FlagsOffset = flagsOffset;
    }

    public string File { get; }

    public string Version { get; }

    public ushort Flags { get; }

    /// <summary>vna_other: the index symbols use in <c>.gnu.version</c> to refer to this version.</summary>
    public ushort Index { get; }

    public int FlagsOffset { get; }

    public bool IsWeak => (Flags & WeakFlag) != 0;
}
