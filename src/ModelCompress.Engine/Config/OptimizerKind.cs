namespace ModelCompress.Engine.Config;

/// <summary>Optimizer of a training block.</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent (momentum, nesterov).</summary>
    Sgd,

    /// <summary>Adam.</summary>
    Adam,

    /// <summary>Adam with decoupled weight decay.</summary>
    AdamW,
}
