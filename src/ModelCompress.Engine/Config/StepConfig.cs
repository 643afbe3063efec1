namespace ModelCompress.Engine.Config;

/// <summary>One item of a model's <c>steps:</c>.</summary>
/// <param name="Kind">The step kind (the item's one key).</param>
/// <param name="Index">0-based position in the list: steps run in this order.</param>
/// <param name="Position">The step kind's key.</param>
/// <param name="Settings">The validated settings.</param>
/// <param name="ValuePositions">
/// Where each setting was written, by dotted path (<c>sparsity</c>, <c>training.epochs</c>, <c>include[2]</c>,
/// <c>features[0].teacher</c>), so runners can point their own diagnostics at the value.
/// </param>
public sealed record StepConfig(
    string Kind, int Index, SourcePosition Position, IStepSettings Settings, IReadOnlyDictionary<string, SourcePosition> ValuePositions)
{
    /// <summary>The position of a setting's value, falling back to the step's key when it was not written.</summary>
    public SourcePosition PositionOf(string path) => ValuePositions.TryGetValue(path, out var at) ? at : Position;
}
