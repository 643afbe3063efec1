namespace ModelCompress.Torch.Steps;

/// <summary>
/// <c>distill:</c> trains the student (the current model, or a student ONNX file) on the teacher's soft outputs
/// (the original model, or a teacher ONNX file), with CE on labels when the train split has them, pure KD when not,
/// and MSE on named feature pairs. The trained student becomes the current model.
/// </summary>
public sealed class DistillRunner : IStepRunner<DistillSettings>
{
    /// <inheritdoc />
    public string CacheSalt => TorchSteps.Salt;

    /// <inheritdoc />
    public StepResult Run(DistillSettings settings, StepInput input, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var teacher = settings.TeacherPath is { } teacherPath ? TrainingStep.LoadFile("teacher", teacherPath) : input.Original;
        var student = settings.StudentPath is { } studentPath ? TrainingStep.LoadFile("student", studentPath) : input.Model;
        return TrainingStep.Run(
            new TrainingStepSpec("distill", student, teacher, settings.Temperature, settings.Alpha, settings.Features, settings.Training, LabelsRequired: false),
            input,
            context);
    }
}
