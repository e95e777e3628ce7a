using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Networking;

/// <summary>One public (elastic) address bound to a guest's private address on the site's private network.</summary>
public sealed record PublicMapping(IPAddress Public, IPAddress Private, int PrefixLength)
{
    /// <summary>The private network the guest is on, in CIDR form.</summary>
    public string PrivateNetwork
    {
        get
        {
            var bits = BitConverter.ToUInt32([.. Private.GetAddressBytes().Reverse()]);
            var mask = PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);
            var network = new IPAddress([.. BitConverter.GetBytes(bits & mask).Reverse()]);
            return string.Create(CultureInfo.InvariantCulture, $"{network}/{PrefixLength}");
        }
    }
}

/// <summary>
/// The address translation that makes public addresses reach guests, as EC2's elastic addresses do
/// (the guest sees only its private address): traffic to a public address is sent on to the guest's
/// private address, and what the guest sends off its private network leaves from its public one.
/// The rules live in two chains of their own in the nat table, rewritten whole on each change.
/// </summary>
public static class NatRules
{
    /// <summary>Destination translation, jumped to from PREROUTING and OUTPUT.</summary>
    public const string InChain = "SC-PUBLIC-IN";

    /// <summary>Source translation, jumped to from POSTROUTING.</summary>
    public const string OutChain = "SC-PUBLIC-OUT";

    /// <summary>The mappings of the desired domains that have both addresses, by public address; a public address the core gave twice keeps its first guest.</summary>
    public static IReadOnlyList<PublicMapping> Of(IEnumerable<DesiredDomain> domains)
    {
        var mappings = new SortedDictionary<string, PublicMapping>(StringComparer.Ordinal);
        foreach (var context in domains.OrderBy(d => d.InstanceId, StringComparer.Ordinal).Select(d => d.Context))
        {
            if (context is { PublicAddress: { } publicText, PrivateAddress: { } privateText, PrivatePrefixLength: >= 0 and <= 32 }
                && IPAddress.TryParse(publicText, out var publicAddress) && publicAddress.AddressFamily == AddressFamily.InterNetwork
                && IPAddress.TryParse(privateText, out var privateAddress) && privateAddress.AddressFamily == AddressFamily.InterNetwork)
            {
                mappings.TryAdd(publicAddress.ToString(), new PublicMapping(publicAddress, privateAddress, context.PrivatePrefixLength));
            }
        }

        return [.. mappings.Values];
    }

    /// <summary>
    /// Input for <c>iptables-restore --noflush</c>: declaring the two chains empties them (creating
    /// them the first time), so the rules are replaced in one step and nothing else is touched.
    /// </summary>
    public static string Restore(IReadOnlyList<PublicMapping> mappings)
    {
        var text = new StringBuilder("*nat\n")
            .Append(CultureInfo.InvariantCulture, $":{InChain} - [0:0]\n")
            .Append(CultureInfo.InvariantCulture, $":{OutChain} - [0:0]\n");
        foreach (var m in mappings)
        {
            text.Append(CultureInfo.InvariantCulture, $"-A {InChain} -d {m.Public}/32 -j DNAT --to-destination {m.Private}\n");
            // Guests talking to each other on the private network keep their private addresses.
            text.Append(CultureInfo.InvariantCulture, $"-A {OutChain} -s {m.Private}/32 ! -d {m.PrivateNetwork} -j SNAT --to-source {m.Public}\n");
        }

        return text.Append("COMMIT\n").ToString();
    }
}
