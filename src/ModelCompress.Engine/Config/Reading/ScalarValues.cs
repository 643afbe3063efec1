using System.Text.RegularExpressions;

namespace ModelCompress.Engine.Config.Reading;

/// <summary>
/// Typed reads of single nodes. Numbers and booleans must be plain scalars (a quoted "0.5" is a string, as in the
/// JSON schema). Each read reports its own problem and returns null, so callers carry on and report the rest.
/// </summary>
internal static partial class ScalarValues
{
    public static double? Number(YNode node, string key, NumberRange range, ParseContext context)
    {
        if (node is not YScalar { IsPlain: true, IsNull: false } scalar
            || !NumberText().IsMatch(scalar.Value)
            || !double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            context.Report(ConfigDiagnostics.WrongType(node.Position, key, "a number", node.Describe()));
            return null;
        }

        if (!range.Contains(value))
        {
            context.Report(ConfigDiagnostics.OutOfRange(node.Position, key, scalar.Value, range.ToString()));
            return null;
        }

        return value;
    }

    public static int? Integer(YNode node, string key, NumberRange range, ParseContext context)
    {
        if (node is not YScalar { IsPlain: true, IsNull: false } scalar
            || !IntegerText().IsMatch(scalar.Value)
            || !long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            context.Report(ConfigDiagnostics.WrongType(node.Position, key, "a whole number", node.Describe()));
            return null;
        }

        if (!range.Contains(value) || value is > int.MaxValue or < int.MinValue)
        {
            context.Report(ConfigDiagnostics.OutOfRange(node.Position, key, scalar.Value, range.ToString()));
            return null;
        }

        return (int)value;
    }

    public static bool? Bool(YNode node, string key, ParseContext context)
    {
        if (node is YScalar { IsPlain: true } scalar)
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
            }
        }

        context.Report(ConfigDiagnostics.WrongType(node.Position, key, "true or false", node.Describe()));
        return null;
    }

    public static string? Text(YNode node, string key, ParseContext context)
    {
        if (node is YScalar { IsNull: false } scalar && scalar.Value.Length > 0)
        {
            return scalar.Value;
        }

        context.Report(ConfigDiagnostics.WrongType(node.Position, key, "a string", node.Describe()));
        return null;
    }

    public static T? Choice<T>(YNode node, string key, ParseContext context, string? hint = null)
        where T : struct, Enum
    {
        var text = Text(node, key, context);
        if (text is null)
        {
            return null;
        }

        if (YamlNames.TryParse<T>(text, out var value))
        {
            return value;
        }

        var allowed = YamlNames.All<T>();
        context.Report(ConfigDiagnostics.UnknownValue(
            node.Position, key, text, allowed, Suggestions.Closest(text, allowed), hint));
        return null;
    }

    /// <summary>A list of non-empty strings (node names, op types, column names).</summary>
    public static IReadOnlyList<string>? Names(YNode node, string key, ParseContext context)
    {
        if (node is not YSequence sequence)
        {
            context.Report(ConfigDiagnostics.WrongType(node.Position, key, "a list of names", node.Describe()));
            return null;
        }

        var names = new List<string>();
        var ok = true;
        foreach (var item in sequence.Items)
        {
            var name = Text(item, key, context);
            ok &= name is not null;
            names.Add(name ?? string.Empty);
        }

        return ok ? names : null;
    }

    [GeneratedRegex(@"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")]
    private static partial Regex NumberText();

    [GeneratedRegex(@"^[-+]?\d+$")]
    private static partial Regex IntegerText();
}
