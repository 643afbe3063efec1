using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelCompress.Engine.Reporting;

/// <summary>Reads and writes report.json with one fixed set of options (camelCase, indented, stable order).</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // A model that outputs Inf or NaN is reported as such, not turned into a crash of the report.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(RunReport report) => JsonSerializer.Serialize(report, Options) + "\n";

    public static RunReport Deserialize(string json) =>
        JsonSerializer.Deserialize<RunReport>(json, Options) ?? throw new JsonException("report.json is empty.");
}
