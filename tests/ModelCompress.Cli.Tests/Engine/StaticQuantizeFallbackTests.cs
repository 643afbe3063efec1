namespace ModelCompress.Cli.Tests.Engine;

/// <summary>The accuracy-aware fallback of static quantization, through the real engine.</summary>
public sealed class StaticQuantizeFallbackTests
{
    [Fact]
    public void A_budget_int8_breaks_is_met_by_reverting_the_most_damaging_nodes_and_the_report_lists_them()
    {
        var outcome = Run("{ mode: static, calibration: { method: entropy }, fallback: { max_nodes: 4 } }", maxDrop: "0.0");

        Assert.Contains(outcome.Diagnostics, d => d.Code == "MC3077" && d.Position?.Line == 11);
        var facts = outcome.Report!.Models.Single().Steps.Single().Facts;
        var start = facts.Single(f => f.Key == "fallback start").Value;
        Assert.StartsWith("all quantized: 0.99", start, StringComparison.Ordinal);
        var reverted = facts.Where(f => f.Key.StartsWith("fallback reverted ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(reverted);
        Assert.StartsWith("1.0000", reverted[^1].Value, StringComparison.Ordinal);
        Assert.Contains("fallback ranking", facts.Select(f => f.Key));
        Assert.Contains("/conv", facts.Single(f => f.Key == "fallback ranking").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Fallback_none_keeps_every_node_quantized()
    {
        var outcome = Run("{ mode: static, fallback: none }", maxDrop: "0.5");

        var facts = outcome.Report!.Models.Single().Steps.Single().Facts;
        Assert.Equal("off (fallback: none)", facts.Single(f => f.Key == "fallback").Value);
        Assert.DoesNotContain(facts, f => f.Key.StartsWith("fallback reverted", StringComparison.Ordinal));
    }

    /// <summary>One static quantize step (line 11) judged by agreement with the original; asserts the run succeeded.</summary>
    private static RunOutcome Run(string quantize, string maxDrop)
    {
        using var project = new TempProject();
        project.WriteConfig(DigitsYaml.For($"- quantize: {quantize}", $"accuracy: {{ metric: agreement, max_drop: {maxDrop} }}", data: "calibration: x_calib"));
        var outcome = EngineRun.Run(project);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Diagnostics));
        return outcome;
    }
}
