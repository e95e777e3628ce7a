using System.Net;
using Microsoft.Extensions.Time.Testing;
using StandardsCloud.NodeDaemon.Metadata;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Metadata;

/// <summary>The metadata service on a real Kestrel at 127.0.0.1, over a desired state the test sets.</summary>
public sealed class MetadataHost : IAsyncDisposable
{
    private readonly MetadataServer _server;

    private MetadataHost(MetadataServer server, FakeTimeProvider time)
    {
        _server = server;
        Time = time;
    }

    public IReadOnlyList<DesiredDomain> Desired { get; set; } = [];

    public FakeTimeProvider Time { get; }

    public Uri Url => new($"http://127.0.0.1:{_server.Address.Port}/");

    public static async Task<MetadataHost> StartAsync(bool v2Only = false, params DesiredDomain[] desired)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        MetadataHost? host = null;
        var endpoint = new MetadataEndpoint(new GuestDirectory(() => host!.Desired), new MetadataTokens(time), v2Only);
        var started = await MetadataServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), endpoint);
        Assert.True(started.IsOk, started.Error);
        host = new MetadataHost(started.Value, time) { Desired = desired };
        return host;
    }

    /// <summary>A client calling from <paramref name="source"/>, a loopback address standing for a guest's.</summary>
    public HttpClient From(string source) => Support.Guests.ClientFrom(source, Url);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
