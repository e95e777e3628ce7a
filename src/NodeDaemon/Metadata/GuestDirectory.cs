using System.Net;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Metadata;

/// <summary>
/// Finds which guest is asking: the desired domain whose private address is the request's source
/// address. The node's current desired state is the only source, so a guest the core no longer
/// places here is nobody.
/// </summary>
public sealed class GuestDirectory(Func<IReadOnlyList<DesiredDomain>> desired)
{
    /// <summary>The caller's domain and its context, or null for an address no guest here holds.</summary>
    public (DesiredDomain Domain, InstanceContext Context)? Find(IPAddress caller)
    {
        caller = MetadataTokens.Normalise(caller);
        foreach (var domain in desired())
        {
            if (domain.Context is { PrivateAddress: { } text } context
                && IPAddress.TryParse(text, out var address)
                && address.Equals(caller))
            {
                return (domain, context);
            }
        }

        return null;
    }
}
