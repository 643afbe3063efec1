namespace ModelCompress.Engine.Config;

public enum PruneScopeSetting
{
    Global,
    Layer,
}

public enum PruneSchedule
{
    OneShot,
    Gradual,
}

public enum PruneImportance
{
    Magnitude,
    Taylor,
}

public enum QuantizeMode
{
    Dynamic,
    Static,
    Fp16,
}

public enum OptimizerKind
{
    Sgd,
    Adam,
    AdamW,
}

public enum LrScheduleKind
{
    Constant,
    Step,
    Cosine,
}
