using ModelCompress.Engine.Steps;

namespace ModelCompress.Engine.Config.Reading;

/// <summary>Reads <c>steps:</c>: each item a one-key mapping whose key picks, through <see cref="StepKinds"/>, the reader that validates it.</summary>
internal static class StepsReader
{
    public static IReadOnlyList<StepConfig> Read(YSequence sequence, string path, StepReadContext step)
    {
        var context = step.Context;
        var steps = new List<StepConfig>();
        StepConfig? quantize = null;
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var item = sequence.Items[i];
            if (item is not YMapping mapping)
            {
                context.Report(ConfigDiagnostics.WrongType(item.Position, "steps", "a mapping such as 'prune: { sparsity: 0.5 }'", item.Describe()));
                continue;
            }

            if (mapping.Entries.Count != 1)
            {
                context.Report(ConfigDiagnostics.StepShape(
                    mapping.Entries.Count > 1 ? mapping.Entries[1].Key.Position : item.Position, mapping.Entries.Count));
                continue;
            }

            var (key, value) = (mapping.Entries[0].Key, mapping.Entries[0].Value);
            if (StepKinds.ReaderFor(key.Value) is not { } reader)
            {
                var kinds = ConfigKeys.For(ConfigKeys.Step);
                context.Report(ConfigDiagnostics.UnknownStep(key.Position, key.Value, Suggestions.Closest(key.Value, kinds), kinds));
                continue;
            }

            if (value is not YMapping settingsNode)
            {
                context.Report(ConfigDiagnostics.WrongType(value.Position, key.Value, "a mapping of settings", value.Describe()));
                continue;
            }

            var settingsReader = new MappingReader(settingsNode, key.Value, $"{path}[{i}].{key.Value}", key.Position, context);
            if (reader(settingsReader, step) is not { } settings)
            {
                continue;
            }

            var config = new StepConfig(key.Value, i, key.Position, settings, PositionIndex.Build(settingsNode));
            if (quantize is not null)
            {
                context.Report(ConfigDiagnostics.StepOrder(config.Position,
                    $"Step '{config.Kind}' comes after 'quantize' (line {quantize.Position.Line}); nothing can run on a quantized model. Make quantize the last step."));
            }

            quantize ??= config.Kind == "quantize" ? config : null;
            steps.Add(config);
        }

        return steps;
    }
}
