using System.Reflection;
using Microsoft.ML.OnnxRuntime;

namespace ModelCompress.Engine.Pipeline;

/// <summary>
/// What of the engine itself enters cache keys: the build of this assembly (its module version id changes with
/// any change to the code, and only then, since builds are deterministic) and ONNX Runtime's version.
/// </summary>
public sealed record EngineIdentity(string EngineVersion, string EngineBuild, string OnnxRuntimeVersion)
{
    public static EngineIdentity Current { get; } = Create();

    private static EngineIdentity Create()
    {
        var assembly = typeof(EngineIdentity).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        return new EngineIdentity(version.Split('+')[0], assembly.ManifestModule.ModuleVersionId.ToString("N"), Evaluation.OrtEnvironment.Instance.GetVersionString());
    }
}
