// netstandard2.0 (the MSBuild task target) lacks the marker type that init accessors, and so positional records, need.
// The compiler only looks it up by name, so this internal copy is enough.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
