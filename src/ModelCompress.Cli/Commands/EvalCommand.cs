using ModelCompress.Cli.Output;
using ModelCompress.Engine.Caching;
using ModelCompress.Engine.Data;
using ModelCompress.Engine.Evaluation;
using ModelCompress.Onnx;

namespace ModelCompress.Cli.Commands;

/// <summary>
/// <c>modelcompress eval model.onnx --data digits.npz --input input=x_test --labels y_test</c>: the evaluation the
/// build does, for one model by hand (optionally against a reference model for agreement and output error).
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("model") { Description = "The ONNX model to evaluate." };
        var data = new DataOptions();
        var reference = new Option<string?>("--reference") { Description = "A reference model (e.g. the original) for agreement and max abs error." };
        var iterations = new Option<int>("--iterations") { Description = "Latency iterations at batch 1.", DefaultValueFactory = _ => 100 };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up runs before timing.", DefaultValueFactory = _ => 10 };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads.", DefaultValueFactory = _ => 1 };
        var provider = new Option<string>("--provider") { Description = "auto, cpu or cuda.", DefaultValueFactory = _ => "auto" };
        provider.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        CommonOptions.AtLeast(iterations, 0);
        CommonOptions.AtLeast(warmup, 0);
        CommonOptions.AtLeast(threads, 1);
        var verbosity = CommonOptions.Verbosity();
        var command = new Command("eval", "Measure a model: accuracy or agreement, output error, latency percentiles, size.")
        {
            path, reference, iterations, warmup, threads, provider, verbosity,
        };
        data.AddTo(command);
        command.SetAction(result =>
        {
            try
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var file = Path.GetFullPath(result.GetValue(path)!);
                var model = Load(file);
                var warnings = new List<Diagnostic>();
                if (NonFiniteWeights.Find(model) is { Count: > 0 } nonFinite)
                {
                    warnings.Add(NonFiniteWeights.Warning(file, nonFinite));
                }

                var options = new EvaluationOptions(result.GetValue(warmup), result.GetValue(iterations), result.GetValue(threads), result.GetValue(provider)!);
                var dataset = data.Load(result, model);
                ReferenceOutputs? referenceOutputs = null;
                if (result.GetValue(reference) is { } r)
                {
                    var refFile = Path.GetFullPath(r);
                    var referenceModel = Load(refFile);
                    if (NonFiniteWeights.Find(referenceModel) is { Count: > 0 } referenceNonFinite)
                    {
                        warnings.Add(NonFiniteWeights.Warning(refFile, referenceNonFinite));
                    }

                    referenceOutputs = ModelEvaluator.Evaluate(ModelArtifact.OfModelFile(refFile).Source, dataset, options with { Iterations = 0, Warmup = 0 }, null).Outputs;
                }

                var evaluation = ModelEvaluator.Evaluate(ModelArtifact.OfModelFile(file).Source, dataset, options, referenceOutputs);
                foreach (var warning in warnings.Concat(evaluation.Warnings))
                {
                    Console.Error.WriteLine(warning.ToCanonical());
                }

                var level = result.GetValue(verbosity);
                if (level == Verbosity.Quiet)
                {
                    Console.Out.WriteLine(OneLine(file, evaluation));
                }
                else
                {
                    Print(file, evaluation, ModelStatistics.Compute(model));
                }

                if (level == Verbosity.Detailed)
                {
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  elapsed       {watch.Elapsed.TotalSeconds:0.00} s"));
                }

                return ExitCodes.Success;
            }
            catch (CompressionException e)
            {
                foreach (var d in e.Diagnostics)
                {
                    Console.Error.WriteLine(d.ToCanonical());
                }

                return ExitCodes.Failed;
            }
        });
        return command;
    }

    internal static OnnxModel Load(string file)
    {
        try
        {
            return OnnxModel.Load(file);
        }
        catch (OnnxFormatException e)
        {
            throw new CompressionException(Diagnostic.Error(ModelCodes.Of(e.Error), e.Message, file: file));
        }
    }

    // Quiet: the one line per model the other commands close with.
    private static string OneLine(string file, EvaluationResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{file}: {(r.Accuracy is { } a ? $"top-1 {a * 100:0.00} %" : r.Agreement is { } g ? $"agreement {g * 100:0.00} %" : "no data")}, {(r.P95Ms is { } p ? $"p95 {p:0.000} ms" : "latency not measured")}, {r.SizeBytes / 1024.0:0.0} KB");

    private static void Print(string file, EvaluationResult r, ModelStatistics s)
    {
        static string F(double? v, string format = "0.####") => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "—";
        var w = Console.Out;
        w.WriteLine(file);
        w.WriteLine($"  provider      {r.Provider}");
        w.WriteLine($"  samples       {F(r.Samples)}");
        w.WriteLine($"  top-1         {F(r.Accuracy)}");
        w.WriteLine($"  agreement     {F(r.Agreement)}");
        w.WriteLine($"  max abs error {F(r.MaxAbsError, "0.######")}");
        w.WriteLine($"  latency ms    p50 {F(r.P50Ms)}  p95 {F(r.P95Ms)}  p99 {F(r.P99Ms)}  mean {F(r.MeanMs)}  ({r.Iterations} iterations, {r.Threads} threads)");
        w.WriteLine($"  size          {r.SizeBytes} bytes ({F(r.SizeBytes / 1024.0, "0.#")} KB)");
        w.WriteLine($"  parameters    {s.ParameterCount}, non-zero {s.NonZeroParameterCount}, sparsity {F(s.Sparsity * 100, "0.##")} %");
    }
}
