using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace StandardsCloud.Cdmi.Conformance;

/// <summary>
/// A move and the changes its body asks (metadata, a data object's mimetype, fields, CDMI 1.1.1 §8.2.5,
/// §9.2.5) are one: both happen, or, when a change is refused, the object stays where and as it was.
/// </summary>
public class MoveTests(CdmiSite site) : IClassFixture<CdmiSite>
{
    /// <summary>alice's container holding "doc" (metadata colour: blue, field x-shelf: 1), shared with bob under <paramref name="mask"/>.</summary>
    private async Task<(HttpClient Alice, HttpClient Bob, string BobName, string Container)> SharedAsync(string mask)
    {
        var bobName = CdmiSite.Unique("bob");
        var alice = await site.CdmiUserAsync(CdmiSite.Unique("alice"));
        var bob = await site.CdmiUserAsync(bobName);
        var container = "/" + CdmiSite.Unique("moves") + "/";
        var acl = $$"""[{"acetype":"ALLOW","identifier":"{{bobName}}","aceflags":"OBJECT_INHERIT","acemask":"{{mask}}"}]""";
        await (await alice.PutContainerAsync(container, $$$"""{"metadata":{"cdmi_acl":{{{acl}}}}}""")).ExpectAsync(201);
        await (await alice.PutObjectAsync(container + "doc", """{"value":"alice's words","metadata":{"colour":"blue"},"x-shelf":1}""")).ExpectAsync(201);
        return (alice, bob, bobName, container);
    }

    private static async Task<string> ContainerAsync(HttpClient client)
    {
        var uri = "/" + CdmiSite.Unique("moves") + "/";
        await (await client.PutContainerAsync(uri)).ExpectAsync(201);
        return uri;
    }

    /// <summary>The source is where it was, as it was, and nothing is at the destination.</summary>
    private static async Task UnmovedAsync(HttpClient owner, string source, string destination)
    {
        var kept = await (await owner.GetCdmiAsync(source)).JsonAsync();
        Assert.Equal("alice's words", kept.GetProperty("value").GetString());
        Assert.Equal("blue", kept.GetProperty("metadata").GetProperty("colour").GetString());
        Assert.Equal(1, kept.GetProperty("x-shelf").GetInt32());
        await (await owner.GetCdmiAsync(destination)).ExpectAsync(404);
    }

    [Fact]
    public async Task Move_WithMetadataTheCallerMayNotWrite_Is403_AndLeavesTheSource()
    {
        var (alice, bob, _, container) = await SharedAsync("READ_OBJECT, READ_METADATA, ADD_OBJECT, DELETE");
        using (alice)
        using (bob)
        {
            await (await bob.PutObjectAsync(container + "moved", $$$"""{"move":"{{{container}}}doc","metadata":{"colour":"red"}}""")).ExpectAsync(403);
            await UnmovedAsync(alice, container + "doc", container + "moved");

            // Without the change bob may make the move itself.
            await (await bob.PutObjectAsync(container + "moved", $$"""{"move":"{{container}}doc"}""")).ExpectAsync(201);
            Assert.Equal("blue", (await (await alice.GetCdmiAsync(container + "moved")).JsonAsync()).GetProperty("metadata").GetProperty("colour").GetString());
        }
    }

    // CDMI 1.1.1 §16.1.5: fields the standard does not define take WRITE_ATTRIBUTES, cdmi_acl takes WRITE_ACL.
    [Fact]
    public async Task Move_WithFieldsOrAnAclTheCallerMayNotWrite_Is403_AndLeavesTheSource()
    {
        var (alice, bob, bobName, container) = await SharedAsync("READ_OBJECT, READ_METADATA, ADD_OBJECT, DELETE, WRITE_METADATA");
        using (alice)
        using (bob)
        {
            var acl = $$"""[{"acetype":"ALLOW","identifier":"{{bobName}}","aceflags":"NO_FLAGS","acemask":"ALL_PERMS"}]""";

            await (await bob.PutObjectAsync(container + "moved", $$"""{"move":"{{container}}doc","x-shelf":2}""")).ExpectAsync(403);
            await (await bob.PutObjectAsync(container + "moved", $$$"""{"move":"{{{container}}}doc","metadata":{"colour":"blue","cdmi_acl":{{{acl}}}}}""")).ExpectAsync(403);

            await UnmovedAsync(alice, container + "doc", container + "moved");
        }
    }

    [Fact]
    public async Task Move_ContainerWithTooMuchMetadata_Is400_AndLeavesItsTree()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutContainerAsync(container + "a/", """{"metadata":{"kept":"yes"}}""")).ExpectAsync(201);
        await (await client.PutObjectAsync(container + "a/f", """{"value":"inside"}""")).ExpectAsync(201);
        var tooMany = string.Join(",", Enumerable.Range(0, 1025).Select(i => $"\"k{i}\":\"v\""));

        await (await client.PutContainerAsync(container + "b/", $$$"""{"move":"{{{container}}}a/","metadata":{{{{tooMany}}}}}""")).ExpectAsync(400);

        Assert.Equal("yes", (await (await client.GetCdmiAsync(container + "a/")).JsonAsync()).GetProperty("metadata").GetProperty("kept").GetString());
        Assert.Equal("inside", await client.GetStringAsync(container + "a/f"));
        await (await client.GetCdmiAsync(container + "b/")).ExpectAsync(404);
        await (await client.GetCdmiAsync(container + "b/f")).ExpectAsync(404);
    }

    // CDMI 1.1.1 §16.4: a cdmi_value_hash this server does not compute is refused, and nothing changes.
    [Fact]
    public async Task Move_WithAnUnsupportedValueHash_Is400_AndMovesNothing()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "src", """{"value":"v"}""")).ExpectAsync(201);

        await (await client.PutObjectAsync(container + "dst", $$$"""{"move":"{{{container}}}src","metadata":{"cdmi_value_hash":"MD5"}}""")).ExpectAsync(400);

        Assert.Equal("v", await client.GetStringAsync(container + "src"));
        await (await client.GetCdmiAsync(container + "dst")).ExpectAsync(404);
    }

    // CDMI 1.1.1 §16.4: turned on for a stored value, the value is hashed then; a move keeps the value itself.
    [Fact]
    public async Task Move_TurningOnTheValueHash_ShowsTheMovedObjectHashedWithItsMetadata()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "src", """{"value":"moving","metadata":{"before":"move"}}""")).ExpectAsync(201);

        var moved = await (await client.PutObjectAsync(container + "dst",
            $$$"""{"move":"{{{container}}}src","metadata":{"after":"move","cdmi_value_hash":"SHA256"}}""")).JsonAsync();
        var read = (await (await client.GetCdmiAsync(container + "dst")).JsonAsync()).GetProperty("metadata");

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("moving")));
        foreach (var metadata in new[] { moved.GetProperty("metadata"), read })
        {
            Assert.Equal("move", metadata.GetProperty("after").GetString());
            Assert.False(metadata.TryGetProperty("before", out _));
            Assert.Equal("SHA256", metadata.GetProperty("cdmi_value_hash").GetString());
            Assert.Equal(sha256, metadata.GetProperty("cdmi_hash").GetString());
        }

        Assert.Equal("moving", await client.GetStringAsync(container + "dst"));
        await (await client.GetCdmiAsync(container + "src")).ExpectAsync(404);
    }

    // CDMI 1.1.1 §8.2.5: metadata given with a move replaces the source's, its cdmi_acl too.
    [Fact]
    public async Task Move_WithAnAcl_TakesIt()
    {
        var bobName = CdmiSite.Unique("bob");
        using var alice = await site.CdmiUserAsync(CdmiSite.Unique("alice"));
        using var bob = await site.CdmiUserAsync(bobName);
        var container = await ContainerAsync(alice);
        await (await alice.PutObjectAsync(container + "src", """{"value":"for bob"}""")).ExpectAsync(201);
        var acl = $$"""[{"acetype":"ALLOW","identifier":"OWNER@","aceflags":"NO_FLAGS","acemask":"ALL_PERMS"},{"acetype":"ALLOW","identifier":"{{bobName}}","aceflags":"NO_FLAGS","acemask":"READ_OBJECT"}]""";

        await (await alice.PutObjectAsync(container + "dst", $$$"""{"move":"{{{container}}}src","metadata":{"cdmi_acl":{{{acl}}}}}""")).ExpectAsync(201);

        Assert.Equal("for bob", await bob.GetStringAsync(container + "dst"));
        await (await bob.GetCdmiAsync(container + "src")).ExpectAsync(404);
    }

    // CDMI 1.1.1 §11.2.5: a queue moves with the values it holds; metadata given with the move replaces its own.
    [Fact]
    public async Task Move_QueueWithMetadata_KeepsItsValuesAndTakesTheMetadata()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.SendAsync(Cdmi.Request(HttpMethod.Put, container + "jobs", "application/cdmi-queue", """{"metadata":{"old":"1"}}""", "application/cdmi-queue"))).ExpectAsync(201);
        await (await client.SendAsync(Cdmi.Request(HttpMethod.Post, container + "jobs", "application/cdmi-queue", """{"value":"first"}"""))).ExpectAsync(204);

        var moved = await client.SendAsync(Cdmi.Request(HttpMethod.Put, container + "work", "application/cdmi-queue",
            $$$"""{"move":"{{{container}}}jobs","metadata":{"new":"2"}}""", "application/cdmi-queue"));
        await moved.ExpectAsync(201);
        var read = await (await client.GetCdmiAsync(container + "work")).JsonAsync();

        Assert.Equal("first", read.GetProperty("value").GetString());
        Assert.Equal("2", read.GetProperty("metadata").GetProperty("new").GetString());
        Assert.False(read.GetProperty("metadata").TryGetProperty("old", out _));
        await (await client.GetCdmiAsync(container + "jobs")).ExpectAsync(404);
    }

    [Fact]
    public async Task Move_ContainerWithMetadataAndFields_CarriesItsChildrenAndTakesThem()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutContainerAsync(container + "a/", """{"metadata":{"old":"1"},"x-shelf":1}""")).ExpectAsync(201);
        await (await client.PutContainerAsync(container + "a/inner/")).ExpectAsync(201);
        await (await client.PutObjectAsync(container + "a/inner/f", """{"value":"deep"}""")).ExpectAsync(201);

        var moved = await (await client.PutContainerAsync(container + "b/", $$"""{"move":"{{container}}a/","metadata":{"new":"2"},"x-shelf":2}""")).JsonAsync();
        var read = await (await client.GetCdmiAsync(container + "b/")).JsonAsync();

        Assert.Equal("2", read.GetProperty("metadata").GetProperty("new").GetString());
        Assert.False(read.GetProperty("metadata").TryGetProperty("old", out _));
        Assert.Equal(2, read.GetProperty("x-shelf").GetInt32());
        Assert.Equal(JsonValueKind.String, moved.GetProperty("objectID").ValueKind);
        Assert.Equal("deep", await client.GetStringAsync(container + "b/inner/f"));
        await (await client.GetCdmiAsync(container + "a/")).ExpectAsync(404);
        await (await client.GetCdmiAsync(container + "a/inner/f")).ExpectAsync(404);
    }
}
