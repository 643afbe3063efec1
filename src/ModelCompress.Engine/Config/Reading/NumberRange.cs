namespace ModelCompress.Engine.Config.Reading;

/// <summary>Allowed interval of a number, with the wording used in out-of-range messages.</summary>
internal readonly record struct NumberRange(double Min, bool MinInclusive, double Max, bool MaxInclusive)
{
    public static NumberRange AtLeast(double min) => new(min, true, double.PositiveInfinity, false);

    public static NumberRange Above(double min) => new(min, false, double.PositiveInfinity, false);

    public static NumberRange Between(double min, double max) => new(min, true, max, true);

    public static NumberRange Open(double min, double max) => new(min, false, max, false);

    public bool Contains(double value) =>
        (MinInclusive ? value >= Min : value > Min) && (MaxInclusive ? value <= Max : value < Max);

    public override string ToString()
    {
        var low = $"{(MinInclusive ? ">=" : ">")} {Format(Min)}";
        return double.IsPositiveInfinity(Max) ? low : $"{low} and {(MaxInclusive ? "<=" : "<")} {Format(Max)}";
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
