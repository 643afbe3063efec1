using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace ModelCompress.Onnx.Files;

/// <summary>
/// An external-data file mapped read-only into memory. Tensors read from it are slices of the mapping, not copies,
/// so a model with gigabytes of external weights costs page cache (touched pages only, reclaimable), not heap,
/// and a step that changes a few tensors never pulls in the others. The mapping lives until the last tensor
/// slice that points into it is collected.
/// </summary>
internal sealed unsafe class MappedDataFile
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _pointer;

    private MappedDataFile(string path, long length)
    {
        Length = length;
        if (length == 0)
        {
            return; // an empty file cannot be mapped, and no slice of it has bytes to read
        }

        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        _view = _file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _pointer = pointer + _view.PointerOffset;
    }

    ~MappedDataFile()
    {
        _view?.SafeMemoryMappedViewHandle.ReleasePointer();
        _view?.Dispose();
        _file?.Dispose();
    }

    /// <summary>Bytes in the file when it was mapped.</summary>
    public long Length { get; }

    /// <summary>Maps <paramref name="path"/>; an empty file maps nothing and has only empty slices.</summary>
    public static MappedDataFile Open(string path) => new(path, new FileInfo(path).Length);

    /// <summary>The bytes at <paramref name="offset"/>; the slice keeps this mapping alive.</summary>
    public ReadOnlyMemory<byte> Slice(long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, Length - length);
        if (length == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        return new Region(this, offset, length).Memory;
    }

    private sealed class Region(MappedDataFile owner, long offset, int length) : MemoryManager<byte>
    {
        // Read-only by contract: ByteString never writes through the memory it wraps.
        public override Span<byte> GetSpan() => new(owner._pointer + offset, length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(owner._pointer + offset + elementIndex, default, this);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
