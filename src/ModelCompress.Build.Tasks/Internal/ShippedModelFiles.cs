namespace ModelCompress.Build.Tasks.Internal;

/// <summary>
/// Where the files of a model with external data go in the app's output folder. ONNX Runtime resolves a tensor's
/// <c>location</c> relative to the folder of the .onnx it opened by path, so every data file keeps its place
/// relative to the .onnx (beside it, as the engine writes it).
/// </summary>
internal static class ShippedModelFiles
{
    /// <summary>
    /// True when <paramref name="folder"/> is a relative path inside the output folder (empty: the output folder itself).
    /// </summary>
    public static bool IsValidFolder(string folder)
    {
        if (folder.Length == 0)
        {
            return true;
        }

        if (Path.IsPathRooted(folder) || folder.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return false;
        }

        return !Segments(folder).Any(s => s == "..");
    }

    /// <summary>The path of a file in the output folder, relative to it: <c>models/digits.onnx</c>.</summary>
    public static string TargetPath(string folder, string relative) =>
        string.Join(Path.DirectorySeparatorChar.ToString(), Segments(folder).Concat(Segments(relative)));

    /// <summary>The non-empty parts of a relative path, split at either separator.</summary>
    public static IReadOnlyList<string> Segments(string relative) =>
        relative.Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();

    /// <summary>
    /// Each data file's path relative to the folder of <paramref name="model"/>'s .onnx file, or a sentence saying why
    /// one cannot be shipped (missing, or outside that folder, where the copied .onnx would not find it).
    /// </summary>
    public static IReadOnlyList<string> RelativeDataFiles(ManifestModel model, out string? problem)
    {
        problem = null;
        var modelFolder = Path.GetDirectoryName(Path.GetFullPath(model.File))!;
        var prefix = modelFolder.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? modelFolder : modelFolder + Path.DirectorySeparatorChar;
        var result = new List<string>();
        foreach (var dataFile in model.DataFiles)
        {
            var full = Path.GetFullPath(dataFile);
            if (!full.StartsWith(prefix, StringComparison.Ordinal))
            {
                problem = "its external data file '" + dataFile + "' is not in the folder of '" + model.File + "'";
                return Array.Empty<string>();
            }

            if (!File.Exists(full))
            {
                problem = "its external data file '" + dataFile + "' does not exist";
                return Array.Empty<string>();
            }

            result.Add(full.Substring(prefix.Length));
        }

        return result;
    }
}
