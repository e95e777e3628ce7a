using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardsCloud.NodeDaemon.Core;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Support;

/// <summary>
/// A core that speaks the node protocol and nothing else: it checks the join token and the bearer
/// token, holds waiting syncs until desired state changes, and remembers the latest report.
/// </summary>
public sealed class FakeCore : IAsyncDisposable
{
    public const string JoinToken = "join-secret";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private IReadOnlyList<DesiredDomain> _desired = [];
    private int _version;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _reported = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<DomainReport> _report = [];
    private string _nodeToken = "token-0";
    private int _registrations;
    private int _syncs;
    private int _reports;

    private FakeCore(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.First());

    public int Registrations => Volatile.Read(ref _registrations);

    /// <summary>How many syncs carried a report.</summary>
    public int Reports => Volatile.Read(ref _reports);

    public RegisterRequest? LastRegistration { get; private set; }

    /// <summary>When true, every register call answers 401 whatever the token.</summary>
    public bool RefuseAll { get; set; }

    public static async Task<FakeCore> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var app = builder.Build();
        var core = new FakeCore(app);
        app.MapPost(NodeApi.RegisterPath, (Delegate)core.RegisterAsync);
        app.MapPost(NodeApi.SyncPath, (Delegate)core.SyncAsync);
        await app.StartAsync();
        return core;
    }

    public void SetDesired(params DesiredDomain[] domains)
    {
        lock (_gate)
        {
            _desired = domains;
            _version++;
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Makes the current node token invalid, as a core restart that lost its sessions would.</summary>
    public void ForgetNodes()
    {
        lock (_gate)
        {
            _nodeToken = "token-" + Guid.NewGuid().ToString("N");
        }
    }

    /// <summary>Waits until a sync arrived and the latest report satisfies <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<DomainReport>> WaitForReportAsync(
        Func<IReadOnlyList<DomainReport>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_syncs > 0 && condition(_report))
                {
                    return _report;
                }

                next = _reported.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(next, Task.Delay(left)) != next)
            {
                lock (_gate)
                {
                    Assert.Fail($"report never matched; last: {string.Join(", ", _report)}");
                }
            }
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<IResult> RegisterAsync(HttpContext context)
    {
        var request = await JsonSerializer.DeserializeAsync(context.Request.Body, NodeJson.Default.RegisterRequest);
        if (request is null || request.ProtocolVersion != NodeApi.Version)
        {
            return Results.BadRequest();
        }

        if (RefuseAll || request.JoinToken != JoinToken)
        {
            return Results.Unauthorized();
        }

        Interlocked.Increment(ref _registrations);
        LastRegistration = request;
        string token;
        lock (_gate)
        {
            token = _nodeToken;
        }

        return Results.Json(new RegisterResponse("host-1", token, HeartbeatSeconds: 2), NodeJson.Default.RegisterResponse);
    }

    private async Task<IResult> SyncAsync(HttpContext context)
    {
        lock (_gate)
        {
            if (context.Request.Headers.Authorization.ToString() != "Bearer " + _nodeToken)
            {
                return Results.Unauthorized();
            }
        }

        var request = await JsonSerializer.DeserializeAsync(context.Request.Body, NodeJson.Default.SyncRequest);
        if (request is null)
        {
            return Results.BadRequest();
        }

        Task changed;
        lock (_gate)
        {
            // A waiting sync carries no report; keep the last one received.
            _report = request.Domains ?? _report;
            _reports += request.Domains is null ? 0 : 1;
            _syncs++;
            _reported.TrySetResult();
            _reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed = _changed.Task;
        }

        if (request.Wait && request.KnownDesiredHash == Hash())
        {
            await Task.WhenAny(changed, Task.Delay(TimeSpan.FromSeconds(2), context.RequestAborted));
        }

        lock (_gate)
        {
            return Results.Json(new SyncResponse(Hash(), _desired), NodeJson.Default.SyncResponse);
        }
    }

    private string Hash()
    {
        lock (_gate)
        {
            return "v" + _version.ToString(CultureInfo.InvariantCulture);
        }
    }
}
