using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace StandardsCloud.Cdmi.Conformance;

/// <summary>
/// cdmi_value_hash (CDMI 1.1.1 §16.4, Table 119): a value is hashed, and cdmi_hash shown (§16.3), only
/// when the object's setting, its own or its container's at placement (§5.5), asks. The ETag names the
/// value's version, not a hash.
/// </summary>
public class ValueHashTests(CdmiSite site) : IClassFixture<CdmiSite>
{
    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Sha256(string text) => Sha256(Encoding.UTF8.GetBytes(text));

    private static async Task<string> ContainerAsync(HttpClient client, string body = "{}")
    {
        var uri = "/" + CdmiSite.Unique("hashes") + "/";
        await (await client.PutContainerAsync(uri, body)).ExpectAsync(201);
        return uri;
    }

    private static Task<string> HashingContainerAsync(HttpClient client) => ContainerAsync(client, """{ "metadata" : { "cdmi_value_hash" : "SHA256" } }""");

    private static async Task<JsonElement> MetadataAsync(HttpClient client, string uri) =>
        (await (await client.GetCdmiAsync(uri)).JsonAsync()).GetProperty("metadata");

    private static string? Item(JsonElement metadata, string name) => metadata.TryGetProperty(name, out var item) ? item.GetString() : null;

    private static HttpRequestMessage PlainPut(string uri, byte[] bytes)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return request;
    }

    private static HttpRequestMessage With(HttpRequestMessage request, string header, string value)
    {
        request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }

    [Fact]
    public async Task HashingContainer_ChildrenWrittenByCdmiAndPlainHttp_CarryTheirSha256AndTheSetting()
    {
        using var client = site.Cdmi();
        var container = await HashingContainerAsync(client);
        var bytes = RandomNumberGenerator.GetBytes(300_000);

        var created = await (await client.PutObjectAsync(container + "cdmi", """{ "value" : "hello" }""")).JsonAsync();
        await (await client.SendAsync(PlainPut(container + "plain", bytes))).ExpectAsync(201);

        Assert.Equal(Sha256("hello"), Item(created.GetProperty("metadata"), "cdmi_hash"));
        Assert.Equal("SHA256", Item(created.GetProperty("metadata"), "cdmi_value_hash"));
        var plain = await MetadataAsync(client, container + "plain");
        Assert.Equal(Sha256(bytes), Item(plain, "cdmi_hash"));
        Assert.Equal("SHA256", Item(plain, "cdmi_value_hash"));
        Assert.Equal("SHA256", Item(await MetadataAsync(client, container), "cdmi_value_hash"));
    }

    [Fact]
    public async Task ContainerWithoutTheSetting_ChildrenHaveNoHash()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        await (await client.PutObjectAsync(container + "cdmi", """{ "value" : "hello" }""")).ExpectAsync(201);
        await (await client.SendAsync(PlainPut(container + "plain", "bytes"u8.ToArray()))).ExpectAsync(201);

        foreach (var name in new[] { "cdmi", "plain" })
        {
            var metadata = await MetadataAsync(client, container + name);
            Assert.Null(Item(metadata, "cdmi_hash"));
            Assert.Null(Item(metadata, "cdmi_value_hash"));
            Assert.Equal("5", Item(metadata, "cdmi_size"));
        }
    }

    // §16.4: "If a child explicitly contains data system metadata, the metadata value of the child ... shall override".
    [Fact]
    public async Task ObjectsOwnSetting_OverridesItsContainers_EitherWay()
    {
        using var client = site.Cdmi();
        var hashing = await HashingContainerAsync(client);
        var plain = await ContainerAsync(client);

        var off = await (await client.PutObjectAsync(hashing + "off", """{ "metadata" : { "cdmi_value_hash" : "" }, "value" : "a" }""")).JsonAsync();
        var on = await (await client.PutObjectAsync(plain + "on", """{ "metadata" : { "cdmi_value_hash" : "sha256" }, "value" : "b" }""")).JsonAsync();

        Assert.Null(Item(off.GetProperty("metadata"), "cdmi_hash"));
        Assert.Equal("", Item(off.GetProperty("metadata"), "cdmi_value_hash"));
        Assert.Equal(Sha256("b"), Item(on.GetProperty("metadata"), "cdmi_hash"));
        Assert.Equal("SHA256", Item(on.GetProperty("metadata"), "cdmi_value_hash"));
    }

    // §5.5: a new container inherits its parent's setting when placed; a later change of the parent's leaves existing children.
    [Fact]
    public async Task NestedContainer_InheritsAtPlacement()
    {
        using var client = site.Cdmi();
        var outer = await HashingContainerAsync(client);
        await (await client.PutContainerAsync(outer + "inner/")).ExpectAsync(201);
        await (await client.PutObjectAsync(outer + "early", """{ "value" : "x" }""")).ExpectAsync(201);

        var changed = Cdmi.Request(HttpMethod.Put, outer + "?metadata:cdmi_value_hash", "application/cdmi-container", """{ "metadata" : { "cdmi_value_hash" : "" } }""");
        await (await client.SendAsync(changed)).ExpectAsync(204);
        await (await client.SendAsync(PlainPut(outer + "inner/deep", "y"u8.ToArray()))).ExpectAsync(201);
        await (await client.SendAsync(PlainPut(outer + "late", "z"u8.ToArray()))).ExpectAsync(201);

        Assert.Equal("SHA256", Item(await MetadataAsync(client, outer + "inner/"), "cdmi_value_hash"));
        Assert.Equal(Sha256("y"), Item(await MetadataAsync(client, outer + "inner/deep"), "cdmi_hash"));
        Assert.Equal(Sha256("x"), Item(await MetadataAsync(client, outer + "early"), "cdmi_hash"));
        Assert.Null(Item(await MetadataAsync(client, outer + "late"), "cdmi_hash"));
    }

    [Theory]
    [InlineData("\"SHA160\"")]
    [InlineData("\"MD5\"")]
    [InlineData("true")]
    public async Task BadSetting_Is400_AndChangesNothing(string setting)
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "f", """{ "metadata" : { "color" : "red" }, "value" : "old" }""")).ExpectAsync(201);

        var newContainer = await client.PutContainerAsync(container + "c/", $$"""{ "metadata" : { "cdmi_value_hash" : {{setting}} } }""");
        var update = await client.PutObjectAsync(container + "f", $$"""{ "metadata" : { "cdmi_value_hash" : {{setting}} }, "value" : "new" }""");

        await newContainer.ExpectAsync(400);
        await update.ExpectAsync(400);
        Assert.Contains("SHA256", await update.Content.ReadAsStringAsync());
        await (await client.GetCdmiAsync(container + "c/")).ExpectAsync(404);
        Assert.Equal("old", await client.GetStringAsync(container + "f"));
        var metadata = await MetadataAsync(client, container + "f");
        Assert.Equal("red", Item(metadata, "color"));
        Assert.Null(Item(metadata, "cdmi_value_hash"));
    }

    [Fact]
    public async Task RangeWrite_OnAHashedObject_HashesTheWholeNewValue()
    {
        using var client = site.Cdmi();
        var container = await HashingContainerAsync(client);
        await (await client.SendAsync(PlainPut(container + "f", "0123456789"u8.ToArray()))).ExpectAsync(201);

        var plain = PlainPut(container + "f", "ab"u8.ToArray());
        plain.Content!.Headers.ContentRange = new ContentRangeHeaderValue(4, 5);
        await (await client.SendAsync(plain)).ExpectAsync(204);
        var cdmi = Cdmi.Request(HttpMethod.Put, container + "f?value:8-9", "application/cdmi-object", """{ "value" : "WFk=" }""");
        await (await client.SendAsync(cdmi)).ExpectAsync(204);

        Assert.Equal("0123ab67XY", await client.GetStringAsync(container + "f"));
        Assert.Equal(Sha256("0123ab67XY"), Item(await MetadataAsync(client, container + "f"), "cdmi_hash"));
    }

    // §16.4: turned on for a stored value, it is hashed then; turned off, cdmi_hash goes; removed, the item goes.
    [Fact]
    public async Task Setting_TurnedOnOffAndRemoved_OnAStoredObject()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "f", """{ "metadata" : { "color" : "red" }, "value" : "stored" }""")).ExpectAsync(201);
        HttpRequestMessage Set(string body) => Cdmi.Request(HttpMethod.Put, container + "f?metadata:cdmi_value_hash", "application/cdmi-object", body);

        await (await client.SendAsync(Set("""{ "metadata" : { "cdmi_value_hash" : "SHA256" } }"""))).ExpectAsync(204);
        var on = await MetadataAsync(client, container + "f");
        await (await client.SendAsync(Set("""{ "metadata" : { "cdmi_value_hash" : "" } }"""))).ExpectAsync(204);
        var off = await MetadataAsync(client, container + "f");
        await (await client.SendAsync(Set("""{ "metadata" : { } }"""))).ExpectAsync(204);
        var removed = await MetadataAsync(client, container + "f");

        Assert.Equal(Sha256("stored"), Item(on, "cdmi_hash"));
        Assert.Equal("SHA256", Item(on, "cdmi_value_hash"));
        Assert.Equal("red", Item(on, "color"));
        Assert.Null(Item(off, "cdmi_hash"));
        Assert.Equal("", Item(off, "cdmi_value_hash"));
        Assert.Null(Item(removed, "cdmi_value_hash"));
        Assert.Equal("red", Item(removed, "color"));
    }

    // Metadata given whole replaces user metadata; data system metadata stays unless named.
    [Fact]
    public async Task WholeMetadataReplacement_KeepsTheSetting()
    {
        using var client = site.Cdmi();
        var container = await HashingContainerAsync(client);
        await (await client.PutObjectAsync(container + "f", """{ "metadata" : { "color" : "red" }, "value" : "one" }""")).ExpectAsync(201);

        await (await client.PutObjectAsync(container + "f", """{ "metadata" : { "shape" : "round" }, "value" : "two" }""")).ExpectAsync(204);

        var metadata = await MetadataAsync(client, container + "f");
        Assert.Null(Item(metadata, "color"));
        Assert.Equal("round", Item(metadata, "shape"));
        Assert.Equal("SHA256", Item(metadata, "cdmi_value_hash"));
        Assert.Equal(Sha256("two"), Item(metadata, "cdmi_hash"));
    }

    [Fact]
    public async Task Queue_InAHashingContainer_ShowsTheSettingAndNoHash()
    {
        using var client = site.Cdmi();
        var container = await HashingContainerAsync(client);
        await (await client.SendAsync(Cdmi.Request(HttpMethod.Put, container + "q", "application/cdmi-queue", "{}"))).ExpectAsync(201);

        var metadata = (await (await client.SendAsync(Cdmi.Request(HttpMethod.Get, container + "q"))).JsonAsync()).GetProperty("metadata");

        Assert.Equal("SHA256", Item(metadata, "cdmi_value_hash"));
        Assert.Null(Item(metadata, "cdmi_hash"));
    }

    // RFC 9110 §8.8.3: the ETag changes with the value, not with metadata (nor with hashing turned on), and is the same in both interfaces.
    [Fact]
    public async Task ETag_FollowsTheValueOnly_AndIsTheSameForCdmiAndPlainReads()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        var uri = container + "f";
        await (await client.SendAsync(PlainPut(uri, "first"u8.ToArray()))).ExpectAsync(201);
        var plainTag = (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, uri))).Headers.ETag!.ToString();
        var cdmiTag = (await client.GetCdmiAsync(uri)).Headers.ETag!.ToString();

        await (await client.PutObjectAsync(uri, """{ "metadata" : { "color" : "red", "cdmi_value_hash" : "SHA256" } }""")).ExpectAsync(204);
        var afterMetadata = (await client.GetAsync(uri)).Headers.ETag!.ToString();
        var notModified = await client.SendAsync(With(new HttpRequestMessage(HttpMethod.Get, uri), "If-None-Match", plainTag));
        await (await client.SendAsync(PlainPut(uri, "first"u8.ToArray()))).ExpectAsync(204);
        var afterValue = (await client.GetAsync(uri)).Headers.ETag!.ToString();

        Assert.Equal(plainTag, cdmiTag);
        Assert.Equal(plainTag, afterMetadata);
        Assert.Equal(304, (int)notModified.StatusCode);
        Assert.NotEqual(plainTag, afterValue);
        Assert.NotEqual("\"" + Sha256("first") + "\"", afterValue);
    }

    // RFC 9110 §13.1.1: a CDMI write under If-Match with the tag a CDMI read answered.
    [Fact]
    public async Task CdmiWrite_IfMatchTheTagRead_HoldsOnceThenFails()
    {
        using var client = site.Cdmi();
        var container = await HashingContainerAsync(client);
        var uri = container + "f";
        await (await client.PutObjectAsync(uri, """{ "value" : "v1" }""")).ExpectAsync(201);
        var tag = (await client.GetCdmiAsync(uri)).Headers.ETag!.ToString();
        HttpRequestMessage Write(string value) =>
            With(Cdmi.Request(HttpMethod.Put, uri, "application/cdmi-object", $$"""{ "value" : "{{value}}" }"""), "If-Match", tag);

        await (await client.SendAsync(Write("v2"))).ExpectAsync(204);
        await (await client.SendAsync(Write("v3"))).ExpectAsync(412);

        Assert.Equal("v2", await client.GetStringAsync(uri));
        Assert.Equal(Sha256("v2"), Item(await MetadataAsync(client, uri), "cdmi_hash"));
    }

    // §12.1.3 (Table 102): cdmi_value_hash is offered with SHA256, and data integrity is claimed system-wide.
    [Fact]
    public async Task Capabilities_OfferSha256_AndClaimDataIntegrity()
    {
        using var client = site.Cdmi();

        var root = (await (await client.GetCdmiAsync("/cdmi_capabilities/")).JsonAsync()).GetProperty("capabilities");
        var container = (await (await client.GetCdmiAsync("/cdmi_capabilities/container/")).JsonAsync()).GetProperty("capabilities");
        var dataObject = (await (await client.GetCdmiAsync("/cdmi_capabilities/dataobject/")).JsonAsync()).GetProperty("capabilities");

        Assert.Equal("true", root.GetProperty("cdmi_security_data_integrity").GetString());
        Assert.Equal("SHA256", Assert.Single(container.GetProperty("cdmi_value_hash").EnumerateArray()).GetString());
        Assert.Equal("SHA256", Assert.Single(dataObject.GetProperty("cdmi_value_hash").EnumerateArray()).GetString());
    }
}
