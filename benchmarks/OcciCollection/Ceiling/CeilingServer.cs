using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StandardsCloud.OcciCollection.Ceiling;

/// <summary>
/// The framework's ceiling: a minimal Kestrel app whose <c>GET /compute/</c> serializes a
/// System.Text.Json array of the same computes OCCI lists, on every request, and does nothing else
/// (no authentication, no database, no mapping). It runs as a process of its own, as the server
/// does, started by the harness with the server's runtime settings, so it neither shares a garbage
/// collector with the clients nor gets CPU the server could not have.
/// </summary>
public static class CeilingServer
{
    public const string Verb = "serve-ceiling";

    /// <param name="args"><c>--port N --objects FILE</c>.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (args is not ["--port", var portText, "--objects", var file]
            || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            await Console.Error.WriteLineAsync($"usage: {Verb} --port <n> --objects <file>").ConfigureAwait(false);
            return 2;
        }

        IReadOnlyList<CeilingResource> computes;
        await using (var stream = File.OpenRead(file))
        {
            computes = await System.Text.Json.JsonSerializer.DeserializeAsync(stream, CeilingJson.Default.IReadOnlyListCeilingResource).ConfigureAwait(false) ?? [];
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        await using var app = builder.Build();
        app.MapGet("/compute/", () => TypedResults.Json(computes, CeilingJson.Default.IReadOnlyListCeilingResource));
        app.MapGet("/healthz", () => TypedResults.Ok());
        Console.WriteLine($"serving {computes.Count} computes on 127.0.0.1:{port}");
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
