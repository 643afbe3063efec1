namespace ModelCompress.Torch.Training;

/// <summary>A copy of every parameter and buffer of a module (the best epoch's weights), restorable in place.</summary>
internal sealed class ModelSnapshot : IDisposable
{
    private readonly List<(Tensor Live, Tensor Saved)> _pairs = [];

    public ModelSnapshot(GraphModule module)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        foreach (var live in module.parameters().Cast<Tensor>().Concat(module.buffers()))
        {
            _pairs.Add((live, live.detach().clone().DetachFromDisposeScope()));
        }
    }

    public void Restore()
    {
        using var noGrad = torch.no_grad();
        foreach (var (live, saved) in _pairs)
        {
            live.copy_(saved);
        }
    }

    public void Dispose()
    {
        foreach (var (_, saved) in _pairs)
        {
            saved.Dispose();
        }
    }
}
