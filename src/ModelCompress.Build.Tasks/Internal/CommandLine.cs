using System.Text;

namespace ModelCompress.Build.Tasks.Internal;

/// <summary>
/// Builds one command-line string from separate arguments. .NET splits <c>ProcessStartInfo.Arguments</c> with the
/// Windows (CommandLineToArgvW) rules on every platform, so one quoting scheme serves all of them.
/// </summary>
internal static class CommandLine
{
    /// <summary>Joins the arguments, each quoted so the child process sees it exactly as given.</summary>
    public static string Join(IEnumerable<string> arguments)
    {
        var builder = new StringBuilder();
        foreach (var argument in arguments)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            AppendQuoted(builder, argument);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Always quotes: paths with spaces, '@' (response-file prefix for many tools) or non-ASCII characters then
    /// need no special case. Backslashes are doubled only where they precede a quote, as the parser expects.
    /// </summary>
    public static void AppendQuoted(StringBuilder builder, string argument)
    {
        builder.Append('"');
        var pendingBackslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                pendingBackslashes++;
                continue;
            }

            if (c == '"')
            {
                builder.Append('\\', (pendingBackslashes * 2) + 1);
                builder.Append('"');
            }
            else
            {
                builder.Append('\\', pendingBackslashes);
                builder.Append(c);
            }

            pendingBackslashes = 0;
        }

        // Backslashes before the closing quote must be doubled or they would escape it.
        builder.Append('\\', pendingBackslashes * 2);
        builder.Append('"');
    }
}
