using System.Diagnostics;

namespace ModelCompress.Build.Tests.Internal;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("", "\"\"")]
    [InlineData("/tmp/a b @ Grüße/compression.yaml", "\"/tmp/a b @ Grüße/compression.yaml\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"C:\dir\", "\"C:\\dir\\\\\"")]
    [InlineData(@"a\\""b", "\"a\\\\\\\\\\\"b\"")]
    public void Quotes_every_argument_so_it_arrives_unchanged(string argument, string expected)
    {
        Assert.Equal(expected, CommandLine.Join(new[] { argument }));
    }

    [Fact]
    public void A_real_process_receives_each_argument_exactly()
    {
        Assert.True(File.Exists("/usr/bin/printf") || OperatingSystem.IsWindows(), "printf is needed to echo arguments back");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var arguments = new[] { "/tmp/a b @ Grüße/x.yaml", "say \"hi\"", @"trailing\", "", "--flag", "ü€𝄞" };
        var start = new ProcessStartInfo("/usr/bin/printf", CommandLine.Join(new[] { "[%s]\\n" }.Concat(arguments)))
        {
            RedirectStandardOutput = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(arguments.Select(a => "[" + a + "]"), output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
