namespace ModelCompress.Engine.Config.Reading;

/// <summary>A scalar; <see cref="IsPlain"/> tells numbers and booleans (plain) from quoted strings.</summary>
internal sealed class YScalar(SourcePosition position, string value, bool isPlain) : YNode(position)
{
    public string Value { get; } = value;

    public bool IsPlain { get; } = isPlain;

    /// <summary>YAML 1.2 core schema nulls: an empty plain value, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => IsNull ? "nothing" : $"'{Value}'";
}
