using StandardsCloud.CloudKit;
using StandardsCloud.Ec2Compat;

namespace StandardsCloud.Ec2.Conformance;

/// <summary>
/// One cloud for a class of client sessions: the real server on real PostgreSQL, one node whose
/// guests print a boot line on their serial console, and one registered image.
/// </summary>
public sealed class Ec2Site : IAsyncLifetime
{
    private FakeNode? _node;

    public CloudFixture Cloud { get; } = new();

    /// <summary>The image every session launches.</summary>
    public string ImageId { get; private set; } = "";

    /// <summary>The EC2 Query endpoint, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Endpoint => Cloud.Ec2Address;

    public string Region => Cloud.Service<Ec2Options>().Region;

    public string Zone => Cloud.Service<Ec2Options>().Zone;

    public string AccessKeyId => Cloud.Admin.AccessKeyId;

    public string SecretAccessKey => Cloud.Admin.SecretAccessKey;

    /// <summary>What every guest of this site prints on its serial console when it boots.</summary>
    public static string BootLine(string instanceId) => $"StandardsCloud test guest {instanceId} booted\r\nlogin: ";

    public async Task InitializeAsync()
    {
        await Cloud.InitializeAsync();
        _node = new FakeNode(Cloud, "conformance-host", cpus: 64, memoryMiB: 262144) { BootConsole = BootLine };
        await _node.StartAsync();
        ImageId = await Cloud.RegisterImageAsync("conformance-image");
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        await Cloud.DisposeAsync();
    }

    /// <summary>A name no other session of this site uses, for key pairs and groups.</summary>
    public static string UniqueName(string client) => client + "-" + Guid.NewGuid().ToString("N")[..8];
}
