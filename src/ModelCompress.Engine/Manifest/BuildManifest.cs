using System.Text;
using System.Text.Json;
using ModelCompress.Engine.IO;

namespace ModelCompress.Engine.Manifest;

/// <summary>
/// What a successful run read and wrote, for MSBuild: inputs drive the target's up-to-date check, models become
/// embedded resources. Written last, so its presence means the outputs beside it are complete.
/// </summary>
public sealed record BuildManifest(int Version, IReadOnlyList<string> Inputs, IReadOnlyList<ManifestModel> Models, IReadOnlyList<string> Reports)
{
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Writes inputs.txt, then manifest.json; each atomically.</summary>
    public void Write(string manifestPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var inputs = new StringBuilder();
        foreach (var input in Inputs)
        {
            inputs.Append(input).Append('\n');
        }

        AtomicFile.WriteAllText(Path.Combine(folder, "inputs.txt"), inputs.ToString());
        AtomicFile.WriteAllText(manifestPath, JsonSerializer.Serialize(this, Json) + "\n");
    }

    public static BuildManifest Read(string manifestPath) =>
        JsonSerializer.Deserialize<BuildManifest>(File.ReadAllText(manifestPath), Json)
        ?? throw new JsonException($"'{manifestPath}' is empty.");

    /// <summary>A C# identifier for a model name (digits_cnn → DigitsCnn), by the rule the build task uses.</summary>
    public static string AccessorNameOf(string modelName) => ModelCompress.Naming.AccessorNaming.AccessorName(modelName);
}
