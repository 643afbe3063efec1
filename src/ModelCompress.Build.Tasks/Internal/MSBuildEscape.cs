using System.Globalization;
using System.Text;

namespace ModelCompress.Build.Tasks.Internal;

/// <summary>
/// MSBuild unescapes %XX in item specs and metadata; paths holding '%', ';', '@', '$', '\'', '*' or '?' must be
/// escaped before they become items or they change meaning.
/// </summary>
internal static class MSBuildEscape
{
    /// <summary>The escaped form of <paramref name="text"/>.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if ("%;@$'*?".IndexOf(c) >= 0)
            {
                builder.Append('%').Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
