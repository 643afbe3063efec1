namespace ModelCompress.Engine.Config;

/// <summary>The YAML spelling of each enumerated setting (also used by the JSON schema test).</summary>
public static class ConfigWords
{
    public static IReadOnlyDictionary<string, PruneScopeSetting> Scopes { get; } = new Dictionary<string, PruneScopeSetting> { ["global"] = PruneScopeSetting.Global, ["layer"] = PruneScopeSetting.Layer };

    public static IReadOnlyDictionary<string, PruneSchedule> Schedules { get; } = new Dictionary<string, PruneSchedule> { ["oneshot"] = PruneSchedule.OneShot, ["gradual"] = PruneSchedule.Gradual };

    public static IReadOnlyDictionary<string, PruneImportance> Importances { get; } = new Dictionary<string, PruneImportance> { ["magnitude"] = PruneImportance.Magnitude, ["taylor"] = PruneImportance.Taylor };

    public static IReadOnlyDictionary<string, QuantizeMode> QuantizeModes { get; } = new Dictionary<string, QuantizeMode> { ["dynamic"] = QuantizeMode.Dynamic, ["static"] = QuantizeMode.Static, ["fp16"] = QuantizeMode.Fp16 };

    public static IReadOnlyDictionary<string, OptimizerKind> Optimizers { get; } = new Dictionary<string, OptimizerKind> { ["sgd"] = OptimizerKind.Sgd, ["adam"] = OptimizerKind.Adam, ["adamw"] = OptimizerKind.AdamW };

    public static IReadOnlyDictionary<string, LrScheduleKind> LrSchedules { get; } = new Dictionary<string, LrScheduleKind> { ["constant"] = LrScheduleKind.Constant, ["step"] = LrScheduleKind.Step, ["cosine"] = LrScheduleKind.Cosine };

    public static IReadOnlyDictionary<string, string> PruneMethods { get; } = new Dictionary<string, string> { ["magnitude"] = "magnitude" };

    public static IReadOnlyDictionary<string, string> Providers { get; } = new Dictionary<string, string> { ["auto"] = "auto", ["cpu"] = "cpu", ["cuda"] = "cuda" };

    public static IReadOnlyDictionary<string, string> Metrics { get; } = new Dictionary<string, string> { ["top1"] = "top1" };

    public static IReadOnlyDictionary<string, int> Percentiles { get; } = new Dictionary<string, int> { ["50"] = 50, ["95"] = 95, ["99"] = 99 };

    public static IReadOnlyDictionary<string, string> QuantizeOps { get; } = new Dictionary<string, string> { ["MatMul"] = "MatMul", ["Gemm"] = "Gemm", ["Conv"] = "Conv" };

    public static string NameOf<T>(IReadOnlyDictionary<string, T> words, T value) => words.First(p => EqualityComparer<T>.Default.Equals(p.Value, value)).Key;
}
