using System.IO.Compression;

namespace ModelCompress.Engine.Data;

/// <summary>
/// Reads numpy's <c>.npz</c> archives (<c>numpy.savez</c> stored, <c>savez_compressed</c> deflated): a zip whose
/// entries <c>name.npy</c> are arrays. Arrays are read on demand.
/// </summary>
public sealed class NpzReader : IDisposable
{
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries;

    private NpzReader(string path, ZipArchive zip)
    {
        File = path;
        _zip = zip;
        _entries = zip.Entries
            .Where(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal))
            .ToDictionary(e => e.FullName[..^4], StringComparer.Ordinal);
    }

    /// <summary>The archive's path.</summary>
    public string File { get; }

    /// <summary>The array names, sorted.</summary>
    public IReadOnlyList<string> Names => _entries.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Opens <paramref name="path"/>; MC4001 when missing, MC4002 when it is not a readable zip.</summary>
    public static NpzReader Open(string path)
    {
        var real = DataFileCheck.Ensure(path);
        FileStream? stream = null;
        try
        {
            stream = System.IO.File.OpenRead(real);
            return new NpzReader(path, new ZipArchive(stream, ZipArchiveMode.Read));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            stream?.Dispose();
            throw new CompressionException(DataDiagnostics.Corrupt(path, $"not a valid .npz (zip) archive ({e.Message})"));
        }
    }

    /// <summary>True when the archive holds <paramref name="name"/>.</summary>
    public bool Contains(string name) => _entries.ContainsKey(name);

    /// <summary>Reads one array; MC4004 when missing (listing the arrays there are), MC4002 when damaged.</summary>
    public NdArray Read(string name)
    {
        if (!_entries.TryGetValue(name, out var entry))
        {
            throw new CompressionException(DataDiagnostics.ArrayMissing(File, name, Names));
        }

        byte[] bytes;
        try
        {
            bytes = Inflate(entry, name);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new CompressionException(DataDiagnostics.Corrupt(File, $"array '{name}' cannot be unpacked ({e.Message})"));
        }

        return NpyReader.Parse(bytes, File, name);
    }

    // A zip entry says how big it unpacks to; that claim, the packing ratio and the npy header's shape are all
    // checked before the bulk is inflated, and inflation stops at the claimed size, so a 1 MB archive cannot
    // unpack into gigabytes.
    private byte[] Inflate(ZipArchiveEntry entry, string name)
    {
        var declared = entry.Length;
        var limit = Math.Min(DataFileCheck.MaxArrayBytes, Math.Max(MinRatioFreeBytes, entry.CompressedLength * MaxPackingRatio));
        if (declared < 0 || declared > limit)
        {
            throw new CompressionException(DataLimitDiagnostics.EntryTooLarge(File, name, declared, entry.CompressedLength, limit));
        }

        var bytes = new byte[declared];
        using var input = entry.Open();
        var head = input.ReadAtLeast(bytes.AsSpan(0, (int)Math.Min(declared, HeaderPeekBytes)), (int)Math.Min(declared, HeaderPeekBytes), throwOnEndOfStream: false);
        if (NpyReader.PeekHeader(bytes.AsSpan(0, head), File, name) is { } header
            && NpyReader.DataBytes(header.Shape, header.Type, File, name) > declared - header.DataStart)
        {
            // The shape needs more bytes than the entry holds: NpyReader reports it as truncated without inflating more.
            return bytes[..head];
        }

        var read = head + input.ReadAtLeast(bytes.AsSpan(head), bytes.Length - head, throwOnEndOfStream: false);
        if (read != declared || input.ReadByte() != -1)
        {
            throw new CompressionException(DataLimitDiagnostics.EntrySizeLie(File, name, declared));
        }

        return bytes;
    }

    /// <summary>Entries up to this size unpack whatever their packing ratio (all-zero masks pack very well).</summary>
    private const long MinRatioFreeBytes = 256L << 20;

    /// <summary>Beyond <see cref="MinRatioFreeBytes"/>, no entry may unpack to more than this many times its packed size.</summary>
    private const long MaxPackingRatio = 256;

    private const int HeaderPeekBytes = 4096;

    /// <inheritdoc />
    public void Dispose() => _zip.Dispose();
}
