using System.Security.Cryptography;
using System.Text;

namespace StandardsCloud.NodeDaemon.Domains;

/// <summary>
/// The MAC address of a guest's network interface: QEMU's locally administered prefix 52:54:00 and
/// three bytes of the SHA-256 of the instance id, so a guest keeps its address across redefinitions
/// and hosts without anyone keeping a table.
/// </summary>
public static class DomainMac
{
    public static string For(string instanceId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(instanceId));
        return $"52:54:00:{hash[0]:x2}:{hash[1]:x2}:{hash[2]:x2}";
    }
}
