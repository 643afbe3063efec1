using System.Reflection;
using System.Runtime.Serialization;

namespace ModelCompress.Engine.Config.Reading;

/// <summary>
/// Enum members are spelled in YAML as their lower-cased names (<c>AdamW</c> is <c>adamw</c>), or as their
/// <see cref="EnumMemberAttribute"/> value where a name has two words (<c>weight_only</c>).
/// </summary>
internal static class YamlNames
{
    public static string Of<T>(T value)
        where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? value.ToString().ToLowerInvariant();

    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum => Enum.GetValues<T>().Select(Of).ToList();

    public static bool TryParse<T>(string text, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (Of(candidate) == text)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
