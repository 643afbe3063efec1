using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelCompress.Onnx.Preparation;
using ModelCompress.Onnx.Proto;

namespace ModelCompress.Engine.Steps.Prepare;

/// <summary>
/// Computes the outputs of a <see cref="ConstantSubgraph"/> with ONNX Runtime, so every op ORT can run folds
/// without a second implementation of it here. No graph optimization, one thread: the values are what the full
/// model would compute at run time.
/// </summary>
internal static class OrtConstantEvaluator
{
    /// <exception cref="OnnxRuntimeException">ORT could not load or run the subgraph.</exception>
    /// <exception cref="NotSupportedException">An output is not a tensor (a sequence or map), which cannot be an initializer.</exception>
    public static IReadOnlyList<OnnxTensor> Evaluate(ConstantSubgraph subgraph)
    {
        _ = OrtEnvironment.Instance;
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL,
            IntraOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        using var session = new InferenceSession(subgraph.Model.ToByteArray(), options);
        using var run = new RunOptions();
        using var results = session.Run(run, Array.Empty<string>(), Array.Empty<OrtValue>(), subgraph.Outputs.ToArray());
        return results.Select((value, i) => ToTensor(subgraph.Outputs[i], value)).ToList();
    }

    private static OnnxTensor ToTensor(string name, OrtValue value)
    {
        if (!value.IsTensor)
        {
            throw new NotSupportedException($"'{name}' is a {value.OnnxType}, not a tensor.");
        }

        var info = value.GetTensorTypeAndShape();
        // ORT's element type numbers are ONNX's TensorProto.DataType numbers.
        var proto = new TensorProto { Name = name, DataType = (int)info.ElementDataType };
        proto.Dims.AddRange(info.Shape);
        if (info.ElementDataType == TensorElementType.String)
        {
            proto.StringData.AddRange(value.GetStringTensorAsArray().Select(ByteString.CopyFromUtf8));
        }
        else
        {
            proto.RawData = ByteString.CopyFrom(value.GetTensorMutableRawData());
        }

        return OnnxTensor.Wrap(proto);
    }
}
