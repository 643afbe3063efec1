using System.IO.Compression;
using ModelCompress.Engine.Diagnostics;

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
        if (!System.IO.File.Exists(path))
        {
            throw new CompressionException(DataDiagnostics.FileMissing(path));
        }

        FileStream? stream = null;
        try
        {
            stream = System.IO.File.OpenRead(path);
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
            using var input = entry.Open();
            using var memory = new MemoryStream(checked((int)Math.Max(entry.Length, 0)));
            input.CopyTo(memory);
            bytes = memory.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new CompressionException(DataDiagnostics.Corrupt(File, $"array '{name}' cannot be unpacked ({e.Message})"));
        }

        return NpyReader.Parse(bytes, File, name);
    }

    /// <inheritdoc />
    public void Dispose() => _zip.Dispose();
}
