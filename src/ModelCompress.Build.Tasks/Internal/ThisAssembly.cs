using System.Reflection;

namespace ModelCompress.Build.Tasks.Internal;

/// <summary>Facts about this task assembly.</summary>
internal static class ThisAssembly
{
    /// <summary>
    /// The package version this assembly was built as (informational version without the '+commit' suffix):
    /// the engine tool package of the same version is the one that speaks the same manifest.
    /// </summary>
    public static string PackageVersion { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var attribute = typeof(ThisAssembly).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>();
        var version = attribute?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+');
        return plus < 0 ? version : version.Substring(0, plus);
    }
}
