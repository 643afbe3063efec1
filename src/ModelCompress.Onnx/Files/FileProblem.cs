namespace ModelCompress.Onnx.Files;

/// <summary>Why a path named as an input (model, data, external data, config) cannot be read safely.</summary>
public enum FileProblem
{
    /// <summary>The path is a readable regular file (after resolving symlinks).</summary>
    None,

    /// <summary>Nothing exists at the path.</summary>
    Missing,

    /// <summary>The path is a symlink whose target does not exist (or a loop of symlinks).</summary>
    DanglingLink,

    /// <summary>The path (or its target) is a folder, FIFO, socket or device such as /dev/zero.</summary>
    NotRegular,

    /// <summary>The path holds a NUL or other control character.</summary>
    BadName,

    /// <summary>The real target lies outside the folder the file must stay in.</summary>
    OutsideFolder,

    /// <summary>The file is larger than the limit for its kind.</summary>
    TooLarge,
}
