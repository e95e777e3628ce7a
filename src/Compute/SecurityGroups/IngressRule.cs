namespace StandardsCloud.Compute.SecurityGroups;

/// <summary>
/// One inbound permission: a protocol (<c>tcp</c>, <c>udp</c>, <c>icmp</c> or <c>-1</c> for all)
/// and port range, from either an IPv4 CIDR or the members of another group.
/// </summary>
/// <remarks>
/// <see cref="Description"/> is a note on the rule, not part of what it allows: two rules that
/// differ only in it are the same permission (<see cref="SamePermission"/>). Records stored before
/// rules had descriptions load with none.
/// </remarks>
public sealed record IngressRule(string Protocol, int FromPort, int ToPort, string? CidrIp, string? SourceGroupId)
{
    /// <summary>The owner's note on the rule, or null.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// True when both allow the same traffic from the same source, whatever their descriptions;
    /// CIDRs compare by the network they name, so a rule stored with host bits still matches.
    /// </summary>
    public bool SamePermission(IngressRule other) =>
        Protocol == other.Protocol && FromPort == other.FromPort && ToPort == other.ToPort
        && SourceGroupId == other.SourceGroupId && Network(CidrIp) == Network(other.CidrIp);

    private static string? Network(string? cidr) => cidr is not null && Ipv4Cidr.TryCanonical(cidr, out var network) ? network : cidr;
}
