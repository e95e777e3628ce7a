namespace StandardsCloud.Cdmi.Conformance;

/// <summary>Requests a CDMI server must refuse, each with a readable reason.</summary>
public class AdversarialTests(CdmiSite site) : IClassFixture<CdmiSite>
{
    private async Task<string> ContainerAsync(HttpClient client)
    {
        var uri = "/" + CdmiSite.Unique("bad") + "/";
        await (await client.PutContainerAsync(uri)).ExpectAsync(201);
        return uri;
    }

    private static async Task RefusedAsync(HttpResponseMessage response, int status, string says)
    {
        await response.ExpectAsync(status);
        Assert.Contains(says, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Put_CdmiWithoutContentType_Is400()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        await RefusedAsync(await client.SendAsync(Cdmi.Request(HttpMethod.Put, container + "f", body: """{"value":"x"}""")), 400, "Content-Type");
    }

    [Fact]
    public async Task Put_CdmiWithWrongContentType_Is400()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        await RefusedAsync(await client.SendAsync(Cdmi.Request(HttpMethod.Put, container + "f", "application/cdmi-capability", "{}")), 400, "Content-Type");
        await RefusedAsync(await client.SendAsync(Cdmi.Request(HttpMethod.Put, container + "f", "application/cdmi-container", "{}")), 400, "ends with '/'");
        await RefusedAsync(await client.SendAsync(Cdmi.Request(HttpMethod.Put, container + "g/", "application/cdmi-object", "{}")), 400, "does not end");
    }

    // CDMI 1.1.1 §6.1: a CDMI content type makes a CDMI request, which must name its version.
    [Fact]
    public async Task Put_CdmiContentTypeWithoutVersion_Is400_AndStoresNothing()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        await RefusedAsync(await client.SendAsync(Cdmi.Request(HttpMethod.Put, container + "f", "application/cdmi-object", """{"value":"x"}""", version: null)),
            400, "X-CDMI-Specification-Version");

        await (await client.GetAsync(container + "f")).ExpectAsync(404);
    }

    [Fact]
    public async Task Put_DuplicatedField_Is400()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        await RefusedAsync(await client.PutObjectAsync(container + "f", """{"value":"a","value":"b"}"""), 400, "twice");
    }

    [Fact]
    public async Task Put_CopyAndMoveTogether_Is400()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "src", """{"value":"a"}""")).ExpectAsync(201);

        await RefusedAsync(await client.PutObjectAsync(container + "dst", $$"""{"copy":"{{container}}src","move":"{{container}}src"}"""), 400, "together");
    }

    [Fact]
    public async Task Get_TwoValueRanges_Is400()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "f", """{"value":"0123456789"}""")).ExpectAsync(201);

        await RefusedAsync(await client.GetCdmiAsync(container + "f?value:0-1;value:3-4"), 400, "one value range");
    }

    [Fact]
    public async Task Get_RangesBeyondTheObject_Are400()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "f", """{"value":"0123456789"}""")).ExpectAsync(201);

        await RefusedAsync(await client.GetCdmiAsync(container + "f?value:10-20"), 400, "beyond");
        await RefusedAsync(await client.GetCdmiAsync(container + "?children:5-6"), 400, "beyond");
        await RefusedAsync(await client.GetCdmiAsync(container + "f?value:5-2"), 400, "range");
    }

    [Fact]
    public async Task Put_BadBase64_Is400AndCreatesNothing()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        await RefusedAsync(await client.PutObjectAsync(container + "f", """{"valuetransferencoding":"base64","value":"not*base64"}"""), 400, "base64");
        await (await client.GetCdmiAsync(container + "f")).ExpectAsync(404);
    }

    [Fact]
    public async Task Put_NotJson_Is400()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        await RefusedAsync(await client.PutObjectAsync(container + "f", "{\"value\":"), 400, "JSON");
        await RefusedAsync(await client.PutObjectAsync(container + "f", "[]"), 400, "object");
        await RefusedAsync(await client.PutObjectAsync(container + "f", """{"metadata":"x"}"""), 400, "metadata");
    }

    [Fact]
    public async Task Put_JsonBesideTheValueOverTheLimit_Is413()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        var big = new string('a', (int)CdmiSite.MaxJsonBytes + 10);

        await RefusedAsync(await client.PutObjectAsync(container + "f", $$"""{"metadata":{"k":"{{big}}"},"value":"x"}"""), 413, "at most");
        await (await client.PutObjectAsync(container + "g", $$"""{"value":"{{big}}"}""")).ExpectAsync(201);
    }

    [Fact]
    public async Task AnyRequest_NoCommonVersion_Is400()
    {
        using var client = site.Cdmi();

        await RefusedAsync(await client.SendAsync(Cdmi.Request(HttpMethod.Get, "/cdmi_capabilities/", version: "0.9, 2.0")), 400, "1.1.1");
    }

    [Fact]
    public async Task AnyRequest_WithoutOrWithWrongCredentials_Is401()
    {
        using var anonymous = site.Cdmi(null, null);
        using var wrong = site.Cdmi(site.Admin.User, "not-the-password");

        var none = await anonymous.GetCdmiAsync("/");
        await RefusedAsync(none, 401, "Basic");
        Assert.StartsWith("Basic", none.Headers.WwwAuthenticate.Single().Scheme, StringComparison.Ordinal);
        await RefusedAsync(await wrong.GetCdmiAsync("/"), 401, "Basic");
        await RefusedAsync(await anonymous.GetCdmiAsync("/cdmi_objectid/00006FFD001001CCE3B2B4F602032653"), 401, "Basic");
        await RefusedAsync(await anonymous.SendAsync(Cdmi.Request(HttpMethod.Put, "/x/", "application/cdmi-container", "{}")), 401, "Basic");
    }

    [Fact]
    public async Task GetCapabilities_Anonymous_IsAnswered()
    {
        using var anonymous = site.Cdmi(null, null);

        var response = await anonymous.GetAsync("/cdmi_capabilities/");

        await response.ExpectAsync(200);
        Assert.Equal("application/cdmi-capability", response.ContentType()!.MediaType);
    }

    [Fact]
    public async Task GetCapabilities_WithAWrongPassword_Is401()
    {
        using var wrong = site.Cdmi(site.Admin.User, "not-the-password");

        await RefusedAsync(await wrong.GetAsync("/cdmi_capabilities/"), 401, "Basic");
    }

    [Fact]
    public async Task Put_MissingParent_Is404ByDefault()
    {
        using var client = site.Cdmi();

        await RefusedAsync(await client.PutObjectAsync("/" + CdmiSite.Unique("none") + "/f", """{"value":"x"}"""), 404, "no container");
        await RefusedAsync(await client.PutContainerAsync("/" + CdmiSite.Unique("none") + "/c/"), 404, "no container");
    }

    // CDMI 1.1.1 §5.13.6: names hold no '/'; RFC 3986 §2.2: '%2F' is a '/' that is data, so it would sit inside a name.
    [Theory]
    [InlineData("a%2Fb")]
    [InlineData("a%2fb")]
    [InlineData("sub%2F")]
    public async Task Put_EncodedSlashInAName_Is400_AndCreatesNothing(string name)
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutContainerAsync(container + "a/")).ExpectAsync(201);

        await RefusedAsync(await client.PutObjectAsync(container + name, """{"value":"x"}"""), 400, "'%25'");
        await RefusedAsync(await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, container + name) { Content = new StringContent("x") }), 400, "§5.13.6");
        await RefusedAsync(await client.GetCdmiAsync(container + name), 400, "'/'");

        await (await client.GetCdmiAsync(container + "a/b")).ExpectAsync(404);
        Assert.Equal(["a/"], (await (await client.GetCdmiAsync(container + "?children")).JsonAsync()).GetProperty("children").EnumerateArray().Select(c => c.GetString()));
    }

    // CDMI 1.1.1 §5.13.4 and the children field (§9.3.6): a '%' in a name is sent as '%25', so the name "a%2Fb" is "a%252Fb" in a URI.
    [Fact]
    public async Task Put_NameHoldingPercentTwoF_EscapedAsPercent25_IsKept()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        var created = await (await client.PutObjectAsync(container + "a%252Fb", """{"value":"x"}""")).JsonAsync();

        Assert.Equal("a%2Fb", created.GetProperty("objectName").GetString());
        Assert.Equal("x", await client.GetStringAsync(container + "a%252Fb"));
        Assert.Equal(["a%2Fb"], (await (await client.GetCdmiAsync(container + "?children")).JsonAsync()).GetProperty("children").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Put_CopyFromAnAbsoluteUriWithAnEncodedSlash_Is400()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutContainerAsync(container + "a/")).ExpectAsync(201);
        await (await client.PutObjectAsync(container + "a/b", """{"value":"x"}""")).ExpectAsync(201);

        await RefusedAsync(await client.PutObjectAsync(container + "c", $$"""{"copy":"{{site.CdmiAddress}}{{container.TrimStart('/')}}a%2Fb"}"""), 400, "§5.13.6");

        await (await client.GetCdmiAsync(container + "c")).ExpectAsync(404);
    }

    [Fact]
    public async Task Get_ContainerWithoutSlash_Is301ToTheSlashedUri()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        var response = await client.GetCdmiAsync(container.TrimEnd('/') + "?children");

        await response.ExpectAsync(301);
        Assert.Equal(container + "?children", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Get_AcceptOfAnotherType_Is406()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        await RefusedAsync(await client.GetCdmiAsync(container, "application/cdmi-object"), 406, "Accept");
    }

    [Fact]
    public async Task Put_DataObjectOverAContainer_Is409()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutContainerAsync(container + "x/")).ExpectAsync(201);

        await RefusedAsync(await client.PutObjectAsync(container + "x", """{"value":"v"}"""), 409, "container");
    }

    [Fact]
    public async Task Put_UnsupportedEncodingOrSource_Is400()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);

        await RefusedAsync(await client.PutObjectAsync(container + "f", """{"valuetransferencoding":"utf-16","value":"x"}"""), 400, "utf-16");
        await RefusedAsync(await client.PutObjectAsync(container + "f", """{"deserialize":"/x"}"""), 400, "deserialize");
    }

    [Fact]
    public async Task Post_IsNotAnOperation_Is405()
    {
        using var client = site.Cdmi();

        await RefusedAsync(await client.SendAsync(Cdmi.Request(HttpMethod.Post, "/", "application/cdmi-object", "{}")), 405, "POST");
    }

    [Fact]
    public async Task Get_ReservedOrMalformedObjectId_Is404()
    {
        using var client = site.Cdmi();

        await (await client.GetCdmiAsync("/cdmi_objectid/zzz")).ExpectAsync(404);
        await (await client.GetCdmiAsync("/cdmi_objectid/00006FFD001001CCE3B2B4F602032652")).ExpectAsync(404);
        await (await client.GetCdmiAsync("/cdmi_domains/")).ExpectAsync(404);
    }

    // CDMI 1.1.1 §8.5.7, §9.5.7: field names on a DELETE are 400; only a queue's ?value and ?values:N dequeue.
    [Fact]
    public async Task Delete_WithFieldNames_Is400_AndDeletesNothing()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "f", """{"value":"kept","metadata":{"colour":"blue"}}""")).ExpectAsync(201);
        await (await client.SendAsync(Cdmi.Request(HttpMethod.Put, container + "q", "application/cdmi-queue", "{}"))).ExpectAsync(201);
        await (await client.SendAsync(Cdmi.Request(HttpMethod.Post, container + "q", "application/cdmi-queue", """{"value":["a","b"]}"""))).ExpectAsync(204);

        await RefusedAsync(await client.DeleteCdmiAsync(container + "f?metadata:colour"), 400, "no field names");
        await RefusedAsync(await client.DeleteCdmiAsync(container + "f?value:0-1"), 400, "no field names");
        await RefusedAsync(await client.DeleteCdmiAsync(container + "?children:0-0"), 400, "no field names");
        await RefusedAsync(await client.DeleteCdmiAsync(container + "q?value:0-0"), 400, "dequeue");

        Assert.Equal("kept", await client.GetStringAsync(container + "f"));
        var queue = await (await client.GetCdmiAsync(container + "q?queueValues")).JsonAsync();
        Assert.Equal("0-1", queue.GetProperty("queueValues").GetString());
        await (await client.DeleteCdmiAsync(container + "q?values:1")).ExpectAsync(204);
        Assert.Equal("0-0", (await (await client.GetCdmiAsync(container + "q?queueValues")).JsonAsync()).GetProperty("queueValues").GetString());
    }

    // CDMI 1.1.1 §8.4.4: an update keeps the object's valuetransferencoding (base64 for one written by
    // plain HTTP), and a value that is not valid base64 then is 400, leaving the old one.
    [Fact]
    public async Task Put_UpdateOfABase64Object_WithTextNotBase64_Is400_AndKeepsTheValue()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        var plain = new HttpRequestMessage(HttpMethod.Put, container + "bin") { Content = new ByteArrayContent([1, 2, 3]) };
        await (await client.SendAsync(plain)).ExpectAsync(201);

        await RefusedAsync(await client.PutObjectAsync(container + "bin", """{"value":"hello"}"""), 400, "base64");
        await RefusedAsync(await client.PutObjectAsync(container + "bin", """{"value":"v"}"""), 400, "base64");
        await RefusedAsync(await client.PutObjectAsync(container + "bin?value:0-0", """{"value":"A"}"""), 400, "base64");

        Assert.Equal([1, 2, 3], await client.GetByteArrayAsync(container + "bin"));
        await (await client.PutObjectAsync(container + "bin", """{"value":"hello","valuetransferencoding":"utf-8"}""")).ExpectAsync(204);
        Assert.Equal("hello", await client.GetStringAsync(container + "bin"));
    }

    // CDMI 1.1.1 §8.2.5, Table 21 note a: value, copy, move and reference exclude each other.
    [Fact]
    public async Task Put_MoveWithAValue_Is400_AndMovesNothing()
    {
        using var client = site.Cdmi();
        var container = await ContainerAsync(client);
        await (await client.PutObjectAsync(container + "src", """{"value":"a"}""")).ExpectAsync(201);

        await RefusedAsync(await client.PutObjectAsync(container + "dst", $$"""{"move":"{{container}}src","value":"new"}"""), 400, "together");

        Assert.Equal("a", await client.GetStringAsync(container + "src"));
        await (await client.GetCdmiAsync(container + "dst")).ExpectAsync(404);
    }
}
