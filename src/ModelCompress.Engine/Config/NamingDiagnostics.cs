using ModelCompress.Naming;

namespace ModelCompress.Engine.Config;

/// <summary>MC1150–MC1159: model names that the build could not turn into files, resources or accessor members.</summary>
internal static class NamingDiagnostics
{
    /// <summary>MC1150: a model name longer than output file names allow.</summary>
    public static Diagnostic NameTooLong(SourcePosition at, string name) => Diagnostic.Error(
        "MC1150",
        $"Model name '{Short(name)}' is {name.Length} characters long; the limit is {AccessorNaming.MaxModelNameLength} (the output file and resource are named after it). Use a shorter name.",
        at, at.File);

    /// <summary>MC1151: two model names that map to the same accessor member.</summary>
    public static Diagnostic AccessorClash(SourcePosition at, string name, string other, SourcePosition first, string accessor) => Diagnostic.Error(
        "MC1151",
        $"Model names '{name}' and '{other}' (line {first.Line}) both become the accessor member CompressedModels.{accessor}; rename one of them.",
        at, at.File);

    /// <summary>MC1152: a model name that maps to a member the generated class already has.</summary>
    public static Diagnostic AccessorReserved(SourcePosition at, string name, string accessor) => Diagnostic.Error(
        "MC1152",
        $"Model name '{name}' becomes the accessor member '{accessor}', which the generated class {AccessorNaming.DefaultClassName} already has; rename the model.",
        at, at.File);

    private static string Short(string name) => name.Length <= 40 ? name : name[..40] + "…";
}
