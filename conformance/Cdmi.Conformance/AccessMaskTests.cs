using System.Text;

namespace StandardsCloud.Cdmi.Conformance;

/// <summary>
/// Each ACE mask bit governs its own part of an object (CDMI 1.1.1 §16.1.5): READ_OBJECT the
/// value, READ_METADATA the metadata, READ_ACL the ACL, WRITE_OBJECT the value and mimetype,
/// WRITE_METADATA the metadata, WRITE_ATTRIBUTES the fields the standard does not define.
/// </summary>
public partial class AccessMaskTests(CdmiSite site) : IClassFixture<CdmiSite>
{
    /// <summary>alice's object with metadata, shared with bob under <paramref name="mask"/>.</summary>
    private async Task<(HttpClient Alice, HttpClient Bob, string Uri)> SharedAsync(string mask)
    {
        var bobName = CdmiSite.Unique("bob");
        var alice = await site.CdmiUserAsync(CdmiSite.Unique("alice"));
        var bob = await site.CdmiUserAsync(bobName);
        var container = "/" + CdmiSite.Unique("masks") + "/";
        var acl = $$"""[{"acetype":"ALLOW","identifier":"{{bobName}}","aceflags":"OBJECT_INHERIT","acemask":"{{mask}}"}]""";
        await (await alice.PutContainerAsync(container, $$$"""{"metadata":{"cdmi_acl":{{{acl}}}}}""")).ExpectAsync(201);
        await (await alice.PutObjectAsync(container + "doc", """{"value":"alice's words","metadata":{"colour":"blue"}}""")).ExpectAsync(201);
        return (alice, bob, container + "doc");
    }

    [Fact]
    public async Task WriteObjectWithoutWriteMetadata_ChangesTheValue_NotTheMetadata()
    {
        var (alice, bob, uri) = await SharedAsync("READ_OBJECT, WRITE_OBJECT");
        using (alice)
        using (bob)
        {
            await (await bob.PutObjectAsync(uri, """{"value":"bob's words","metadata":{"evil":"1"}}""")).ExpectAsync(403);
            await (await bob.PutObjectAsync(uri, """{"metadata":{"evil":"1"}}""")).ExpectAsync(403);
            await (await bob.PutObjectAsync(uri, """{"value":"bob's words"}""")).ExpectAsync(204);

            var read = await (await alice.GetCdmiAsync(uri)).JsonAsync();
            Assert.Equal("bob's words", read.GetProperty("value").GetString());
            Assert.Equal("blue", read.GetProperty("metadata").GetProperty("colour").GetString());
            Assert.False(read.GetProperty("metadata").TryGetProperty("evil", out _));
        }
    }

    // CDMI 1.1.1 §16.1.5, Table 117 note 1: fields other than value, children and metadata are attribute fields.
    [Fact]
    public async Task UndefinedFields_TakeWriteAttributes()
    {
        var (alice, bob, uri) = await SharedAsync("READ_OBJECT, WRITE_OBJECT, WRITE_METADATA");
        var (owner, carol, other) = await SharedAsync("READ_OBJECT, WRITE_ATTRIBUTES");
        using (alice)
        using (bob)
        using (owner)
        using (carol)
        {
            await (await bob.PutObjectAsync(uri, """{"x-stamp":"bob"}""")).ExpectAsync(403);
            await (await bob.PutObjectAsync(uri, """{"value":"bob's words","x-stamp":"bob"}""")).ExpectAsync(403);
            await (await carol.PutObjectAsync(other, """{"x-stamp":"carol"}""")).ExpectAsync(204);

            var read = await (await alice.GetCdmiAsync(uri)).JsonAsync();
            Assert.False(read.TryGetProperty("x-stamp", out _));
            Assert.Equal("alice's words", read.GetProperty("value").GetString());
            Assert.Equal("carol", (await (await owner.GetCdmiAsync(other + "?x-stamp")).JsonAsync()).GetProperty("x-stamp").GetString());
        }
    }

    [Fact]
    public async Task ReadObjectOnly_ShowsTheValue_WithoutMetadataOrAcl()
    {
        var (alice, bob, uri) = await SharedAsync("READ_OBJECT");
        using (alice)
        using (bob)
        {
            var read = await (await bob.GetCdmiAsync(uri)).JsonAsync();

            Assert.Equal("alice's words", read.GetProperty("value").GetString());
            Assert.False(read.TryGetProperty("metadata", out _));
            await (await bob.GetCdmiAsync(uri + "?metadata")).ExpectAsync(403);
            Assert.Equal("alice's words", await bob.GetStringAsync(uri));
        }
    }

    [Fact]
    public async Task ReadMetadataOnly_ShowsMetadataButNotTheAcl_AndNoValue()
    {
        var (alice, bob, uri) = await SharedAsync("READ_METADATA");
        using (alice)
        using (bob)
        {
            var read = await (await bob.GetCdmiAsync(uri)).JsonAsync();

            Assert.False(read.TryGetProperty("value", out _));
            Assert.Equal("blue", read.GetProperty("metadata").GetProperty("colour").GetString());
            Assert.False(read.GetProperty("metadata").TryGetProperty("cdmi_acl", out _));
            Assert.True(read.GetProperty("metadata").TryGetProperty("cdmi_owner", out _));
            await (await bob.GetCdmiAsync(uri + "?value")).ExpectAsync(403);
            await (await bob.GetAsync(uri)).ExpectAsync(403);

            // A value it may not read cannot be copied out either (§8.4.4: 400).
            await (await bob.PutObjectAsync("/" + CdmiSite.Unique("loot"), $$"""{"copy":"{{uri}}"}""")).ExpectAsync(400);
        }
    }

    [Fact]
    public async Task ReadAcl_ShowsTheAcl()
    {
        var (alice, bob, uri) = await SharedAsync("READ_METADATA, READ_ACL");
        using (alice)
        using (bob)
        {
            var metadata = (await (await bob.GetCdmiAsync(uri + "?metadata:cdmi_")).JsonAsync()).GetProperty("metadata");

            Assert.True(metadata.TryGetProperty("cdmi_acl", out _));
        }
    }
}
