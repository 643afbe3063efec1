using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using ModelCompress.Engine.Caching;
using ModelCompress.Engine.Steps;

namespace ModelCompress.Engine.Pipeline;

/// <summary>
/// The part of a step's cache key that stands for its data: the contents of exactly the sections the step reads
/// (<see cref="StepKind.DataSections"/>), as loaded and bound to model inputs, so neither the file's path nor
/// its other arrays (evaluation rows, say) rerun a step that never reads them.
/// </summary>
internal static class StepDataKey
{
    public static string For(EvalDataset? data, IStepSettings settings) => ForSections(data, StepKinds.Of(settings).DataSections(settings));

    /// <summary>The key of the named sections of <paramref name="data"/> (train, validation, calibration, evaluation).</summary>
    public static string ForSections(EvalDataset? data, IEnumerable<string> sections)
    {
        if (data is null)
        {
            return "no-data";
        }

        var parts = new List<string>();
        foreach (var section in sections.Order(StringComparer.Ordinal))
        {
            var (inputs, labels) = section switch
            {
                "train" => (data.Train?.Inputs, data.Train?.Labels),
                "validation" => (data.Validation?.Inputs, data.Validation?.Labels),
                "calibration" => (data.Calibration, null),
                "evaluation" => (data.Inputs, data.Labels),
                _ => throw new ArgumentException($"Unknown data section '{section}'.", nameof(sections)),
            };
            parts.Add(section + "=" + (inputs is null ? "absent" : Hash(inputs, labels)));
        }

        return ContentHash.OfParts([.. parts]);
    }

    private static string Hash(IReadOnlyDictionary<string, NdArray> inputs, long[]? labels)
    {
        var hash = new XxHash128();
        foreach (var (name, array) in inputs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            hash.Append(Encoding.UTF8.GetBytes($"{name}:{array}\n"));
            hash.Append(Bytes(array.Data));
        }

        hash.Append(Encoding.UTF8.GetBytes(labels is null ? "labels:none\n" : $"labels:{labels.Length}\n"));
        if (labels is not null)
        {
            hash.Append(MemoryMarshal.AsBytes(labels.AsSpan()));
        }

        return Convert.ToHexString(hash.GetCurrentHash()).ToLowerInvariant();
    }

    private static ReadOnlySpan<byte> Bytes(Array data) => data switch
    {
        float[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        double[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        Half[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        long[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        int[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        sbyte[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        byte[] a => a,
        bool[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        _ => throw new ArgumentException($"Unsupported array type {data.GetType().Name}.", nameof(data)),
    };
}
