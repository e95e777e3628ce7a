namespace StandardsCloud.Cdmi.Conformance;

/// <summary>A user's objects are invisible to others unless an ACL grants them (CDMI 1.1.1 §16.1).</summary>
public class IsolationTests(CdmiSite site) : IClassFixture<CdmiSite>
{
    [Fact]
    public async Task OtherUser_WithoutAcl_SeesNothing()
    {
        using var alice = await site.CdmiUserAsync(CdmiSite.Unique("alice"));
        using var bob = await site.CdmiUserAsync(CdmiSite.Unique("bob"));
        var container = "/" + CdmiSite.Unique("private") + "/";
        await (await alice.PutContainerAsync(container)).ExpectAsync(201);
        var created = await (await alice.PutObjectAsync(container + "secret", """{"value":"for alice"}""")).JsonAsync();

        await (await bob.GetCdmiAsync(container + "secret")).ExpectAsync(404);
        await (await bob.GetAsync(container + "secret")).ExpectAsync(404);
        await (await bob.GetCdmiAsync("/cdmi_objectid/" + created.GetProperty("objectID").GetString())).ExpectAsync(404);
        await (await bob.DeleteCdmiAsync(container + "secret")).ExpectAsync(404);
        await (await bob.PutObjectAsync(container + "mine", """{"value":"x"}""")).ExpectAsync(404);
        var root = await (await bob.GetCdmiAsync("/?children")).JsonAsync();
        Assert.DoesNotContain(container[1..], root.GetProperty("children").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("for alice", await alice.GetStringAsync(container + "secret"));
    }

    [Fact]
    public async Task OtherUser_GrantedReadByInheritedAcl_ReadsButCannotWriteOrDelete()
    {
        var bobName = CdmiSite.Unique("bob");
        using var alice = await site.CdmiUserAsync(CdmiSite.Unique("alice"));
        using var bob = await site.CdmiUserAsync(bobName);
        var container = "/" + CdmiSite.Unique("shared") + "/";
        var acl = $$"""[{"acetype":"ALLOW","identifier":"{{bobName}}","aceflags":"OBJECT_INHERIT","acemask":"READ_OBJECT"}]""";
        await (await alice.PutContainerAsync(container, $$$"""{"metadata":{"cdmi_acl":{{{acl}}}}}""")).ExpectAsync(201);
        await (await alice.PutObjectAsync(container + "doc", """{"value":"shared"}""")).ExpectAsync(201);

        Assert.Equal("shared", await bob.GetStringAsync(container + "doc"));
        await (await bob.PutObjectAsync(container + "doc", """{"value":"taken"}""")).ExpectAsync(403);
        await (await bob.DeleteCdmiAsync(container + "doc")).ExpectAsync(403);
        var listing = await (await bob.GetCdmiAsync(container + "?children")).JsonAsync();
        Assert.Equal(["doc"], listing.GetProperty("children").EnumerateArray().Select(c => c.GetString()));
        var metadata = (await (await alice.GetCdmiAsync(container + "doc?metadata:cdmi_acl")).JsonAsync()).GetProperty("metadata");
        Assert.Equal(bobName, metadata.GetProperty("cdmi_acl")[0].GetProperty("identifier").GetString());
    }

    [Fact]
    public async Task OtherUser_DeniedAfterEveryoneAllowed_IsRefused()
    {
        var bobName = CdmiSite.Unique("bob");
        using var alice = await site.CdmiUserAsync(CdmiSite.Unique("alice"));
        using var bob = await site.CdmiUserAsync(bobName);
        using var carol = await site.CdmiUserAsync(CdmiSite.Unique("carol"));
        var container = "/" + CdmiSite.Unique("open") + "/";
        var acl = $$"""[{"acetype":"DENY","identifier":"{{bobName}}","acemask":"READ_OBJECT"},{"acetype":"ALLOW","identifier":"EVERYONE@","acemask":"READ_OBJECT"}]""";
        await (await alice.PutContainerAsync(container, $$$"""{"metadata":{"cdmi_acl":{{{acl}}}}}""")).ExpectAsync(201);

        await (await bob.GetCdmiAsync(container)).ExpectAsync(404);
        await (await carol.GetCdmiAsync(container)).ExpectAsync(200);
    }

    [Fact]
    public async Task Administrator_SeesEveryUsersObjects()
    {
        using var alice = await site.CdmiUserAsync(CdmiSite.Unique("alice"));
        using var admin = site.Cdmi();
        var container = "/" + CdmiSite.Unique("audit") + "/";
        await (await alice.PutContainerAsync(container)).ExpectAsync(201);

        await (await admin.GetCdmiAsync(container)).ExpectAsync(200);
    }
}
