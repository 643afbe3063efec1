using System.Globalization;

namespace ModelCompress.Build.Tasks.Internal;

/// <summary>The engine's manifest.json (contract version 1): what it read and what it wrote.</summary>
internal sealed class ModelManifest
{
    private ModelManifest(IReadOnlyList<string> inputs, IReadOnlyList<ManifestModel> models, IReadOnlyList<string> reports)
    {
        Inputs = inputs;
        Models = models;
        Reports = reports;
    }

    /// <summary>Absolute paths of every file the engine read.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The compressed models, in the manifest's order.</summary>
    public IReadOnlyList<ManifestModel> Models { get; }

    /// <summary>Absolute paths of the reports written.</summary>
    public IReadOnlyList<string> Reports { get; }

    /// <summary>Parses the manifest text; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static ModelManifest Parse(string json)
    {
        if (JsonReader.Parse(json) is not Dictionary<string, object?> root)
        {
            throw new FormatException("the document is not a JSON object");
        }

        if (!root.TryGetValue("version", out var version) || version is not double number || number != 1)
        {
            throw new FormatException("\"version\" must be 1 (found " + Describe(version) + ")");
        }

        var models = new List<ManifestModel>();
        foreach (var entry in Array(root, "models"))
        {
            if (entry is not Dictionary<string, object?> model)
            {
                throw new FormatException("every entry of \"models\" must be an object");
            }

            models.Add(new ManifestModel(
                RequiredString(model, "name"),
                RequiredString(model, "file"),
                OptionalString(model, "resourceName"),
                OptionalString(model, "accessorName"),
                Strings(model, "dataFiles")));
        }

        return new ModelManifest(Strings(root, "inputs"), models, Strings(root, "reports"));
    }

    private static List<object?> Array(Dictionary<string, object?> owner, string key)
    {
        if (!owner.TryGetValue(key, out var value) || value is null)
        {
            return new List<object?>();
        }

        return value as List<object?> ?? throw new FormatException("\"" + key + "\" must be an array");
    }

    private static IReadOnlyList<string> Strings(Dictionary<string, object?> owner, string key)
    {
        var result = new List<string>();
        foreach (var item in Array(owner, key))
        {
            result.Add(item as string ?? throw new FormatException("every entry of \"" + key + "\" must be a string"));
        }

        return result;
    }

    private static string RequiredString(Dictionary<string, object?> owner, string key) =>
        OptionalString(owner, key) ?? throw new FormatException("a model entry lacks \"" + key + "\"");

    private static string? OptionalString(Dictionary<string, object?> owner, string key)
    {
        if (!owner.TryGetValue(key, out var value) || value is null)
        {
            return null;
        }

        return value is string text && text.Length > 0
            ? text
            : throw new FormatException("\"" + key + "\" must be a non-empty string");
    }

    private static string Describe(object? value) => value switch
    {
        null => "nothing",
        double d => d.ToString(CultureInfo.InvariantCulture),
        string s => "\"" + s + "\"",
        _ => value.GetType().Name,
    };
}
