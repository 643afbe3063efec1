using Microsoft.ML.OnnxRuntime;

namespace ModelCompress.Engine.Evaluation;

/// <summary>Runs every row through the model in batches and keeps the first output, flattened per row.</summary>
internal static class BatchInference
{
    public static ReferenceOutputs Run(InferenceSession session, IReadOnlyDictionary<string, NdArray> inputs, int rows, int batchSize)
    {
        var names = inputs.Keys.ToArray();
        var outputNames = new[] { session.OutputNames[0] };
        var values = new List<float>();
        var width = -1;
        using var runOptions = new RunOptions();
        for (var start = 0; start < rows; start += batchSize)
        {
            var count = Math.Min(batchSize, rows - start);
            // One row is fed as it is: generated feeds may be scalars or start with a non-batch dim ([2,1,64]).
            var batch = names.Select(n => OrtTensors.Create(rows == 1 ? inputs[n] : inputs[n].SliceRows(start, count))).ToArray();
            try
            {
                using var outputs = session.Run(runOptions, names, batch, outputNames);
                var (output, _) = OrtTensors.ReadFloats(outputs[0]);
                width = output.Length / count;
                values.AddRange(output);
            }
            finally
            {
                foreach (var value in batch)
                {
                    value.Dispose();
                }
            }
        }

        return new ReferenceOutputs(values.ToArray(), rows, Math.Max(width, 0));
    }
}
