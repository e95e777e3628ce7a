using System.Net;
using StandardsCloud.NodeDaemon.Hosting;
using StandardsCloud.NodeDaemon.Tests.Support;

namespace StandardsCloud.NodeDaemon.Tests.Hosting;

public sealed class CommandLineTests
{
    private static string? NoEnvironment(string name) => null;

    [Fact]
    public void Parse_OnlyToken_UsesDefaults()
    {
        var parsed = CommandLine.Parse(["--join-token", "t", "--name", "n1"], NoEnvironment);

        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal(new Uri("http://127.0.0.1:8080"), parsed.Value.Core);
        Assert.Equal("test", parsed.Value.LibvirtUri);
        Assert.Equal(8, parsed.Value.Cpus);
        Assert.Equal(16384, parsed.Value.MemoryMiB);
        Assert.Equal(Path.GetFullPath(".data/nodes/n1"), parsed.Value.DataDir);
        Assert.Null(parsed.Value.ShutdownGrace);
    }

    [Fact]
    public void Parse_EnvironmentAndArgument_ArgumentWins()
    {
        var environment = new Dictionary<string, string>
        {
            ["STANDARDSCLOUD_NODE_JOIN_TOKEN"] = "from-env",
            ["STANDARDSCLOUD_NODE_CPUS"] = "3",
            ["STANDARDSCLOUD_NODE_URI"] = "qemu:///system",
        };

        var parsed = CommandLine.Parse(["--cpus=5"], environment.GetValueOrDefault);

        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal("from-env", parsed.Value.JoinToken);
        Assert.Equal(5, parsed.Value.Cpus);
        Assert.Equal("qemu:///system", parsed.Value.LibvirtUri);
    }

    [Fact]
    public void Parse_TokenFile_ReadsTrimmedToken()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("token"), "  secret\n");

        var parsed = CommandLine.Parse(["--join-token-file", dir.File("token")], NoEnvironment);

        Assert.Equal("secret", parsed.Value.JoinToken);
    }

    [Theory]
    [InlineData("--cpus", "zero", "--cpus")]
    [InlineData("--memory-mib", "-1", "--memory-mib")]
    [InlineData("--core", "ftp://x", "--core")]
    [InlineData("--uri", "qemu", "--uri")]
    [InlineData("--kvm", "maybe", "--kvm")]
    [InlineData("--shutdown-grace-seconds", "soon", "--shutdown-grace-seconds")]
    [InlineData("--bridge", "a-name-far-too-long", "--bridge")]
    [InlineData("--bridge", "br/0", "--bridge")]
    [InlineData("--metadata-listen", "169.254.169.254", "--metadata-listen")]
    [InlineData("--metadata-listen", "localhost:80", "--metadata-listen")]
    [InlineData("--public-interface", "thirteen-char", "--public-interface")]
    [InlineData("--public-interface", "eth 1", "--public-interface")]
    public void Parse_BadValue_NamesTheArgument(string name, string value, string expected)
    {
        var parsed = CommandLine.Parse(["--join-token", "t", name, value], NoEnvironment);

        Assert.False(parsed.IsOk);
        Assert.StartsWith(expected, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoBridge_NoNetworkAndNoMetadataService()
    {
        var parsed = CommandLine.Parse(["--join-token", "t"], NoEnvironment);

        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Null(parsed.Value.Bridge);
        Assert.Null(parsed.Value.MetadataListen);
        Assert.False(parsed.Value.MetadataV2Only);
        Assert.Null(parsed.Value.PublicInterface);
    }

    [Fact]
    public void Parse_PublicInterface_Kept()
    {
        var parsed = CommandLine.Parse(["--join-token", "t", "--public-interface", "eth1"], NoEnvironment);

        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal("eth1", parsed.Value.PublicInterface);
    }

    [Fact]
    public void Parse_Bridge_MetadataServiceOnTheLinkLocalAddress()
    {
        var parsed = CommandLine.Parse(["--join-token", "t", "--bridge", "scbr0"], NoEnvironment);

        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal("scbr0", parsed.Value.Bridge);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("169.254.169.254"), 80), parsed.Value.MetadataListen);
    }

    [Fact]
    public void Parse_BridgeWithMetadataOff_NoMetadataService()
    {
        var parsed = CommandLine.Parse(["--join-token", "t", "--bridge", "scbr0", "--metadata-listen", "off"], NoEnvironment);

        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Null(parsed.Value.MetadataListen);
    }

    [Fact]
    public void Parse_MetadataListenAndV2OnlyFlag_Taken()
    {
        var parsed = CommandLine.Parse(
            ["--metadata-v2-only", "--join-token", "t", "--metadata-listen", "[::1]:8775"], NoEnvironment);

        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 8775), parsed.Value.MetadataListen);
        Assert.True(parsed.Value.MetadataV2Only);
        Assert.Null(parsed.Value.Bridge);
    }

    [Fact]
    public void Parse_V2OnlyNeitherTrueNorFalse_NamesTheArgument()
    {
        var parsed = CommandLine.Parse(["--join-token", "t", "--metadata-v2-only=perhaps"], NoEnvironment);

        Assert.False(parsed.IsOk);
        Assert.StartsWith("--metadata-v2-only", parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_V2OnlyFromEnvironment_Taken()
    {
        var environment = new Dictionary<string, string>
        {
            ["STANDARDSCLOUD_NODE_JOIN_TOKEN"] = "t",
            ["STANDARDSCLOUD_NODE_METADATA_V2_ONLY"] = "true",
            ["STANDARDSCLOUD_NODE_BRIDGE"] = "br-env",
        };

        var parsed = CommandLine.Parse([], environment.GetValueOrDefault);

        Assert.True(parsed.IsOk, parsed.Error);
        Assert.True(parsed.Value.MetadataV2Only);
        Assert.Equal("br-env", parsed.Value.Bridge);
    }

    [Fact]
    public void Parse_UnknownArgument_ListsAllowed()
    {
        var parsed = CommandLine.Parse(["--frobnicate"], NoEnvironment);

        Assert.False(parsed.IsOk);
        Assert.Contains("--join-token", parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoToken_Fails()
    {
        var parsed = CommandLine.Parse([], NoEnvironment);

        Assert.False(parsed.IsOk);
        Assert.Contains("--join-token", parsed.Error, StringComparison.Ordinal);
    }
}
