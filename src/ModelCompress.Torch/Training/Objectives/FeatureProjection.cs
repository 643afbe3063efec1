namespace ModelCompress.Torch.Training.Objectives;

/// <summary>A learned 1×1 map from a student feature's width to the teacher's (channels of [N,C,H,W], or [N,C]).</summary>
internal sealed class FeatureProjection : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _map;

    private FeatureProjection(nn.Module<Tensor, Tensor> map) => _map = map;

    public IEnumerable<TorchSharp.Modules.Parameter> Parameters => _map.parameters();

    /// <summary>Null when the shapes already match; a projection when only the width (dim 1) differs; MC3127 otherwise.</summary>
    public static FeatureProjection? Create(FeaturePair pair, long[] student, long[] teacher)
    {
        if (student.SequenceEqual(teacher))
        {
            return null;
        }

        var sameOtherDims = student.Length == teacher.Length && student.Length is 2 or 4
            && student.Where((d, i) => i != 1).SequenceEqual(teacher.Where((d, i) => i != 1));
        if (!sameOtherDims)
        {
            throw new CompressionException(TrainingDiagnostics.BadFeature(
                pair.Teacher, pair.Student, $"shapes [{string.Join(",", teacher)}] and [{string.Join(",", student)}] differ in more than the channel width"));
        }

        nn.Module<Tensor, Tensor> map = student.Length == 4
            ? nn.Conv2d(student[1], teacher[1], 1, bias: false)
            : nn.Linear(student[1], teacher[1], hasBias: false);
        return new FeatureProjection(map);
    }

    public Tensor Apply(Tensor feature) => _map.forward(feature);

    public void Dispose() => _map.Dispose();
}
