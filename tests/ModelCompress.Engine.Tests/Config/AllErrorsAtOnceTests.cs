namespace ModelCompress.Engine.Tests.Config;

public sealed class AllErrorsAtOnceTests
{
    private const string Yaml = """
        version: 1
        modles_extra: true
        models:
          digits:
            source: digits_cnn.onnx
            seed: -1
            data: { path: digits.npz, inputs: { input: x_test }, labels: y_test }
            steps:
              - prune: { sparsity: 2, scope: everywhere }
              - quantize: { mode: static, ops: [MatMul, Gem] }
            budgets:
              latency: { percentile: 95 }
          other:
            steps:
              - finetune: { training: { epochs: 1, lr: 0.1 } }
        """;

    [Fact]
    public void Every_problem_in_the_file_is_reported_in_one_exception_in_file_order()
    {
        var errors = ConfigText.Errors(Yaml);

        var expected = new (string Code, string Needle)[]
        {
            ("MC1004", "modles_extra"),
            ("MC1007", "-1"),
            ("MC1007", "2, scope"),
            ("MC1008", "everywhere"),
            ("MC1018", "ops: [MatMul, Gem]"),
            ("MC1015", "latency"),
            ("MC1006", "other"),
            ("MC1020", "training"),
        };
        Assert.True(expected.Length == errors.Count, string.Join("\n", errors));
        for (var i = 0; i < expected.Length; i++)
        {
            ConfigText.AssertAt(errors[i], expected[i].Code, Yaml, expected[i].Needle);
        }
    }

    [Fact]
    public void Canonical_lines_name_the_file_line_and_column()
    {
        var first = ConfigText.Errors(Yaml)[0];

        Assert.StartsWith($"{ConfigText.ConfigPath}(2,1): error MC1004: Unknown key 'modles_extra'", first.ToCanonical(), StringComparison.Ordinal);
    }
}
