using System.Diagnostics;
using ModelCompress.Engine.Caching;
using ModelCompress.Engine.Steps;
using ModelCompress.Engine.Steps.Graph;
using ModelCompress.Engine.Steps.Prepare;

namespace ModelCompress.Engine.Pipeline;

/// <summary>
/// Runs a model's steps in order, each through the cache. A step's key chains its input's key with its runner,
/// its canonical settings, the data sections it reads, the seed and the engine's identity, so editing step k re-runs k and later
/// steps only, and a hit yields the very bytes that were stored.
/// </summary>
internal sealed class StepChain(
    ModelConfig model,
    ArtifactCache cache,
    StepRegistry registry,
    IEngineObserver observer,
    EngineIdentity identity,
    MetricsProbe probe,
    Action<Diagnostic> report)
{
    public sealed record Link(StepConfig Step, OnnxModel Model, ModelArtifact Artifact, StepReport Report);

    public IReadOnlyList<Link> Run(OnnxModel original, ModelArtifact originalArtifact, EvalDataset? data, StageClock clock, ReferenceOutputs? reference)
    {
        var runners = ResolveAll();
        var links = new List<Link>();
        var current = original;
        var key = ContentHash.OfParts("model", originalArtifact.Hash);
        // A model that came with external data keeps it through every step, whatever its size (over 2 GB it must).
        var external = originalArtifact.HasExternalData;
        var nmPatterns = new List<(NmPruneSettings Nm, int Index, IReadOnlyList<string> Weights)>();
        foreach (var (step, runner) in model.Steps.Zip(runners))
        {
            var parentKey = key;
            var files = string.Join(",", step.Settings.ReferencedFiles.Select(ReferencedHash));
            // Training steps aim early stopping at the accuracy budget and the static fallback searches to meet it: it changes their result.
            var budget = runner.Kind.ReadsAccuracyBudget(step.Settings) && model.Budgets.Accuracy is { } a
                ? FormattableString.Invariant($"{a.Metric}:{a.MaxDrop}:{a.MaxRelativeDrop}")
                : "";
            // The first prune/quantize step prepares the graph first (unless a prepare step came before): its key says so.
            var preparation = ImplicitPreparation.For(step, model.Steps);
            string[] parts =
            [
                "step", parentKey, runner.Kind.Name, step.Settings.CanonicalForm, runner.CacheSalt, files, budget, StepDataKey.For(data, step.Settings),
                model.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), identity.EngineBuild, identity.OnnxRuntimeVersion,
                ImplicitPreparation.CacheKeyPart(preparation),
            ];
            key = ContentHash.OfParts(parts);
            var stage = $"step {step.Index + 1} {step.Kind}";
            var (artifact, facts, hit, durationMs) = clock.Time(
                stage, () => RunOrReuse(runner, step, current, original, data, parentKey, parts, stage, preparation, external), r => r.Hit);
            // Continue from the files, hit or miss, so what follows sees exactly what the cache holds (external data mapped, not copied).
            current = artifact.Load();
            GuardNmPatterns(nmPatterns, step, current);

            var metrics = clock.Time($"evaluate after step {step.Index + 1}", () => probe.Measure(current, artifact, data, reference).Metrics);
            var report = new StepReport(step.Index, step.Kind, runner.Kind.Name, step.Settings.CanonicalForm, key, hit, durationMs, facts, metrics);
            links.Add(new Link(step, current, artifact, report));
        }

        return links;
    }

    // A referenced model (a teacher) is loaded first, so a file that is no model fails as before, then hashed with its
    // external-data files: a changed data file changes the key too.
    private static string ReferencedHash(string path)
    {
        _ = OnnxModel.Load(path);
        return ModelArtifact.OfModelFile(path).Hash;
    }

    /// <summary>Every later model must keep the pattern an N:M step made (MC3140); an N:M step records its weights.</summary>
    private static void GuardNmPatterns(List<(NmPruneSettings Nm, int Index, IReadOnlyList<string> Weights)> patterns, StepConfig step, OnnxModel current)
    {
        foreach (var (nm, index, weights) in patterns)
        {
            NmPatternGuard.Verify(nm, index, weights, current, step);
        }

        if (step.Settings is NmPruneSettings made)
        {
            patterns.Add((made, step.Index, NmPatternGuard.PatternWeights(current, made.N, made.M)));
        }
    }

    private List<StepBinding> ResolveAll()
    {
        var bag = new DiagnosticBag();
        var runners = new List<StepBinding>();
        foreach (var step in model.Steps)
        {
            try
            {
                runners.Add(registry.Resolve(step));
            }
            catch (CompressionException e)
            {
                bag.AddRange(e.Diagnostics);
            }
        }

        bag.ThrowIfErrors();
        return runners;
    }

    private (ModelArtifact Artifact, IReadOnlyList<StepFact> Facts, bool Hit, double DurationMs) RunOrReuse(
        StepBinding runner, StepConfig step, OnnxModel current, OnnxModel original, EvalDataset? data, string parentKey, string[] parts, string stage,
        PreparationOptions? preparation, bool external)
    {
        var key = ContentHash.OfParts(parts);
        if (Reuse(key, parts) is { } first)
        {
            return first;
        }

        // Builds sharing the cache compute each step once: wait for whoever holds the key, then look again.
        using var hold = KeyLock.Acquire(cache.Root, key, TimeSpan.FromHours(1));
        if (Reuse(key, parts) is { } computedMeanwhile)
        {
            return computedMeanwhile;
        }

        var watch = Stopwatch.StartNew();
        var context = new StepContext(data, model.Seed, new SynchronousProgress(observer, model.Name, stage), report, CancellationToken.None);
        IReadOnlyList<StepFact> prepared = [];
        if (preparation is not null)
        {
            (current, prepared) = Placed(step, () => ImplicitPreparation.Apply(current, preparation, step, report));
        }

        var result = Placed(step, () => runner.Run(new StepInput(current, original, step, model), context));
        result = result with { Facts = [.. prepared, .. result.Facts] };
        // Written straight into a staging folder of the cache, then moved into its entry by one rename.
        var staging = cache.NewStagingFolder();
        ModelArtifact staged;
        try
        {
            staged = ModelArtifact.Write(result.Model, staging, external);
            watch.Stop();
            OrtValidation.EnsureLoads(staged.Source, step);
        }
        catch
        {
            ArtifactCache.Discard(staging);
            throw;
        }

        var record = new CacheRecord(
            CacheRecord.CurrentVersion, key, parentKey, runner.Kind.Name, step.Settings.CanonicalForm, staged.Hash, staged.SizeBytes,
            watch.Elapsed.TotalMilliseconds, result.Facts.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).ToList(), parts);
        var (artifact, warning) = cache.TryPut(record, staged);
        if (warning is not null)
        {
            report(warning);
        }

        return (artifact, result.Facts, false, watch.Elapsed.TotalMilliseconds);
    }

    private (ModelArtifact Artifact, IReadOnlyList<StepFact> Facts, bool Hit, double DurationMs)? Reuse(string key, string[] parts)
    {
        var lookup = cache.TryGet(key, parts);
        if (lookup.Status == CacheLookupStatus.Corrupt)
        {
            report(CacheDiagnostics.CorruptEntry(cache.Root, key, lookup.Problem ?? "unreadable"));
        }

        return lookup.Status == CacheLookupStatus.Hit
            ? (lookup.Artifact!, lookup.Record!.Facts.Select(f => new StepFact(f.Key, f.Value)).ToList(), true, lookup.Record.DurationMs)
            : null;
    }

    /// <summary>Runs part of a step; its diagnostics that carry no position are placed at the step's line in the YAML.</summary>
    private static T Placed<T>(StepConfig step, Func<T> run)
    {
        try
        {
            return run();
        }
        catch (CompressionException e)
        {
            throw new CompressionException(e.Diagnostics.Select(d => d.Position is null ? d with { Position = step.Position } : d).ToList());
        }
    }

    /// <summary>Progress reported on the calling thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress(IEngineObserver observer, string model, string stage) : IProgress<StepProgress>
    {
        public void Report(StepProgress value) => observer.StepProgress(model, stage, value);
    }
}
