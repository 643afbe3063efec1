using Google.Protobuf;

namespace ModelCompress.Onnx.Tests;

public sealed class OnnxTensorTests
{
    [Fact]
    public void Factories_round_trip_every_type_through_raw_data()
    {
        long[] dims = [2, 2];

        Assert.Equal([1.5f, -2f, 0f, 3f], OnnxTensor.FromFloats("f", dims, [1.5f, -2f, 0f, 3f]).ToFloatArray());
        Assert.Equal([1.5, -2, 0, 3], OnnxTensor.FromDoubles("d", dims, [1.5, -2, 0, 3]).ToDoubleArray());
        Assert.Equal([(Half)1.5f, (Half)(-2f), (Half)0f, (Half)3f], OnnxTensor.FromHalves("h", dims, [(Half)1.5f, (Half)(-2f), (Half)0f, (Half)3f]).ToHalfArray());
        Assert.Equal([1.5f, -2f, 0f, 3f], OnnxTensor.FromHalves("h", dims, [(Half)1.5f, (Half)(-2f), (Half)0f, (Half)3f]).ToFloatArray());
        Assert.Equal([-128, 127, 0, 5], OnnxTensor.FromInt8s("i8", dims, [-128, 127, 0, 5]).ToInt8Array());
        Assert.Equal([0, 255, 1, 2], OnnxTensor.FromUInt8s("u8", dims, [0, 255, 1, 2]).ToUInt8Array());
        Assert.Equal([int.MinValue, 1, 0, int.MaxValue], OnnxTensor.FromInt32s("i32", dims, [int.MinValue, 1, 0, int.MaxValue]).ToInt32Array());
        Assert.Equal([long.MinValue, 1, 0, long.MaxValue], OnnxTensor.FromInt64s("i64", dims, [long.MinValue, 1, 0, long.MaxValue]).ToInt64Array());
        Assert.Equal([true, false, false, true], OnnxTensor.FromBools("b", dims, [true, false, false, true]).ToBoolArray());
        var scalar = OnnxTensor.Scalar("s", 4f);
        Assert.Empty(scalar.Dims);
        Assert.Equal(1, scalar.ElementCount);
        Assert.Equal(4, scalar.ByteSize);
    }

    [Fact]
    public void Typed_data_fields_are_read_like_raw_data()
    {
        var f = Proto(OnnxDataType.Float, t => t.FloatData.AddRange([1f, 2f]));
        var d = Proto(OnnxDataType.Double, t => t.DoubleData.AddRange([1.0, 2.0]));
        var i64 = Proto(OnnxDataType.Int64, t => t.Int64Data.AddRange([7L, -7L]));
        var i32 = Proto(OnnxDataType.Int32, t => t.Int32Data.AddRange([7, -7]));
        var i8 = Proto(OnnxDataType.Int8, t => t.Int32Data.AddRange([-5, 5]));
        var u8 = Proto(OnnxDataType.UInt8, t => t.Int32Data.AddRange([200, 5]));
        var b = Proto(OnnxDataType.Bool, t => t.Int32Data.AddRange([1, 0]));
        var h = Proto(OnnxDataType.Float16, t => t.Int32Data.AddRange([BitConverter.HalfToUInt16Bits((Half)0.5f), BitConverter.HalfToUInt16Bits((Half)(-1f))]));

        Assert.Equal([1f, 2f], f.ToFloatArray());
        Assert.Equal([1.0, 2.0], d.ToDoubleArray());
        Assert.Equal([7L, -7L], i64.ToInt64Array());
        Assert.Equal([7, -7], i32.ToInt32Array());
        Assert.Equal([7L, -7L], i32.ToInt64Array());
        Assert.Equal([-5, 5], i8.ToInt8Array());
        Assert.Equal([200, 5], u8.ToUInt8Array());
        Assert.Equal([true, false], b.ToBoolArray());
        Assert.Equal([0.5f, -1f], h.ToFloatArray());
        Assert.Equal(1, b.CountZeros());
    }

    [Fact]
    public void Wrong_sizes_and_types_are_refused_with_the_tensor_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => OnnxTensor.FromFloats("w", [2, 3], [1f, 2f]));
        Assert.Contains("'w'", ex.Message);

        var shortRaw = OnnxTensor.Wrap(new TensorProto { Name = "r", DataType = (int)OnnxDataType.Float, Dims = { 4 }, RawData = ByteString.CopyFrom(new byte[8]) });
        Assert.Contains("'r'", Assert.Throws<InvalidDataException>(() => shortRaw.ToFloatArray()).Message);

        var ints = OnnxTensor.FromInt64s("shape", [1], [3]);
        Assert.Contains("cannot be read as int8", Assert.Throws<InvalidOperationException>(() => ints.ToInt8Array()).Message);
    }

    [Fact]
    public void With_name_copies_and_leaves_the_original_alone()
    {
        var a = OnnxTensor.FromFloats("a", [1], [1f]);

        var b = a.WithName("b");

        Assert.Equal("a", a.Name);
        Assert.Equal("b", b.Name);
        Assert.Equal(a.ToFloatArray(), b.ToFloatArray());
        Assert.Equal("b: FLOAT[1]", b.ToString());
    }

    private static OnnxTensor Proto(OnnxDataType type, Action<TensorProto> fill)
    {
        var proto = new TensorProto { Name = type.ToString(), DataType = (int)type, Dims = { 2 } };
        fill(proto);
        return OnnxTensor.Wrap(proto);
    }
}
