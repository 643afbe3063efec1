using System.Diagnostics;

namespace ModelCompress.Engine.Pipeline;

/// <summary>Times the stages of one model's run and tells the observer as each starts and ends.</summary>
internal sealed class StageClock(string model, IEngineObserver observer)
{
    private readonly List<StageTiming> _timings = [];

    public IReadOnlyList<StageTiming> Timings => _timings;

    public T Time<T>(string stage, Func<T> work) => Time(stage, work, _ => false);

    public T Time<T>(string stage, Func<T> work, Func<T, bool> cacheHit)
    {
        observer.StageStarted(model, stage);
        var watch = Stopwatch.StartNew();
        var result = work();
        watch.Stop();
        _timings.Add(new StageTiming(stage, watch.Elapsed.TotalMilliseconds));
        observer.StageFinished(model, stage, watch.Elapsed, cacheHit(result));
        return result;
    }
}
