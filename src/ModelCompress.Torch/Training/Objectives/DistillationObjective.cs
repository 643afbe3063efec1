namespace ModelCompress.Torch.Training.Objectives;

/// <summary>
/// Knowledge distillation: α·T²·KL(softmax(z_t/T) ‖ softmax(z_s/T)) + (1−α)·CE(y, z_s) over the labelled rows of a
/// batch (α = 1 gives pure KD), MSE instead of KL for a regression output, plus an MSE per feature pair (through a
/// learned 1×1 projection where the widths differ). The teacher runs in eval mode without gradients.
/// </summary>
public sealed class DistillationObjective : ITrainingObjective
{
    private readonly TrainableModel _teacher;
    private readonly double _temperature;
    private readonly double _alpha;
    private readonly bool _regression;
    private readonly IReadOnlyList<FeaturePair> _features;
    private readonly List<FeatureProjection?> _projections = [];
    private string? _studentOutput;
    private bool _checked;

    /// <summary>A KD loss against <paramref name="teacher"/>; the teacher is switched to eval mode here.</summary>
    public DistillationObjective(TrainableModel teacher, double temperature, double alpha, bool regression, IReadOnlyList<FeaturePair>? features = null)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(temperature, 0);
        _teacher = teacher;
        _temperature = temperature;
        _alpha = alpha;
        _regression = regression;
        _features = features ?? [];
        teacher.Module.eval();
    }

    /// <inheritdoc />
    public IReadOnlyList<string> StudentIntermediates => _features.Select(f => f.Student).ToList();

    /// <inheritdoc />
    public IEnumerable<TorchSharp.Modules.Parameter> Parameters => _projections.Where(p => p is not null).SelectMany(p => p!.Parameters);

    /// <inheritdoc />
    public void Prepare(TrainableModel student, TrainingBatch sample)
    {
        ArgumentNullException.ThrowIfNull(student);
        ArgumentNullException.ThrowIfNull(sample);
        _studentOutput = student.OutputName;
        if (_features.Count == 0)
        {
            return;
        }

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var studentOut = ForwardFeatures(student, sample.Inputs, StudentIntermediates);
        var teacherOut = ForwardFeatures(_teacher, sample.Inputs, _features.Select(f => f.Teacher).ToList());
        foreach (var pair in _features)
        {
            _projections.Add(FeatureProjection.Create(pair, studentOut[pair.Student].shape, teacherOut[pair.Teacher].shape));
        }
    }

    /// <inheritdoc />
    public Tensor Loss(TrainingBatch batch, IReadOnlyDictionary<string, Tensor> student)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(student);
        IReadOnlyDictionary<string, Tensor> teacher;
        using (torch.no_grad())
        {
            teacher = _teacher.Forward(batch.Inputs, _features.Select(f => f.Teacher).ToList());
        }

        var zs = student[_studentOutput ?? throw new InvalidOperationException("Prepare was not called.")];
        var zt = teacher[_teacher.OutputName];
        if (!_checked)
        {
            if (!zt.shape.SequenceEqual(zs.shape))
            {
                throw new CompressionException(TrainingDiagnostics.TeacherMismatch(
                    "output shape", $"'{_teacher.OutputName}' [{string.Join(",", zt.shape)}]", $"[{string.Join(",", zs.shape)}]"));
            }

            _checked = true;
        }

        var loss = _regression ? nn.functional.mse_loss(zs, zt) : SoftTargetLoss(zs, zt);
        if (_alpha < 1 && batch.LabelledRows > 0 && batch.Labels is { } labels)
        {
            loss = loss * _alpha + SupervisedObjective.LabelLoss(zs, labels, _regression) * (1 - _alpha);
        }
        else if (_alpha < 1)
        {
            loss = loss * _alpha;
        }

        for (var i = 0; i < _features.Count; i++)
        {
            var fs = student[_features[i].Student];
            fs = _projections[i] is { } projection ? projection.Apply(fs) : fs;
            loss = loss + nn.functional.mse_loss(fs, teacher[_features[i].Teacher]);
        }

        return loss;
    }

    // T²·KL(p_t ‖ p_s), averaged over the batch (PyTorch's reduction='batchmean').
    private Tensor SoftTargetLoss(Tensor zs, Tensor zt)
    {
        var t = _temperature;
        var logPs = nn.functional.log_softmax(zs / t, 1);
        var logPt = nn.functional.log_softmax(zt / t, 1);
        var kl = (logPt.exp() * (logPt - logPs)).sum(1).mean();
        return kl * (t * t);
    }

    private IReadOnlyDictionary<string, Tensor> ForwardFeatures(TrainableModel model, IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyList<string> names)
    {
        if (model.Module is not OnnxModule)
        {
            throw new CompressionException(TrainingDiagnostics.BadFeature(_features[0].Teacher, _features[0].Student, "feature distillation needs ONNX models on both sides"));
        }

        return model.Forward(inputs, names);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var projection in _projections)
        {
            projection?.Dispose();
        }
    }
}
