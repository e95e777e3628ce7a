using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace StandardsCloud.BootTime.Measure;

/// <summary>
/// Serves the guest image over HTTP from memory, as the web server behind a Marketplace entry's
/// location would, so a node's download is a real one. Each whole download is timed from the
/// request's arrival to its last byte handed to the connection.
/// </summary>
public sealed class ImageServer : IAsyncDisposable
{
    private const int Chunk = 1 << 16;
    private readonly HttpListener _listener = new();
    private readonly byte[] _image;
    private readonly ConcurrentQueue<double> _downloads = new();
    private readonly Task _serving;

    public ImageServer(byte[] image, int port, string fileName)
    {
        _image = image;
        Url = new Uri($"http://127.0.0.1:{port}/{fileName}");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public Uri Url { get; }

    /// <summary>Milliseconds of each whole download so far, in the order they ended.</summary>
    public IReadOnlyList<double> Downloads => [.. _downloads];

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.ConfigureAwait(false);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var response = context.Response;
        if (context.Request.HttpMethod != "GET" || context.Request.Url?.AbsolutePath != Url.AbsolutePath)
        {
            response.StatusCode = (int)HttpStatusCode.NotFound;
            response.Close();
            return;
        }

        try
        {
            response.ContentType = "application/octet-stream";
            response.ContentLength64 = _image.Length;
            for (var offset = 0; offset < _image.Length; offset += Chunk)
            {
                await response.OutputStream.WriteAsync(_image.AsMemory(offset, Math.Min(Chunk, _image.Length - offset))).ConfigureAwait(false);
            }

            response.Close();
            _downloads.Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (HttpListenerException)
        {
            // The client went away mid-download: not a whole download, so not a sample.
            response.Abort();
        }
    }
}
