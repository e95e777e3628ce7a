using System.Text.Json;

namespace StandardsCloud.Cdmi.Conformance;

/// <summary>
/// A copy carries only what the caller may read of its source (CDMI 1.1.1 §8.2.5, §9.2.5: insufficient
/// permissions to read the source → 400, the destination unchanged; §16.1.5 says what each read bit covers).
/// </summary>
public partial class AccessMaskTests
{
    /// <summary>alice's object, shared with bob under <paramref name="mask"/>, given a mimetype and an uninterpreted field too.</summary>
    private async Task<(HttpClient Alice, HttpClient Bob, string Uri)> SharedWithAttributesAsync(string mask)
    {
        var (alice, bob, uri) = await SharedAsync(mask);
        await (await alice.PutObjectAsync(uri, """{"mimetype":"text/csv","x-stamp":"alice"}""")).ExpectAsync(204);
        return (alice, bob, uri);
    }

    private static async Task<JsonElement> CopiedAsync(HttpClient client, string destination, string source)
    {
        await (await client.PutObjectAsync(destination, $$"""{"copy":"{{source}}"}""")).ExpectAsync(201);
        return await (await client.GetCdmiAsync(destination)).JsonAsync();
    }

    [Fact]
    public async Task ReadObjectOnly_WholeCopy_Is400_NamingTheRights_AndCreatesNothing()
    {
        var (alice, bob, uri) = await SharedAsync("READ_OBJECT");
        using (alice)
        using (bob)
        {
            var loot = "/" + CdmiSite.Unique("loot");

            var refused = await bob.PutObjectAsync(loot, $$"""{"copy":"{{uri}}"}""");

            await refused.ExpectAsync(400);
            var message = await refused.Content.ReadAsStringAsync();
            Assert.Contains("READ_METADATA", message, StringComparison.Ordinal);
            Assert.Contains("READ_ATTRIBUTES", message, StringComparison.Ordinal);
            Assert.Contains("?value", message, StringComparison.Ordinal);
            await (await bob.GetCdmiAsync(loot)).ExpectAsync(404);
        }
    }

    [Fact]
    public async Task ReadObjectOnly_CopyOfTheValue_CarriesTheValueAlone()
    {
        var (alice, bob, uri) = await SharedWithAttributesAsync("READ_OBJECT");
        using (alice)
        using (bob)
        {
            var copy = await CopiedAsync(bob, "/" + CdmiSite.Unique("loot"), uri + "?value");

            Assert.Equal("alice's words", copy.GetProperty("value").GetString());
            Assert.False(copy.GetProperty("metadata").TryGetProperty("colour", out _));
            Assert.Equal("text/plain", copy.GetProperty("mimetype").GetString());
            Assert.False(copy.TryGetProperty("x-stamp", out _));
        }
    }

    [Theory]
    [InlineData("?metadata")]
    [InlineData("?value;metadata:col")]
    public async Task ReadObjectOnly_CopyNamingMetadata_Is400(string query)
    {
        var (alice, bob, uri) = await SharedAsync("READ_OBJECT");
        using (alice)
        using (bob)
        {
            var refused = await bob.PutObjectAsync("/" + CdmiSite.Unique("loot"), $$"""{"copy":"{{uri}}{{query}}"}""");

            await refused.ExpectAsync(400);
            Assert.Contains("READ_METADATA", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    // §16.1.7 example 1: READ_ALL is READ_OBJECT and READ_METADATA; the mimetype and uninterpreted fields are attribute fields.
    [Fact]
    public async Task ReadAllWithoutReadAttributes_WholeCopy_Is400_ValueAndMetadataCopyLeavesTheAttributes()
    {
        var (alice, bob, uri) = await SharedWithAttributesAsync("READ_ALL");
        using (alice)
        using (bob)
        {
            var loot = "/" + CdmiSite.Unique("loot");

            var whole = await bob.PutObjectAsync(loot, $$"""{"copy":"{{uri}}"}""");
            var stamp = await bob.PutObjectAsync(loot, $$"""{"copy":"{{uri}}?value;x-stamp"}""");
            var mimetype = await bob.PutObjectAsync(loot, $$"""{"copy":"{{uri}}?mimetype"}""");

            await whole.ExpectAsync(400);
            var message = await whole.Content.ReadAsStringAsync();
            Assert.Contains("READ_ATTRIBUTES", message, StringComparison.Ordinal);
            Assert.DoesNotContain("READ_METADATA", message, StringComparison.Ordinal);
            await stamp.ExpectAsync(400);
            await mimetype.ExpectAsync(400);
            await (await bob.GetCdmiAsync(loot)).ExpectAsync(404);

            var copy = await CopiedAsync(bob, loot, uri + "?value;metadata");
            Assert.Equal("alice's words", copy.GetProperty("value").GetString());
            Assert.Equal("blue", copy.GetProperty("metadata").GetProperty("colour").GetString());
            Assert.Equal("text/plain", copy.GetProperty("mimetype").GetString());
            Assert.False(copy.TryGetProperty("x-stamp", out _));
        }
    }

    // A data object's copy never carries its ACL (the copy gets its body's or inherits one), so READ_ACL is not needed.
    [Theory]
    [InlineData("READ_ALL, READ_ATTRIBUTES")]
    [InlineData("READ_ALL, READ_ATTRIBUTES, READ_ACL")]
    public async Task EveryReadRight_WholeCopy_CarriesEverything(string mask)
    {
        var (alice, bob, uri) = await SharedWithAttributesAsync(mask);
        using (alice)
        using (bob)
        {
            foreach (var (client, destination) in new[] { (bob, "/" + CdmiSite.Unique("loot")), (alice, ContainerOf(uri) + "own") })
            {
                var copy = await CopiedAsync(client, destination, uri);

                Assert.Equal("alice's words", copy.GetProperty("value").GetString());
                Assert.Equal("blue", copy.GetProperty("metadata").GetProperty("colour").GetString());
                Assert.Equal("text/csv", copy.GetProperty("mimetype").GetString());
                Assert.Equal("alice", copy.GetProperty("x-stamp").GetString());
            }
        }
    }

    // §9.2.5: the container itself is carried whole; below it each object carries what the caller may read of it.
    [Fact]
    public async Task ReadObjectBelow_ContainerCopy_ChildrenArriveWithoutMetadataFieldsOrForeignAcl()
    {
        var bobName = CdmiSite.Unique("bob");
        using var alice = await site.CdmiUserAsync(CdmiSite.Unique("alice"));
        using var bob = await site.CdmiUserAsync(bobName);
        var tree = "/" + CdmiSite.Unique("tree") + "/";
        var acl = $$"""
            [{"acetype":"ALLOW","identifier":"{{bobName}}","aceflags":"NO_FLAGS","acemask":"READ_ALL, READ_ATTRIBUTES"},
             {"acetype":"ALLOW","identifier":"{{bobName}}","aceflags":"OBJECT_INHERIT, CONTAINER_INHERIT, INHERIT_ONLY","acemask":"READ_OBJECT"},
             {"acetype":"ALLOW","identifier":"carol","aceflags":"OBJECT_INHERIT, CONTAINER_INHERIT, INHERIT_ONLY","acemask":"READ_OBJECT"}]
            """;
        await (await alice.PutContainerAsync(tree, $$$"""{"metadata":{"project":"x","cdmi_acl":{{{acl}}}}}""")).ExpectAsync(201);
        await (await alice.PutObjectAsync(tree + "doc",
            """{"value":"alice's words","mimetype":"text/csv","x-stamp":"alice","metadata":{"colour":"blue","cdmi_value_hash":"SHA256"}}""")).ExpectAsync(201);
        await (await alice.PutContainerAsync(tree + "sub/", """{"metadata":{"shade":"dark"},"x-box":"1"}""")).ExpectAsync(201);
        await (await alice.PutObjectAsync(tree + "sub/deep", """{"value":"deep","metadata":{"colour":"red"}}""")).ExpectAsync(201);
        var loot = "/" + CdmiSite.Unique("loot") + "/";

        await (await bob.PutContainerAsync(loot, $$"""{"copy":"{{tree}}"}""")).ExpectAsync(201);
        await (await alice.PutContainerAsync(tree[..^1] + "-own/", $$"""{"copy":"{{tree}}"}""")).ExpectAsync(201);

        var top = await (await bob.GetCdmiAsync(loot)).JsonAsync();
        Assert.Equal("x", top.GetProperty("metadata").GetProperty("project").GetString());
        var doc = await (await bob.GetCdmiAsync(loot + "doc")).JsonAsync();
        Assert.Equal("alice's words", doc.GetProperty("value").GetString());
        Assert.Equal("text/plain", doc.GetProperty("mimetype").GetString());
        Assert.False(doc.TryGetProperty("x-stamp", out _));
        var metadata = doc.GetProperty("metadata");
        Assert.False(metadata.TryGetProperty("colour", out _));
        Assert.False(metadata.TryGetProperty("cdmi_value_hash", out _));
        Assert.False(metadata.TryGetProperty("cdmi_hash", out _));
        Assert.DoesNotContain("carol", metadata.GetProperty("cdmi_acl").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(bobName, metadata.GetProperty("cdmi_acl").GetRawText(), StringComparison.Ordinal);
        var sub = await (await bob.GetCdmiAsync(loot + "sub/")).JsonAsync();
        Assert.False(sub.GetProperty("metadata").TryGetProperty("shade", out _));
        Assert.False(sub.TryGetProperty("x-box", out _));
        Assert.DoesNotContain("carol", sub.GetProperty("metadata").GetProperty("cdmi_acl").GetRawText(), StringComparison.Ordinal);
        var deep = await (await bob.GetCdmiAsync(loot + "sub/deep")).JsonAsync();
        Assert.Equal("deep", deep.GetProperty("value").GetString());
        Assert.False(deep.GetProperty("metadata").TryGetProperty("colour", out _));

        // The owner holds every right: the same copy carries everything, as before.
        var own = await (await alice.GetCdmiAsync(tree[..^1] + "-own/doc")).JsonAsync();
        Assert.Equal("text/csv", own.GetProperty("mimetype").GetString());
        Assert.Equal("alice", own.GetProperty("x-stamp").GetString());
        Assert.Equal("blue", own.GetProperty("metadata").GetProperty("colour").GetString());
        Assert.Equal("SHA256", own.GetProperty("metadata").GetProperty("cdmi_value_hash").GetString());
        Assert.Contains("carol", own.GetProperty("metadata").GetProperty("cdmi_acl").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadObjectOnly_ContainerCopy_Is400_AndCreatesNothing()
    {
        var (alice, bob, uri) = await SharedAsync("READ_OBJECT");
        using (alice)
        using (bob)
        {
            // SharedAsync's ACE is OBJECT_INHERIT: on the container itself too, READ_OBJECT alone.
            await (await alice.PutContainerAsync(ContainerOf(uri), """{"metadata":{"project":"x"}}""")).ExpectAsync(204);
            var loot = "/" + CdmiSite.Unique("loot") + "/";

            var refused = await bob.PutContainerAsync(loot, $$"""{"copy":"{{ContainerOf(uri)}}"}""");

            await refused.ExpectAsync(400);
            Assert.Contains("READ_METADATA", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            await (await bob.GetCdmiAsync(loot)).ExpectAsync(404);
        }
    }
}
