namespace ModelCompress.Build.Tasks.LibTorchCompat;

/// <summary>One entry of an ELF64 section table (only the fields symbol versioning needs).</summary>
internal sealed class ElfSection
{
    public ElfSection(int index, uint type, ulong offset, ulong size, uint link, uint info)
    {
        Index = index;
        Type = type;
        Offset = offset;
        Size = size;
        Link = link;
        Info = info;
    }

    public int Index { get; }

    public uint Type { get; }

    public ulong Offset { get; }

    public ulong Size { get; }

    /// <summary>For version sections: the index of the string table holding the names.</summary>
    public uint Link { get; }

    /// <summary>For version sections: the number of entries.</summary>
    public uint Info { get; }
}
