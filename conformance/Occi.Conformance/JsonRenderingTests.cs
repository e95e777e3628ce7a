using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace StandardsCloud.Occi.Conformance;

/// <summary>The JSON rendering (GFD.225), each answer checked against the document's own schema.</summary>
public class JsonRenderingTests(OcciSite site) : IClassFixture<OcciSite>
{
    private static readonly string SchemaText = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schema", "occi-1.2.schema.json"));

    /// <summary>The schema narrowed to one of its definitions, as GFD.225 says fragments are used.</summary>
    private static JsonSchema Definition(string name)
    {
        var schema = JsonNode.Parse(SchemaText)!.AsObject();
        schema["$ref"] = $"#/definitions/{name}";
        return JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    private static void AssertValid(string definition, string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Definition(definition).Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"not a valid {definition}: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10)) + "\n" + json[..Math.Min(json.Length, 2000)]);
    }

    private static async Task<string> GetJsonAsync(HttpClient client, string path, string accept = "application/occi+json")
    {
        using var response = await client.SendAsync(Occi.Request(HttpMethod.Get, path, accept));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        Assert.Equal(accept, response.Content.Headers.ContentType!.MediaType);
        return body;
    }

    [Theory]
    [InlineData("application/occi+json")]
    [InlineData("application/json")]
    public async Task QueryInterface_IsAValidModel(string accept)
    {
        using var client = site.Client();
        var json = await GetJsonAsync(client, "/-/", accept);

        AssertValid("model", json);
        var model = JsonDocument.Parse(json).RootElement;
        Assert.Contains(model.GetProperty("kinds").EnumerateArray(), k => k.GetProperty("term").GetString() == "compute" && k.GetProperty("location").GetString() == "/compute/");
        Assert.Contains(model.GetProperty("mixins").EnumerateArray(), m => m.GetProperty("term").GetString() == site.ImageId);
        Assert.Contains(model.GetProperty("actions").EnumerateArray(), a => a.GetProperty("term").GetString() == "suspend");
    }

    [Fact]
    public async Task ComputeLinkAndCollection_AreValid_AndCarryTheComputesValues()
    {
        using var client = site.Client();
        var location = await client.CreateComputeAsync(("Link", "</network/public>; rel=\"http://schemas.ogf.org/occi/infrastructure#network\""), ("X-OCCI-Attribute", "occi.core.title=\"json\""));
        var id = location[(location.LastIndexOf('/') + 1)..];

        var compute = await GetJsonAsync(client, location);
        AssertValid("resource", compute);
        var root = JsonDocument.Parse(compute).RootElement;
        Assert.Equal(id, root.GetProperty("id").GetString());
        Assert.Equal("json", root.GetProperty("title").GetString());
        Assert.Equal("http://schemas.ogf.org/occi/infrastructure#compute", root.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("attributes").GetProperty("occi.compute.cores").ValueKind);
        Assert.Equal(2, root.GetProperty("links").GetArrayLength());

        AssertValid("link", await GetJsonAsync(client, $"/link/networkinterface/{id}_public"));
        AssertValid("resource_collection", await GetJsonAsync(client, "/compute/"));
        AssertValid("resource_collection", await GetJsonAsync(client, "/network/"));
        AssertValid("link_collection", await GetJsonAsync(client, "/link/networkinterface/"));
        AssertValid("model", await GetJsonAsync(client, "/"));
        await client.DeleteAsync(location);
    }

    [Fact]
    public async Task CreateAndActInJson_AreAccepted()
    {
        using var client = site.Client();
        var body = $$"""
            {"kind":"http://schemas.ogf.org/occi/infrastructure#compute",
             "mixins":["http://schemas.standardscloud.org/occi/os_tpl#{{site.ImageId}}","http://schemas.standardscloud.org/occi/resource_tpl#t1_micro"],
             "attributes":{"occi.compute.hostname":"from-json"},"id":"ignored","title":"json made"}
            """;
        using var created = await client.SendAsync(Occi.WithBody(HttpMethod.Post, "/compute/", body, "application/occi+json", "application/occi+json"));
        var answer = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        AssertValid("resource", answer);
        var location = created.Headers.Location!.ToString();
        Assert.Equal("from-json", JsonDocument.Parse(answer).RootElement.GetProperty("attributes").GetProperty("occi.compute.hostname").GetString());

        await client.WaitForStateAsync(location, "active");
        var stop = """{"action":"http://schemas.ogf.org/occi/infrastructure/compute/action#stop","attributes":{"method":"graceful"}}""";
        AssertValid("action_invocation", stop);
        using var stopped = await client.SendAsync(Occi.WithBody(HttpMethod.Post, new Uri(location).AbsolutePath + "?action=stop", stop, "application/occi+json", "application/occi+json"));
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        await client.WaitForStateAsync(location, "inactive");

        using var error = await client.SendAsync(Occi.WithBody(HttpMethod.Post, "/compute/", "{\"kind\": 5}", "application/json", "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(400, JsonDocument.Parse(await error.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
        await client.DeleteAsync(location);
    }

    [Fact]
    public async Task StorageStorageLinkAndComputeWithIt_AreValid()
    {
        using var client = await site.NewUserAsync("jsonstore" + Guid.NewGuid().ToString("N")[..6]);
        var body = """{"kind":"http://schemas.ogf.org/occi/infrastructure#storage","attributes":{"occi.storage.size":1},"title":"json disk"}""";
        using var created = await client.SendAsync(Occi.WithBody(HttpMethod.Post, "/storage/", body, "application/occi+json", "application/occi+json"));
        var answer = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, answer);
        AssertValid("resource", answer);
        var storage = created.Headers.Location!.ToString();
        Assert.Equal(1, JsonDocument.Parse(answer).RootElement.GetProperty("attributes").GetProperty("occi.storage.size").GetInt32());
        await client.WaitForAttributeAsync(storage, "occi.storage.state", "online");

        var compute = await client.CreateComputeAsync();
        var link = $$$"""
            {"kind":"http://schemas.ogf.org/occi/infrastructure#storagelink","id":"chosen-by-the-site","source":{"location":"{{{compute}}}"},"target":{"location":"{{{new Uri(storage).AbsolutePath}}}"},
             "attributes":{"occi.storagelink.mountpoint":"/data"}}
            """;
        AssertValid("link", link);
        using var linked = await client.SendAsync(Occi.WithBody(HttpMethod.Post, "/link/storagelink/", link, "application/occi+json", "application/occi+json"));
        var linkAnswer = await linked.Content.ReadAsStringAsync();
        Assert.True(linked.StatusCode == HttpStatusCode.Created, linkAnswer);
        AssertValid("link", linkAnswer);
        Assert.Equal("/data", JsonDocument.Parse(linkAnswer).RootElement.GetProperty("attributes").GetProperty("occi.storagelink.mountpoint").GetString());

        var computeJson = await GetJsonAsync(client, compute);
        AssertValid("resource", computeJson);
        Assert.Contains(JsonDocument.Parse(computeJson).RootElement.GetProperty("links").EnumerateArray(),
            l => l.GetProperty("kind").GetString() == "http://schemas.ogf.org/occi/infrastructure#storagelink");
        AssertValid("resource", await GetJsonAsync(client, storage));
        AssertValid("link", await GetJsonAsync(client, linked.Headers.Location!.ToString()));
        AssertValid("resource_collection", await GetJsonAsync(client, "/storage/"));
        AssertValid("link_collection", await GetJsonAsync(client, "/link/storagelink/"));
        AssertValid("model", await GetJsonAsync(client, "/"));
    }
}
