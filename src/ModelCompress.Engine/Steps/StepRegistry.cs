using System.Collections.Frozen;
using ModelCompress.Engine.Config;
using ModelCompress.Engine.Diagnostics;

namespace ModelCompress.Engine.Steps;

/// <summary>
/// Runners by key, built once in the composition root and read-only afterwards. The Engine contributes the
/// graph-only steps; the CLI adds the Torch steps, so a quantize-only pipeline never loads libtorch.
/// </summary>
public sealed class StepRegistry
{
    private readonly FrozenDictionary<string, IStepRunner> _runners;

    public StepRegistry(IEnumerable<IStepRunner> runners)
    {
        var byKey = new Dictionary<string, IStepRunner>(StringComparer.Ordinal);
        foreach (var runner in runners)
        {
            if (!byKey.TryAdd(runner.RunnerKey, runner))
            {
                throw new ArgumentException($"Two runners claim the key '{runner.RunnerKey}'.", nameof(runners));
            }
        }

        _runners = byKey.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Keys => _runners.Keys;

    /// <summary>The runner for a step, or an MC3050 at the step's position when this build has none.</summary>
    public IStepRunner Resolve(StepConfig step)
    {
        if (_runners.TryGetValue(step.Settings.RunnerKey, out var runner))
        {
            return runner;
        }

        throw new CompressionException(StepDiagnostics.NoRunner(step.Settings.RunnerKey, step.Position, _runners.Keys));
    }
}
