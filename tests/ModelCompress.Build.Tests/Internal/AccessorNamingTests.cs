using ModelCompress.Naming;

namespace ModelCompress.Build.Tests.Internal;

public sealed class AccessorNamingTests
{
    [Theory]
    [InlineData("digits", "Digits")]
    [InlineData("digits-cnn.v2", "DigitsCnnV2")]
    [InlineData("digits_cnn", "DigitsCnn")]
    [InlineData("3d unet", "_3dUnet")]
    [InlineData("Grüße", "Grüße")]
    [InlineData("class", "Class")]
    [InlineData("--", "_")]
    public void Model_names_become_pascal_case_identifiers(string name, string expected)
    {
        Assert.Equal(expected, AccessorNaming.AccessorName(name));
        Assert.True(AccessorNaming.IsValidIdentifier(expected));
    }

    [Theory]
    [InlineData("Digits", true)]
    [InlineData("_x1", true)]
    [InlineData("@class", true)]
    [InlineData("class", false)]
    [InlineData("1x", false)]
    [InlineData("a-b", false)]
    [InlineData("", false)]
    public void Validity_follows_the_csharp_rules(string name, bool valid)
    {
        Assert.Equal(valid, AccessorNaming.IsValidIdentifier(name));
    }

    [Theory]
    [InlineData("All", "CompressedModels", true)]
    [InlineData("CompressedModels", "CompressedModels", true)]
    [InlineData("Zoo", "Zoo", true)]
    [InlineData("Digits", "CompressedModels", false)]
    [InlineData("AllModels", "CompressedModels", false)]
    public void Members_of_the_generated_class_are_reserved(string accessor, string className, bool reserved)
    {
        // The same rule the engine applies to compression.yaml at read time (MC1152), so both agree.
        Assert.Equal(reserved, AccessorNaming.IsReserved(accessor, className));
    }
}
