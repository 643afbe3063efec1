using YamlDotNet.RepresentationModel;

namespace ModelCompress.Engine.Config;

/// <summary><c>distill:</c> train the student on the teacher's soft outputs (and labels, when there are some).</summary>
public sealed record DistillSettings(
    string Teacher,
    string Student,
    double Temperature,
    double Alpha,
    IReadOnlyList<FeatureDistillPair> Features,
    TrainingSettings Training,
    string TeacherAsWritten,
    string StudentAsWritten) : IStepSettings
{
    public static IReadOnlyList<string> Keys { get; } = ["teacher", "student", "temperature", "alpha", "features", "training"];

    public static IReadOnlyList<string> FeatureKeys { get; } = ["teacher", "student"];

    public string Kind => "distill";

    public string RunnerKey => "distill";

    public bool RequiresTorch => true;

    public IReadOnlyList<string> ReferencedFiles => new[] { Teacher, Student }.Where(Path.IsPathRooted).ToList();

    public string CanonicalForm => new CanonicalText()
        .Add("teacher", TeacherAsWritten).Add("student", StudentAsWritten).Add("temperature", Temperature).Add("alpha", Alpha)
        .Add("features", Features.Select(f => f.Teacher + ">" + f.Student).ToList()).Add("training", Training.Canonical()).ToString();

    internal static DistillSettings? Parse(YamlMap map, string baseDirectory)
    {
        var errorsBefore = map.Bag.Items.Count;
        var teacherText = map.String("teacher") ?? "original";
        var studentText = map.String("student") ?? "current";
        var teacher = teacherText == "original" ? "original" : map.ExistingPath("teacher", baseDirectory);
        var student = studentText == "current" ? "current" : map.ExistingPath("student", baseDirectory);
        var features = new List<FeatureDistillPair>();
        if (map.Get("features") is YamlSequenceNode sequence)
        {
            foreach (var item in sequence.Children)
            {
                if (item is not YamlMappingNode pair)
                {
                    map.Bag.Add(ConfigDiagnostics.NotAMapping(map.PositionOf(item), "A feature pair"));
                    continue;
                }

                var entry = new YamlMap(pair, map.File, map.Bag, "distill.features", FeatureKeys);
                var t = entry.String("teacher", required: true, hint: "the teacher's intermediate tensor name");
                var s = entry.String("student", required: true, hint: "the student's intermediate tensor name");
                if (t is not null && s is not null)
                {
                    features.Add(new FeatureDistillPair(t, s));
                }
            }
        }
        else if (map.Get("features") is { } other)
        {
            map.Bag.Add(ConfigDiagnostics.WrongType(map.PositionOf(other), "features", "a list of { teacher, student } pairs", YamlMap.Describe(other)));
        }

        var trainingMap = map.Map("training", "distill.training", TrainingSettings.Keys, required: true, hint: "distillation trains the student; add e.g. 'training: { epochs: 5 }'");
        var training = trainingMap is null ? null : TrainingSettings.Parse(trainingMap);
        var temperature = map.Double("temperature", min: 0, minExclusive: true) ?? 4;
        var alpha = map.Double("alpha", 0, 1) ?? 0.7;
        if (map.Bag.Items.Count != errorsBefore || training is null || teacher is null || student is null)
        {
            return null;
        }

        return new DistillSettings(teacher, student, temperature, alpha, features, training, teacherText, studentText);
    }
}
