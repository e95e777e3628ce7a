using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Core;

/// <summary>The node's calls to the core, one method per endpoint of <see cref="NodeApi"/>.</summary>
public sealed class CoreClient(HttpClient http, Uri core)
{
    public Uri Core { get; } = core;

    public Task<CoreAnswer<RegisterResponse>> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken) =>
        PostAsync(
            NodeApi.RegisterPath,
            request,
            NodeJson.Default.RegisterRequest,
            NodeJson.Default.RegisterResponse,
            token: null,
            cancellationToken);

    public Task<CoreAnswer<SyncResponse>> SyncAsync(SyncRequest request, string token, CancellationToken cancellationToken) =>
        PostAsync(
            NodeApi.SyncPath,
            request,
            NodeJson.Default.SyncRequest,
            NodeJson.Default.SyncResponse,
            token,
            cancellationToken);

    public async Task<CoreAnswerKind> PostConsoleAsync(ConsoleChunk chunk, string token, CancellationToken cancellationToken)
    {
        using var message = Request(NodeApi.ConsolePath, JsonContent.Create(chunk, NodeJson.Default.ConsoleChunk), token);
        try
        {
            using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return Classify(response.StatusCode);
        }
        catch (Exception e) when (IsTransport(e, cancellationToken))
        {
            return CoreAnswerKind.Unavailable;
        }
    }

    private async Task<CoreAnswer<TResponse>> PostAsync<TRequest, TResponse>(
        string path,
        TRequest body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        string? token,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        using var message = Request(path, JsonContent.Create(body, requestType), token);
        try
        {
            using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var kind = Classify(response.StatusCode);
            if (kind != CoreAnswerKind.Ok)
            {
                var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return CoreAnswer<TResponse>.Failed(kind, (int)response.StatusCode, Shorten(detail));
            }

            var value = await response.Content.ReadFromJsonAsync(responseType, cancellationToken).ConfigureAwait(false);
            return value is null
                ? CoreAnswer<TResponse>.Failed(CoreAnswerKind.Unavailable, (int)response.StatusCode, "empty answer")
                : CoreAnswer<TResponse>.Ok(value);
        }
        catch (Exception e) when (IsTransport(e, cancellationToken))
        {
            return CoreAnswer<TResponse>.Failed(CoreAnswerKind.Unavailable, 0, e.Message);
        }
    }

    private HttpRequestMessage Request(string path, HttpContent content, string? token)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(Core, path)) { Content = content };
        if (token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return message;
    }

    private static CoreAnswerKind Classify(HttpStatusCode status) => (int)status switch
    {
        >= 200 and < 300 => CoreAnswerKind.Ok,
        401 or 403 => CoreAnswerKind.Unauthorized,
        >= 400 and < 500 and not 408 and not 429 => CoreAnswerKind.Refused,
        _ => CoreAnswerKind.Unavailable,
    };

    /// <summary>Network trouble, a malformed answer or a per-call timeout; not the daemon stopping.</summary>
    private static bool IsTransport(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or System.Text.Json.JsonException or IOException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
