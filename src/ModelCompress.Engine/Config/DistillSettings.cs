namespace ModelCompress.Engine.Config;

/// <summary>Settings of the <c>distill</c> step: train a student on a teacher's soft targets.</summary>
/// <param name="Teacher"><c>original</c> (the model before any step) or an ONNX path as written.</param>
/// <param name="TeacherPath">Absolute path of the teacher file; null for <c>original</c>.</param>
/// <param name="Student"><c>current</c> (the model so far) or an ONNX path as written.</param>
/// <param name="StudentPath">Absolute path of the student file; null for <c>current</c>.</param>
/// <param name="Temperature">Softmax temperature (&gt; 0, default 4).</param>
/// <param name="Alpha">Weight of the distillation loss against the label loss (0..1, default 0.7).</param>
/// <param name="Features">Intermediate tensors matched teacher to student, in order.</param>
/// <param name="Training">The training block.</param>
public sealed record DistillSettings(
    string Teacher,
    string? TeacherPath,
    string Student,
    string? StudentPath,
    double Temperature,
    double Alpha,
    IReadOnlyList<FeaturePair> Features,
    TrainingSettings Training) : IStepSettings
{
    /// <summary>The teacher value meaning "the model before any step".</summary>
    /// <summary>The teacher and student files this step reads, when they are files.</summary>
    public IReadOnlyList<string> ReferencedFiles => new[] { TeacherPath, StudentPath }.OfType<string>().ToList();

    public const string OriginalTeacher = "original";

    /// <summary>The student value meaning "the model produced by the steps so far".</summary>
    public const string CurrentStudent = "current";

    /// <inheritdoc />
    public string Kind => "distill";

    /// <inheritdoc />
    public string CanonicalForm => new CanonicalText(Kind)
        .Add("teacher", Teacher).Add("student", Student).Add("temperature", Temperature).Add("alpha", Alpha)
        .AddList("features", Features.Select(f => new CanonicalText("pair").Add("teacher", f.Teacher).Add("student", f.Student).ToString()))
        .AddRaw("training", Training.CanonicalForm).ToString();

    internal static DistillSettings? Read(MappingReader map, StepReadContext step)
    {
        var teacher = map.Text("teacher") ?? OriginalTeacher;
        var student = map.Text("student") ?? CurrentStudent;
        var teacherPath = teacher == OriginalTeacher ? null : map.Context.ResolveFile(teacher, map.Value("teacher")!.Position, "Teacher model");
        var studentPath = student == CurrentStudent ? null : map.Context.ResolveFile(student, map.Value("student")!.Position, "Student model");
        var features = ReadFeatures(map);
        var present = map.Require("training", "Add 'training:' with at least epochs and lr.");
        var training = TrainingBlock.Read(map, step, stepDistills: true);
        var temperature = map.Number("temperature", NumberRange.Above(0)) ?? TrainingDistillation.DefaultTemperature;
        var alpha = map.Number("alpha", NumberRange.Between(0, 1)) ?? TrainingDistillation.DefaultAlpha;
        return present && training is not null && features is not null
            ? new DistillSettings(teacher, teacherPath, student, studentPath, temperature, alpha, features, training)
            : null;
    }

    private static IReadOnlyList<FeaturePair>? ReadFeatures(MappingReader map)
    {
        if (map.Sequence("features") is not { } sequence)
        {
            return map.Has("features") ? null : [];
        }

        var pairs = new List<FeaturePair>();
        var ok = true;
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var item = sequence.Items[i];
            if (item is not YMapping mapping)
            {
                map.Context.Report(ConfigDiagnostics.WrongType(item.Position, "features", "a mapping { teacher: tensor, student: tensor }", item.Describe()));
                ok = false;
                continue;
            }

            var pair = new MappingReader(mapping, ConfigKeys.DistillFeature, $"{map.Path}.features[{i}]", item.Position, map.Context);
            var hasBoth = pair.Require("teacher", "Name the teacher tensor.") & pair.Require("student", "Name the student tensor.");
            var (t, s) = (pair.Text("teacher"), pair.Text("student"));
            ok &= hasBoth && t is not null && s is not null;
            pairs.Add(new FeaturePair(t ?? string.Empty, s ?? string.Empty, item.Position));
        }

        return ok ? pairs : null;
    }
}
