using ModelCompress.Torch.Ops;

namespace ModelCompress.Torch.Graph;

/// <summary>A node bound to its kernel, in execution order.</summary>
internal sealed record PlannedNode(OnnxNode Node, NodeKernel Kernel, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);
