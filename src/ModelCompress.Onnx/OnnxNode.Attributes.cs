using System.Text;
using Google.Protobuf;

namespace ModelCompress.Onnx;

/// <summary>Typed attribute getters (with defaults) and setters.</summary>
public sealed partial class OnnxNode
{
    /// <summary>True when the node carries the attribute.</summary>
    public bool HasAttribute(string name) => Find(name) is not null;

    /// <summary>The attribute message, or null.</summary>
    public AttributeProto? Attribute(string name) => Find(name);

    /// <summary>An INT attribute, or <paramref name="defaultValue"/> when absent.</summary>
    public long GetInt(string name, long defaultValue = 0) => Find(name) is { } a ? a.I : defaultValue;

    /// <summary>A FLOAT attribute, or <paramref name="defaultValue"/> when absent.</summary>
    public float GetFloat(string name, float defaultValue = 0f) => Find(name) is { } a ? a.F : defaultValue;

    /// <summary>A STRING attribute (UTF-8), or <paramref name="defaultValue"/> when absent.</summary>
    public string GetString(string name, string defaultValue = "") => Find(name) is { } a ? a.S.ToStringUtf8() : defaultValue;

    /// <summary>An INTS attribute, or <paramref name="defaultValue"/> (null when not given) when absent.</summary>
    public IReadOnlyList<long>? GetInts(string name, IReadOnlyList<long>? defaultValue = null) =>
        Find(name) is { } a ? a.Ints.ToArray() : defaultValue;

    /// <summary>A FLOATS attribute, or <paramref name="defaultValue"/> when absent.</summary>
    public IReadOnlyList<float>? GetFloats(string name, IReadOnlyList<float>? defaultValue = null) =>
        Find(name) is { } a ? a.Floats.ToArray() : defaultValue;

    /// <summary>A TENSOR attribute, or null when absent.</summary>
    public OnnxTensor? GetTensor(string name) => Find(name)?.T is { } t ? OnnxTensor.Wrap(t) : null;

    /// <summary>Sets an INT attribute.</summary>
    public OnnxNode SetAttribute(string name, long value) =>
        Put(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });

    /// <summary>Sets a FLOAT attribute.</summary>
    public OnnxNode SetAttribute(string name, float value) =>
        Put(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value });

    /// <summary>Sets a STRING attribute.</summary>
    public OnnxNode SetAttribute(string name, string value) =>
        Put(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFrom(value, Encoding.UTF8) });

    /// <summary>Sets an INTS attribute.</summary>
    public OnnxNode SetAttribute(string name, IEnumerable<long> values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return Put(a);
    }

    /// <summary>Sets a FLOATS attribute.</summary>
    public OnnxNode SetAttribute(string name, IEnumerable<float> values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        a.Floats.AddRange(values);
        return Put(a);
    }

    /// <summary>Sets a TENSOR attribute (a copy of the tensor).</summary>
    public OnnxNode SetAttribute(string name, OnnxTensor value) =>
        Put(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = value.ToProto() });

    /// <summary>Removes an attribute; true when it was there.</summary>
    public bool RemoveAttribute(string name)
    {
        var a = Find(name);
        return a is not null && Proto.Attribute.Remove(a);
    }

    private AttributeProto? Find(string name)
    {
        foreach (var a in Proto.Attribute)
        {
            if (a.Name == name)
            {
                return a;
            }
        }

        return null;
    }

    private OnnxNode Put(AttributeProto attribute)
    {
        for (var i = 0; i < Proto.Attribute.Count; i++)
        {
            if (Proto.Attribute[i].Name == attribute.Name)
            {
                Proto.Attribute[i] = attribute;
                return this;
            }
        }

        Proto.Attribute.Add(attribute);
        return this;
    }
}
