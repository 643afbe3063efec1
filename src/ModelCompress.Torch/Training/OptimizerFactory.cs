namespace ModelCompress.Torch.Training;

/// <summary>TorchSharp's SGD (momentum, Nesterov), Adam and AdamW from the training options.</summary>
internal static class OptimizerFactory
{
    public static optim.Optimizer Create(TrainingOptions options, IEnumerable<TorchSharp.Modules.Parameter> parameters) => options.Optimizer switch
    {
        OptimizerKind.Sgd => optim.SGD(parameters, options.Lr, options.Momentum, 0, options.WeightDecay, options.Nesterov && options.Momentum > 0),
        OptimizerKind.AdamW => optim.AdamW(parameters, options.Lr, weight_decay: options.WeightDecay),
        _ => optim.Adam(parameters, options.Lr, weight_decay: options.WeightDecay),
    };

    public static void SetLearningRate(optim.Optimizer optimizer, double lr)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = lr;
        }
    }
}
