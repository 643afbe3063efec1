namespace ModelCompress.Engine.Tests.Config;

public sealed class MacsBudgetConfigTests
{
    private const string Prune = "      - prune: { sparsity: 0.5 }";

    [Theory]
    [InlineData("{ max_ratio: 0.5 }", null, 0.5)]
    [InlineData("{ max: 1.0e8 }", 1.0e8, null)]
    public void Macs_budget_reads_one_limit(string budget, double? max, double? maxRatio)
    {
        var config = ConfigText.Parse(ConfigText.WithSteps(Prune, $"    budgets:\n      macs: {budget}\n"));

        var macs = config.Models[0].Budgets.Macs!;
        Assert.Equal((max, maxRatio), (macs.Max, macs.MaxRatio));
        Assert.Equal(11, macs.Position.Line);
    }

    [Fact]
    public void Macs_budget_with_both_limits_is_MC1015_at_the_second()
    {
        var yaml = ConfigText.WithSteps(Prune, "    budgets: { macs: { max: 1.0e8, max_ratio: 0.5 } }\n");

        ConfigText.SingleError(yaml, "MC1015", "max_ratio");
    }

    [Fact]
    public void Macs_budget_of_zero_is_rejected_at_its_value()
    {
        var yaml = ConfigText.WithSteps(Prune, "    budgets: { macs: { max_ratio: 0 } }\n");

        var error = Assert.Single(ConfigText.Errors(yaml));
        ConfigText.AssertAt(error, error.Code, yaml, "0 }");
        Assert.StartsWith("MC10", error.Code, StringComparison.Ordinal);
    }
}
