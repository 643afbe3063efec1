namespace ModelCompress.Engine.Config.Reading;

/// <summary>Every budget has two alternative limits of which exactly one must be given.</summary>
internal static class BudgetLimits
{
    /// <summary>The two limits (one of them null) and the position of the one set; null when invalid (reported).</summary>
    public static (double? First, double? Second, SourcePosition At)? One(
        MappingReader map, string section, string first, string second, NumberRange firstRange, NumberRange secondRange)
    {
        var hasFirst = map.Has(first);
        var hasSecond = map.Has(second);
        if (hasFirst == hasSecond)
        {
            var at = hasFirst ? map.KeyAt(second)!.Value : map.Owner;
            map.Context.Report(ConfigDiagnostics.ExactlyOneOf(at, section, first, second, both: hasFirst));
            return null;
        }

        var value = hasFirst ? map.Number(first, firstRange) : map.Number(second, secondRange);
        if (value is null)
        {
            return null;
        }

        return hasFirst ? (value, null, map.KeyAt(first)!.Value) : (null, value, map.KeyAt(second)!.Value);
    }
}
