namespace StandardsCloud.Ec2Compat;

/// <summary>The site's EC2 face: the region name signatures must name, and its zone.</summary>
public sealed record Ec2Options
{
    public string Region { get; init; } = "RegionOne";

    /// <summary>The one availability zone; every host is in it for now.</summary>
    public string? ZoneName { get; init; }

    public string Zone => ZoneName ?? Region + "a";

    /// <summary>The port whose requests are EC2 Query calls.</summary>
    public int Port { get; init; } = 8773;

    /// <summary>EC2 calls that run at once; more wait (see <see cref="WaitingCalls"/>).</summary>
    public int ConcurrentCalls { get; init; } = 4;

    /// <summary>EC2 calls that may wait for a turn; more are answered RequestLimitExceeded.</summary>
    public int WaitingCalls { get; init; } = 1000;

    /// <summary>Key of the MAC on NextToken values; every replica of a site must share it.</summary>
    public required byte[] PageKey { get; init; }
}
