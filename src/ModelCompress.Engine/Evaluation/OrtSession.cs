using Microsoft.ML.OnnxRuntime;

namespace ModelCompress.Engine.Evaluation;

/// <summary>An inference session on the provider asked for: <c>auto</c> (CUDA, else CPU with one warning), <c>cpu</c> or <c>cuda</c>.</summary>
internal sealed class OrtSession : IDisposable
{
    private readonly SessionOptions _options;

    private OrtSession(InferenceSession session, SessionOptions options, string provider, Diagnostic? warning)
    {
        Session = session;
        _options = options;
        Provider = provider;
        Warning = warning;
    }

    public InferenceSession Session { get; }

    /// <summary><c>cpu</c> or <c>cuda</c>.</summary>
    public string Provider { get; }

    /// <summary>The MC4090 fallback warning, when <c>auto</c> could not use CUDA.</summary>
    public Diagnostic? Warning { get; }

    private static string? _cudaFailure;

    public static OrtSession Create(ModelSource model, string modelName, EvaluationOptions options)
    {
        var provider = options.Provider.ToLowerInvariant();
        if (provider is not ("auto" or "cpu" or "cuda"))
        {
            throw new CompressionException(EvaluationDiagnostics.UnknownProvider(options.Provider));
        }

        _ = OrtEnvironment.Instance;
        if (provider == "cpu")
        {
            return OnCpu(model, modelName, options, null);
        }

        // CUDA is probed once per process: a machine without it does not grow a new warning per session.
        if (provider == "auto" && _cudaFailure is { } known)
        {
            return OnCpu(model, modelName, options, EvaluationDiagnostics.ProviderFallback("cuda", known));
        }

        SessionOptions? cudaOptions = null;
        try
        {
            cudaOptions = NewOptions(options);
            cudaOptions.AppendExecutionProvider_CUDA(0);
            return new OrtSession(model.Open(cudaOptions), cudaOptions, "cuda", null);
        }
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException)
        {
            // EntryPointNotFound: a CPU-only ONNX Runtime (the packaged tool's) has no CUDA entry point at all.
            cudaOptions?.Dispose();
            if (provider == "cuda")
            {
                // Tell a model ORT refuses apart from a missing CUDA: the CPU session gives the model's own error.
                using var cpu = OnCpu(model, modelName, options, null);
                throw new CompressionException(EvaluationDiagnostics.CudaUnavailable(CudaFailure(e)));
            }

            _cudaFailure = CudaFailure(e);
            return OnCpu(model, modelName, options, EvaluationDiagnostics.ProviderFallback("cuda", _cudaFailure));
        }
    }

    private static string CudaFailure(Exception e) => e is EntryPointNotFoundException
        ? "this ONNX Runtime build has no CUDA provider (the packaged tool carries the CPU build)"
        : FirstLine(e.Message);

    public void Dispose()
    {
        Session.Dispose();
        _options.Dispose();
    }

    private static OrtSession OnCpu(ModelSource model, string modelName, EvaluationOptions options, Diagnostic? warning)
    {
        var sessionOptions = NewOptions(options);
        try
        {
            return new OrtSession(model.Open(sessionOptions), sessionOptions, "cpu", warning);
        }
        catch (OnnxRuntimeException e)
        {
            sessionOptions.Dispose();
            throw new CompressionException(EvaluationDiagnostics.ModelRefused(modelName, FirstLine(e.Message)));
        }
    }

    // Sequential execution and a fixed intra-op thread count keep latency comparable between runs and models.
    private static SessionOptions NewOptions(EvaluationOptions options) => new()
    {
        IntraOpNumThreads = options.Threads,
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
    };

    private static string FirstLine(string message) =>
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
}
