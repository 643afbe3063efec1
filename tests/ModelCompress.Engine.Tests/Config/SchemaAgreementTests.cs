using System.Text.Json;
using ModelCompress.Engine.Config.Reading;

namespace ModelCompress.Engine.Tests.Config;

/// <summary>schema/compression.schema.json (editor completion) and the parser must know the same keys and values.</summary>
public sealed class SchemaAgreementTests
{
    private static readonly JsonElement Schema = LoadSchema();

    private static JsonElement Definitions => Schema.GetProperty("definitions");

    [Fact]
    public void Every_parser_section_is_a_schema_object_with_exactly_its_keys()
    {
        foreach (var (section, keys) in ConfigKeys.Sections)
        {
            var properties = Section(section).GetProperty("properties").EnumerateObject().Select(p => p.Name).Order().ToList();

            Assert.True(keys.Order().SequenceEqual(properties), $"{section}: parser [{string.Join(", ", keys)}], schema [{string.Join(", ", properties)}]");
        }
    }

    [Fact]
    public void Every_schema_definition_is_a_parser_section()
    {
        var definitions = Definitions.EnumerateObject().Select(d => d.Name).Order().ToList();

        Assert.Equal(ConfigKeys.Sections.Keys.Where(k => k != ConfigKeys.Root).Order(), definitions);
    }

    [Fact]
    public void Every_section_is_closed_and_every_key_is_described()
    {
        foreach (var section in ConfigKeys.Sections.Keys)
        {
            var node = Section(section);
            Assert.False(node.GetProperty("additionalProperties").GetBoolean(), $"{section} allows unknown keys");
            Assert.True(node.TryGetProperty("description", out _) || section == ConfigKeys.Root, $"{section} has no description");
            foreach (var property in node.GetProperty("properties").EnumerateObject())
            {
                var described = property.Value.TryGetProperty("description", out var text) && text.GetString()!.Length > 10;
                Assert.True(described, $"{section}.{property.Name} has no description");
            }
        }
    }

    [Fact]
    public void Schema_enums_match_the_parser_values()
    {
        AssertEnum<PruneMethod>(ConfigKeys.Prune, "method");
        AssertEnum<PruneScope>(ConfigKeys.Prune, "scope");
        AssertEnum<PruneSchedule>(ConfigKeys.Prune, "schedule");
        AssertEnum<PruneImportance>(ConfigKeys.Prune, "importance");
        AssertEnum<QuantizeMode>(ConfigKeys.Quantize, "mode");
        AssertEnum<OptimizerKind>(ConfigKeys.Training, "optimizer");
        AssertEnum<LrSchedule>(ConfigKeys.Training, "lr_schedule");
        AssertEnum<ExecutionProvider>(ConfigKeys.Evaluation, "provider");
        AssertEnum<AccuracyMetric>(ConfigKeys.AccuracyBudget, "metric");
        AssertEnum<DataFormat>(ConfigKeys.Data, "format");
        AssertEnum<QuantizedType>(ConfigKeys.Quantize, "activation_type");
        AssertEnum<QuantizedType>(ConfigKeys.Quantize, "weight_type");
        AssertEnum<CalibrationMethod>(ConfigKeys.QuantizeCalibration, "method");

        var ops = Property(ConfigKeys.Quantize, "ops").GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(QuantizeSettings.AllowedOps, ops);
        var percentiles = Property(ConfigKeys.LatencyBudget, "percentile").GetProperty("enum").EnumerateArray().Select(e => e.GetInt32());
        Assert.Equal(LatencyBudget.AllowedPercentiles, percentiles);
    }

    [Fact]
    public void Schema_defaults_match_the_parser_defaults()
    {
        var defaults = EvaluationSettings.Default;

        Assert.Equal(defaults.Warmup, Property(ConfigKeys.Evaluation, "warmup").GetProperty("default").GetInt32());
        Assert.Equal(defaults.Iterations, Property(ConfigKeys.Evaluation, "iterations").GetProperty("default").GetInt32());
        Assert.Equal(defaults.BatchSize, Property(ConfigKeys.Evaluation, "batch_size").GetProperty("default").GetInt32());
        Assert.Equal(TrainingDistillation.DefaultTemperature, Property(ConfigKeys.Distill, "temperature").GetProperty("default").GetDouble());
        Assert.Equal(TrainingDistillation.DefaultAlpha, Property(ConfigKeys.TrainingDistill, "alpha").GetProperty("default").GetDouble());
        Assert.Equal(StaticQuantizeSettings.DefaultFallbackMaxNodes, Property(ConfigKeys.QuantizeFallback, "max_nodes").GetProperty("default").GetInt32());
        Assert.Equal(QuantizeSettings.DefaultOps, Property(ConfigKeys.Quantize, "ops").GetProperty("default").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(WeightOnlyQuantizeSettings.DefaultBits, Property(ConfigKeys.Quantize, "bits").GetProperty("default").GetInt32());
        Assert.Equal(WeightOnlyQuantizeSettings.DefaultBlockSize, Property(ConfigKeys.Quantize, "block_size").GetProperty("default").GetInt32());
        Assert.Equal(WeightOnlyQuantizeSettings.DefaultAccuracyLevel, Property(ConfigKeys.Quantize, "accuracy_level").GetProperty("default").GetInt32());
    }

    private static void AssertEnum<T>(string section, string key)
        where T : struct, Enum
    {
        var values = Property(section, key).GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(YamlNames.All<T>(), values);
    }

    private static JsonElement Property(string section, string key) => Section(section).GetProperty("properties").GetProperty(key);

    private static JsonElement Section(string section) =>
        section == ConfigKeys.Root ? Schema : Definitions.GetProperty(section);

    private static JsonElement LoadSchema()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "schema", "compression.schema.json");
            if (File.Exists(path))
            {
                using var document = JsonDocument.Parse(File.ReadAllText(path));
                return document.RootElement.Clone();
            }
        }

        throw new FileNotFoundException("schema/compression.schema.json not found above the test output folder.");
    }
}
