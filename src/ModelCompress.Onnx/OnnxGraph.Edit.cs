namespace ModelCompress.Onnx;

/// <summary>Edits: nodes, initializers, renames, fresh names. Each edit invalidates the index.</summary>
public sealed partial class OnnxGraph
{
    private HashSet<string>? _usedNames;

    /// <summary>Appends a node, or inserts it at <paramref name="index"/> in file order.</summary>
    public OnnxNode AddNode(OnnxNode node, int? index = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        Proto.Node.Insert(index ?? Proto.Node.Count, node.Proto);
        Reserve(node);
        Invalidate();
        return node;
    }

    /// <summary>Removes a node (by identity); true when it was in the graph.</summary>
    public bool RemoveNode(OnnxNode node)
    {
        var at = IndexOf(node);
        if (at < 0)
        {
            return false;
        }

        Proto.Node.RemoveAt(at);
        Invalidate();
        return true;
    }

    /// <summary>Puts <paramref name="replacements"/> where <paramref name="node"/> was, in the given order.</summary>
    public void ReplaceNode(OnnxNode node, IEnumerable<OnnxNode> replacements)
    {
        var at = IndexOf(node);
        if (at < 0)
        {
            throw new ArgumentException($"Node '{node.DisplayName}' is not in graph '{Name}'.", nameof(node));
        }

        Proto.Node.RemoveAt(at);
        foreach (var replacement in replacements)
        {
            Proto.Node.Insert(at++, replacement.Proto);
            Reserve(replacement);
        }

        Invalidate();
    }

    /// <summary>Adds an initializer, or replaces the one with the same name in place (its position is kept).</summary>
    public void SetInitializer(OnnxTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var proto = tensor.ToProto();
        var at = FindInitializer(tensor.Name);
        if (at >= 0)
        {
            Proto.Initializer[at] = proto;
        }
        else
        {
            Proto.Initializer.Add(proto);
        }

        // A graph input declared for this initializer must keep describing it.
        var input = Proto.Input.FirstOrDefault(i => i.Name == tensor.Name);
        if (input is not null)
        {
            input.Type = new OnnxTensorType(tensor.DataType, tensor.Dims.Select(OnnxDim.Of).ToArray()).ToProto();
        }

        _usedNames?.Add(tensor.Name);
        Invalidate();
    }

    /// <summary>Removes an initializer (and its graph input entry, if the file listed one); true when found.</summary>
    public bool RemoveInitializer(string name)
    {
        var at = FindInitializer(name);
        if (at < 0)
        {
            return false;
        }

        Proto.Initializer.RemoveAt(at);
        var input = Proto.Input.FirstOrDefault(i => i.Name == name);
        if (input is not null)
        {
            Proto.Input.Remove(input);
        }

        Invalidate();
        return true;
    }

    /// <summary>Makes every node that reads <paramref name="oldName"/> read <paramref name="newName"/>; returns the count.</summary>
    public int ReplaceAllUses(string oldName, string newName)
    {
        var count = 0;
        foreach (var node in Proto.Node)
        {
            for (var i = 0; i < node.Input.Count; i++)
            {
                if (node.Input[i] == oldName)
                {
                    node.Input[i] = newName;
                    count++;
                }
            }
        }

        Invalidate();
        return count;
    }

    /// <summary>
    /// A node or value name not yet used in this graph: <paramref name="baseName"/> itself when free, else
    /// <c>baseName_1</c>, <c>baseName_2</c>, ... The name is reserved, so two calls never return the same name.
    /// </summary>
    public string UniqueName(string baseName)
    {
        var used = _usedNames ??= CollectNames();
        var name = baseName;
        for (var i = 1; !used.Add(name); i++)
        {
            name = $"{baseName}_{i}";
        }

        return name;
    }

    private HashSet<string> CollectNames()
    {
        var names = new HashSet<string>(ValueNames, StringComparer.Ordinal);
        names.UnionWith(Proto.Node.Select(n => n.Name).Where(n => n.Length > 0));
        names.UnionWith(Proto.Output.Select(o => o.Name));
        names.UnionWith(Proto.ValueInfo.Select(v => v.Name));
        return names;
    }

    private void Reserve(OnnxNode node)
    {
        if (_usedNames is { } used)
        {
            used.Add(node.Name);
            used.UnionWith(node.Outputs);
        }
    }

    private int IndexOf(OnnxNode node)
    {
        for (var i = 0; i < Proto.Node.Count; i++)
        {
            if (ReferenceEquals(Proto.Node[i], node.Proto))
            {
                return i;
            }
        }

        return -1;
    }

    private int FindInitializer(string name)
    {
        for (var i = 0; i < Proto.Initializer.Count; i++)
        {
            if (Proto.Initializer[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
