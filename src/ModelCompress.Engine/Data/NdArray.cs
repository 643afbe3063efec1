namespace ModelCompress.Engine.Data;

/// <summary>
/// A dense, C-ordered array as read from a data file: element type, shape, and a flat CLR array
/// (<c>float[]</c>, <c>Half[]</c>, <c>double[]</c>, <c>sbyte[]</c>, <c>byte[]</c>, <c>int[]</c>, <c>long[]</c>, <c>bool[]</c>).
/// </summary>
public sealed record NdArray
{
    /// <summary>Wraps <paramref name="data"/>; checks that its CLR type and length match the type and shape.</summary>
    public NdArray(NdElementType elementType, long[] shape, Array data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        if (data.GetType().GetElementType() != elementType.ClrType())
        {
            throw new ArgumentException($"A {elementType.DisplayName()} array needs {elementType.ClrType().Name}[] data, not {data.GetType().Name}.", nameof(data));
        }

        if (ElementCount(shape) != data.LongLength)
        {
            throw new ArgumentException($"Shape {ShapeToText(shape)} holds {ElementCount(shape)} elements, the data {data.LongLength}.", nameof(data));
        }

        ElementType = elementType;
        Shape = shape;
        Data = data;
    }

    /// <summary>The element type.</summary>
    public NdElementType ElementType { get; }

    /// <summary>The dimensions, outermost first.</summary>
    public long[] Shape { get; }

    /// <summary>The values in C order.</summary>
    public Array Data { get; }

    /// <summary>Number of rows (first dimension); 1 for a scalar.</summary>
    public int Rows => Shape.Length == 0 ? 1 : checked((int)Shape[0]);

    /// <summary>Elements per row.</summary>
    public long RowSize => Shape.Length == 0 ? 1 : ElementCount(Shape.AsSpan(1));

    /// <summary>The values as float32 (a copy; float64 and float16 are rounded, integers converted).</summary>
    public float[] ToFloat32() => ElementType == NdElementType.Float32 ? (float[])((float[])Data).Clone() : NdConvert.ToFloat32(Data);

    /// <summary>The values as int64 (a copy); floats must hold whole numbers.</summary>
    /// <exception cref="InvalidCastException">A float value is not a whole number.</exception>
    public long[] ToInt64() => ElementType == NdElementType.Int64 ? (long[])((long[])Data).Clone() : NdConvert.ToInt64(Data);

    /// <summary>This array with its values converted to <paramref name="type"/> (this instance when already so).</summary>
    public NdArray ConvertTo(NdElementType type) => type == ElementType ? this : new NdArray(type, Shape, NdConvert.To(Data, type));

    /// <summary>The same values under another shape with the same element count.</summary>
    public NdArray Reshape(long[] shape) => new(ElementType, shape, Data);

    /// <summary>Rows <paramref name="start"/>..start+count as a new array.</summary>
    public NdArray SliceRows(int start, int count)
    {
        var rowSize = checked((int)RowSize);
        var data = Array.CreateInstance(ElementType.ClrType(), checked(count * rowSize));
        Array.Copy(Data, (long)start * rowSize, data, 0, (long)count * rowSize);
        var shape = (long[])Shape.Clone();
        shape[0] = count;
        return new NdArray(ElementType, shape, data);
    }

    /// <summary>The rows named by <paramref name="rows"/>, in that order, as a new array.</summary>
    public NdArray TakeRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var rowSize = checked((int)RowSize);
        var data = Array.CreateInstance(ElementType.ClrType(), checked(rows.Count * rowSize));
        for (var i = 0; i < rows.Count; i++)
        {
            Array.Copy(Data, (long)rows[i] * rowSize, data, (long)i * rowSize, rowSize);
        }

        var shape = (long[])Shape.Clone();
        shape[0] = rows.Count;
        return new NdArray(ElementType, shape, data);
    }

    /// <summary>The product of <paramref name="shape"/>.</summary>
    public static long ElementCount(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var d in shape)
        {
            count = checked(count * d);
        }

        return count;
    }

    /// <summary>A shape as messages show it: <c>[497,1,8,8]</c>, with <c>?</c> for symbolic dims.</summary>
    public static string ShapeToText(IEnumerable<long> shape) =>
        "[" + string.Join(",", shape.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <inheritdoc />
    public override string ToString() => $"{ElementType.DisplayName()}{ShapeToText(Shape)}";
}
