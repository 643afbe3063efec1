namespace ModelCompress.Engine.Config;

/// <summary>The immutable, validated settings of one step, as the YAML gave them with defaults filled in.</summary>
public interface IStepSettings
{
    /// <summary>The YAML key of the step: prune, quantize, distill, finetune.</summary>
    string Kind { get; }

    /// <summary>Which runner executes these settings (<c>prune.oneshot</c>, <c>prune.gradual</c>, ...).</summary>
    string RunnerKey { get; }

    /// <summary>Every value that changes the result, in a stable text form: it enters the cache key.</summary>
    string CanonicalForm { get; }

    /// <summary>True when the step trains, so the engine needs libtorch for it.</summary>
    bool RequiresTorch { get; }

    /// <summary>Absolute paths of files the step reads (a teacher model, say): their contents enter the cache key.</summary>
    IReadOnlyList<string> ReferencedFiles { get; }
}
