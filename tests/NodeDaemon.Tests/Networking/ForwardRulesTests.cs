using StandardsCloud.NodeDaemon.Networking;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Networking;

public sealed class ForwardRulesTests
{
    private static DesiredDomain Guest(string id, string? privateAddress, IReadOnlyList<InboundRule>? rules) =>
        Desired.Domain(id) with
        {
            Context = new InstanceContext("h", "ami-1", "t1.micro", "r-1", 0, "zone", privateAddress, 16, null, null, null, [], null, [], new Dictionary<string, string>()),
            Ingress = rules,
        };

    [Fact]
    public void Restore_EachGuestWithRules_RepliesThenAllowedThenDrop()
    {
        var text = ForwardRules.Restore(
        [
            Guest("i-2", "10.10.0.6", []),
            Guest("i-1", "10.10.0.5",
            [
                new("tcp", 22, 22, "0.0.0.0/0"),
                new("udp", 1000, 2000, "192.0.2.0/24"),
                new("icmp", -1, -1, "10.10.0.7/32"),
                new("icmp", 8, -1, "0.0.0.0/0"),
                new("icmp", 3, 4, "0.0.0.0/0"),
                new("-1", 0, 0, "198.51.100.9/32"),
                new("tcp", 80, 80, "2001:db8::/32"),
                new("tcp", 90, 80, "0.0.0.0/0"),
            ]),
            Guest("i-3", "10.10.0.8", null),
            Guest("i-4", null, []),
        ]);

        Assert.Equal(
            """
            *filter
            :SC-GUEST-FWD - [0:0]
            -A SC-GUEST-FWD -d 10.10.0.5/32 -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN
            -A SC-GUEST-FWD -d 10.10.0.5/32 -s 0.0.0.0/0 -p tcp --dport 22:22 -m conntrack --ctstate NEW -j RETURN
            -A SC-GUEST-FWD -d 10.10.0.5/32 -s 192.0.2.0/24 -p udp --dport 1000:2000 -m conntrack --ctstate NEW -j RETURN
            -A SC-GUEST-FWD -d 10.10.0.5/32 -s 10.10.0.7/32 -p icmp -m conntrack --ctstate NEW -j RETURN
            -A SC-GUEST-FWD -d 10.10.0.5/32 -s 0.0.0.0/0 -p icmp --icmp-type 8 -m conntrack --ctstate NEW -j RETURN
            -A SC-GUEST-FWD -d 10.10.0.5/32 -s 0.0.0.0/0 -p icmp --icmp-type 3/4 -m conntrack --ctstate NEW -j RETURN
            -A SC-GUEST-FWD -d 10.10.0.5/32 -s 198.51.100.9/32 -m conntrack --ctstate NEW -j RETURN
            -A SC-GUEST-FWD -d 10.10.0.5/32 -j DROP
            -A SC-GUEST-FWD -d 10.10.0.6/32 -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN
            -A SC-GUEST-FWD -d 10.10.0.6/32 -j DROP
            COMMIT

            """.ReplaceLineEndings("\n"),
            text);
    }
}
