namespace ModelCompress.Build.Tasks.LibTorchCompat;

/// <summary>Reads the GNU symbol-versioning tables: versions a library needs, versions it defines, and who uses them.</summary>
internal static class ElfVersioning
{
    /// <summary>Every Vernaux entry of <c>.gnu.version_r</c>, in file order.</summary>
    public static IReadOnlyList<ElfVersionNeed> ReadNeeds(ElfImage image)
    {
        var needs = new List<ElfVersionNeed>();
        var section = image.FindSection(ElfImage.SectionVerNeed);
        if (section is null)
        {
            return needs;
        }

        var b = image.Bytes;
        var at = checked((int)section.Offset);
        for (var i = 0; i < section.Info; i++)
        {
            var count = ElfImage.ReadU16(b, at + 2);
            var file = image.ReadString(section.Link, ElfImage.ReadU32(b, at + 4));
            var aux = at + (int)ElfImage.ReadU32(b, at + 8);
            for (var j = 0; j < count; j++)
            {
                needs.Add(new ElfVersionNeed(
                    file,
                    image.ReadString(section.Link, ElfImage.ReadU32(b, aux + 8)),
                    Flags: ElfImage.ReadU16(b, aux + 4),
                    Index: ElfImage.ReadU16(b, aux + 6),
                    FlagsOffset: aux + 4));
                aux += (int)ElfImage.ReadU32(b, aux + 12);
            }

            var next = ElfImage.ReadU32(b, at + 12);
            if (next == 0)
            {
                break;
            }

            at += (int)next;
        }

        return needs;
    }

    /// <summary>Every version name a library defines in <c>.gnu.version_d</c> (e.g. GLIBCXX_3.4.30).</summary>
    public static ISet<string> ReadDefinitions(ElfImage image)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var section = image.FindSection(ElfImage.SectionVerDef);
        if (section is null)
        {
            return names;
        }

        var b = image.Bytes;
        var at = checked((int)section.Offset);
        for (var i = 0; i < section.Info; i++)
        {
            // The first Verdaux of each Verdef carries the version's own name; later ones name its parents.
            var aux = at + (int)ElfImage.ReadU32(b, at + 12);
            names.Add(image.ReadString(section.Link, ElfImage.ReadU32(b, aux)));
            var next = ElfImage.ReadU32(b, at + 16);
            if (next == 0)
            {
                break;
            }

            at += (int)next;
        }

        return names;
    }

    /// <summary>Names of the dynamic symbols bound to version index <paramref name="index"/> (vna_other).</summary>
    public static IReadOnlyList<string> SymbolsUsingVersion(ElfImage image, ushort index)
    {
        var result = new List<string>();
        var symbols = image.FindSection(ElfImage.SectionDynSym);
        var versions = image.FindSection(ElfImage.SectionVerSym);
        if (symbols is null || versions is null)
        {
            return result;
        }

        var count = (int)(symbols.Size / 24);
        for (var i = 0; i < count && (ulong)(i * 2) < versions.Size; i++)
        {
            // Bit 15 is the "hidden" bit; the rest is the version index.
            var version = ElfImage.ReadU16(image.Bytes, checked((int)versions.Offset + (i * 2))) & 0x7fff;
            if (version == index)
            {
                var name = ElfImage.ReadU32(image.Bytes, checked((int)symbols.Offset + (i * 24)));
                result.Add(image.ReadString(symbols.Link, name));
            }
        }

        return result;
    }
}
