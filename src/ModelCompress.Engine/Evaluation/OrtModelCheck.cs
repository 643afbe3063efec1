using Microsoft.ML.OnnxRuntime;

namespace ModelCompress.Engine.Evaluation;

/// <summary>Checks that ONNX Runtime accepts a model (used to validate every model a step emits before it is cached).</summary>
public static class OrtModelCheck
{
    /// <summary>Creates and drops a CPU session for <paramref name="model"/>.</summary>
    /// <exception cref="InvalidOperationException">ONNX Runtime refused the model; the message is ORT's.</exception>
    public static void EnsureLoads(ModelSource model)
    {
        _ = OrtEnvironment.Instance;
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            using var options = new SessionOptions { IntraOpNumThreads = 1 };
            // Loading is the check: packing the weights for the kernels would only copy them all once more.
            options.AddSessionConfigEntry("session.disable_prepacking", "1");
            using var session = model.Open(options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }
}
