namespace ModelCompress.Cli.Commands;

/// <summary>
/// Where the JSON Schema of compression.yaml lies on this machine, at a stable path per version: in the restored
/// ModelCompress.Build package (<c>&lt;NuGet packages&gt;/modelcompress.build/&lt;version&gt;/schema/</c>), else beside this
/// engine (the tool packages and the repository build carry a copy).
/// </summary>
internal static class SchemaLocation
{
    private const string FileName = "compression.schema.json";

    /// <summary>The schema's full path, or null when neither copy exists.</summary>
    public static string? Find(string engineVersion)
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var candidates = new[]
        {
            Path.Combine(packages, "modelcompress.build", engineVersion.ToLowerInvariant(), "schema", FileName),
            Path.Combine(AppContext.BaseDirectory, "schema", FileName),
        };
        return candidates.FirstOrDefault(File.Exists);
    }
}
