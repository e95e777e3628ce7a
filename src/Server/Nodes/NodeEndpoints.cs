using System.Text.Json;
using StandardsCloud.Compute;
using StandardsCloud.Compute.Hosts;
using StandardsCloud.NodeProtocol;
using Host = StandardsCloud.Compute.Hosts.Host;

namespace StandardsCloud.Server.Nodes;

/// <summary>
/// The node protocol's endpoints. Registration needs the join token; everything after it the
/// bearer token it returned. A node without either is answered 401 and gets no desired state.
/// </summary>
internal static class NodeEndpoints
{
    private const long MaxBody = 4 * 1024 * 1024;

    public static void MapNodeProtocol(this IEndpointRouteBuilder app)
    {
        app.MapPost(NodeApi.RegisterPath, RegisterAsync);
        app.MapPost(NodeApi.SyncPath, SyncAsync);
        app.MapPost(NodeApi.ConsolePath, ConsoleAsync);
    }

    private static async Task<IResult> RegisterAsync(HttpContext http, HostService hosts, ILogger<HostService> logger)
    {
        var request = await ReadAsync(http, NodeJson.Default.RegisterRequest);
        if (request is null)
        {
            return Results.Problem(detail: "the body must be a register request", statusCode: 400);
        }

        var registered = await hosts.RegisterAsync(request, http.RequestAborted);
        if (!registered.IsOk)
        {
            Log.NodeRefused(logger, registered.Reason!);
            return Results.Problem(detail: registered.Reason, statusCode: registered.Status == ComputeStatus.Unauthenticated ? 401 : 400);
        }

        Log.NodeRegistered(logger, request.NodeName, registered.Value!.HostId);
        return Results.Json(registered.Value, NodeJson.Default.RegisterResponse);
    }

    private static async Task<IResult> SyncAsync(HttpContext http, HostService hosts)
    {
        if (await AuthenticateAsync(http, hosts) is not { } host)
        {
            return Unauthorized();
        }

        var request = await ReadAsync(http, NodeJson.Default.SyncRequest);
        if (request is null)
        {
            return Results.Problem(detail: "the body must be a sync request", statusCode: 400);
        }

        var desired = await hosts.SyncAsync(host, request, http.RequestAborted);
        return Results.Json(desired, NodeJson.Default.SyncResponse);
    }

    private static async Task<IResult> ConsoleAsync(HttpContext http, HostService hosts)
    {
        if (await AuthenticateAsync(http, hosts) is not { } host)
        {
            return Unauthorized();
        }

        var chunk = await ReadAsync(http, NodeJson.Default.ConsoleChunk);
        if (chunk is null || chunk.Offset < 0)
        {
            return Results.Problem(detail: "the body must be a console chunk", statusCode: 400);
        }

        return await hosts.AppendConsoleAsync(host, chunk, http.RequestAborted) switch
        {
            ComputeStatus.Ok => Results.NoContent(),
            ComputeStatus.NotFound => Results.Problem(detail: $"instance {chunk.InstanceId} is not on this host", statusCode: 404),
            _ => Results.Problem(detail: "retry", statusCode: 409),
        };
    }

    private static Task<Host?> AuthenticateAsync(HttpContext http, HostService hosts)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal)
            ? hosts.AuthenticateAsync(header[7..].Trim(), http.RequestAborted)
            : Task.FromResult<Host?>(null);
    }

    private static IResult Unauthorized() =>
        Results.Problem(detail: "register with the join token, then send its bearer token", statusCode: 401, title: "Unauthenticated");

    private static async Task<T?> ReadAsync<T>(HttpContext http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class
    {
        if (http.Request.ContentLength > MaxBody)
        {
            return null;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(http.Request.Body, type, http.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
