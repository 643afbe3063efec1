namespace ModelCompress.Torch.Training.Objectives;

/// <summary>What training minimizes, given a batch and the student's outputs.</summary>
public interface ITrainingObjective : IDisposable
{
    /// <summary>Intermediate tensors of the student the loss reads (feature distillation), beyond its outputs.</summary>
    IReadOnlyList<string> StudentIntermediates { get; }

    /// <summary>Parameters of the objective itself (feature projections) that train with the student.</summary>
    IEnumerable<TorchSharp.Modules.Parameter> Parameters { get; }

    /// <summary>Sets up anything that depends on tensor shapes, from one batch; called once, before the optimizer is built.</summary>
    void Prepare(TrainableModel student, TrainingBatch sample);

    /// <summary>The scalar loss for <paramref name="batch"/>; throws a <see cref="Engine.Diagnostics.CompressionException"/> when the batch cannot be scored.</summary>
    Tensor Loss(TrainingBatch batch, IReadOnlyDictionary<string, Tensor> student);
}
