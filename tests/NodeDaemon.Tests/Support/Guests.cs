using System.Net;
using System.Net.Sockets;
using System.Text;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Support;

/// <summary>Desired domains with an instance context, and HTTP clients that call from a guest's address.</summary>
public static class Guests
{
    public static InstanceContext Context(
        string privateAddress,
        string? userData = null,
        string? publicAddress = null,
        string? keyName = "my-key",
        IReadOnlyList<string>? publicKeys = null,
        string hostname = "guest-1") => new(
            Hostname: hostname,
            ImageId: "ami-0000000000000000a",
            InstanceType: "t1.micro",
            ReservationId: "r-0000000000000000b",
            LaunchIndex: 2,
            AvailabilityZone: "site-a",
            PrivateAddress: privateAddress,
            PrivatePrefixLength: 24,
            Gateway: "10.9.8.1",
            PublicAddress: publicAddress,
            KeyName: keyName,
            PublicKeys: publicKeys ?? ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample user@site"],
            UserData: userData is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(userData)),
            SecurityGroups: ["default", "web"],
            Pairs: new Dictionary<string, string>());

    public static DesiredDomain Domain(string instanceId, InstanceContext context, IReadOnlyList<DesiredDisk>? disks = null) =>
        Desired.Domain(instanceId) with { Context = context, Disks = disks };

    /// <summary>An HTTP client whose connections leave from <paramref name="source"/> (any 127.x.y.z works on Linux).</summary>
    public static HttpClient ClientFrom(string source, Uri server)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = server };
    }
}
