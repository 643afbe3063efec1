using YamlDotNet.RepresentationModel;

namespace ModelCompress.Engine.Config;

/// <summary>Reads a model's <c>steps:</c> list; each step's own settings record validates its keys.</summary>
internal static class StepParser
{
    public static IReadOnlyList<StepConfig> ParseAll(YamlMap model, string baseDirectory)
    {
        var steps = new List<StepConfig>();
        switch (model.Get("steps"))
        {
            case null:
                return steps;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    if (Parse(model, item, steps.Count, baseDirectory) is { } step)
                    {
                        steps.Add(step);
                    }
                }

                return steps;
            case var other:
                model.Bag.Add(ConfigDiagnostics.WrongType(model.PositionOf(other), "steps", "a list of steps ('- prune: { ... }')", YamlMap.Describe(other)));
                return steps;
        }
    }

    private static StepConfig? Parse(YamlMap model, YamlNode item, int index, string baseDirectory)
    {
        if (item is not YamlMappingNode { Children.Count: 1 } mapping)
        {
            model.Bag.Add(ConfigDiagnostics.StepShape(model.PositionOf(item), (item as YamlMappingNode)?.Children.Count ?? 0));
            return null;
        }

        var (keyNode, body) = mapping.Children.Single();
        var kind = ((YamlScalarNode)keyNode).Value ?? "";
        var position = model.PositionOf(keyNode);
        if (!CompressionConfig.StepKinds.Contains(kind))
        {
            model.Bag.Add(ConfigDiagnostics.UnknownKey(position, kind, "steps", DidYouMean.Suggest(kind, CompressionConfig.StepKinds), CompressionConfig.StepKinds));
            return null;
        }

        var settingsNode = body switch
        {
            YamlMappingNode m => m,
            YamlScalarNode { Value: null or "" } => new YamlMappingNode(),
            _ => null,
        };
        if (settingsNode is null)
        {
            model.Bag.Add(ConfigDiagnostics.NotAMapping(model.PositionOf(body), $"The settings of '{kind}'"));
            return null;
        }

        var section = $"{kind} (step {index + 1})";
        IStepSettings? settings = kind switch
        {
            "prune" => PruneSettings.Parse(new YamlMap(settingsNode, model.File, model.Bag, section, PruneSettings.Keys)),
            "quantize" => QuantizeSettings.Parse(new YamlMap(settingsNode, model.File, model.Bag, section, QuantizeSettings.Keys)),
            "distill" => DistillSettings.Parse(new YamlMap(settingsNode, model.File, model.Bag, section, DistillSettings.Keys), baseDirectory),
            _ => FinetuneSettings.Parse(new YamlMap(settingsNode, model.File, model.Bag, section, FinetuneSettings.Keys)),
        };
        return settings is null ? null : new StepConfig(kind, index, position, settings);
    }
}
