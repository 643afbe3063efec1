using ModelCompress.Engine.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace ModelCompress.Engine.Config;

/// <summary>The <c>data:</c> section: the file and which arrays feed which inputs, for evaluation, calibration and training.</summary>
public sealed record DataConfig(
    string Path,
    SourcePosition PathPosition,
    string Format,
    IReadOnlyList<InputBinding> Inputs,
    ArrayRef? Labels,
    IReadOnlyList<InputBinding>? Calibration,
    SplitConfig? Train,
    SplitConfig? Validation)
{
    public static IReadOnlyList<string> Keys { get; } = ["path", "format", "inputs", "labels", "calibration", "train", "validation"];

    public static IReadOnlyList<string> SplitKeys { get; } = ["inputs", "labels"];

    private static readonly IReadOnlyDictionary<string, string> Formats = new Dictionary<string, string> { ["npz"] = "npz", ["npy"] = "npy", ["csv"] = "csv" };

    internal static DataConfig? Parse(YamlMap map, string baseDirectory)
    {
        var errorsBefore = map.Bag.Items.Count;
        var path = map.ExistingPath("path", baseDirectory, required: true, hint: "the .npz, .npy or .csv file, relative to compression.yaml");
        var format = map.Word("format", Formats) ?? Extension(map, path);
        var inputs = Bindings(map, "inputs", required: true) ?? [];
        var labels = Ref(map, "labels");
        var calibration = Bindings(map, "calibration", required: false);
        var train = Split(map, "train");
        var validation = Split(map, "validation");
        if (map.Bag.Items.Count != errorsBefore || path is null || format is null)
        {
            return null;
        }

        return new DataConfig(path, map.ValuePosition("path"), format, inputs, labels, calibration, train, validation);
    }

    private static string? Extension(YamlMap map, string? path)
    {
        if (path is null)
        {
            return null;
        }

        var ext = System.IO.Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
        if (Formats.ContainsKey(ext))
        {
            return ext;
        }

        map.Bag.Add(ConfigDiagnostics.UnknownValue(map.ValuePosition("path"), "path", $"a .{ext} file", ["a .npz file", "a .npy file", "a .csv file (or set 'format:')"]));
        return null;
    }

    private static ArrayRef? Ref(YamlMap map, string key) =>
        map.String(key) is { } name ? new ArrayRef(name, map.ValuePosition(key)) : null;

    /// <summary>A map of model input to array, or a single array name for a model's only input.</summary>
    private static IReadOnlyList<InputBinding>? Bindings(YamlMap map, string key, bool required)
    {
        switch (map.Get(key))
        {
            case null:
                if (required)
                {
                    map.Bag.Add(ConfigDiagnostics.MissingKey(map.Position, key, map.Section, "map each model input to an array, e.g. 'inputs: { input: x_test }'"));
                }

                return null;
            case YamlScalarNode { Value: { Length: > 0 } single } node:
                return [new InputBinding("", single, map.PositionOf(node))];
            case YamlMappingNode mapping:
                var bindings = new List<InputBinding>();
                foreach (var (input, value) in mapping.Children)
                {
                    if (value is YamlScalarNode { Value: { Length: > 0 } array })
                    {
                        bindings.Add(new InputBinding(((YamlScalarNode)input).Value ?? "", array, map.PositionOf(input)));
                    }
                    else
                    {
                        map.Bag.Add(ConfigDiagnostics.WrongType(map.PositionOf(value), ((YamlScalarNode)input).Value ?? "", "an array name (or CSV columns like 'p0..p63')", YamlMap.Describe(value)));
                    }
                }

                return bindings;
            case var other:
                map.Bag.Add(ConfigDiagnostics.WrongType(map.PositionOf(other), key, "a map of model input to array, or one array name", YamlMap.Describe(other)));
                return null;
        }
    }

    private static SplitConfig? Split(YamlMap map, string key)
    {
        var split = map.Map(key, $"data.{key}", SplitKeys);
        if (split is null)
        {
            return null;
        }

        var inputs = Bindings(split, "inputs", required: true);
        return inputs is null ? null : new SplitConfig(inputs, Ref(split, "labels"));
    }
}
