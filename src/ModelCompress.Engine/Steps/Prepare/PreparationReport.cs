namespace ModelCompress.Engine.Steps.Prepare;

/// <summary>What <see cref="GraphPreparation.Run(ModelCompress.Onnx.OnnxModel)"/> did to a model.</summary>
/// <param name="ConstantsConverted">Constant nodes turned into initializers.</param>
/// <param name="NodesFolded">Nodes computed ahead of time from initializers (ONNX Runtime evaluated them).</param>
/// <param name="ShapesFolded">Shape/Size nodes replaced because the dimensions they read are static.</param>
/// <param name="BatchNormsFolded">BatchNormalization nodes folded into the node before them.</param>
/// <param name="IdentitiesRemoved">Identity nodes removed.</param>
/// <param name="DropoutsRemoved">Inference-mode Dropout nodes removed.</param>
/// <param name="InitializersRemoved">Initializers nothing read any more (or never did), removed.</param>
/// <param name="NodesBefore">Nodes in the main graph before.</param>
/// <param name="NodesAfter">Nodes in the main graph after.</param>
/// <param name="ValuesTyped">Intermediate values with an inferred type in value_info after.</param>
/// <param name="NotFolded">Nodes with constant inputs left unfolded, each with the reason (size limit, unknown size).</param>
/// <param name="Warnings">Warnings to pass on (e.g. MC3062 when ORT could not compute part of the constants).</param>
public sealed record PreparationReport(
    int ConstantsConverted,
    int NodesFolded,
    int ShapesFolded,
    int BatchNormsFolded,
    int IdentitiesRemoved,
    int DropoutsRemoved,
    int InitializersRemoved,
    int NodesBefore,
    int NodesAfter,
    int ValuesTyped,
    IReadOnlyList<string> NotFolded,
    IReadOnlyList<Diagnostic> Warnings)
{
    private const int MaxListed = 10;

    /// <summary>Zero Pad nodes folded into the pads of the Conv or MaxPool after them.</summary>
    public int PadsFolded { get; init; }

    /// <summary>True when the graph changed beyond its value_info.</summary>
    public bool ChangedGraph =>
        ConstantsConverted + NodesFolded + ShapesFolded + BatchNormsFolded + PadsFolded + IdentitiesRemoved + DropoutsRemoved + InitializersRemoved > 0;

    /// <summary>The counts as report facts, each key starting with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<StepFact> ToFacts(string prefix = "")
    {
        var facts = new List<StepFact>
        {
            new(prefix + "nodes", $"{I(NodesBefore)}->{I(NodesAfter)}"),
            new(prefix + "constants to initializers", I(ConstantsConverted)),
            new(prefix + "nodes folded", I(NodesFolded)),
            new(prefix + "shape nodes folded", I(ShapesFolded)),
            new(prefix + "batchnorm folded", I(BatchNormsFolded)),
            new(prefix + "pad folded", I(PadsFolded)),
            new(prefix + "identity removed", I(IdentitiesRemoved)),
            new(prefix + "dropout removed", I(DropoutsRemoved)),
            new(prefix + "unused initializers removed", I(InitializersRemoved)),
            new(prefix + "values typed", I(ValuesTyped)),
        };
        // The reasons of a few unfolded nodes say enough; a model can have thousands.
        facts.AddRange(NotFolded.Take(MaxListed).Select(n => new StepFact(prefix + "not folded", n)));
        if (NotFolded.Count > MaxListed)
        {
            facts.Add(new StepFact(prefix + "not folded", $"... and {I(NotFolded.Count - MaxListed)} more"));
        }

        return facts;
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
