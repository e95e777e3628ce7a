using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StandardsCloud.Occi.Wire;

namespace StandardsCloud.Occi.Http;

/// <summary>Renders a reply in the negotiated rendering: headers, body lines, URI list or JSON.</summary>
internal static class OcciWriter
{
    // How much of a streamed rendering is gathered before it is handed to the connection.
    private const int SendBytes = 32 * 1024;

    public static async Task WriteAsync(HttpContext http, OcciReply reply, Rendering rendering, string baseUrl)
    {
        var response = http.Response;
        response.StatusCode = reply.Status;
        if (reply is EntityReply { CreatedAt: { } created })
        {
            response.Headers.Location = baseUrl + created;
        }

        if (rendering is Rendering.OcciJson or Rendering.Json && reply is CollectionReply or StreamedCollectionReply)
        {
            response.ContentType = MediaTypes.Name(rendering);
            await WriteJsonCollectionAsync(http, reply).ConfigureAwait(false);
            return;
        }

        var body = new ArrayBufferWriter<byte>();
        if (reply is ErrorReply error)
        {
            if (rendering is Rendering.OcciJson or Rendering.Json)
            {
                using var json = new Utf8JsonWriter(body);
                json.WriteStartObject();
                json.WriteNumber("status", error.Status);
                json.WriteString("message", error.Message);
                json.WriteEndObject();
            }
            else
            {
                rendering = rendering == Rendering.UriList ? Rendering.TextPlain : rendering;
                body.Write(Encoding.UTF8.GetBytes(error.Message + "\n"));
            }
        }
        else if (rendering is Rendering.OcciJson or Rendering.Json)
        {
            using var json = new Utf8JsonWriter(body);
            WriteJson(json, reply, baseUrl);
        }
        else if (rendering == Rendering.UriList)
        {
            foreach (var location in Locations(reply, baseUrl))
            {
                Encoding.UTF8.GetBytes(location, body);
                body.Write("\r\n"u8);
            }
        }
        else
        {
            var fields = Fields(reply, baseUrl).ToList();
            if (rendering == Rendering.TextOcci)
            {
                // GFD.229 §5: the rendering goes in headers, one comma-joined header per field; the body says OK.
                foreach (var group in fields.GroupBy(f => f.Name))
                {
                    response.Headers.Append(group.Key, string.Join(", ", group.Select(f => f.Value)));
                }

                body.Write("OK\n"u8);
            }
            else
            {
                var text = new StringBuilder();
                foreach (var (name, value) in fields)
                {
                    text.Append(name).Append(": ").Append(value).Append('\n');
                }

                // An empty collection renders as no lines at all; only a bare success says OK.
                body.Write(Encoding.UTF8.GetBytes(text.Length == 0 && reply is DoneReply ? "OK\n" : text.ToString()));
            }
        }

        response.ContentType = MediaTypes.Name(rendering) + (rendering is Rendering.OcciJson or Rendering.Json ? "" : "; charset=utf-8");
        response.ContentLength = body.WrittenCount;
        await response.Body.WriteAsync(body.WrittenMemory, http.RequestAborted).ConfigureAwait(false);
    }

    // A collection of thousands of computes renders to megabytes: it goes out in pieces as it is
    // written, never whole in one growing buffer.
    private static async Task WriteJsonCollectionAsync(HttpContext http, OcciReply reply)
    {
        var body = http.Response.BodyWriter;
        var ct = http.RequestAborted;
        await using var json = new Utf8JsonWriter(body);
        async ValueTask SendWhenFullAsync()
        {
            if (json.BytesPending >= SendBytes)
            {
                json.Flush();
                await body.FlushAsync(ct).ConfigureAwait(false);
            }
        }

        (IAsyncEnumerable<ResourceView>? Resources, IReadOnlyList<LinkView>? Links) parts = reply switch
        {
            StreamedCollectionReply streamed => (streamed.Resources, null),
            CollectionReply c => (c.WithResources ? Each(c.Resources) : null, c.WithLinks ? c.Links : null),
            _ => throw new ArgumentException($"{reply.GetType().Name} is not a collection", nameof(reply)),
        };
        await JsonRenderer.CollectionAsync(json, parts.Resources, parts.Links, SendWhenFullAsync).ConfigureAwait(false);
        json.Flush();
    }

    // A collection already made, handed over as the streamed ones are.
    private static async IAsyncEnumerable<ResourceView> Each(IReadOnlyList<ResourceView> resources)
    {
        foreach (var resource in resources)
        {
            yield return resource;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>text/uri-list is for collections only (GFD.229 §6): whether a reply can be rendered so.</summary>
    public static bool IsListing(OcciReply reply) => reply is CollectionReply or StreamedCollectionReply or ErrorReply or EntityReply { CreatedAt: not null };

    private static IEnumerable<string> Locations(OcciReply reply, string baseUrl) => reply switch
    {
        CollectionReply c => (c.WithResources ? c.Resources.Select(r => r.Location) : []).Concat(c.WithLinks ? c.Links.Select(l => l.Location) : []).Select(l => baseUrl + l),
        EntityReply { CreatedAt: { } created } => [baseUrl + created],
        _ => [],
    };

    private static IEnumerable<(string Name, string Value)> Fields(OcciReply reply, string baseUrl) => reply switch
    {
        CategoriesReply c => c.Categories.Select(category => (TextParser.CategoryField, TextRenderer.Definition(category))),
        EntityReply { CreatedAt: { } created } => [(TextParser.LocationField, baseUrl + created)],
        EntityReply { Resource: { } resource } => TextRenderer.Resource(resource),
        EntityReply { Link: { } link } => TextRenderer.Link(link),
        CollectionReply => Locations(reply, baseUrl).Select(l => (TextParser.LocationField, l)),
        _ => [],
    };

    private static void WriteJson(Utf8JsonWriter json, OcciReply reply, string baseUrl)
    {
        switch (reply)
        {
            case CategoriesReply c: JsonRenderer.Model(json, c.Categories); break;
            case EntityReply { Resource: { } resource }: JsonRenderer.Resource(json, resource); break;
            case EntityReply { Link: { } link }: JsonRenderer.Link(json, link); break;
            case EntityReply { CreatedAt: { } created }:
                json.WriteStartObject();
                json.WriteStartArray("locations");
                json.WriteStringValue(baseUrl + created);
                json.WriteEndArray();
                json.WriteEndObject();
                break;
            default:
                json.WriteStartObject();
                json.WriteEndObject();
                break;
        }
    }
}
