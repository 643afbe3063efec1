using System.Text.RegularExpressions;

namespace ModelCompress.Engine.Reporting;

/// <summary>
/// One training epoch as a step fact (<c>epoch 3</c> = <c>loss 0.1234, accuracy 0.9800</c>): written by the training
/// steps, read back by report.html for its training curves. Format and parser live together so they cannot drift.
/// </summary>
public static partial class EpochFact
{
    /// <summary>The fact for one epoch: its training loss and its validation score under <paramref name="metric"/>.</summary>
    public static StepFact Create(int epoch, double loss, string metric, double score) =>
        new($"epoch {epoch.ToString(CultureInfo.InvariantCulture)}", $"loss {F(loss)}, {metric} {F(score)}");

    /// <summary>Reads a fact written by <see cref="Create"/>; false for any other fact.</summary>
    public static bool TryParse(StepFact fact, out EpochPoint point)
    {
        ArgumentNullException.ThrowIfNull(fact);
        point = default;
        var key = Key().Match(fact.Key);
        var value = Value().Match(fact.Value);
        if (!key.Success || !value.Success
            || !int.TryParse(key.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            || !double.TryParse(value.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var loss)
            || !double.TryParse(value.Groups[3].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
        {
            return false;
        }

        point = new EpochPoint(epoch, loss, value.Groups[2].Value, score);
        return true;
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^epoch (\d+)$")]
    private static partial Regex Key();

    [GeneratedRegex(@"^loss (\S+), (.+) (\S+)$")]
    private static partial Regex Value();
}
