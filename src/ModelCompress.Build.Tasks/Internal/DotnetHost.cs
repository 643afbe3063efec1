namespace ModelCompress.Build.Tasks.Internal;

/// <summary>Finds the <c>dotnet</c> host the same way the SDK's own tasks do.</summary>
internal static class DotnetHost
{
    /// <summary>
    /// DOTNET_HOST_PATH (set by the SDK for every build) first, then <c>$(NetCoreRoot)</c>, then the explicit
    /// <c>$(DOTNET_HOST_PATH)</c> property. Returns null when none names an existing file.
    /// </summary>
    public static string? Find(string? environmentHostPath, string? netCoreRoot, string? propertyHostPath)
    {
        if (IsFile(environmentHostPath))
        {
            return Path.GetFullPath(environmentHostPath!);
        }

        if (!string.IsNullOrEmpty(netCoreRoot))
        {
            var candidate = Path.Combine(netCoreRoot!, ExecutableName);
            if (IsFile(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return IsFile(propertyHostPath) ? Path.GetFullPath(propertyHostPath!) : null;
    }

    /// <summary>The host's file name on this platform.</summary>
    public static string ExecutableName =>
        Environment.OSVersion.Platform == PlatformID.Win32NT ? "dotnet.exe" : "dotnet";

    private static bool IsFile(string? path) => !string.IsNullOrEmpty(path) && File.Exists(path);
}
