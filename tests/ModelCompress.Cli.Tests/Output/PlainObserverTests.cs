using ModelCompress.Cli.Output;
using ModelCompress.Engine.Steps;

namespace ModelCompress.Cli.Tests.Output;

/// <summary>The line format of logs (CI, MSBuild): one line per finished stage and per epoch; quiet keeps only diagnostics.</summary>
public sealed class PlainObserverTests
{
    private const string Epoch = "finetune: epoch 2/3, loss 0.1234, top1 0.9900, lr 0.001, 0.4 s";

    private static string Lines(Verbosity verbosity)
    {
        using var output = new StringWriter();
        var observer = new PlainObserver(output, verbosity);
        observer.StageStarted("digits", "step 2 finetune");
        observer.StepProgress("digits", "step 2 finetune", new StepProgress(Epoch, 2.0 / 3));
        observer.StageFinished("digits", "step 2 finetune", TimeSpan.FromMilliseconds(1234), cacheHit: false);
        observer.Diagnostic(Diagnostic.Warning("MC2020", "inconclusive", new SourcePosition("/p/compression.yaml", 14, 7)));
        observer.Diagnostic(new Diagnostic("MC4090", DiagnosticSeverity.Info, "evaluated on CPU"));
        return output.ToString().ReplaceLineEndings("\n");
    }

    [Fact]
    public void Normal_prints_one_line_per_epoch_and_per_finished_stage()
    {
        Assert.Equal(
            "modelcompress: digits: step 2 finetune: " + Epoch + "\n"
            + "modelcompress: digits: step 2 finetune 1.23 s\n"
            + "/p/compression.yaml(14,7): warning MC2020: inconclusive\n"
            + "modelcompress: message MC4090: evaluated on CPU\n",
            Lines(Verbosity.Normal));
    }

    [Fact]
    public void Quiet_prints_errors_and_warnings_only()
    {
        Assert.Equal("/p/compression.yaml(14,7): warning MC2020: inconclusive\n", Lines(Verbosity.Quiet));
    }

    [Fact]
    public void Detailed_adds_stage_starts()
    {
        var lines = Lines(Verbosity.Detailed).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("modelcompress: digits: step 2 finetune started", lines[0]);
        Assert.Equal(5, lines.Length);
    }
}
