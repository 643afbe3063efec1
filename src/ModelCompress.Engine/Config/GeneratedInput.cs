namespace ModelCompress.Engine.Config;

/// <summary>
/// How to make stand-in values for one model input when the model has no data (<c>data.generate.&lt;input&gt;</c>):
/// its exact shape (binding symbolic dims), and a constant value or a uniform range.
/// </summary>
/// <param name="Input">The model input's name.</param>
/// <param name="Shape">The shape fed on every run ([] for a scalar), or null to take the graph's with symbols bound.</param>
/// <param name="Value">A constant every element takes (a sample rate, say), or null.</param>
/// <param name="Low">Lower end of a uniform range, or null.</param>
/// <param name="High">Upper end of a uniform range, or null.</param>
/// <param name="Position">The input's key under <c>generate:</c>.</param>
public sealed record GeneratedInput(string Input, IReadOnlyList<long>? Shape, double? Value, double? Low, double? High, SourcePosition Position);
