using System.Globalization;
using ModelCompress.Engine.Reporting;
using ModelCompress.Onnx;
using ModelCompress.Torch.Training;
using ModelCompress.Torch.Training.Objectives;
using ModelCompress.Torch.Training.Pruning;
using ModelCompress.Torch.Training.Pruning.Channels;

namespace ModelCompress.Torch.Steps;

/// <summary>
/// The body the three training runners share: build the modules, load and check the data, train with the chosen
/// loss (and the pruner's hooks), then write the trained weights back under their ONNX names. Any problem is a
/// <see cref="CompressionException"/> thrown before anything is returned, so a failed step writes nothing.
/// </summary>
internal static class TrainingStep
{
    public static StepResult Run(TrainingStepSpec spec, StepInput input, StepContext context)
    {
        using var studentModule = new OnnxModule(spec.Student.Proto);
        if (studentModule.OutputNames.Count == 0)
        {
            throw new CompressionException(TrainingDiagnostics.NoOutput(spec.Step));
        }

        if (studentModule.ParameterNames.Count == 0)
        {
            throw new CompressionException(TrainingDiagnostics.NothingToTrain(spec.Step));
        }

        // Weights to prune are checked first: a bad include list fails before any data is read.
        var targets = spec.Prune is { } settings
            ? PruneTargets.Find(spec.Student.Graph, studentModule.ParameterNames.Keys.ToHashSet(StringComparer.Ordinal), settings.Include, settings.Exclude)
            : null;
        var student = TrainableModel.Of(studentModule);
        using var referenceModule = new OnnxModule(input.Original.Proto);
        using var teacherModule = spec.Teacher is null || ReferenceEquals(spec.Teacher, input.Original) ? null : new OnnxModule(spec.Teacher.Proto);
        var reference = TrainableModel.Of(referenceModule);
        var teacher = spec.Teacher is null ? null : teacherModule is null ? reference : TrainableModel.Of(teacherModule);

        using var data = StepData.Load(spec.Step, input, context, spec.Training, student, reference, spec.LabelsRequired);
        var options = TrainingOptions.From(spec.Training, data.TargetAccuracy);
        using var objective = teacher is null
            ? (ITrainingObjective)new SupervisedObjective(student.OutputName, data.Regression)
            : new DistillationObjective(teacher, spec.Temperature, data.Train.HasLabels ? spec.Alpha : 1.0, data.Regression, spec.Features);
        var stepsPerEpoch = (data.Train.Count + Math.Min(options.BatchSize, data.Train.Count) - 1) / Math.Min(options.BatchSize, data.Train.Count);
        using var pruner = spec.Prune is { } prune
            ? new GradualPruner(studentModule, targets!, prune.Sparsity, prune.Scope, prune.Importance, stepsPerEpoch, options.Epochs)
            : null;

        using var channels = spec.Channels?.Invoke(studentModule, stepsPerEpoch, options.Epochs);
        using var nm = spec.Nm?.Invoke(studentModule, stepsPerEpoch, options.Epochs);

        // Without a prune of its own, a training step keeps the zeros an earlier prune step made (masked fine-tuning).
        using var keeper = pruner is null && channels is null && nm is null
            ? SparsityKeeper.ForZerosIn(studentModule, PruneTargets.Find(spec.Student.Graph, studentModule.ParameterNames.Keys.ToHashSet(StringComparer.Ordinal), null, null))
            : null;
        var report = Trainer.Train(new TrainingJob(
            spec.Step, student, data.Train, data.Validation, objective, options, data.Regression, (ITrainingHooks?)pruner ?? (ITrainingHooks?)channels ?? (ITrainingHooks?)nm ?? keeper, context.Progress, data.Metric, context.Cancellation));
        pruner?.Apply();
        keeper?.Apply();
        nm?.Apply();
        var (trained, removed) = channels is null
            ? (new OnnxModel(OnnxWeightWriter.WriteBack(spec.Student.Proto, studentModule)), [])
            : channels.Finish();

        var facts = new List<StepFact> { new("validated on", data.ValidationSource) };
        if (data.TargetAccuracy is { } target)
        {
            facts.Add(new StepFact($"target validation {data.Metric}", F(target)));
        }

        facts.AddRange(report.ToFacts());
        if (keeper is not null)
        {
            facts.Add(new StepFact("zeros kept", keeper.KeptZeros.ToString(CultureInfo.InvariantCulture)));
        }

        if ((pruner?.Layers() ?? nm?.Layers()) is { } layers)
        {
            var zeros = layers.Sum(l => l.Zeros);
            var total = layers.Sum(l => l.Target.Elements);
            facts.Add(new StepFact("sparsity", F((double)zeros / total)));
            facts.Add(new StepFact("zeros", $"{zeros}/{total}"));
            facts.AddRange(layers.Select(l => new StepFact($"layer {l.Target.Node} ({l.Target.OpType})", F((double)l.Zeros / l.Target.Elements))));
        }

        facts.AddRange((nm?.Skipped ?? []).Select(s => new StepFact($"dense {s.Node}", s.Why)));

        facts.AddRange(removed);
        return new StepResult(trained, facts);
    }

    /// <summary>A teacher or student file named in the YAML, or MC3132.</summary>
    public static OnnxModel LoadFile(string role, string path)
    {
        try
        {
            return OnnxModel.Load(path);
        }
        catch (OnnxFormatException e)
        {
            throw new CompressionException(TrainingDiagnostics.ModelUnreadable(role, path, e.Message));
        }
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
