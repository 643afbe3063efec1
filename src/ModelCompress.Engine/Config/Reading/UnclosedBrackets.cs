namespace ModelCompress.Engine.Config.Reading;

/// <summary>
/// Finds the innermost '{' or '[' left open at the end of a YAML text (outside quotes and comments). YamlDotNet's
/// scanner fails with a bare InvalidOperationException when a file ends inside a flow collection; this gives the
/// diagnostic its position.
/// </summary>
internal static class UnclosedBrackets
{
    public static (int Line, int Column) Find(string text)
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
                }
                else if (ch is '}' or ']' && open.Count > 0)
                {
                    open.Pop();
                }
            }
        }

        return open.Count > 0 ? open.Peek() : (lines.Length, 1);
    }
}
