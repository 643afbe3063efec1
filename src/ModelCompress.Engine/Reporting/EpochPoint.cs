namespace ModelCompress.Engine.Reporting;

/// <summary>One epoch read back from a step's facts: training loss and the validation score.</summary>
public readonly record struct EpochPoint(int Epoch, double Loss, string Metric, double Score);
