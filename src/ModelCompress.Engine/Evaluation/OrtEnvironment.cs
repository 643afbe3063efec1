using Microsoft.ML.OnnxRuntime;

namespace ModelCompress.Engine.Evaluation;

/// <summary>
/// The process-wide ONNX Runtime environment, created once with only fatal native logging: the engine reports
/// problems itself, as diagnostics, instead of ORT's multi-line native log (e.g. on each CUDA probe).
/// </summary>
public static class OrtEnvironment
{
    private static readonly Lazy<OrtEnv> Env = new(() =>
    {
        var options = new EnvironmentCreationOptions { logId = "modelcompress", logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
        try
        {
            return OrtEnv.CreateInstanceWithOptions(ref options);
        }
        catch (OnnxRuntimeException)
        {
            // Someone in this process created the environment first (a host, a test); use theirs, quieted.
            var env = OrtEnv.Instance();
            env.EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
            return env;
        }
    });

    public static OrtEnv Instance => Env.Value;
}
