using ModelCompress.Cli.Tests.Support;
using ModelCompress.Engine.Steps.Prepare;
using ModelCompress.Onnx;
using ModelCompress.Onnx.Dependencies;

namespace ModelCompress.Cli.Tests.Engine;

/// <summary>
/// Paddle2ONNX's last Conv reaches its second graph output (the features) through a Reshape to [Shape(x)[0:1], -1]
/// whose batch entry shape inference cannot name (the batch symbols of the two inputs meet in a broadcast). The
/// channels stay whole because a graph output's width is never pruned; MC3205 must say so, and name the Reshape.
/// </summary>
public sealed class ChannelOutputReasonTests
{
    [Fact]
    public void A_group_reaching_a_graph_output_through_an_untraced_reshape_is_blocked_by_the_output()
    {
        var model = ExporterModels.Create(ExporterModels.Paddle);
        GraphPreparation.Run(model);

        var group = ChannelDependencies.Build(model).Groups.Single(g => g.Name == "p2o.Conv.2");

        Assert.Equal(
            "they reach the graph output 'save_infer_model/scale_1.tmp_1' through Reshape 'p2o.Reshape.0', and a graph output's width is never pruned",
            group.BlockedBy);
    }

    [Fact]
    public void A_reshape_feeding_only_a_classifier_is_still_named_as_the_obstacle()
    {
        // The same model with the feature output dropped: nothing but the MatMul reads the Reshape, so the Reshape itself is the reason.
        var model = ExporterModels.Create(ExporterModels.Paddle);
        GraphPreparation.Run(model);
        var features = model.Graph.Proto.Output.Single(o => o.Name == "save_infer_model/scale_1.tmp_1");
        model.Graph.Proto.Output.Remove(features);
        model.Graph.Invalidate();

        var group = ChannelDependencies.Build(model).Groups.Single(g => g.Name == "p2o.Conv.2");

        Assert.Equal("Reshape 'p2o.Reshape.0' does not flatten the channels into whole blocks of features", group.BlockedBy);
    }

    [Fact]
    public void The_channel_step_warns_with_the_graph_output_and_the_reshape()
    {
        using var project = new ExporterProject(ExporterModels.Paddle, "- prune: { method: channel, sparsity: 0.5 }");

        var outcome = EngineRun.Run(project.Project);

        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Diagnostics.Select(d => d.ToCanonical())));
        var warning = Assert.Single(outcome.Diagnostics, d => d.Code == "MC3205");
        Assert.Contains("'p2o.Conv.2': they reach the graph output 'save_infer_model/scale_1.tmp_1' through Reshape 'p2o.Reshape.0', and a graph output's width is never pruned",
            warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("does not flatten", warning.Message, StringComparison.Ordinal);
    }
}
