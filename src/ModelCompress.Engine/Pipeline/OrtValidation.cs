using ModelCompress.Engine.Steps;

namespace ModelCompress.Engine.Pipeline;

/// <summary>Every model a step emits is loaded by ONNX Runtime before it is cached or written: ours to catch, not the app's.</summary>
internal static class OrtValidation
{
    public static void EnsureLoads(ModelSource model, StepConfig step)
    {
        try
        {
            OrtModelCheck.EnsureLoads(model);
        }
        catch (Exception e) when (e is not CompressionException)
        {
            throw new CompressionException(StepDiagnostics.OutputRejected(step.Kind, e.Message, step.Position));
        }
    }
}
