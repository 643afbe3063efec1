namespace ModelCompress.Engine.Tests.Config;

/// <summary>Each kind of bad input gives its code at the line and column of the offending key or value.</summary>
public sealed class ConfigErrorTests
{
    private const string Prune = "      - prune: { sparsity: 0.5 }";

    [Fact]
    public void Malformed_yaml_is_MC1001_at_the_parser_position()
    {
        const string Yaml = "version: 1\nmodels:\n  digits: { source: a.onnx\n";

        var error = Assert.Single(ConfigText.Errors(Yaml));

        Assert.Equal("MC1001", error.Code);
        Assert.Equal(4, error.Position!.Value.Line);
        Assert.DoesNotContain("Idx:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n\n")]
    public void Empty_file_is_MC1002_at_the_start(string yaml)
    {
        var error = Assert.Single(ConfigText.Errors(yaml));

        Assert.Equal(("MC1002", 1, 1), (error.Code, error.Position!.Value.Line, error.Position.Value.Column));
    }

    [Fact]
    public void Duplicate_key_is_MC1003_at_the_second_one()
    {
        var yaml = ConfigText.WithSteps("      - prune: { sparsity: 0.5, scope: layer, sparsity: 0.6 }");

        ConfigText.SingleError(yaml, "MC1003", "sparsity", occurrence: 2);
    }

    [Fact]
    public void Unknown_key_close_to_a_known_one_is_MC1004_with_a_suggestion()
    {
        var yaml = ConfigText.WithSteps("      - prune: { sparsty: 0.5 }");

        var error = ConfigText.SingleError(yaml, "MC1004", "sparsty");

        Assert.Contains("did you mean 'sparsity'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_key_far_from_any_lists_the_allowed_keys_instead()
    {
        var yaml = ConfigText.WithSteps(Prune, "    colour: blue\n");

        var error = ConfigText.SingleError(yaml, "MC1004", "colour");

        Assert.DoesNotContain("did you mean", error.Message, StringComparison.Ordinal);
        Assert.Contains("source, seed, data, steps, evaluation, budgets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_type_is_MC1005_and_names_what_was_got()
    {
        var yaml = ConfigText.WithSteps("      - prune: { sparsity: abc }");

        var error = ConfigText.SingleError(yaml, "MC1005", "abc");

        Assert.Contains("expects a number, got 'abc'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_number_is_a_string_and_MC1005()
    {
        ConfigText.SingleError(ConfigText.WithSteps("      - prune: { sparsity: \"0.5\" }"), "MC1005", "\"0.5\"");
    }

    [Fact]
    public void Missing_required_key_is_MC1006_at_the_owning_key()
    {
        const string Yaml = "version: 1\nmodels:\n  digits:\n    steps:\n      - quantize: { mode: dynamic }\n";

        var error = ConfigText.SingleError(Yaml, "MC1006", "digits");

        Assert.Contains("'source'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("      - prune: { sparsity: 1.5 }", "1.5")]
    [InlineData("      - prune: { sparsity: 0 }", "0 }")]
    [InlineData("      - finetune: { training: { epochs: 0, lr: 0.1 } }", "0, lr")]
    [InlineData("      - distill: { alpha: 1.2, training: { epochs: 1, lr: 0.1 } }", "1.2")]
    public void Out_of_range_value_is_MC1007_at_the_value(string step, string needle)
    {
        ConfigText.SingleError(ConfigText.WithSteps(step), "MC1007", needle);
    }

    [Fact]
    public void Unknown_enum_value_is_MC1008_listing_the_allowed_values()
    {
        var yaml = ConfigText.WithSteps("      - prune: { sparsity: 0.5, scope: globl }");

        var error = ConfigText.SingleError(yaml, "MC1008", "globl");

        Assert.Contains("did you mean 'global'?", error.Message, StringComparison.Ordinal);
        Assert.Contains("Allowed: global, layer.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Taylor_as_a_method_explains_that_it_is_an_importance()
    {
        var error = ConfigText.SingleError(ConfigText.WithSteps("      - prune: { sparsity: 0.5, method: taylor }"), "MC1008", "taylor");

        Assert.Contains("importance: taylor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_version_is_MC1009_at_the_value()
    {
        var yaml = ConfigText.WithSteps(Prune).Replace("version: 1", "version: 2", StringComparison.Ordinal);

        ConfigText.SingleError(yaml, "MC1009", "2\n");
    }

    [Fact]
    public void Model_names_differing_only_in_case_are_MC1010()
    {
        const string Yaml = """
            version: 1
            models:
              digits: { source: digits_cnn.onnx, steps: [ { quantize: { mode: dynamic } } ] }
              Digits: { source: digits_cnn.onnx, steps: [ { quantize: { mode: dynamic } } ] }
            """;

        ConfigText.SingleError(Yaml, "MC1010", "Digits");
    }

    [Fact]
    public void Exact_duplicate_model_name_is_MC1010()
    {
        const string Yaml = """
            version: 1
            models:
              digits: { source: digits_cnn.onnx, steps: [ { quantize: { mode: dynamic } } ] }
              digits: { source: digits_mlp.onnx, steps: [ { quantize: { mode: dynamic } } ] }
            """;

        ConfigText.SingleError(Yaml, "MC1010", "digits: { source: digits_mlp");
    }

    [Fact]
    public void Model_name_that_cannot_be_an_accessor_is_MC1011()
    {
        const string Yaml = "version: 1\nmodels:\n  9lives: { source: digits_cnn.onnx, steps: [ { quantize: { mode: dynamic } } ] }\n";

        ConfigText.SingleError(Yaml, "MC1011", "9lives");
    }

    [Fact]
    public void Step_with_no_key_is_MC1012_at_the_item()
    {
        ConfigText.SingleError(ConfigText.WithSteps("      - {}"), "MC1012", "{}");
    }

    [Fact]
    public void Step_with_several_keys_is_MC1012_at_the_second_key()
    {
        var yaml = ConfigText.WithSteps("      - prune: { sparsity: 0.5 }\n        quantize: { mode: dynamic }");

        var error = ConfigText.SingleError(yaml, "MC1012", "quantize");

        Assert.Contains("has 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_step_kind_is_MC1013_with_a_suggestion()
    {
        var error = ConfigText.SingleError(ConfigText.WithSteps("      - prun: { sparsity: 0.5 }"), "MC1013", "prun");

        Assert.Contains("did you mean 'prune'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Budget_with_both_limits_is_MC1015_at_the_second()
    {
        var yaml = ConfigText.WithSteps(Prune, "    budgets: { accuracy: { max_drop: 0.01, max_relative_drop: 0.02 } }\n");

        ConfigText.SingleError(yaml, "MC1015", "max_relative_drop");
    }

    [Fact]
    public void Budget_with_no_limit_is_MC1015_at_the_budget()
    {
        var yaml = ConfigText.WithSteps(Prune, "    budgets:\n      size: { }\n");

        ConfigText.SingleError(yaml, "MC1015", "size");
    }

    [Theory]
    [InlineData("source: digits_cnn.onnx", "source: nope/model.onnx", "nope/model.onnx")]
    [InlineData("path: digits.npz", "path: missing.npz", "missing.npz")]
    public void Missing_file_is_MC1016_at_the_path(string from, string to, string needle)
    {
        var yaml = ConfigText.WithSteps(Prune).Replace(from, to, StringComparison.Ordinal);

        var error = ConfigText.SingleError(yaml, "MC1016", needle);

        Assert.Contains(Path.Combine(ConfigText.FixtureFolder, needle), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_teacher_is_MC1016_at_the_teacher()
    {
        var yaml = ConfigText.WithSteps("      - distill: { teacher: big.onnx, training: { epochs: 1, lr: 0.1 } }");

        ConfigText.SingleError(yaml, "MC1016", "big.onnx");
    }

    [Fact]
    public void Gradual_prune_without_training_is_MC1017_at_the_schedule()
    {
        ConfigText.SingleError(ConfigText.WithSteps("      - prune: { sparsity: 0.5, schedule: gradual }"), "MC1017", "schedule");
    }

    [Fact]
    public void Taylor_importance_with_oneshot_is_MC1017_at_the_importance()
    {
        ConfigText.SingleError(ConfigText.WithSteps("      - prune: { sparsity: 0.5, importance: taylor }"), "MC1017", "taylor");
    }

    [Fact]
    public void Oneshot_prune_with_training_is_MC1018_and_says_why()
    {
        var yaml = ConfigText.WithSteps("      - prune: { sparsity: 0.5, training: { epochs: 1, lr: 0.1 } }");

        var error = ConfigText.SingleError(yaml, "MC1018", "training");

        Assert.Contains("does not train", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Momentum_with_adam_is_MC1018()
    {
        ConfigText.SingleError(ConfigText.WithSteps("      - finetune: { training: { epochs: 1, lr: 0.1, momentum: 0.5 } }"), "MC1018", "momentum");
    }

    [Fact]
    public void Empty_steps_is_MC1019()
    {
        ConfigText.SingleError(ConfigText.WithSteps("      []").Replace("steps:\n", "steps:", StringComparison.Ordinal), "MC1019", "steps");
    }

    [Fact]
    public void Training_without_train_split_is_MC1020_at_the_training_key()
    {
        var yaml = ConfigText.WithSteps("      - finetune: { training: { epochs: 1, lr: 0.1 } }")
            .Replace("      train: { inputs: { input: x_train }, labels: y_train }\n", string.Empty, StringComparison.Ordinal);

        ConfigText.SingleError(yaml, "MC1020", "training");
    }

    [Fact]
    public void Bad_csv_column_range_is_MC1024()
    {
        const string Yaml = """
            version: 1
            models:
              m:
                source: digits_mlp.onnx
                data: { path: digits_test.csv, inputs: { input: "p9..q3" } }
                steps: [ { quantize: { mode: dynamic } } ]
            """;

        ConfigText.SingleError(Yaml, "MC1024", "\"p9..q3\"");
    }

    [Fact]
    public void Step_after_quantize_is_MC1025()
    {
        ConfigText.SingleError(ConfigText.WithSteps("      - quantize: { mode: dynamic }\n" + Prune), "MC1025", "prune");
    }

    [Fact]
    public void Missing_config_file_is_MC1026()
    {
        var error = Assert.Single(Assert.Throws<ModelCompress.Engine.Diagnostics.CompressionException>(
            () => ModelCompress.Engine.Config.ConfigLoader.Load(Path.Combine(ConfigText.FixtureFolder, "none.yaml"))).Diagnostics);

        Assert.Equal("MC1026", error.Code);
    }
}
