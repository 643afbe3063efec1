namespace ModelCompress.Engine.Data;

/// <summary>
/// The rows a training step validates on when the config names no validation split: a seeded tenth of the
/// training rows, held out of training. Never the evaluation rows — those judge the accuracy budget, so choosing
/// the best epoch or stopping early on them would grade the model on its own exam.
/// </summary>
public static class ValidationHoldout
{
    /// <summary>The share of training rows held out (at least one row, and at least one row left to train on).</summary>
    public const double Fraction = 0.1;

    /// <summary>Splits <paramref name="train"/> into the rows to train on and the rows to validate on.</summary>
    /// <returns>Null when there are fewer than two training rows, so nothing can be held out.</returns>
    public static (LabeledSplit Train, LabeledSplit Validation)? Split(LabeledSplit train, int seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count < 2)
        {
            return null;
        }

        var held = Math.Clamp((int)Math.Round(train.Count * Fraction, MidpointRounding.AwayFromZero), 1, train.Count - 1);
        var order = Enumerable.Range(0, train.Count).ToArray();
        new Random(seed).Shuffle(order);

        // Each part keeps the file's row order, so the split depends on the seed only, not on shuffle details downstream.
        var validationRows = order[..held].Order().ToArray();
        var trainRows = order[held..].Order().ToArray();
        return (Take(train, trainRows), Take(train, validationRows));
    }

    private static LabeledSplit Take(LabeledSplit split, int[] rows) => new(
        split.Inputs.ToDictionary(p => p.Key, p => p.Value.TakeRows(rows), StringComparer.Ordinal),
        split.Labels is { } labels ? rows.Select(r => labels[r]).ToArray() : null,
        rows.Length);
}
