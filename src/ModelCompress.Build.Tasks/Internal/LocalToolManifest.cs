using System.IO;

namespace ModelCompress.Build.Tasks.Internal;

/// <summary>Answers whether a local tool manifest (dotnet-tools.json) above the project lists the engine.</summary>
internal static class LocalToolManifest
{
    /// <summary>
    /// Walks up from <paramref name="startDirectory"/> the way <c>dotnet tool run</c> does, checking
    /// <c>.config/dotnet-tools.json</c> and <c>dotnet-tools.json</c>; the first manifest found decides.
    /// </summary>
    public static bool ListsEngine(string startDirectory, string packageId)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory != null; directory = directory.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(directory.FullName, ".config", "dotnet-tools.json"), Path.Combine(directory.FullName, "dotnet-tools.json") })
            {
                if (File.Exists(candidate))
                {
                    // A text search is enough: the package id is unique and the task must not pull in a JSON library.
                    return File.ReadAllText(candidate).IndexOf("\"" + packageId + "\"", System.StringComparison.OrdinalIgnoreCase) >= 0;
                }
            }
        }

        return false;
    }
}
