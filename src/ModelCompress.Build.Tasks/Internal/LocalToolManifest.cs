namespace ModelCompress.Build.Tasks.Internal;

/// <summary>What a local tool manifest (dotnet-tools.json) above the project says about the engine.</summary>
internal sealed class LocalToolManifest
{
    private LocalToolManifest(string path, string? version)
    {
        Path = path;
        Version = version;
    }

    /// <summary>The dotnet-tools.json that lists the engine.</summary>
    public string Path { get; }

    /// <summary>The version it pins; null when the file does not say (or cannot be read as JSON).</summary>
    public string? Version { get; }

    /// <summary>
    /// Walks up from <paramref name="startDirectory"/> the way <c>dotnet tool run</c> does, checking
    /// <c>.config/dotnet-tools.json</c> and <c>dotnet-tools.json</c>; the first manifest found decides. Null when
    /// that manifest does not list <paramref name="packageId"/> (or there is none).
    /// </summary>
    public static LocalToolManifest? Find(string startDirectory, string packageId)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory != null; directory = directory.Parent)
        {
            foreach (var candidate in new[] { System.IO.Path.Combine(directory.FullName, ".config", "dotnet-tools.json"), System.IO.Path.Combine(directory.FullName, "dotnet-tools.json") })
            {
                if (File.Exists(candidate))
                {
                    var text = File.ReadAllText(candidate);
                    return text.IndexOf("\"" + packageId + "\"", StringComparison.OrdinalIgnoreCase) < 0
                        ? null
                        : new LocalToolManifest(candidate, PinnedVersion(text, packageId));
                }
            }
        }

        return null;
    }

    private static string? PinnedVersion(string text, string packageId)
    {
        try
        {
            if (JsonReader.Parse(text) is Dictionary<string, object?> root &&
                root.TryGetValue("tools", out var tools) && tools is Dictionary<string, object?> byId)
            {
                foreach (var entry in byId)
                {
                    if (string.Equals(entry.Key, packageId, StringComparison.OrdinalIgnoreCase) &&
                        entry.Value is Dictionary<string, object?> tool && tool.TryGetValue("version", out var version))
                    {
                        return version as string;
                    }
                }
            }
        }
        catch (FormatException)
        {
            // dotnet tool run reports a broken manifest itself; the version check just has nothing to compare.
        }

        return null;
    }
}
