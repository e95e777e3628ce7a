using StandardsCloud.NodeDaemon.Networking;
using StandardsCloud.NodeDaemon.Tests.Support;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Networking;

public sealed class NatRulesTests
{
    private static DesiredDomain With(string id, string? publicAddress, string? privateAddress, int prefix = 16) =>
        Desired.Domain(id) with
        {
            Context = new InstanceContext("h", "ami-1", "t1.micro", "r-1", 0, "zone", privateAddress, prefix, null, publicAddress, null, [], null, [], new Dictionary<string, string>()),
        };

    [Fact]
    public void Of_OnlyDomainsWithBothIPv4Addresses_OnePerPublicAddress_InOrder()
    {
        var mappings = NatRules.Of(
        [
            With("i-3", "203.0.113.9", "10.10.0.9"),
            With("i-1", "203.0.113.7", "10.10.3.5"),
            With("i-2", "203.0.113.7", "10.10.0.6"),
            With("i-4", null, "10.10.0.4"),
            With("i-5", "203.0.113.5", null),
            With("i-6", "2001:db8::1", "10.10.0.6"),
            Desired.Domain("i-7"),
        ]);

        Assert.Equal(["203.0.113.7 → 10.10.3.5", "203.0.113.9 → 10.10.0.9"], mappings.Select(m => $"{m.Public} → {m.Private}"));
        Assert.Equal("10.10.0.0/16", mappings[0].PrivateNetwork);
    }

    [Fact]
    public void Restore_ReplacesBothChainsWhole()
    {
        var text = NatRules.Restore(NatRules.Of([With("i-1", "203.0.113.7", "10.232.4.5", 24)]));

        Assert.Equal(
            """
            *nat
            :SC-PUBLIC-IN - [0:0]
            :SC-PUBLIC-OUT - [0:0]
            -A SC-PUBLIC-IN -d 203.0.113.7/32 -j DNAT --to-destination 10.232.4.5
            -A SC-PUBLIC-OUT -s 10.232.4.5/32 ! -d 10.232.4.0/24 -j SNAT --to-source 203.0.113.7
            COMMIT

            """.ReplaceLineEndings("\n"),
            text);
        Assert.Equal("*nat\n:SC-PUBLIC-IN - [0:0]\n:SC-PUBLIC-OUT - [0:0]\nCOMMIT\n", NatRules.Restore([]));
    }
}
