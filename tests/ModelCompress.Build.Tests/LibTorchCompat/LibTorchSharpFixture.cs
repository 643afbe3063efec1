namespace ModelCompress.Build.Tests.LibTorchCompat;

/// <summary>Finds the real libLibTorchSharp.so of TorchSharp 0.107.0 in the NuGet cache (restored by the solution).</summary>
internal static class LibTorchSharpFixture
{
    public static string OriginalPath
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            if (string.IsNullOrEmpty(root))
            {
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            }

            var path = Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
            Assert.True(File.Exists(path), $"'{path}' is missing: restore src/ModelCompress.Torch first (dotnet restore).");
            return path;
        }
    }

    /// <summary>A private copy in a fresh temp folder; the caller deletes the folder.</summary>
    public static string CopyTo(string directory)
    {
        var copy = Path.Combine(directory, "libLibTorchSharp.so");
        File.Copy(OriginalPath, copy);
        return copy;
    }
}
