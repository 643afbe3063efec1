using System.Reflection;

namespace ModelCompress.Build.Tests.Support;

/// <summary>
/// Where the tests find the repository, its build outputs, and the engine they start. The end-to-end tests use
/// the stand-in engine until the real CLI implements `run`; switch <see cref="UseRealEngine"/> to test the real one.
/// </summary>
internal static class TestEngine
{
    /// <summary>The one switch: false runs the contract stand-in, true runs src/ModelCompress.Cli.</summary>
    public const bool UseRealEngine = true;

    /// <summary>The repository root (with a trailing separator), baked in at build time.</summary>
    public static string RepoRoot { get; } = Metadata("RepoRoot");

    /// <summary>The configuration this test assembly was built in; the engine and tasks are taken from the same.</summary>
    public static string Configuration { get; } = Metadata("Configuration");

    /// <summary>The engine the end-to-end tests point ModelCompressToolPath at.</summary>
    public static string ToolPath => UseRealEngine ? RealEnginePath : StandInPath;

    /// <summary>The real engine, built by `dotnet build src/ModelCompress.Cli`.</summary>
    public static string RealEnginePath =>
        Path.Combine(RepoRoot, "src", "ModelCompress.Cli", "bin", Configuration, "net10.0", "modelcompress.dll");

    /// <summary>The stand-in that follows the Engine ↔ MSBuild contract (built with this test project).</summary>
    public static string StandInPath =>
        Path.Combine(RepoRoot, "tests", "ModelCompress.Build.Tests", "StandInEngine", "bin", Configuration, "net10.0", "modelcompress-standin.dll");

    /// <summary>The task assembly the test projects load (built as a reference of this test project).</summary>
    public static string TasksAssembly =>
        Path.Combine(RepoRoot, "src", "ModelCompress.Build.Tasks", "bin", Configuration, "netstandard2.0", "ModelCompress.Build.Tasks.dll");

    /// <summary>The folder holding ModelCompress.Build.props/.targets.</summary>
    public static string BuildDir => Path.Combine(RepoRoot, "build") + Path.DirectorySeparatorChar;

    private static string Metadata(string key) =>
        typeof(TestEngine).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException("Assembly metadata " + key + " is empty.");
}
