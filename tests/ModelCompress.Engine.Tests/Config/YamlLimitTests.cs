using System.Diagnostics;

namespace ModelCompress.Engine.Tests.Config;

/// <summary>
/// Resource bombs in the configuration are refused quickly with their own codes (the time limits are generous
/// bounds against a hang, not speed claims), and merge keys, now expanded by the reader, keep their meaning.
/// </summary>
public sealed class YamlLimitTests
{
    [Fact]
    public void Alias_bomb_in_a_step_setting_is_refused_before_anything_walks_it()
    {
        var anchors = "x0: &a0 [lol]\n" + string.Concat(Enumerable.Range(1, 9).Select(i => $"x{i}: &a{i} [" + string.Join(",", Enumerable.Repeat($"*a{i - 1}", 10)) + "]\n"));
        var yaml = ConfigText.WithSteps("      - prune: { sparsity: 0.5, exclude: *a9 }").Replace("version: 1\n", "version: 1\n" + anchors, StringComparison.Ordinal);

        var clock = Stopwatch.StartNew();
        var errors = ConfigText.Errors(yaml);

        Assert.Contains(errors, e => e.Code == "MC1100");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("{a: ", "}")]
    [InlineData("[", "]")]
    public void Flow_collection_nested_100k_deep_is_refused_from_the_text(string open, string close)
    {
        var yaml = "version: 1\nmodels: " + string.Concat(Enumerable.Repeat(open, 100_000)) + "1" + string.Concat(Enumerable.Repeat(close, 100_000)) + "\n";

        var clock = Stopwatch.StartNew();
        var error = Assert.Single(ConfigText.Errors(yaml));

        Assert.Equal("MC1101", error.Code);
        Assert.Equal(2, error.Position?.Line);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Merge_of_a_sequence_of_scalars_is_a_positioned_error()
    {
        var yaml = ConfigText.WithSteps("      - finetune: { training: { <<: *s, epochs: 1 } }").Replace("version: 1\n", "version: 1\ns: &s [1, 2]\n", StringComparison.Ordinal);

        var error = Assert.Single(ConfigText.Errors(yaml), e => e.Code == "MC1102");

        Assert.Equal(ConfigText.Locate(yaml, "*s").Line, error.Position?.Line);
    }

    [Fact]
    public void Merge_of_a_list_of_mappings_takes_the_first_and_written_keys_win()
    {
        var yaml = ConfigText.WithSteps("""
                  - prune: { sparsity: 0.5, schedule: gradual, training: &a { epochs: 2, lr: 0.01 } }
                  - finetune: { training: &b { epochs: 7, lr: 0.5, batch_size: 16 } }
                  - finetune: { training: { <<: [*a, *b], epochs: 3 } }
            """);

        var training = ((FinetuneSettings)ConfigText.Parse(yaml).Models[0].Steps[2].Settings).Training;

        Assert.Equal(3, training.Epochs);
        Assert.Equal(0.01, training.Lr);
        Assert.Equal(16, training.BatchSize);
    }

    [Fact]
    public void Thread_counts_beyond_the_limit_are_refused_at_their_line()
    {
        var yaml = ConfigText.WithSteps("      - quantize: { mode: dynamic }", extra: "    evaluation: { threads: 100000 }\n");

        var error = Assert.Single(ConfigText.Errors(yaml));

        Assert.Equal("MC1106", error.Code);
        Assert.Equal(ConfigText.Locate(yaml, "100000").Line, error.Position?.Line);
    }
}
