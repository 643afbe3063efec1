using System.Text.RegularExpressions;
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
        // YamlDotNet reads deep flow collections in quadratic time (and MergingParser reads the whole stream
        // first), so a 100k-deep '{a: {a: ...' is refused from the text before any parsing.
        if (UnclosedBrackets.FirstBeyond(text, LimitDiagnostics.MaxDepth) is var (deepLine, deepColumn))
        {
            bag.Add(LimitDiagnostics.TooDeep(new SourcePosition(file, deepLine, deepColumn)));
            return null;
        }

        // Merge keys ("<<: *anchor") are expanded here rather than by YamlDotNet's MergingParser, which reads the
        // whole stream up front and crashes on a merge of a list of scalars.
        var parser = new Parser(new StringReader(text));
        var budget = new ReadBudget();
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, file, budget, bag, 0).Node;
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                bag.Add(ConfigDiagnostics.SeveralDocuments(At(file, second.Start)));
            }

            return root;
        }
        catch (CompressionException ex)
        {
            bag.AddRange(ex.Diagnostics);
            return null;
        }
        catch (YamlException ex) when (ex.Message.Contains("Too many parsing events", StringComparison.Ordinal))
        {
            bag.Add(LimitDiagnostics.TooManyNodes(At(file, ex.Start)));
            return null;
        }
        catch (YamlException ex) when (ex.Message.Contains("merge", StringComparison.OrdinalIgnoreCase) || ex.InnerException is not null)
        {
            bag.Add(LimitDiagnostics.BadMerge(At(file, ex.Start), StripMarks(ex.Message).TrimEnd('.')));
            return null;
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

    // Returns the node and its height; the budget counts every node as often as aliases make readers see it.
    private static (YNode Node, int Height) ReadNode(IParser parser, string file, ReadBudget budget, DiagnosticBag bag, int depth)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (budget.Anchors.TryGetValue(alias.Value.Value, out var target))
            {
                budget.Use(target.Size, depth + target.Height, At(file, alias.Start));
                return (target.Node, target.Height);
            }

            throw new YamlException(alias.Start, alias.End, $"Alias *{alias.Value.Value} refers to no anchor.");
        }

        var start = parser.Current ?? throw new YamlException("Unexpected end of YAML.");
        var before = budget.Nodes;
        budget.Use(1, depth + 1, At(file, start.Start));
        YNode node;
        var height = 1;
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
                var (item, itemHeight) = ReadNode(parser, file, budget, bag, depth + 1);
                items.Add(item);
                height = Math.Max(height, itemHeight + 1);
            }

            node = new YSequence(At(file, sequence.Start), items);
        }
        else if (parser.TryConsume<MappingStart>(out var mapping))
        {
            anchor = mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value;
            (node, height) = ReadMapping(parser, At(file, mapping.Start), file, budget, bag, depth);
        }
        else
        {
            throw new YamlException(start.Start, start.End, $"Unexpected {start.GetType().Name}.");
        }

        if (anchor is not null)
        {
            budget.Anchors[anchor] = (node, budget.Nodes - before, height);
        }

        return (node, height);
    }

    private static (YMapping Node, int Height) ReadMapping(
        IParser parser, SourcePosition position, string file, ReadBudget budget, DiagnosticBag bag, int depth)
    {
        var entries = new List<YEntry>();
        var height = 1;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var (key, keyHeight) = ReadNode(parser, file, budget, bag, depth + 1);
            var (value, valueHeight) = ReadNode(parser, file, budget, bag, depth + 1);
            height = Math.Max(height, Math.Max(keyHeight, valueHeight) + 1);
            if (key is YScalar { Value: "<<", IsPlain: true } merge)
            {
                Merge(value, merge.Position, entries, bag);
            }
            else if (key is YScalar scalarKey)
            {
                entries.Add(new YEntry(scalarKey, value));
            }
            else
            {
                bag.Add(ConfigDiagnostics.ComplexKey(key.Position));
            }
        }

        return (new YMapping(position, entries), height);
    }

    // "<<: *m" merges one mapping's entries, "<<: [*a, *b]" several; the entries keep their anchors' positions,
    // which is how MergeKeys tells merged keys from written ones.
    private static void Merge(YNode value, SourcePosition at, List<YEntry> entries, DiagnosticBag bag)
    {
        var sources = value switch
        {
            YMapping m => [m],
            YSequence s when s.Items.All(i => i is YMapping) => s.Items.Cast<YMapping>().ToList(),
            _ => (List<YMapping>?)null,
        };
        if (sources is null)
        {
            bag.Add(LimitDiagnostics.BadMerge(at, $"it names {value.Describe()}"));
            return;
        }

        // As the YAML merge spec says, a key of an earlier mapping in the list wins over a later one; the same
        // anchor merged twice is one set of entries, not duplicate keys.
        var seen = entries.Select(e => e.Key.Value).ToHashSet(StringComparer.Ordinal);
        var merged = sources.SelectMany(m => m.Entries).Where(e => seen.Add(e.Key.Value)).ToList();
        entries.AddRange(merged);
    }

    private static SourcePosition At(string file, Mark mark) =>
        new(file, Math.Max(1, (int)mark.Line), Math.Max(1, (int)mark.Column));

    // YamlDotNet prefixes its messages with both marks; our diagnostic carries the position already.
    private static string StripMarks(string message) => MarkPrefix().Replace(message, string.Empty).Trim();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();
}
