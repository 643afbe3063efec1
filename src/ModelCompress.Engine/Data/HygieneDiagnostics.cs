namespace ModelCompress.Engine.Data;

/// <summary>MC4130–MC4149: data that would give a quietly wrong answer if it were used as given.</summary>
public static class HygieneDiagnostics
{
    /// <summary>MC4130: an evaluation label the model cannot predict; scoring it as a miss would understate accuracy.</summary>
    public static Diagnostic EvaluationLabelOutOfRange(int row, long label, int classes) => Diagnostic.Error(
        "MC4130",
        string.Create(CultureInfo.InvariantCulture,
            $"Evaluation label {label} at row {row} is out of range: the model's output has {classes} classes (0..{classes - 1}). Fix the labels array or bind the right one."));
}
