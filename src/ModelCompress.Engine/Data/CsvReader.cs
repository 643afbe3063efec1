namespace ModelCompress.Engine.Data;

/// <summary>
/// Reads a numeric CSV with a header row. Columns are selected by name, by a range <c>p0..p63</c> (same prefix,
/// numbered suffixes, inclusive) or by a comma-separated list; a selection becomes a float64 array [rows, columns].
/// </summary>
public sealed class CsvReader
{
    private readonly string[][] _rows;
    private readonly Dictionary<string, int> _columns;

    private CsvReader(string file, string[] header, string[][] rows, int[] lines)
    {
        File = file;
        Header = header;
        _rows = rows;
        Lines = lines;
        _columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            _columns.TryAdd(header[i], i);
        }
    }

    /// <summary>The file's path.</summary>
    public string File { get; }

    /// <summary>The column names in file order.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Number of data rows.</summary>
    public int Rows => _rows.Length;

    private int[] Lines { get; }

    /// <summary>Reads <paramref name="path"/>; MC4001 when missing, MC4002 when empty or ragged.</summary>
    public static CsvReader Open(string path)
    {
        var real = DataFileCheck.Ensure(path, DataFileCheck.MaxArrayBytes);
        string[] text;
        try
        {
            text = System.IO.File.ReadAllLines(real);
        }
        catch (IOException e)
        {
            throw new CompressionException(DataDiagnostics.Corrupt(path, e.Message));
        }

        var firstLine = Array.FindIndex(text, l => l.Trim().Length > 0);
        if (firstLine < 0)
        {
            throw new CompressionException(DataDiagnostics.Corrupt(path, "the CSV file is empty; it needs a header row"));
        }

        var header = Split(text[firstLine]);
        var rows = new List<string[]>();
        var lines = new List<int>();
        for (var i = firstLine + 1; i < text.Length; i++)
        {
            if (text[i].Trim().Length == 0)
            {
                continue;
            }

            var cells = Split(text[i]);
            if (cells.Length != header.Length)
            {
                throw new CompressionException(DataDiagnostics.Corrupt(path,
                    $"line {i + 1} has {cells.Length} values but the header has {header.Length} columns"));
            }

            rows.Add(cells);
            lines.Add(i + 1);
        }

        return new CsvReader(path, header, rows.ToArray(), lines.ToArray());
    }

    /// <summary>The columns named by <paramref name="spec"/>, in order; MC4015/MC4020 when they do not exist or the spec is bad.</summary>
    public IReadOnlyList<string> Resolve(string spec)
    {
        var names = CsvColumnSpec.Expand(spec) ?? throw new CompressionException(DataDiagnostics.BadColumnSpec(File, spec));
        foreach (var name in names.Where(n => !_columns.ContainsKey(n)))
        {
            throw new CompressionException(DataDiagnostics.ColumnMissing(File, name, Header));
        }

        return names;
    }

    /// <summary>The selected columns as a float64 array [rows, columns]; MC4016 on a value that is not a number.</summary>
    public NdArray Read(string spec)
    {
        var names = Resolve(spec);
        var indices = names.Select(n => _columns[n]).ToArray();
        var data = new double[(long)_rows.Length * indices.Length];
        for (var r = 0; r < _rows.Length; r++)
        {
            for (var c = 0; c < indices.Length; c++)
            {
                var cell = _rows[r][indices[c]];
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    throw new CompressionException(DataDiagnostics.BadCsvValue(File, Lines[r], names[c], cell));
                }

                data[(r * indices.Length) + c] = value;
            }
        }

        return new NdArray(NdElementType.Float64, [_rows.Length, indices.Length], data);
    }

    private static string[] Split(string line) =>
        line.Split(',').Select(c => c.Trim().Trim('"')).ToArray();
}
