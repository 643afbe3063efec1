using System.Globalization;
using System.Text;

namespace ModelCompress.Build.Tasks.Internal;

/// <summary>Turns a model name such as <c>digits-cnn.v2</c> into a C# identifier such as <c>DigitsCnnV2</c>.</summary>
internal static class CSharpIdentifier
{
    private static readonly string[] Keywords =
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>
    /// PascalCase from the letter and digit runs of <paramref name="name"/>; a leading digit gets an underscore and
    /// a name with no letters or digits becomes <c>_</c>. (C# keywords are lower case, so PascalCase never is one.)
    /// </summary>
    public static string FromName(string name)
    {
        var builder = new StringBuilder(name.Length);
        var startOfWord = true;
        foreach (var c in name)
        {
            // '_' separates words like '-' and '.' do: digits_cnn reads as DigitsCnn.
            if (IsPart(c) && c != '_')
            {
                builder.Append(startOfWord ? char.ToUpperInvariant(c) : c);
                startOfWord = false;
            }
            else
            {
                startOfWord = true;
            }
        }

        if (builder.Length == 0)
        {
            return "_";
        }

        if (!IsStart(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="name"/> can be used as an identifier as it is.</summary>
    public static bool IsValid(string name)
    {
        var text = name.StartsWith("@", System.StringComparison.Ordinal) ? name.Substring(1) : name;
        if (text.Length == 0 || !IsStart(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsPart(c))
            {
                return false;
            }
        }

        return name[0] == '@' || System.Array.IndexOf(Keywords, text) < 0;
    }

    private static bool IsStart(char c) => c == '_' || char.IsLetter(c);

    private static bool IsPart(char c)
    {
        switch (char.GetUnicodeCategory(c))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.ConnectorPunctuation:
                return true;
            default:
                return false;
        }
    }
}
