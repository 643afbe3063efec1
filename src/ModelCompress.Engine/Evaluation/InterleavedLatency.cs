namespace ModelCompress.Engine.Evaluation;

/// <summary>
/// Times the original and the compressed model in one process, in alternating rounds (A then B, then B then A, …),
/// so load from other processes, CPU frequency changes and cache warmth fall on both sides alike. Each round runs
/// a block of iterations per model; the per-round ratio of their percentile latency is what budgets compare.
/// </summary>
public sealed class InterleavedLatency : IDisposable
{
    private readonly OrtSession _original;
    private readonly OrtSession _compressed;
    private readonly LatencyMeter _a;
    private readonly LatencyMeter _b;
    private readonly int _perRound;
    private readonly int _percentile;
    private readonly List<double> _aRounds = [];
    private readonly List<double> _bRounds = [];

    private InterleavedLatency(OrtSession original, OrtSession compressed, LatencyMeter a, LatencyMeter b, int perRound, int percentile)
    {
        (_original, _compressed, _a, _b, _perRound, _percentile) = (original, compressed, a, b, perRound, percentile);
    }

    /// <summary>Rounds measured by <see cref="Start"/>; each re-measure adds as many again.</summary>
    public const int InitialRounds = 10;

    /// <summary>Opens both models, warms them up and measures <see cref="InitialRounds"/> rounds.</summary>
    /// <param name="original">The original model.</param>
    /// <param name="compressed">The compressed model.</param>
    /// <param name="data">The rows both are fed, or null for generated inputs.</param>
    /// <param name="options">Threads, provider, warm-up; <c>Iterations</c> is spread over the rounds (at least 5 per round).</param>
    /// <param name="percentile">The latency percentile compared.</param>
    /// <param name="name">The model's name, for diagnostics.</param>
    public static InterleavedLatency Start(ModelSource original, ModelSource compressed, EvalDataset? data, EvaluationOptions options, int percentile, string name)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sessions = new List<IDisposable>();
        try
        {
            var a = Open(original, data, options, name, sessions, out var aSession);
            var b = Open(compressed, data, options, name, sessions, out var bSession);
            var perRound = Math.Max(5, options.Iterations / InitialRounds);
            var result = new InterleavedLatency(aSession, bSession, a, b, perRound, percentile);
            ModelEvaluator.Guard(name, [], () =>
            {
                a.Time(options.Warmup);
                b.Time(options.Warmup);
                result.Measure(InitialRounds);
                return 0;
            });
            return result;
        }
        catch
        {
            foreach (var d in sessions)
            {
                d.Dispose();
            }

            throw;
        }
    }

    /// <summary>What has been measured so far.</summary>
    public LatencyComparison Result => LatencyComparison.From(_percentile, _aRounds, _bRounds);

    /// <summary>Adds <paramref name="rounds"/> more rounds (a re-measure when the first verdict was inside the noise).</summary>
    public void Measure(int rounds)
    {
        for (var r = 0; r < rounds; r++)
        {
            // Alternate who goes first, so neither always runs on the warmer cache.
            var aFirst = (_aRounds.Count % 2) == 0;
            var first = aFirst ? _a.Time(_perRound) : _b.Time(_perRound);
            var second = aFirst ? _b.Time(_perRound) : _a.Time(_perRound);
            var (a, b) = aFirst ? (first, second) : (second, first);
            _aRounds.Add(PercentileOf(a));
            _bRounds.Add(PercentileOf(b));
        }
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _original.Dispose();
        _compressed.Dispose();
    }

    private double PercentileOf(double[] times)
    {
        Array.Sort(times);
        return LatencyMeter.Percentile(times, _percentile);
    }

    private static LatencyMeter Open(ModelSource model, EvalDataset? data, EvaluationOptions options, string name, List<IDisposable> owned, out OrtSession session)
    {
        session = OrtSession.Create(model, name, options);
        owned.Add(session);
        var (inputs, rows, _) = ModelEvaluator.InputsFor(model.Load(), data, options, name);
        var meter = new LatencyMeter(session.Session, inputs, rows);
        owned.Add(meter);
        return meter;
    }
}
