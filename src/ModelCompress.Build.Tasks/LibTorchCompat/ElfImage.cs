using System.Text;

namespace ModelCompress.Build.Tasks.LibTorchCompat;

/// <summary>
/// A read-only view of a little-endian ELF64 file held in memory: the header, the section table and string
/// lookups. Just enough to read symbol versioning; everything else in the file is left alone.
/// </summary>
internal sealed class ElfImage
{
    internal const uint SectionDynSym = 11;
    internal const uint SectionVerDef = 0x6ffffffd;
    internal const uint SectionVerNeed = 0x6ffffffe;
    internal const uint SectionVerSym = 0x6fffffff;

    private const int SectionHeaderSize = 64;

    private ElfImage(byte[] bytes, ushort machine, IReadOnlyList<ElfSection> sections)
    {
        Bytes = bytes;
        Machine = machine;
        Sections = sections;
    }

    /// <summary>The whole file.</summary>
    public byte[] Bytes { get; }

    /// <summary>e_machine (62 = x86-64), so a host library can be matched to the one that will load it.</summary>
    public ushort Machine { get; }

    public IReadOnlyList<ElfSection> Sections { get; }

    /// <summary>Parses the header and section table, or throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static ElfImage Parse(byte[] bytes, string path)
    {
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
        {
            throw new FormatException($"'{path}' is not an ELF file.");
        }

        if (bytes[4] != 2 || bytes[5] != 1)
        {
            throw new FormatException($"'{path}' is not a little-endian 64-bit ELF file (class {bytes[4]}, data {bytes[5]}).");
        }

        var machine = ReadU16(bytes, 0x12);
        var sectionTable = ReadU64(bytes, 0x28);
        var entrySize = ReadU16(bytes, 0x3A);
        var count = ReadU16(bytes, 0x3C);
        if (entrySize != SectionHeaderSize || sectionTable + ((ulong)count * SectionHeaderSize) > (ulong)bytes.Length)
        {
            throw new FormatException($"'{path}' has a section table outside the file or of an unexpected entry size.");
        }

        var sections = new List<ElfSection>(count);
        for (var i = 0; i < count; i++)
        {
            var at = checked((int)sectionTable + (i * SectionHeaderSize));
            var section = new ElfSection(
                i,
                Type: ReadU32(bytes, at + 4),
                Offset: ReadU64(bytes, at + 24),
                Size: ReadU64(bytes, at + 32),
                Link: ReadU32(bytes, at + 40),
                Info: ReadU32(bytes, at + 44));
            if (section.Type != 8 && section.Offset + section.Size > (ulong)bytes.Length)
            {
                // Type 8 (NOBITS, .bss) occupies no file bytes, so only the others must fit.
                throw new FormatException($"'{path}': section {i} lies outside the file.");
            }

            sections.Add(section);
        }

        return new ElfImage(bytes, machine, sections);
    }

    /// <summary>The first section of the given type, or null.</summary>
    public ElfSection? FindSection(uint type)
    {
        foreach (var section in Sections)
        {
            if (section.Type == type)
            {
                return section;
            }
        }

        return null;
    }

    /// <summary>The NUL-terminated string at <paramref name="offset"/> inside string table section <paramref name="table"/>.</summary>
    public string ReadString(uint table, uint offset)
    {
        if (table >= Sections.Count)
        {
            throw new FormatException($"String table index {table} does not exist.");
        }

        var section = Sections[(int)table];
        var start = checked((int)(section.Offset + offset));
        var limit = checked((int)(section.Offset + section.Size));
        var end = start;
        while (end < limit && Bytes[end] != 0)
        {
            end++;
        }

        return Encoding.ASCII.GetString(Bytes, start, end - start);
    }

    internal static ushort ReadU16(byte[] b, int at) => (ushort)(b[at] | (b[at + 1] << 8));

    internal static uint ReadU32(byte[] b, int at) => (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));

    internal static ulong ReadU64(byte[] b, int at) => ReadU32(b, at) | ((ulong)ReadU32(b, at + 4) << 32);
}
