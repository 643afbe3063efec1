using System.Text.RegularExpressions;
using ModelCompress.Naming;

namespace ModelCompress.Engine.Config.Reading;

/// <summary>Reads <c>models:</c>: names, then each model's source, data, budgets, evaluation and steps.</summary>
internal static partial class ModelReader
{
    public static IReadOnlyList<ModelConfig> ReadAll(YMapping models, ParseContext context)
    {
        var seen = new Dictionary<string, YScalar>(StringComparer.OrdinalIgnoreCase);
        var accessors = new Dictionary<string, YScalar>(StringComparer.Ordinal);
        var result = new List<ModelConfig>();
        foreach (var entry in models.Entries)
        {
            var name = entry.Key.Value;
            if (!ModelName().IsMatch(name))
            {
                context.Report(ConfigDiagnostics.InvalidModelName(entry.Key.Position, name));
                continue;
            }

            // Output files and accessors are named after models: names that differ only in case would clash.
            if (seen.TryGetValue(name, out var first))
            {
                context.Report(ConfigDiagnostics.DuplicateModelName(entry.Key.Position, name, first.Value, first.Position));
                continue;
            }

            seen.Add(name, entry.Key);
            if (!CheckNaming(entry.Key, accessors, context))
            {
                continue;
            }

            if (entry.Value is not YMapping mapping)
            {
                context.Report(ConfigDiagnostics.WrongType(entry.Value.Position, name, "a mapping with 'source' and 'steps'", entry.Value.Describe()));
                continue;
            }

            if (Read(name, new MappingReader(mapping, ConfigKeys.Model, $"models.{name}", entry.Key.Position, context)) is { } model)
            {
                result.Add(model);
            }
        }

        return result;
    }

    /// <summary>
    /// The build's naming rule (shared with the build task), checked here so a bad name is reported at its YAML
    /// line before anything runs: the length, an accessor member another model or the generated class has.
    /// </summary>
    private static bool CheckNaming(YScalar key, Dictionary<string, YScalar> accessors, ParseContext context)
    {
        var name = key.Value;
        if (name.Length > AccessorNaming.MaxModelNameLength)
        {
            context.Report(NamingDiagnostics.NameTooLong(key.Position, name));
            return false;
        }

        var accessor = AccessorNaming.AccessorName(name);
        if (AccessorNaming.IsReserved(accessor, AccessorNaming.DefaultClassName))
        {
            context.Report(NamingDiagnostics.AccessorReserved(key.Position, name, accessor));
            return false;
        }

        if (accessors.TryGetValue(accessor, out var first))
        {
            context.Report(NamingDiagnostics.AccessorClash(key.Position, name, first.Value, first.Position, accessor));
            return false;
        }

        accessors.Add(accessor, key);
        return true;
    }

    private static ModelConfig? Read(string name, MappingReader map)
    {
        var context = map.Context;
        string? source = null;
        if (map.Require("source", "Add 'source:' with the ONNX file, relative to this file.") && map.Text("source") is { } given)
        {
            source = context.ResolveFile(given, map.Value("source")!.Position, "Model source");
        }

        var seed = map.Integer("seed", NumberRange.AtLeast(0)) ?? 0;
        var errorsBefore = context.Bag.Items.Count;
        var dataMap = map.Section("data", ConfigKeys.Data);
        var generate = dataMap is null ? null : GenerateReader.Read(dataMap);
        // 'generate' alone stands for "no data file": the model is measured on generated inputs.
        var data = dataMap is null || (generate is not null && !dataMap.Has("path")) ? null : DataConfig.Read(dataMap);
        var dataInvalid = context.Bag.Items.Count > errorsBefore;
        var budgets = BudgetsConfig.Read(map.Section("budgets", ConfigKeys.Budgets));
        if (!dataInvalid)
        {
            CheckBudgetData(budgets, data, context);
        }

        var evaluation = EvaluationSettings.Read(map.Section("evaluation", ConfigKeys.Evaluation));
        var steps = Steps(map, new StepReadContext(context, seed, budgets.Accuracy, data, dataInvalid));
        return source is null || steps is null
            ? null
            : new ModelConfig(name, map.Owner, source, map.Value("source")!.Position, data, steps, budgets, evaluation, seed) { Generate = generate };
    }

    private static IReadOnlyList<StepConfig>? Steps(MappingReader map, StepReadContext step)
    {
        if (!map.Require("steps", "Add 'steps:' with at least one of prune, quantize, distill, finetune.")
            || map.Sequence("steps") is not { } sequence)
        {
            return null;
        }

        if (sequence.Items.Count == 0)
        {
            map.Context.Report(ConfigDiagnostics.EmptySection(map.KeyAt("steps")!.Value, "steps", "Add at least one of prune, quantize, distill, finetune."));
            return null;
        }

        return StepsReader.Read(sequence, $"{map.Path}.steps", step);
    }

    private static void CheckBudgetData(BudgetsConfig budgets, DataConfig? data, ParseContext context)
    {
        if (budgets.Accuracy is not { } accuracy)
        {
            return;
        }

        if (data is null)
        {
            context.Report(ConfigDiagnostics.NeedsData(accuracy.Position, "The accuracy budget", "data to evaluate on (data.path and data.inputs)"));
        }
        else if (accuracy.Metric == AccuracyMetric.Top1 && data.Labels is null && data.Format != DataFormat.Npy)
        {
            context.Report(ConfigDiagnostics.NeedsData(accuracy.Position, "The top1 accuracy budget", "data.labels (or use 'metric: agreement')"));
        }
        else if (accuracy.Metric == AccuracyMetric.Top1 && data.Format == DataFormat.Npy)
        {
            context.Report(ConfigDiagnostics.NeedsData(accuracy.Position, "The top1 accuracy budget", "labels, which a .npy file cannot hold (use .npz or 'metric: agreement')"));
        }
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]*$")]
    private static partial Regex ModelName();
}
