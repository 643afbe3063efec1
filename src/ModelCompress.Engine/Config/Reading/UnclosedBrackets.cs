namespace ModelCompress.Engine.Config.Reading;

/// <summary>
/// Scans the '{' and '[' of a YAML text (outside quotes and comments). YamlDotNet's scanner fails with a bare
/// InvalidOperationException when a file ends inside a flow collection, and slows to a crawl on flow collections
/// nested thousands deep; this gives the first its position and refuses the second before parsing.
/// </summary>
internal static class UnclosedBrackets
{
    /// <summary>The innermost bracket left open at the end of <paramref name="text"/>.</summary>
    public static (int Line, int Column) Find(string text)
    {
        var (open, lines, _) = Scan(text, int.MaxValue);
        return open.Count > 0 ? open.Peek() : (lines, 1);
    }

    /// <summary>The first bracket that opens a level deeper than <paramref name="maxDepth"/>, if any.</summary>
    public static (int Line, int Column)? FirstBeyond(string text, int maxDepth) => Scan(text, maxDepth).TooDeep;

    private static (Stack<(int, int)> Open, int Lines, (int, int)? TooDeep) Scan(string text, int maxDepth)
    {
        var open = new Stack<(int, int)>();
        var lines = text.Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            var quote = '\0';
            for (var c = 0; c < lines[l].Length; c++)
            {
                var ch = lines[l][c];
                if (quote != '\0')
                {
                    quote = ch == quote ? '\0' : quote;
                }
                else if (ch is '"' or '\'')
                {
                    quote = ch;
                }
                else if (ch == '#')
                {
                    break;
                }
                else if (ch is '{' or '[')
                {
                    open.Push((l + 1, c + 1));
                    if (open.Count > maxDepth)
                    {
                        return (open, lines.Length, (l + 1, c + 1));
                    }
                }
                else if (ch is '}' or ']' && open.Count > 0)
                {
                    open.Pop();
                }
            }
        }

        return (open, lines.Length, null);
    }
}
