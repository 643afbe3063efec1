using System.Globalization;

namespace ModelCompress.Torch.Training;

/// <summary>
/// Training, distillation and gradual pruning diagnostics (MC3120–MC3149). Each says what is wrong and what to do;
/// the engine places those without a position at the step's line in the YAML.
/// </summary>
public static class TrainingDiagnostics
{
    /// <summary>MC3120: a training step has no training rows.</summary>
    public static Diagnostic TrainingDataMissing(string step) => Diagnostic.Error(
        "MC3120",
        $"The {step} step needs training data, but the model's data section has no 'train' split. Add 'train: {{ inputs: {{ input: x_train }}, labels: y_train }}' under 'data:'.");

    /// <summary>MC3121: a step that learns from labels got a split without them.</summary>
    public static Diagnostic LabelsMissing(string step) => Diagnostic.Error(
        "MC3121",
        $"The {step} step trains on labels, but the 'train' split has none. Add 'labels:' to 'data.train', or use a distill step, which can learn from a teacher without labels.");

    /// <summary>MC3122: a label outside 0..classes-1.</summary>
    public static Diagnostic LabelOutOfRange(string split, int row, long label, long classes) => Diagnostic.Error(
        "MC3122",
        string.Create(CultureInfo.InvariantCulture, $"Label {label} at row {row} of the {split} split is out of range: the model has {classes} classes (0..{classes - 1}). Fix the labels array or bind the right one."));

    /// <summary>MC3123: teacher and student disagree on the output they are compared on.</summary>
    public static Diagnostic TeacherMismatch(string what, string teacher, string student) => Diagnostic.Error(
        "MC3123",
        $"The teacher's {what} ({teacher}) does not match the student's ({student}). Distill between models with the same output layout (same classes, same output order).");

    /// <summary>MC3124: the loss became NaN or infinite.</summary>
    public static Diagnostic NonFiniteLoss(string step, int epoch, int batch, double loss) => Diagnostic.Error(
        "MC3124",
        string.Create(CultureInfo.InvariantCulture, $"The {step} step's loss became {loss} at epoch {epoch}, batch {batch}; nothing was written. Lower 'lr' (or add warm-up), and check the data for NaN or huge values."));

    /// <summary>MC3125: a weight the step must train is an integer or frozen initializer.</summary>
    public static Diagnostic NotTrainable(string step, string initializer, string node, string why) => Diagnostic.Error(
        "MC3125",
        $"The {step} step must train weight '{initializer}' of node '{node}', but it {why}. Train before quantizing (put this step before 'quantize'), or exclude the node.");

    /// <summary>MC3126: a model with nothing to train.</summary>
    public static Diagnostic NothingToTrain(string step) => Diagnostic.Error(
        "MC3126",
        $"The {step} step found no float weight to train in the model (its weights are integer or constant). Put training steps before 'quantize'.");

    /// <summary>MC3127: a feature-distillation tensor that the model does not have or that cannot be matched.</summary>
    public static Diagnostic BadFeature(string teacher, string student, string why) => Diagnostic.Error(
        "MC3127",
        $"Feature pair teacher '{teacher}' / student '{student}': {why}. Name intermediate tensors that exist in both models (see 'modelcompress inspect').");

    /// <summary>MC3128: gradual pruning found no Conv/Gemm/MatMul weight.</summary>
    public static Diagnostic NothingToPrune(string why) => Diagnostic.Error(
        "MC3128",
        $"Gradual pruning found no weight to prune: {why}. Prune a model with Conv, Gemm or MatMul weights, or fix 'include'/'exclude'.");

    /// <summary>MC3129: an include/exclude entry names no node.</summary>
    public static Diagnostic UnknownNode(string list, string name) => Diagnostic.Error(
        "MC3129",
        $"'{list}' names node '{name}', which the model does not have. Use node names as 'modelcompress inspect' lists them.");

    /// <summary>MC3130: the training split does not feed every model input.</summary>
    public static Diagnostic InputNotBound(string split, string input) => Diagnostic.Error(
        "MC3130",
        $"The {split} split does not feed model input '{input}'. Bind it under 'data.{split}.inputs'.");

    /// <summary>MC3131: the model has no output to train on.</summary>
    public static Diagnostic NoOutput(string step) => Diagnostic.Error(
        "MC3131",
        $"The {step} step needs a model with at least one output. Check the model's graph outputs.");

    /// <summary>MC3132: a teacher or student file named by a distill step cannot be read.</summary>
    public static Diagnostic ModelUnreadable(string role, string path, string why) => Diagnostic.Error(
        "MC3132",
        $"The distill {role} '{path}' cannot be used: {why}");
}
