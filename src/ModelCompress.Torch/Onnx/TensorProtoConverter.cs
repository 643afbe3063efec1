using System.Runtime.InteropServices;
using Google.Protobuf;
using ModelCompress.Onnx.Proto;
using TorchSharp;
using static TorchSharp.torch;
using DataType = ModelCompress.Onnx.Proto.TensorProto.Types.DataType;

namespace ModelCompress.Torch.Onnx;

/// <summary>
/// Converts ONNX <see cref="TensorProto"/>s to torch tensors and back. Reads both storage forms ONNX allows:
/// little-endian <c>raw_data</c> and the typed fields (float_data, int32_data, int64_data, double_data, uint64_data).
/// </summary>
public static class TensorProtoConverter
{
    /// <summary>
    /// A new CPU tensor holding the proto's values. Unsigned types torch lacks widen: UINT16 → int32, UINT32 and
    /// UINT64 → int64. Throws <see cref="CompressionException"/> (MC3104/MC3107) for STRING, complex and
    /// unloaded external data.
    /// </summary>
    public static Tensor ToTorch(TensorProto proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        if (proto.DataLocation == TensorProto.Types.DataLocation.External)
        {
            throw new CompressionException(TorchDiagnostics.ExternalDataNotLoaded(proto.Name));
        }

        var dims = proto.Dims.ToArray();
        var type = (DataType)proto.DataType;
        var raw = proto.HasRawData ? proto.RawData.Span : ReadOnlySpan<byte>.Empty;
        var fromRaw = proto.HasRawData;
        return type switch
        {
            DataType.Float => fromRaw ? FromRaw(raw, dims, ScalarType.Float32) : torch.tensor(proto.FloatData.ToArray(), dims),
            DataType.Double => fromRaw ? FromRaw(raw, dims, ScalarType.Float64) : torch.tensor(proto.DoubleData.ToArray(), dims),
            DataType.Int64 => fromRaw ? FromRaw(raw, dims, ScalarType.Int64) : torch.tensor(proto.Int64Data.ToArray(), dims),
            DataType.Int32 => fromRaw ? FromRaw(raw, dims, ScalarType.Int32) : torch.tensor(proto.Int32Data.ToArray(), dims),
            DataType.Int16 => fromRaw ? FromRaw(raw, dims, ScalarType.Int16) : torch.tensor(proto.Int32Data.Select(v => unchecked((short)v)).ToArray(), dims),
            DataType.Int8 => fromRaw ? FromRaw(raw, dims, ScalarType.Int8) : torch.tensor(proto.Int32Data.Select(v => unchecked((sbyte)v)).ToArray(), dims),
            DataType.Uint8 => fromRaw ? FromRaw(raw, dims, ScalarType.Byte) : torch.tensor(proto.Int32Data.Select(v => unchecked((byte)v)).ToArray(), dims),
            DataType.Bool => fromRaw ? FromRaw(raw, dims, ScalarType.Bool) : torch.tensor(proto.Int32Data.Select(v => v != 0).ToArray(), dims),
            DataType.Float16 => fromRaw ? FromRaw(raw, dims, ScalarType.Float16) : FromBits(proto.Int32Data, dims, ScalarType.Float16),
            DataType.Bfloat16 => fromRaw ? FromRaw(raw, dims, ScalarType.BFloat16) : FromBits(proto.Int32Data, dims, ScalarType.BFloat16),
            DataType.Uint16 => torch.tensor(fromRaw ? MemoryMarshal.Cast<byte, ushort>(raw).ToArray().Select(v => (int)v).ToArray() : proto.Int32Data.ToArray(), dims),
            DataType.Uint32 => torch.tensor(fromRaw ? MemoryMarshal.Cast<byte, uint>(raw).ToArray().Select(v => (long)v).ToArray() : proto.Uint64Data.Select(v => unchecked((long)v)).ToArray(), dims),
            DataType.Uint64 => torch.tensor(fromRaw ? MemoryMarshal.Cast<byte, ulong>(raw).ToArray().Select(v => unchecked((long)v)).ToArray() : proto.Uint64Data.Select(v => unchecked((long)v)).ToArray(), dims),
            _ => throw new CompressionException(TorchDiagnostics.UnsupportedTensorType(proto.Name, type.ToString().ToUpperInvariant())),
        };
    }

    /// <summary>The torch element type an ONNX data type maps to (after widening), or null where there is none.</summary>
    public static ScalarType? ToScalarType(long onnxDataType) => (DataType)onnxDataType switch
    {
        DataType.Float => ScalarType.Float32,
        DataType.Double => ScalarType.Float64,
        DataType.Float16 => ScalarType.Float16,
        DataType.Bfloat16 => ScalarType.BFloat16,
        DataType.Int64 or DataType.Uint32 or DataType.Uint64 => ScalarType.Int64,
        DataType.Int32 or DataType.Uint16 => ScalarType.Int32,
        DataType.Int16 => ScalarType.Int16,
        DataType.Int8 => ScalarType.Int8,
        DataType.Uint8 => ScalarType.Byte,
        DataType.Bool => ScalarType.Bool,
        _ => null,
    };

    /// <summary>
    /// Replaces a FLOAT proto's values with <paramref name="values"/>, keeping its storage form: raw_data stays
    /// raw_data, float_data stays float_data. Everything else in the proto is left as it was.
    /// </summary>
    public static void SetFloatData(TensorProto proto, float[] values)
    {
        ArgumentNullException.ThrowIfNull(proto);
        ArgumentNullException.ThrowIfNull(values);
        if (proto.HasRawData)
        {
            proto.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }

        proto.FloatData.Clear();
        proto.FloatData.Add(values);
    }

    private static Tensor FromRaw(ReadOnlySpan<byte> raw, long[] dims, ScalarType type)
    {
        var tensor = torch.empty(dims, type);
        var expected = tensor.NumberOfElements * tensor.ElementSize;
        if (raw.Length != expected)
        {
            tensor.Dispose();
            throw new CompressionException(Diagnostic.Error(
                "MC3104",
                $"A {type} tensor of shape [{string.Join(",", dims)}] needs {expected} bytes of raw_data but has {raw.Length}. Re-export the model; the file is damaged."));
        }

        if (expected > 0)
        {
            tensor.bytes = raw.ToArray();
        }

        return tensor;
    }

    private static Tensor FromBits(IEnumerable<int> bits, long[] dims, ScalarType type)
    {
        // Typed storage keeps 16-bit floats as their bit patterns in int32_data.
        var bytes = bits.SelectMany(b => new[] { (byte)(b & 0xff), (byte)((b >> 8) & 0xff) }).ToArray();
        return FromRaw(bytes, dims, type);
    }
}
