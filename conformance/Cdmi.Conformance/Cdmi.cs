using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace StandardsCloud.Cdmi.Conformance;

/// <summary>CDMI requests as the specification writes them: version header, CDMI content types, JSON bodies.</summary>
public static class Cdmi
{
    public const string Version = "1.1.1";
    public const string VersionHeader = "X-CDMI-Specification-Version";

    public static HttpRequestMessage Request(HttpMethod method, string uri, string? contentType = null, string? body = null, string? accept = null, string? version = Version)
    {
        var request = new HttpRequestMessage(method, uri);
        if (version is not null)
        {
            request.Headers.TryAddWithoutValidation(VersionHeader, version);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (body is not null || contentType is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body ?? ""));
            request.Content.Headers.Remove("Content-Type");
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        return request;
    }

    public static Task<HttpResponseMessage> PutContainerAsync(this HttpClient client, string uri, string body = "{}") =>
        client.SendAsync(Request(HttpMethod.Put, uri, "application/cdmi-container", body, "application/cdmi-container"));

    public static Task<HttpResponseMessage> PutObjectAsync(this HttpClient client, string uri, string body) =>
        client.SendAsync(Request(HttpMethod.Put, uri, "application/cdmi-object", body, "application/cdmi-object"));

    public static Task<HttpResponseMessage> GetCdmiAsync(this HttpClient client, string uri, string? accept = null) =>
        client.SendAsync(Request(HttpMethod.Get, uri, accept: accept));

    public static Task<HttpResponseMessage> DeleteCdmiAsync(this HttpClient client, string uri) =>
        client.SendAsync(Request(HttpMethod.Delete, uri));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Fails with the body when the status is not the one expected.</summary>
    public static async Task ExpectAsync(this HttpResponseMessage response, int status)
    {
        var text = response.Content is null ? "" : await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
    }

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content) : null;

    public static MediaTypeHeaderValue? ContentType(this HttpResponseMessage response) => response.Content.Headers.ContentType;
}
