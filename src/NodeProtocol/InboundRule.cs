namespace StandardsCloud.NodeProtocol;

/// <summary>
/// One kind of inbound traffic a guest accepts, with its security groups already resolved: a group
/// named as a source has become one rule per address of its members. Anything not allowed by some
/// rule is dropped on the host; what the guest sends, and the replies to it, always pass.
/// </summary>
/// <param name="Protocol"><c>tcp</c>, <c>udp</c>, <c>icmp</c>, or <c>-1</c> for every protocol.</param>
/// <param name="FromPort">First port for tcp and udp; the ICMP type for icmp (-1 for any); unused for <c>-1</c>.</param>
/// <param name="ToPort">Last port for tcp and udp; the ICMP code for icmp (-1 for any); unused for <c>-1</c>.</param>
/// <param name="SourceCidr">Where the traffic may come from, as a CIDR (<c>0.0.0.0/0</c> for anywhere, <c>/32</c> for one address).</param>
public sealed record InboundRule(string Protocol, int FromPort, int ToPort, string SourceCidr);
