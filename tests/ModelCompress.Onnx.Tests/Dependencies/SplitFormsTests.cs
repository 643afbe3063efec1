using ModelCompress.Onnx.Dependencies;

namespace ModelCompress.Onnx.Tests.Dependencies;

/// <summary>
/// Split along the channel axis in each form exporters write: sizes as an attribute (opset &lt; 13), as an input
/// (13+), equal parts with no sizes, and num_outputs (18+). Each part keeps its own group and the sizes follow.
/// </summary>
public class SplitFormsTests
{
    private static readonly long[] Input = [1, 3, 5, 5];

    [Theory]
    [InlineData(11, "attribute")]
    [InlineData(13, "input")]
    [InlineData(13, "shared input")]
    [InlineData(11, "equal")]
    [InlineData(13, "equal")]
    [InlineData(18, "num_outputs")]
    public void Split_hands_each_part_its_group_and_the_sizes_follow_the_kept_channels(int opset, string form)
    {
        var model = Build(opset, form);
        var output = model.Graph.Outputs[0].Name;

        var groups = ChannelDependencies.Build(model.Clone()).Groups;
        Assert.True(groups[0].IsPrunable && groups[1].IsPrunable, string.Join("; ", groups.Select(g => g.BlockedBy)));
        var pruned = ChannelProof.Prove(model, 0, Input, output);
        ChannelProof.Prove(model, 1, Input, output);

        // 5 channels, every third removed (1 and 4): the first part keeps 3.
        var split = pruned.Graph.Nodes.Single(n => n.OpType == "Split");
        var sizes = form == "attribute" || (form == "equal" && opset < 13)
            ? split.GetInts("split")!.ToArray()
            : pruned.Graph.TryGetInitializer(split.Input(1), out var tensor) ? tensor.ToInt64Array() : [];
        Assert.Equal([3L, 5L], sizes);
        Assert.False(split.HasAttribute("num_outputs"));
        if (form == "shared input")
        {
            Assert.True(pruned.Graph.TryGetInitializer(pruned.Graph.Nodes.Single(n => n.Name == "other").Input(0), out var other));
            Assert.Equal([5L, 5L], other.ToInt64Array());
        }
    }

    private static OnnxModel Build(int opset, string form)
    {
        var g = new GraphMaker("x", Input).Opset(opset);
        var joined = g.Op("Concat", [g.Conv("x", 3, 5), g.Conv("x", 3, 5)], n => n.SetAttribute("axis", 1L));
        var inputs = form.EndsWith("input", StringComparison.Ordinal) ? new[] { g.Op("Relu", joined), g.Int64s("sizes", 5, 5) } : [g.Op("Relu", joined)];
        if (form == "shared input")
        {
            // Another node reads the same sizes: the Split gets its own copy, the other keeps [5, 5].
            g.Named("Identity", "other", inputs[1]);
        }

        var split = OnnxNode.Create("Split", "split", inputs, ["left", "right"]).SetAttribute("axis", 1L);
        _ = form switch
        {
            "attribute" => split.SetAttribute("split", [5L, 5L]),
            "num_outputs" => split.SetAttribute("num_outputs", 2L),
            _ => split,
        };
        g.Graph.AddNode(split);
        return g.Finish(g.Op("Add", g.Conv("left", 5, 4), g.Conv("right", 5, 4)), 1, 4, 5, 5);
    }
}
