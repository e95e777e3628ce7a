using Microsoft.Extensions.Logging.Abstractions;
using StandardsCloud.NodeDaemon.Agent;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeDaemon.Images;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Agent;

public sealed class NodeAgentTests : IDisposable
{
    private readonly PrivateHost _host = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _host.Dispose();
    }

    private NodeAgent NewAgent() => new(_host.Connection, HypervisorFlavour.TestDriver(), new DomainLayout(_host.DataDir),
        new ImageCache(Path.Combine(_host.DataDir, "images"), _http), TimeProvider.System, NullLogger.Instance);

    [Fact]
    public void ApplyDesired_OlderRevisionArrivingLate_Ignored()
    {
        var agent = NewAgent();
        agent.ApplyDesired(new SyncResponse("newer", [Desired.Domain("i-00000000000000001")], Revision: 200));
        agent.ApplyDesired(new SyncResponse("older", [], Revision: 100));
        Assert.Equal("newer", agent.DesiredHash);
    }

    [Fact]
    public void ApplyDesired_NewerRevision_Applied()
    {
        var agent = NewAgent();
        agent.ApplyDesired(new SyncResponse("first", [], Revision: 100));
        agent.ApplyDesired(new SyncResponse("second", [Desired.Domain("i-00000000000000002")], Revision: 200));
        Assert.Equal("second", agent.DesiredHash);
    }
}
