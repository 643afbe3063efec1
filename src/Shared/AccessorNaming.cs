using System;
using System.Globalization;
using System.Text;

namespace ModelCompress.Naming;

/// <summary>
/// The one naming rule for models: the accessor identifier (<c>digits-cnn.v2</c> → <c>DigitsCnnV2</c>), the
/// members the generated class already has, the longest name, and the embedded resource name. This file is
/// linked into both the engine (which checks names when it reads compression.yaml) and the build task (which
/// writes the accessor), so the two can never disagree; the task must not reference the engine.
/// </summary>
internal static class AccessorNaming
{
    /// <summary>
    /// The longest model name. Output files are named <c>name.onnx</c> plus a temporary suffix while written; 128
    /// keeps them well under the 255-byte file name limit of common file systems.
    /// </summary>
    public const int MaxModelNameLength = 128;

    /// <summary>The generated class's name unless <c>ModelCompressAccessorClassName</c> says otherwise.</summary>
    public const string DefaultClassName = "CompressedModels";

    /// <summary>Members the generated class has besides one per model; a model may not map to one of them.</summary>
    public static readonly string[] ReservedMembers = { "All" };

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
    public static string AccessorName(string name)
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

    /// <summary>The embedded resource name: the prefix (the project's root namespace and <c>.Models.</c>) and <c>name.onnx</c>.</summary>
    public static string ResourceName(string prefix, string modelName) => prefix + modelName + ".onnx";

    /// <summary>Whether <paramref name="accessor"/> is taken by the generated class itself (a fixed member or the class name).</summary>
    public static bool IsReserved(string accessor, string className) =>
        string.Equals(accessor, className, StringComparison.Ordinal) || Array.IndexOf(ReservedMembers, accessor) >= 0;

    /// <summary>Whether <paramref name="name"/> can be used as an identifier as it is.</summary>
    public static bool IsValidIdentifier(string name)
    {
        var text = name.StartsWith("@", StringComparison.Ordinal) ? name.Substring(1) : name;
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

        return name[0] == '@' || Array.IndexOf(Keywords, text) < 0;
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
