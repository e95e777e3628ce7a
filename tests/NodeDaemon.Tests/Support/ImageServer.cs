using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StandardsCloud.NodeDaemon.Tests.Support;

/// <summary>An HTTP server with one image, counting downloads and answering slowly enough to overlap them.</summary>
public sealed class ImageServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _downloads;

    private ImageServer(WebApplication app, byte[] content)
    {
        _app = app;
        Content = content;
    }

    public byte[] Content { get; }

    public int Downloads => Volatile.Read(ref _downloads);

    public Uri Url => new(_app.Urls.First() + "/image.raw");

    public static async Task<ImageServer> StartAsync(byte[] content)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ImageServer(app, content);
        app.MapGet("/image.raw", async (HttpContext context) =>
        {
            Interlocked.Increment(ref server._downloads);
            await Task.Delay(200);
            await context.Response.Body.WriteAsync(content);
        });
        await app.StartAsync();
        return server;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
