namespace ModelCompress.Engine.Config.Reading;

/// <summary>One key and its value.</summary>
internal sealed record YEntry(YScalar Key, YNode Value);
