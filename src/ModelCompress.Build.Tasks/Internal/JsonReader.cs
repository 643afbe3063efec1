using System.Globalization;
using System.Text;

namespace ModelCompress.Build.Tasks.Internal;

/// <summary>
/// A small strict JSON parser for the engine's manifest. The task may only depend on MSBuild's own assemblies
/// (System.Text.Json is not available to a netstandard2.0 task in every MSBuild), and the manifest is tiny.
/// Objects become <see cref="Dictionary{TKey,TValue}"/>, arrays <see cref="List{T}"/>, numbers double.
/// </summary>
internal sealed class JsonReader
{
    private readonly string _text;
    private int _position;

    private JsonReader(string text) => _text = text;

    /// <summary>Parses one JSON document; throws <see cref="FormatException"/> naming the offset on bad input.</summary>
    public static object? Parse(string text)
    {
        var reader = new JsonReader(text);
        var value = reader.ReadValue();
        reader.SkipWhitespace();
        if (reader._position != text.Length)
        {
            throw reader.Error("unexpected text after the end of the document");
        }

        return value;
    }

    private object? ReadValue()
    {
        SkipWhitespace();
        if (_position >= _text.Length)
        {
            throw Error("unexpected end of the document");
        }

        switch (_text[_position])
        {
            case '{': return ReadObject();
            case '[': return ReadArray();
            case '"': return ReadString();
            case 't': return ReadLiteral("true", true);
            case 'f': return ReadLiteral("false", false);
            case 'n': return ReadLiteral("null", null);
            default: return ReadNumber();
        }
    }

    private Dictionary<string, object?> ReadObject()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        _position++;
        SkipWhitespace();
        if (TryConsume('}'))
        {
            return result;
        }

        do
        {
            SkipWhitespace();
            if (_position >= _text.Length || _text[_position] != '"')
            {
                throw Error("expected a property name");
            }

            var key = ReadString();
            SkipWhitespace();
            Expect(':');
            result[key] = ReadValue();
            SkipWhitespace();
        }
        while (TryConsume(','));

        Expect('}');
        return result;
    }

    private List<object?> ReadArray()
    {
        var result = new List<object?>();
        _position++;
        SkipWhitespace();
        if (TryConsume(']'))
        {
            return result;
        }

        do
        {
            result.Add(ReadValue());
            SkipWhitespace();
        }
        while (TryConsume(','));

        Expect(']');
        return result;
    }

    private string ReadString()
    {
        var builder = new StringBuilder();
        _position++;
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                break;
            }

            var escape = _text[_position++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u': builder.Append(ReadUnicodeEscape()); break;
                default: throw Error("invalid escape '\\" + escape + "'");
            }
        }

        throw Error("unterminated string");
    }

    private char ReadUnicodeEscape()
    {
        if (_position + 4 > _text.Length ||
            !int.TryParse(_text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
        {
            throw Error("invalid \\u escape");
        }

        _position += 4;
        return (char)code;
    }

    private double ReadNumber()
    {
        var start = _position;
        while (_position < _text.Length && "+-0123456789.eE".IndexOf(_text[_position]) >= 0)
        {
            _position++;
        }

        if (start == _position ||
            !double.TryParse(_text.Substring(start, _position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            throw Error("unexpected character '" + _text[start] + "'");
        }

        return number;
    }

    private object? ReadLiteral(string literal, object? value)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw Error("unexpected character '" + _text[_position] + "'");
        }

        _position += literal.Length;
        return value;
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private bool TryConsume(char c)
    {
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
        {
            throw Error("expected '" + c + "'");
        }
    }

    private FormatException Error(string what) =>
        new FormatException(what + " at offset " + _position.ToString(CultureInfo.InvariantCulture));
}
