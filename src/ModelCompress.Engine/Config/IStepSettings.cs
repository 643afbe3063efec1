namespace ModelCompress.Engine.Config;

/// <summary>
/// Validated, immutable settings of one step. What kind of step they belong to (its runner, whether it trains, the
/// data its key reads) is declared once in <c>StepKinds</c>; the settings put <see cref="CanonicalForm"/> into the key.
/// </summary>
public interface IStepSettings
{
    /// <summary>The YAML key of the step (<c>prune</c>, <c>quantize</c>, <c>distill</c>, <c>finetune</c>).</summary>
    string Kind { get; }

    /// <summary>
    /// Stable text of every value that changes the result, defaults filled in and keys sorted; file paths as
    /// written (their contents are hashed separately), nothing machine-specific.
    /// </summary>
    string CanonicalForm { get; }

    /// <summary>Absolute paths of files the step reads (a teacher model, say): their contents enter the cache key.</summary>
    IReadOnlyList<string> ReferencedFiles => [];
}
