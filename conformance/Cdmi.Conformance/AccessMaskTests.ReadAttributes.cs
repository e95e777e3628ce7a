using System.Text.Json;

namespace StandardsCloud.Cdmi.Conformance;

/// <summary>
/// READ_ATTRIBUTES (CDMI 1.1.1 §16.1.5, Table 117): without it a CDMI GET shows only the value,
/// children and metadata fields (note 1), as far as the other read bits allow, and a GET of
/// attribute fields alone is 403.
/// </summary>
public partial class AccessMaskTests
{
    private static string[] Names(JsonElement json) => [.. json.EnumerateObject().Select(p => p.Name)];

    private static string ContainerOf(string uri) => uri[..(uri.LastIndexOf('/') + 1)];

    // §16.1.7 example 1: READ_ALL is READ_OBJECT and READ_METADATA, without READ_ATTRIBUTES.
    [Fact]
    public async Task ReadAllWithoutReadAttributes_EveryField_ShowsOnlyTheValueAndMetadata()
    {
        var (alice, bob, uri) = await SharedAsync("READ_ALL");
        using (alice)
        using (bob)
        {
            await (await alice.PutObjectAsync(uri, """{"x-stamp":"alice"}""")).ExpectAsync(204);
            var id = (await (await alice.GetCdmiAsync(uri + "?objectID")).JsonAsync()).GetProperty("objectID").GetString();

            var response = await bob.GetCdmiAsync(uri);
            var read = await response.JsonAsync();
            var byId = await (await bob.GetCdmiAsync("/cdmi_objectid/" + id)).JsonAsync();

            Assert.Equal("application/cdmi-object", response.ContentType()!.MediaType);
            Assert.Equal(["metadata", "valuetransferencoding", "valuerange", "value"], Names(read));
            Assert.Equal("alice's words", read.GetProperty("value").GetString());
            Assert.Equal("blue", read.GetProperty("metadata").GetProperty("colour").GetString());
            Assert.Equal(Names(read), Names(byId));
        }
    }

    [Fact]
    public async Task ReadAllWithReadAttributes_EveryField_ShowsTheAttributesToo()
    {
        var (alice, bob, uri) = await SharedAsync("READ_ALL, READ_ATTRIBUTES");
        using (alice)
        using (bob)
        {
            await (await alice.PutObjectAsync(uri, """{"x-stamp":"alice"}""")).ExpectAsync(204);

            var read = await (await bob.GetCdmiAsync(uri)).JsonAsync();

            Assert.Equal("doc", read.GetProperty("objectName").GetString());
            Assert.Equal(ContainerOf(uri), read.GetProperty("parentURI").GetString());
            Assert.True(read.TryGetProperty("objectID", out _));
            Assert.True(read.TryGetProperty("mimetype", out _));
            Assert.Equal("alice", read.GetProperty("x-stamp").GetString());
            Assert.Equal("alice's words", read.GetProperty("value").GetString());
        }
    }

    [Fact]
    public async Task WithoutReadAttributes_AttributeAndNonAttributeFields_ShowsOnlyTheNonAttributeOnes()
    {
        var (alice, bob, uri) = await SharedAsync("READ_ALL");
        using (alice)
        using (bob)
        {
            var read = await (await bob.GetCdmiAsync(uri + "?objectID;mimetype;metadata:colour;value")).JsonAsync();

            Assert.Equal(["metadata", "valuerange", "value"], Names(read));
            Assert.Equal(["colour"], Names(read.GetProperty("metadata")));
            Assert.Equal("alice's words", read.GetProperty("value").GetString());
        }
    }

    [Theory]
    [InlineData("?objectID")]
    [InlineData("?objectID;parentURI;mimetype;completionStatus")]
    [InlineData("?x-stamp")]
    public async Task WithoutReadAttributes_OnlyAttributeFields_Is403(string query)
    {
        var (alice, bob, uri) = await SharedAsync("READ_ALL");
        using (alice)
        using (bob)
        {
            var refused = await bob.GetCdmiAsync(uri + query);

            await refused.ExpectAsync(403);
            Assert.Contains("READ_ATTRIBUTES", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            await (await bob.SendAsync(Cdmi.Request(HttpMethod.Head, uri + query))).ExpectAsync(403);
        }
    }

    [Fact]
    public async Task WithReadAttributes_OnlyAttributeFields_AreShown()
    {
        var (alice, bob, uri) = await SharedAsync("READ_OBJECT, READ_ATTRIBUTES");
        using (alice)
        using (bob)
        {
            var read = await (await bob.GetCdmiAsync(uri + "?objectID;parentURI")).JsonAsync();

            Assert.Equal(["objectID", "parentURI"], Names(read));
        }
    }

    [Fact]
    public async Task WithoutReadAttributes_OnlyNonAttributeFields_AreShown()
    {
        var (alice, bob, uri) = await SharedAsync("READ_ALL");
        using (alice)
        using (bob)
        {
            var value = await (await bob.GetCdmiAsync(uri + "?value")).JsonAsync();
            var metadata = await (await bob.GetCdmiAsync(uri + "?metadata")).JsonAsync();
            var listing = await (await bob.GetCdmiAsync(ContainerOf(uri))).JsonAsync();

            Assert.Equal(["valuerange", "value"], Names(value));
            Assert.Equal(["metadata"], Names(metadata));
            Assert.Equal(["metadata", "childrenrange", "children"], Names(listing));
            Assert.Equal(["doc"], listing.GetProperty("children").EnumerateArray().Select(c => c.GetString()));
        }
    }

    // Each read bit withholds its part: without READ_METADATA nor READ_ATTRIBUTES, what is left is the value.
    [Fact]
    public async Task ReadObjectOnly_AttributesAndMetadata_Is403_AndEveryFieldIsTheValue()
    {
        var (alice, bob, uri) = await SharedAsync("READ_OBJECT");
        using (alice)
        using (bob)
        {
            await (await bob.GetCdmiAsync(uri + "?objectID;metadata")).ExpectAsync(403);
            var read = await (await bob.GetCdmiAsync(uri)).JsonAsync();

            Assert.Equal(["valuetransferencoding", "valuerange", "value"], Names(read));
        }
    }

    // Without READ_OBJECT the value fields go with the value: an encoding or range of nothing says nothing.
    [Fact]
    public async Task ReadMetadataOnly_EveryField_IsTheMetadata()
    {
        var (alice, bob, uri) = await SharedAsync("READ_METADATA");
        using (alice)
        using (bob)
        {
            var read = await (await bob.GetCdmiAsync(uri)).JsonAsync();

            Assert.Equal(["metadata"], Names(read));
        }
    }

    // §8.2.2: an object still Processing shows no value; without READ_ATTRIBUTES not its completionStatus either.
    [Fact]
    public async Task ReadObjectOnly_ObjectStillProcessing_ShowsItsEncoding_ValueIs403_WhileAPlainGetAnswersItsBytes()
    {
        var (alice, bob, uri) = await SharedAsync("READ_OBJECT");
        var (owner, carol, other) = await SharedAsync("READ_OBJECT, READ_ATTRIBUTES");
        using (alice)
        using (bob)
        using (owner)
        using (carol)
        {
            var upload = ContainerOf(uri) + "upload";
            var upload2 = ContainerOf(other) + "upload";
            foreach (var (client, target) in new[] { (alice, upload), (owner, upload2) })
            {
                var partial = Cdmi.Request(HttpMethod.Put, target, "application/cdmi-object", """{"value":"half"}""");
                partial.Headers.TryAddWithoutValidation("X-CDMI-Partial", "true");
                await (await client.SendAsync(partial)).ExpectAsync(201);
            }

            // §8.3.6: valuetransferencoding is mandatory, a value field, and shown while the value is not.
            var encodingOnly = await (await bob.GetCdmiAsync(upload)).JsonAsync();
            Assert.Equal(["valuetransferencoding"], Names(encodingOnly));
            await (await bob.GetCdmiAsync(upload + "?value")).ExpectAsync(403);
            Assert.Equal("half", await bob.GetStringAsync(upload));
            var status = await (await carol.GetCdmiAsync(upload2 + "?value")).JsonAsync();
            Assert.Equal(["completionStatus"], Names(status));
            Assert.Equal("Processing", status.GetProperty("completionStatus").GetString());
        }
    }

    // §11.3: a queue's queued values are value fields, their mimetype and queueValues attribute fields.
    [Fact]
    public async Task ReadObjectOnly_Queue_ShowsTheOldestValue_And403WhileEmpty()
    {
        var (alice, bob, uri) = await SharedAsync("READ_OBJECT");
        using (alice)
        using (bob)
        {
            var queue = ContainerOf(uri) + "jobs";
            await (await alice.SendAsync(Cdmi.Request(HttpMethod.Put, queue, "application/cdmi-queue", "{}", "application/cdmi-queue"))).ExpectAsync(201);

            var empty = await bob.GetCdmiAsync(queue);
            await (await alice.SendAsync(Cdmi.Request(HttpMethod.Post, queue, "application/cdmi-queue", """{"value":"first"}"""))).ExpectAsync(204);
            var oldest = await (await bob.GetCdmiAsync(queue)).JsonAsync();

            await empty.ExpectAsync(403);
            Assert.Equal(["valuetransferencoding", "valuerange", "value"], Names(oldest));
            Assert.Equal("first", oldest.GetProperty("value").GetString());
        }
    }

    // RFC 9110 §13.2.1: a read that would be refused is refused whatever its preconditions say.
    [Fact]
    public async Task WithoutReadAttributes_ConditionalReadOfAttributes_Is403_NotNotModified()
    {
        var (alice, bob, uri) = await SharedAsync("READ_ALL");
        using (alice)
        using (bob)
        {
            var etag = (await bob.GetCdmiAsync(uri)).Headers.ETag!.ToString();
            HttpRequestMessage Conditional(HttpMethod method, string target)
            {
                var request = Cdmi.Request(method, target);
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                return request;
            }

            await (await bob.SendAsync(Conditional(HttpMethod.Get, uri + "?objectID"))).ExpectAsync(403);
            await (await bob.SendAsync(Conditional(HttpMethod.Head, uri + "?objectID"))).ExpectAsync(403);
            await (await bob.SendAsync(Conditional(HttpMethod.Get, uri + "?value"))).ExpectAsync(304);
            await (await bob.SendAsync(Conditional(HttpMethod.Get, uri))).ExpectAsync(304);
        }
    }

    // §6.3: a non-CDMI GET answers the value typed by its mimetype; READ_OBJECT alone governs it.
    [Fact]
    public async Task ReadObjectOnly_PlainGet_AnswersTheValueTypedByItsMimetype()
    {
        var (alice, bob, uri) = await SharedAsync("READ_OBJECT");
        using (alice)
        using (bob)
        {
            var table = ContainerOf(uri) + "table";
            await (await alice.PutObjectAsync(table, """{"mimetype":"text/csv","value":"a,b"}""")).ExpectAsync(201);

            var response = await bob.GetAsync(table);
            var head = await bob.SendAsync(new HttpRequestMessage(HttpMethod.Head, table));

            await response.ExpectAsync(200);
            Assert.Equal("text/csv", response.ContentType()!.MediaType);
            Assert.Equal("a,b", await response.Content.ReadAsStringAsync());
            await head.ExpectAsync(200);
            Assert.Equal("text/csv", head.ContentType()!.MediaType);
        }
    }

    // A container read without the version header is answered in CDMI JSON too, and shows no more.
    [Fact]
    public async Task ReadMetadataOnly_PlainGetOfAContainer_ShowsOnlyTheMetadata()
    {
        var (alice, bob, uri) = await SharedAsync("READ_METADATA");
        using (alice)
        using (bob)
        {
            var read = await (await bob.GetAsync(ContainerOf(uri))).JsonAsync();

            Assert.Equal(["metadata"], Names(read));
        }
    }

    // The root gives every signed-in user READ_ATTRIBUTES with its other rights: the root, and what they make in it, read whole.
    [Fact]
    public async Task AnyUser_RootAndTheirOwnContainer_ShowEveryField()
    {
        using var carol = await site.CdmiUserAsync(CdmiSite.Unique("carol"));
        var container = "/" + CdmiSite.Unique("own") + "/";
        await (await carol.PutContainerAsync(container)).ExpectAsync(201);

        var root = await (await carol.GetCdmiAsync("/")).JsonAsync();
        var rootId = root.GetProperty("objectID").GetString();
        var byId = await (await carol.GetCdmiAsync("/cdmi_objectid/" + rootId)).JsonAsync();
        var own = await (await carol.GetCdmiAsync(container)).JsonAsync();
        var capabilities = await (await carol.GetCdmiAsync("/cdmi_capabilities/")).JsonAsync();

        Assert.Equal("/", root.GetProperty("objectName").GetString());
        Assert.Contains(container[1..], root.GetProperty("children").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("/", byId.GetProperty("objectName").GetString());
        Assert.Equal("/", own.GetProperty("parentURI").GetString());
        Assert.Equal(rootId, own.GetProperty("parentID").GetString());
        Assert.Equal(rootId, capabilities.GetProperty("parentID").GetString());
    }
}
