namespace ModelCompress.Build.Tests.StandInEngine;

/// <summary>One model entry of the stand-in's config view.</summary>
internal sealed class StandInModel(string name, int line)
{
    public string Name { get; } = name;

    public int Line { get; } = line;

    public string? Source { get; set; }

    public int SourceLine { get; set; }

    public int SourceColumn { get; set; }

    public string? Data { get; set; }

    public double? MaxKb { get; set; }

    public int BudgetLine { get; set; }

    public int BudgetColumn { get; set; }
}
