using ModelCompress.Engine.Data;

namespace ModelCompress.Engine.Evaluation;

/// <summary>
/// Stand-in rows for a model without data: the declared shapes with symbolic dims set to 1, seeded values
/// (floats uniform in [0,1), integers 0, bools false), so the same model always sees the same rows.
/// </summary>
internal static class GeneratedInputs
{
    /// <summary>Rows generated per input; few, since they serve latency and output deviation only.</summary>
    public const int Rows = 8;

    private const int Seed = 1234;

    public static Dictionary<string, NdArray> Create(ModelSignature signature)
    {
        var random = new Random(Seed);
        var result = new Dictionary<string, NdArray>(StringComparer.Ordinal);
        foreach (var input in signature.Inputs)
        {
            var dims = input.Dims.Length == 0 ? [1L] : input.Dims.Select(d => d < 0 ? 1 : d).ToArray();
            long[] shape = [Rows * dims[0], .. dims.Skip(1)];
            var count = checked((int)NdArray.ElementCount(shape));
            var values = new double[count];
            if (input.ElementType.IsFloat())
            {
                for (var i = 0; i < count; i++)
                {
                    values[i] = random.NextDouble();
                }
            }

            var array = new NdArray(NdElementType.Float64, shape, values);
            result[input.Name] = array.ConvertTo(input.ElementType);
        }

        return result;
    }
}
