namespace ModelCompress.Engine.Data;

/// <summary>Element types the data readers produce and the evaluator feeds to a model.</summary>
public enum NdElementType
{
    /// <summary>32-bit float (<c>&lt;f4</c>).</summary>
    Float32,

    /// <summary>IEEE half precision (<c>&lt;f2</c>), held as <see cref="Half"/>.</summary>
    Float16,

    /// <summary>64-bit float (<c>&lt;f8</c>).</summary>
    Float64,

    /// <summary>Signed 8-bit integer (<c>|i1</c>).</summary>
    Int8,

    /// <summary>Unsigned 8-bit integer (<c>|u1</c>).</summary>
    UInt8,

    /// <summary>Signed 32-bit integer (<c>&lt;i4</c>).</summary>
    Int32,

    /// <summary>Signed 64-bit integer (<c>&lt;i8</c>).</summary>
    Int64,

    /// <summary>Boolean, one byte (<c>|b1</c>).</summary>
    Bool,
}
