// The module shape every trainable model here has: graph inputs by name in, graph outputs by name out.
global using GraphModule = TorchSharp.torch.nn.Module<
    System.Collections.Generic.IReadOnlyDictionary<string, TorchSharp.torch.Tensor>,
    System.Collections.Generic.IReadOnlyDictionary<string, TorchSharp.torch.Tensor>>;
