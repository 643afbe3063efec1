using ModelCompress.Engine.Steps.Graph;
using ModelCompress.Onnx.Dependencies;

namespace ModelCompress.Engine.Steps.Channel;

/// <summary>
/// <c>prune: { method: channel }</c>: one-shot structured pruning. Builds the channel dependency graph, scores
/// each group, removes the least important channels from every dependent tensor, rewrites group attributes and
/// shape constants, and re-infers shapes. Blocked groups are left whole and listed in the facts.
/// </summary>
public sealed class ChannelPruneRunner : IStepRunner<ChannelPruneSettings>
{
    /// <inheritdoc />
    public string CacheSalt => "channel-v1";

    /// <inheritdoc />
    public StepResult Run(ChannelPruneSettings settings, StepInput input, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var step = input.Step;
        var model = input.Model.Clone();
        var (dependencies, candidates) = SelectGroups(model, settings, step, context);
        var scored = candidates.Select(g => (Group: g, Scores: ChannelImportance.Score(model.Graph, g, settings.Importance, context.Seed))).ToList();
        var notes = new List<StepFact>();
        if (settings.Importance == PruneImportance.Bn_Scale)
        {
            if (scored.All(s => s.Scores is null))
            {
                throw new CompressionException(ChannelPruneStepDiagnostics.NoBatchNorm(step.PositionOf("importance")));
            }

            notes.AddRange(scored.Where(s => s.Scores is null).Select(s => new StepFact($"group {s.Group.Name}", "no BatchNormalization follows: scored by l1")));
        }

        var ready = scored.Select(s => (s.Group, Scores: s.Scores ?? ChannelImportance.Score(model.Graph, s.Group, PruneImportance.L1, context.Seed)!)).ToList();
        if (settings.MacsRatio is not null || settings.LatencyRatio is not null)
        {
            return ChannelAutoRun.Run(input.Model, context, settings, step);
        }

        var before = Parameters(model);
        var plan = ChannelAllocation.Plan(ready, settings, step.PositionOf);
        dependencies.Prune(plan);
        var facts = Facts(dependencies, candidates, plan, before);
        facts.AddRange(notes);
        return new StepResult(model, facts);
    }

    /// <summary>
    /// The dependency graph of <paramref name="model"/> and the prunable groups the settings select: an error when there
    /// is none, a warning naming the groups kept whole because an op blocks them.
    /// </summary>
    internal static (ChannelDependencies Dependencies, List<ChannelGroup> Candidates) SelectGroups(OnnxModel model, ChannelPruneSettings settings, StepConfig step, StepContext context)
    {
        var dependencies = ChannelDependencies.Build(model);
        var selection = NodeSelection.Create(model.Graph, "prune", settings.Include, settings.Exclude);
        var candidates = Candidates(dependencies, settings, selection, step);
        if (candidates.Count == 0)
        {
            throw new CompressionException(ChannelPruneStepDiagnostics.NothingPrunable(
                dependencies.Groups.Select(g => $"'{g.Name}': {g.BlockedBy ?? "not selected"}"), step.PositionOf("method")));
        }

        var obstacles = dependencies.Groups.Where(g => !g.IsPrunable && !g.FeedsGraphOutput && !IsExcluded(g, settings)).ToList();
        if (obstacles.Count > 0)
        {
            context.Report(ChannelPruneStepDiagnostics.GroupsKeptWhole(obstacles.Select(g => $"'{g.Name}': {g.BlockedBy}"), step.PositionOf("method")));
        }

        return (dependencies, candidates);
    }

    /// <summary>What a channel prune did: channels and parameters before and after (<paramref name="before"/>), per group, and the groups kept whole.</summary>
    internal static List<StepFact> Facts(ChannelDependencies dependencies, IReadOnlyList<ChannelGroup> candidates, IReadOnlyDictionary<ChannelGroup, int[]> plan, long before)
    {
        var after = Parameters(dependencies.Model);
        var facts = new List<StepFact>
        {
            new("channels removed", $"{plan.Sum(p => p.Key.Channels - p.Value.Length)}/{candidates.Sum(g => g.Channels)}"),
            new("parameters", $"{before} -> {after} ({F((double)after / before)})"),
        };
        facts.AddRange(candidates.Select(g => new StepFact(
            $"group {string.Join("+", g.Producers)}", $"{g.Channels} -> {(plan.TryGetValue(g, out var k) ? k.Length : g.Channels)}")));
        facts.AddRange(dependencies.Groups.Where(g => !g.IsPrunable).Select(g => new StepFact($"kept whole {g.Name}", g.BlockedBy!)));
        return facts;
    }

    private static List<ChannelGroup> Candidates(ChannelDependencies dependencies, ChannelPruneSettings settings, NodeSelection selection, StepConfig step)
    {
        var bag = new DiagnosticBag();
        var candidates = new List<ChannelGroup>();
        // Producers are display names, so nodes an exporter left unnamed are found too.
        var nodes = dependencies.Model.Graph.Nodes.GroupBy(n => n.DisplayName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var group in dependencies.Groups)
        {
            var producers = group.Producers.Select(nodes.GetValueOrDefault).OfType<OnnxNode>().ToList();
            if (producers.Count == 0 || producers.Any(p => selection.Reject(p) == "excluded by name") ||
                producers.All(p => selection.Reject(p) is not null))
            {
                continue;
            }

            if (group.IsPrunable)
            {
                candidates.Add(group);
            }
            else if (settings.Include.Count > 0)
            {
                var named = producers.First(p => settings.Include.Contains(p.Name)).Name;
                var index = settings.Include.ToList().IndexOf(named);
                bag.Add(ChannelPruneStepDiagnostics.IncludedGroupBlocked(named, group.BlockedBy!, step.PositionOf($"include[{index}]")));
            }
        }

        bag.ThrowIfErrors();
        return candidates;
    }

    private static bool IsExcluded(ChannelGroup group, ChannelPruneSettings settings) =>
        group.Producers.Any(settings.Exclude.Contains) || (settings.Include.Count > 0 && !group.Producers.Any(settings.Include.Contains));

    internal static long Parameters(OnnxModel model) => model.Graph.Initializers.Where(t => t.DataType.IsFloatingPoint()).Sum(t => t.ElementCount);

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
