namespace ModelCompress.Build.Tasks.LibTorchCompat;

/// <summary>One entry of an ELF64 section table (only the fields symbol versioning needs).</summary>
/// <param name="Link">For version sections: the index of the string table holding the names.</param>
/// <param name="Info">For version sections: the number of entries.</param>
internal sealed record ElfSection(int Index, uint Type, ulong Offset, ulong Size, uint Link, uint Info);
