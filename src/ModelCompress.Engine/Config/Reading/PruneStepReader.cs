namespace ModelCompress.Engine.Config.Reading;

/// <summary>
/// Reads a <c>prune</c> step: the method picks the settings record, since methods take different keys
/// (N:M takes n and m instead of a sparsity).
/// </summary>
internal static class PruneStepReader
{
    public static IStepSettings? Read(MappingReader map, StepReadContext step)
    {
        if (map.Value("method") is YScalar { Value: "nm" })
        {
            return NmPruneSettings.Read(map, step);
        }

        if (map.Value("method") is YScalar { Value: "neurons" or "heads" } structured)
        {
            map.Forbid($"method is {structured.Value}", "n and m belong to 'method: nm'.", "n", "m");
            return NeuronPruneSettings.Read(map, structured.Value == "heads" ? PruneMethod.Heads : PruneMethod.Neurons);
        }

        map.Forbid("method is not nm", "n and m belong to 'method: nm' (semi-structured N:M); remove them or set 'method: nm'.", "n", "m");
        return PruneSettings.Read(map, step);
    }
}
