using Microsoft.ML.OnnxRuntime;
using ModelCompress.Onnx.Proto;

namespace ModelCompress.Engine.Steps.Quantize.Calibration;

/// <summary>
/// Runs the calibration rows through ONNX Runtime with the wanted activations added as graph outputs, one batch
/// at a time, and hands each batch's values to that tensor's statistics before the next batch runs. Only one
/// batch of activations is alive at any moment: memory does not grow with the number of samples.
/// </summary>
public static class ActivationCollector
{
    /// <summary>Rows per batch when the model's batch dimension is free.</summary>
    public const int DefaultBatchSize = 16;

    /// <summary>
    /// Feeds <paramref name="statistics"/> (tensor name → statistics) with the first <paramref name="rows"/> rows
    /// of <paramref name="inputs"/>; each tensor needs its own statistics object (they are fed in parallel). Tensors that are not float32 in this model are skipped by ORT's own typing
    /// (the caller asks only for float activations).
    /// </summary>
    public static void Collect(
        OnnxModel model, IReadOnlyDictionary<string, ITensorStatistics> statistics, IReadOnlyDictionary<string, NdArray> inputs,
        int rows, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(inputs);
        var probe = model.Clone();
        var declared = probe.Graph.Proto.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in statistics.Keys.Where(n => !declared.Contains(n)).Order(StringComparer.Ordinal))
        {
            probe.Graph.Proto.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)OnnxDataType.Float } },
            });
        }

        _ = OrtEnvironment.Instance;
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        using var session = new InferenceSession(probe.ToBytes(), options);
        var names = inputs.Keys.ToArray();
        var wanted = statistics.Keys.Order(StringComparer.Ordinal).ToArray();
        var batchSize = BatchSize(model);
        using var runOptions = new RunOptions();
        for (var start = 0; start < rows; start += batchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            var count = Math.Min(batchSize, rows - start);
            var feeds = names.Select(n => Feed(inputs[n], start, count)).ToArray();
            try
            {
                using var outputs = session.Run(runOptions, names, feeds, wanted);
                // Each tensor's statistics take its batches in order; different tensors fold in parallel while ORT waits.
                Parallel.For(0, wanted.Length, i => statistics[wanted[i]].Add(outputs[i].GetTensorDataAsSpan<float>()));
            }
            finally
            {
                foreach (var feed in feeds)
                {
                    feed.Dispose();
                }
            }
        }
    }

    // A float32 batch is a view into the loaded rows (no copy per batch, so no garbage that grows with the sample count).
    private static OrtValue Feed(NdArray array, int start, int count)
    {
        if (array.Data is not float[] data)
        {
            return OrtTensors.Create(array.SliceRows(start, count));
        }

        var rowSize = (int)array.RowSize;
        var shape = (long[])array.Shape.Clone();
        shape[0] = count;
        return OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(data, start * rowSize, count * rowSize), shape);
    }

    // A model exported with a fixed batch dimension takes exactly that many rows per run.
    private static int BatchSize(OnnxModel model)
    {
        var fixedSizes = model.Graph.DataInputs
            .Select(i => i.Type?.Dims is { Count: > 0 } dims && dims[0].Value is { } v ? (int)v : 0)
            .Where(v => v > 0)
            .ToArray();
        return fixedSizes.Length > 0 ? fixedSizes.Min() : DefaultBatchSize;
    }
}
