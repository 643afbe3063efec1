namespace ModelCompress.Engine.Config;

/// <summary>Learning-rate schedule of a training block.</summary>
public enum LrSchedule
{
    /// <summary>The same rate every epoch (after warmup).</summary>
    Constant,

    /// <summary>Multiplied by gamma every step_size epochs.</summary>
    Step,

    /// <summary>Cosine decay to zero over the epochs.</summary>
    Cosine,
}
