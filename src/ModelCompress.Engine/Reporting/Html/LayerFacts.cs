using System.Text.RegularExpressions;

namespace ModelCompress.Engine.Reporting.Html;

/// <summary>
/// Per-layer figures read back from a step's facts for the report's bar plots: the sparsity a pruning step left in
/// each layer (<c>layer /conv1/Conv (Conv)</c> = <c>0.5000</c>, or a searched group's <c>ratio 0.2500</c>), and the
/// widths structural pruning changed (<c>group …</c>, <c>block …</c>, <c>attention …</c> = <c>64 -> 32</c>).
/// </summary>
internal static partial class LayerFacts
{
    public static IReadOnlyList<(string Layer, double Fraction)> Fractions(StepReport step)
    {
        var result = new List<(string, double)>();
        foreach (var fact in step.Facts)
        {
            if (fact.Key.StartsWith("layer ", StringComparison.Ordinal) && Number(fact.Value) is { } sparsity and >= 0 and <= 1)
            {
                result.Add((fact.Key["layer ".Length..], sparsity));
            }
            else if (fact.Key.StartsWith("group ", StringComparison.Ordinal) && fact.Value.StartsWith("ratio ", StringComparison.Ordinal)
                && Number(fact.Value["ratio ".Length..]) is { } ratio and >= 0 and <= 1)
            {
                result.Add((fact.Key["group ".Length..], ratio));
            }
        }

        return result;
    }

    public static IReadOnlyList<(string Layer, long Before, long After)> Widths(StepReport step)
    {
        var result = new List<(string, long, long)>();
        foreach (var fact in step.Facts)
        {
            var match = Width().Match(fact.Value);
            var prefix = WidthKey().Match(fact.Key);
            if (match.Success && prefix.Success
                && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var before)
                && long.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
            {
                result.Add((fact.Key[prefix.Length..], before, after));
            }
        }

        return result;
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    [GeneratedRegex(@"^(?:group|block|attention) ")]
    private static partial Regex WidthKey();

    [GeneratedRegex(@"^(\d+) (?:->|→) (\d+)(?: \w+)?$")]
    private static partial Regex Width();
}
