using System.Collections.Frozen;

namespace ModelCompress.Engine.Steps;

/// <summary>
/// Runners bound to their kinds, built once in the composition root and read-only afterwards. The Engine contributes
/// the graph-only bindings; the CLI adds the Torch ones, so a quantize-only pipeline never loads libtorch.
/// </summary>
public sealed class StepRegistry
{
    private readonly FrozenDictionary<StepKind, StepBinding> _bindings;

    public StepRegistry(IEnumerable<StepBinding> bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        var byKind = new Dictionary<StepKind, StepBinding>();
        foreach (var binding in bindings)
        {
            if (!byKind.TryAdd(binding.Kind, binding))
            {
                throw new ArgumentException($"Two runners are bound to the step kind '{binding.Kind.Name}'.", nameof(bindings));
            }
        }

        _bindings = byKind.ToFrozenDictionary();
    }

    /// <summary>The names of the kinds this registry can run.</summary>
    public IReadOnlyCollection<string> Keys => [.. _bindings.Keys.Select(k => k.Name)];

    /// <summary>The binding for a step, or an MC3050 at the step's position when this build has none.</summary>
    public StepBinding Resolve(StepConfig step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var kind = StepKinds.Of(step.Settings);
        if (_bindings.TryGetValue(kind, out var binding))
        {
            return binding;
        }

        throw new CompressionException(StepDiagnostics.NoRunner(kind.Name, step.Position, Keys));
    }
}
