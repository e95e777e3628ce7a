using System.Text;
using System.Text.Json;
using StandardsCloud.NodeDaemon.Context;
using StandardsCloud.NodeDaemon.Tests.Support;

namespace StandardsCloud.NodeDaemon.Tests.Context;

public sealed class ContextFilesTests
{
    private const string Id = "i-0123456789abcdef0";

    private static ContextSeed Seed(NodeProtocol.InstanceContext? context)
    {
        var seed = ContextFiles.Render(Id, context);
        Assert.True(seed.IsOk, seed.Error);
        return seed.Value;
    }

    /// <summary>The YAML parsed by PyYAML (what cloud-init uses), as JSON.</summary>
    private static async Task<JsonElement> ParseYamlAsync(string yaml)
    {
        var json = await Tool.OutputAsync(
            "python3", "-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.argv[1])))", yaml);
        return JsonDocument.Parse(json).RootElement;
    }

    [Fact]
    public void Render_AnyContext_WritesTheFourSeedFiles()
    {
        var names = Seed(Contexts.Full()).Files.Select(f => f.Name);

        Assert.Equal(["meta-data", "user-data", "network-config", "context.sh"], names);
    }

    [Fact]
    public async Task Render_MetaData_ParsesToInstanceHostnameAndTrimmedKeys()
    {
        var meta = await ParseYamlAsync(Seed(Contexts.Full() with { Hostname = "web: \"1\"" }).Text("meta-data")!);

        Assert.Equal(Id, meta.GetProperty("instance-id").GetString());
        Assert.Equal("web: \"1\"", meta.GetProperty("local-hostname").GetString());
        Assert.Equal(
            ["ssh-ed25519 AAAAfirst me@home", "ssh-rsa AAAAsecond me@work"],
            meta.GetProperty("public-keys").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public void Render_UserData_IsTheDecodedBytesExactly()
    {
        byte[] bytes = [0x23, 0x21, 0xff, 0x00, 0x0d, 0x0a, 0x80];

        var seed = Seed(Contexts.Full(Convert.ToBase64String(bytes)));

        Assert.Equal(bytes, seed.Files.Single(f => f.Name == "user-data").Content);
    }

    [Fact]
    public void Render_NoUserData_IsAnEmptyCloudConfig()
    {
        Assert.Equal("#cloud-config\n", Seed(Contexts.Full()).Text("user-data"));
    }

    [Fact]
    public void Render_UserDataNotBase64_FailsNamingIt()
    {
        var seed = ContextFiles.Render(Id, Contexts.Full("not base64!"));

        Assert.False(seed.IsOk);
        Assert.Contains("base64", seed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoContext_NamesTheInstanceAsItsHost()
    {
        var seed = Seed(null);

        Assert.Contains($"instance-id: \"{Id}\"", seed.Text("meta-data"), StringComparison.Ordinal);
        Assert.Contains($"HOSTNAME=\"{Id}\"", seed.Text("context.sh"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NetworkConfig_PrivateAddress_IsStaticWithDefaultRouteAndNoNameservers()
    {
        var network = await ParseYamlAsync(Seed(Contexts.Full()).Text("network-config")!);

        Assert.Equal(2, network.GetProperty("version").GetInt32());
        var ethernet = network.GetProperty("ethernets").EnumerateObject().Single().Value;
        Assert.Equal("e*", ethernet.GetProperty("match").GetProperty("name").GetString());
        Assert.Equal(["10.1.0.5/16"], ethernet.GetProperty("addresses").EnumerateArray().Select(a => a.GetString()));
        var route = ethernet.GetProperty("routes").EnumerateArray().Single();
        Assert.Equal("0.0.0.0/0", route.GetProperty("to").GetString());
        Assert.Equal("10.1.0.1", route.GetProperty("via").GetString());
        Assert.False(ethernet.TryGetProperty("nameservers", out _));
        Assert.False(ethernet.TryGetProperty("dhcp4", out _));
    }

    [Fact]
    public async Task NetworkConfig_NoPrivateAddress_AsksForDhcp()
    {
        var network = await ParseYamlAsync(Seed(Contexts.Bare()).Text("network-config")!);

        var ethernet = network.GetProperty("ethernets").EnumerateObject().Single().Value;
        Assert.True(ethernet.GetProperty("dhcp4").GetBoolean());
        Assert.False(ethernet.TryGetProperty("addresses", out _));
    }

    [Theory]
    [InlineData("10.1.0.5x")]
    [InlineData("fd00::5")]
    public void Render_PrivateAddressNotIPv4_Fails(string address)
    {
        var seed = ContextFiles.Render(Id, Contexts.Full() with { PrivateAddress = address });

        Assert.False(seed.IsOk);
        Assert.Contains(address, seed.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0.0.0.0")]
    [InlineData(8, "255.0.0.0")]
    [InlineData(20, "255.255.240.0")]
    [InlineData(32, "255.255.255.255")]
    public void Netmask_PrefixLength_IsDotted(int prefix, string mask)
    {
        Assert.Equal(mask, ContextFiles.Netmask(prefix));
    }

    [Fact]
    public void Digest_DiffersWhenAnyFileDiffers_SameForSameContent()
    {
        var a = Seed(Contexts.Full());

        Assert.Equal(a.Digest, Seed(Contexts.Full()).Digest);
        Assert.NotEqual(a.Digest, Seed(Contexts.Full() with { PublicAddress = "192.0.2.8" }).Digest);
        Assert.NotEqual(a.Digest, Seed(Contexts.Full(Convert.ToBase64String("x"u8.ToArray()))).Digest);
    }

    [Fact]
    public void Text_UnknownFile_IsNull()
    {
        Assert.Null(Seed(Contexts.Full()).Text("vendor-data"));
        Assert.Equal(Encoding.UTF8.GetBytes("#cloud-config\n"), Seed(Contexts.Full()).Files[1].Content);
    }
}
