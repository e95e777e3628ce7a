using System.Net;
using System.Net.Sockets;

namespace StandardsCloud.TestKit;

/// <summary>
/// Ports for test listeners that must be known before they are bound. They are drawn below the
/// kernel's ephemeral range, which outgoing connections (PostgreSQL, HTTP clients) take from at
/// any moment; a port handed out by binding to 0 lies inside it and can be gone again by the time
/// the listener binds.
/// </summary>
public static class LoopbackPorts
{
    private const int Lowest = 10_000;

    /// <summary>A port nothing listens on at this moment, outside the ephemeral range.</summary>
    public static int Unused()
    {
        var end = EphemeralStart();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(Lowest, end);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free loopback port between {Lowest} and {end}");
    }

    /// <summary>Whether <paramref name="error"/> says a listener's port was taken before it bound.</summary>
    public static bool WasTaken(Exception error) =>
        error is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
        || error.InnerException is { } inner && WasTaken(inner);

    private static bool IsFree(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralStart()
    {
        // ip(7): ip_local_port_range holds the first and last port of the ephemeral range.
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(range)
            && int.TryParse(File.ReadAllText(range).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], out var first)
            && first > Lowest + 1_000)
        {
            return first;
        }

        return 32_768;
    }
}
