using ModelCompress.Build.Tasks.Internal;

namespace ModelCompress.Build.Tests.Internal;

public sealed class CSharpIdentifierTests
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
        Assert.Equal(expected, CSharpIdentifier.FromName(name));
        Assert.True(CSharpIdentifier.IsValid(expected));
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
        Assert.Equal(valid, CSharpIdentifier.IsValid(name));
    }
}
