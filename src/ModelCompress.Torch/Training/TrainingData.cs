using ModelCompress.Engine.Data;

namespace ModelCompress.Torch.Training;

/// <summary>
/// Rows to train or validate on, held as CPU tensors: model inputs by name and optional int64 labels, where -1
/// marks a row without a label (distillation can mix labelled and unlabelled rows). Owns its tensors.
/// </summary>
public sealed class TrainingData : IDisposable
{
    private readonly Dictionary<string, Tensor> _inputs;
    private readonly long[]? _labels;
    private readonly Tensor? _labelTensor;

    /// <summary>Wraps <paramref name="inputs"/> (all with <paramref name="labels"/>' row count when labels are given); takes ownership.</summary>
    public TrainingData(IReadOnlyDictionary<string, Tensor> inputs, long[]? labels)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            throw new ArgumentException("Training data needs at least one input.", nameof(inputs));
        }

        Count = checked((int)inputs.Values.First().shape[0]);
        if (inputs.Values.Any(t => t.shape[0] != Count) || (labels is not null && labels.Length != Count))
        {
            throw new ArgumentException("Every input and the labels must have the same number of rows.", nameof(inputs));
        }

        _inputs = new Dictionary<string, Tensor>(inputs, StringComparer.Ordinal);
        foreach (var tensor in _inputs.Values)
        {
            tensor.DetachFromDisposeScope();
        }

        _labels = labels;
        _labelTensor = labels is null ? null : torch.tensor(labels).DetachFromDisposeScope();
    }

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    /// <summary>The labels (-1 where a row has none), or null.</summary>
    public IReadOnlyList<long>? Labels => _labels;

    /// <summary>True when at least one row has a label.</summary>
    public bool HasLabels => _labels is not null && _labels.Any(l => l >= 0);

    /// <summary>The input names.</summary>
    public IReadOnlyCollection<string> InputNames => _inputs.Keys;

    /// <summary>Data from arrays by model input name (floats become float32, integers int64) and labels.</summary>
    public static TrainingData FromArrays(IReadOnlyDictionary<string, NdArray> inputs, long[]? labels)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, array) in inputs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            tensors[name] = array.ElementType is NdElementType.Float32 or NdElementType.Float16 or NdElementType.Float64
                ? torch.tensor(array.ToFloat32(), array.Shape)
                : torch.tensor(array.ToInt64(), array.Shape);
        }

        return new TrainingData(tensors, labels);
    }

    /// <summary>The rows of <paramref name="rows"/>, as new tensors in the caller's dispose scope.</summary>
    public TrainingBatch Batch(ReadOnlySpan<int> rows)
    {
        var indexArray = new long[rows.Length];
        var labelled = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            indexArray[i] = rows[i];
            labelled += _labels is not null && _labels[rows[i]] >= 0 ? 1 : 0;
        }

        var index = torch.tensor(indexArray);
        var inputs = _inputs.ToDictionary(p => p.Key, p => p.Value.index_select(0, index), StringComparer.Ordinal);
        return new TrainingBatch(inputs, _labelTensor?.index_select(0, index), rows.Length, labelled);
    }

    /// <summary>Rows start..start+count in order (for evaluation).</summary>
    public TrainingBatch Slice(int start, int count)
    {
        var rows = new int[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = start + i;
        }

        return Batch(rows);
    }

    /// <summary>Frees the tensors.</summary>
    public void Dispose()
    {
        foreach (var tensor in _inputs.Values)
        {
            tensor.Dispose();
        }

        _labelTensor?.Dispose();
    }
}
