using System.Text.RegularExpressions;
using ModelCompress.Engine.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ModelCompress.Engine.Config.Reading;

/// <summary>
/// Turns YAML text into <see cref="YNode"/>s from YamlDotNet's parser events, so every node keeps its 1-based
/// line and column. Syntax is YamlDotNet's business: its first error stops the read and is reported as MC1001.
/// </summary>
internal static partial class YamlTreeReader
{
    /// <summary>Reads the one document in <paramref name="text"/>; null when there is none or it is malformed.</summary>
    public static YNode? Read(string text, string file, DiagnosticBag bag)
    {
        // MergingParser expands "<<: *anchor" merge keys, so shared settings can be written once.
        var parser = new MergingParser(new Parser(new StringReader(text)));
        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, file, anchors, bag);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                bag.Add(ConfigDiagnostics.SeveralDocuments(At(file, second.Start)));
            }

            return root;
        }
        catch (YamlException ex)
        {
            bag.Add(ConfigDiagnostics.SyntaxError(At(file, ex.Start), StripMarks(ex.Message)));
            return null;
        }
        catch (InvalidOperationException)
        {
            var (line, column) = UnclosedBrackets.Find(text);
            bag.Add(ConfigDiagnostics.SyntaxError(new SourcePosition(file, line, column), "this '{' or '[' is never closed before the end of the file"));
            return null;
        }
    }

    private static YNode ReadNode(IParser parser, string file, Dictionary<string, YNode> anchors, DiagnosticBag bag)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            throw new YamlException(alias.Start, alias.End, $"Alias *{alias.Value.Value} refers to no anchor.");
        }

        var start = parser.Current ?? throw new YamlException("Unexpected end of YAML.");
        YNode node;
        string? anchor = null;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
            var plain = scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty;
            node = new YScalar(At(file, scalar.Start), scalar.Value, plain);
        }
        else if (parser.TryConsume<SequenceStart>(out var sequence))
        {
            anchor = sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value;
            var items = new List<YNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, file, anchors, bag));
            }

            node = new YSequence(At(file, sequence.Start), items);
        }
        else if (parser.TryConsume<MappingStart>(out var mapping))
        {
            anchor = mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value;
            node = ReadMapping(parser, At(file, mapping.Start), file, anchors, bag);
        }
        else
        {
            throw new YamlException(start.Start, start.End, $"Unexpected {start.GetType().Name}.");
        }

        if (anchor is not null)
        {
            anchors[anchor] = node;
        }

        return node;
    }

    private static YMapping ReadMapping(
        IParser parser, SourcePosition position, string file, Dictionary<string, YNode> anchors, DiagnosticBag bag)
    {
        var entries = new List<YEntry>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = ReadNode(parser, file, anchors, bag);
            var value = ReadNode(parser, file, anchors, bag);
            if (key is YScalar scalarKey)
            {
                entries.Add(new YEntry(scalarKey, value));
            }
            else
            {
                bag.Add(ConfigDiagnostics.ComplexKey(key.Position));
            }
        }

        return new YMapping(position, entries);
    }

    private static SourcePosition At(string file, Mark mark) =>
        new(file, Math.Max(1, (int)mark.Line), Math.Max(1, (int)mark.Column));

    // YamlDotNet prefixes its messages with both marks; our diagnostic carries the position already.
    private static string StripMarks(string message) => MarkPrefix().Replace(message, string.Empty).Trim();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();
}
