using System.Net.Http.Headers;
using System.Text;
using StandardsCloud.CloudKit;

namespace StandardsCloud.Occi.Conformance;

/// <summary>One cloud for a class of OCCI tests: the real server on real PostgreSQL, one node and one image.</summary>
public sealed class OcciSite : IAsyncLifetime
{
    public const string Infrastructure = "http://schemas.ogf.org/occi/infrastructure#";
    public const string ComputeKind = "compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"";

    private FakeNode? _node;

    public CloudFixture Cloud { get; } = new();

    public string ImageId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Cloud.InitializeAsync();
        _node = new FakeNode(Cloud, "occi-host", cpus: 64, memoryMiB: 262144) { CpuMhz = 2400 };
        await _node.StartAsync();
        ImageId = await Cloud.RegisterImageAsync("occi-image");
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        await Cloud.DisposeAsync();
    }

    /// <summary>An OCCI client signed in as the site's administrator, or as another user.</summary>
    public HttpClient Client(string? user = null, string? password = null)
    {
        var client = new HttpClient { BaseAddress = Cloud.OcciAddress, Timeout = TimeSpan.FromSeconds(30) };
        user ??= Cloud.Admin.User;
        password ??= Cloud.Admin.Password;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    /// <summary>A user of its own, for isolation tests.</summary>
    public async Task<HttpClient> NewUserAsync(string name)
    {
        using var api = await Cloud.NewUserAsync(name);
        return Client(name, "pw-" + name + "-0123");
    }
}

/// <summary>Building OCCI requests and reading replies in tests.</summary>
public static class Occi
{
    /// <summary>A request in the header rendering (text/occi), answered in <paramref name="accept"/>.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string accept = "text/occi", params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent([]) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/occi");
        request.Headers.Accept.ParseAdd(accept);
        foreach (var (name, value) in fields)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>A request whose rendering is in the body.</summary>
    public static HttpRequestMessage WithBody(HttpMethod method, string path, string body, string contentType, string accept = "text/plain") =>
        new(method, path) { Content = new StringContent(body, Encoding.UTF8, contentType), Headers = { Accept = { MediaTypeWithQualityHeaderValue.Parse(accept) } } };

    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";

    /// <summary>The X-OCCI-Attribute lines of a text/plain body, name to raw value.</summary>
    public static Dictionary<string, string> PlainAttributes(string body) =>
        body.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("X-OCCI-Attribute:", StringComparison.Ordinal))
            .Select(l => l["X-OCCI-Attribute:".Length..].Trim()).Select(l => (l[..l.IndexOf('=')], l[(l.IndexOf('=') + 1)..]))
            .ToDictionary(p => p.Item1, p => p.Item2);

    /// <summary>Creates a compute and returns its absolute location.</summary>
    public static async Task<string> CreateComputeAsync(this HttpClient client, params (string Name, string Value)[] extra)
    {
        using var response = await client.SendAsync(Request(HttpMethod.Post, "/compute/", "text/occi", [("Category", OcciSite.ComputeKind), .. extra]));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"create answered {(int)response.StatusCode}: {body}");
        return response.Headers.Location!.ToString();
    }

    public static async Task<string> GetPlainAsync(this HttpClient client, string location)
    {
        using var response = await client.SendAsync(Request(HttpMethod.Get, location, "text/plain"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {location} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>Polls the compute until its occi.compute.state is <paramref name="state"/>.</summary>
    public static Task WaitForStateAsync(this HttpClient client, string location, string state) =>
        client.WaitForAttributeAsync(location, "occi.compute.state", state);

    /// <summary>Polls the entity until its string attribute <paramref name="name"/> is <paramref name="value"/>.</summary>
    public static async Task WaitForAttributeAsync(this HttpClient client, string location, string name, string value)
    {
        var last = "";
        for (var i = 0; i < 300; i++)
        {
            last = PlainAttributes(await client.GetPlainAsync(location)).GetValueOrDefault(name, "");
            if (last == $"\"{value}\"")
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{location} kept {name} {last}, never {value}");
    }
}
