using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace ModelCompress.Cli.Packaging;

/// <summary>
/// Before a command that evaluates models, checks that ONNX Runtime's native library loads. The portable
/// <c>any</c> tool package carries none (each supported runtime has its own package), so on a machine without a
/// RID-specific package this is where the tool explains itself (MC5212) instead of failing deep inside a run.
/// </summary>
internal static class OrtNativeCheck
{
    /// <summary>The tool packages that carry ONNX Runtime's natives.</summary>
    public const string SupportedRuntimes = "linux-x64, win-x64, osx-arm64";

    private static readonly HashSet<string> Commands = new(StringComparer.Ordinal) { "run", "eval", "bench", "sensitivity" };

    /// <summary>Null when the command needs no ONNX Runtime or it loads; else the MC5212 line to print.</summary>
    public static string? Problem(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || !Commands.Contains(args[0]) || args.Contains("--help") || args.Contains("-h"))
        {
            return null;
        }

        if (NativeLibrary.TryLoad("onnxruntime", typeof(InferenceSession).Assembly, null, out _))
        {
            return null;
        }

        var packed = Assembly.GetEntryAssembly()?.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ModelCompressToolRuntimeIdentifier")?.Value;
        var which = packed == "any"
            ? $"this is the portable ModelCompress.Tool package, which carries no native libraries; packages with ONNX Runtime exist for {SupportedRuntimes}"
            : "the engine's folder has no ONNX Runtime native library for this machine";
        return $"modelcompress: error MC5212: ONNX Runtime cannot be loaded on this machine ({RuntimeInformation.RuntimeIdentifier}): {which}. " +
            $"On a supported runtime, install the tool again (dotnet tool install picks the package for the machine) or set ModelCompressToolRuntimeIdentifier to one of {SupportedRuntimes}; " +
            "elsewhere, build the engine from source (dotnet build src/ModelCompress.Cli in the ModelCompress.Build repository) and set ModelCompressToolPath to it.";
    }
}
