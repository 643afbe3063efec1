namespace ModelCompress.Onnx;

/// <summary>Ordering.</summary>
public sealed partial class OnnxGraph
{
    /// <summary>
    /// The nodes in an order where every node comes after the producers of its inputs (Kahn's algorithm). Among
    /// nodes that are ready at the same time the one earlier in the file goes first, so an already sorted graph
    /// keeps its order and the result never depends on hashing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The graph has a cycle.</exception>
    public IReadOnlyList<OnnxNode> TopologicalOrder()
    {
        var nodes = Nodes;
        var position = new Dictionary<OnnxNode, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < nodes.Count; i++)
        {
            position[nodes[i]] = i;
        }

        var pending = new int[nodes.Count];
        var ready = new PriorityQueue<OnnxNode, int>();
        for (var i = 0; i < nodes.Count; i++)
        {
            // Count distinct producing nodes, so a node reading the same value twice is not waited on twice.
            pending[i] = nodes[i].Inputs.Where(v => v.Length > 0).Distinct()
                .Select(Producer).OfType<OnnxNode>().Distinct().Count();
            if (pending[i] == 0)
            {
                ready.Enqueue(nodes[i], i);
            }
        }

        var order = new List<OnnxNode>(nodes.Count);
        while (ready.TryDequeue(out var node, out _))
        {
            order.Add(node);
            var released = new HashSet<OnnxNode>(ReferenceEqualityComparer.Instance);
            foreach (var output in node.Outputs.Where(o => o.Length > 0).Distinct())
            {
                foreach (var consumer in Consumers(output).Where(c => released.Add(c)))
                {
                    var index = position[consumer];
                    if (--pending[index] == 0)
                    {
                        ready.Enqueue(consumer, index);
                    }
                }
            }
        }

        if (order.Count != nodes.Count)
        {
            var stuck = nodes.First(n => pending[position[n]] > 0);
            throw new InvalidOperationException(
                $"Graph '{Name}' has a cycle through node '{stuck.DisplayName}'; ONNX graphs must be acyclic.");
        }

        return order;
    }
}
