using static TorchSharp.torch;

namespace ModelCompress.Torch.Ops;

/// <summary>
/// Runs one node: inputs in node order (null for an omitted optional input), outputs in node order. A kernel
/// returns new tensors (never one of its inputs), so the caller can scope and dispose them.
/// </summary>
internal delegate Tensor[] NodeKernel(Tensor?[] inputs, KernelContext context);
