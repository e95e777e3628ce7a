using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Tests.Support;

/// <summary>Instance contexts for tests.</summary>
public static class Contexts
{
    public static InstanceContext Full(string? userData = null, IReadOnlyDictionary<string, string>? pairs = null) => new(
        Hostname: "web-1",
        ImageId: "ami-0123456789abcdef0",
        InstanceType: "m1.small",
        ReservationId: "r-0123456789abcdef0",
        LaunchIndex: 0,
        AvailabilityZone: "site-a",
        PrivateAddress: "10.1.0.5",
        PrivatePrefixLength: 16,
        Gateway: "10.1.0.1",
        PublicAddress: "192.0.2.7",
        KeyName: "mine",
        PublicKeys: ["ssh-ed25519 AAAAfirst me@home\n", "ssh-rsa AAAAsecond me@work"],
        UserData: userData,
        SecurityGroups: ["default"],
        Pairs: pairs ?? new Dictionary<string, string>());

    public static InstanceContext Bare(string? userData = null, IReadOnlyDictionary<string, string>? pairs = null) => Full(userData, pairs) with
    {
        PrivateAddress = null,
        PrivatePrefixLength = 0,
        Gateway = null,
        PublicAddress = null,
        KeyName = null,
        PublicKeys = [],
    };
}
