namespace ModelCompress.Engine.Config;

/// <summary>Format of a data file; told by its extension unless <c>format:</c> says otherwise.</summary>
public enum DataFormat
{
    /// <summary>NumPy archive of named arrays.</summary>
    Npz,

    /// <summary>One NumPy array.</summary>
    Npy,

    /// <summary>Comma-separated table with a header row.</summary>
    Csv,
}
