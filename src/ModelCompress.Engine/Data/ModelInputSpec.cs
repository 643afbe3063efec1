namespace ModelCompress.Engine.Data;

/// <summary>A model input a caller must feed: name, element type, dims (-1 where symbolic or unknown).</summary>
public sealed record ModelInputSpec(string Name, NdElementType ElementType, long[] Dims)
{
    /// <summary>The dims as text, <c>[?,1,8,8]</c>, for messages.</summary>
    public string ShapeText => NdArray.ShapeToText(Dims);
}
