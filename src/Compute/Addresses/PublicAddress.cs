namespace StandardsCloud.Compute.Addresses;

/// <summary>
/// A public IPv4 address from the site's pool, allocated to one owner (EC2's elastic address),
/// which the owner may associate with one of its instances at a time.
/// </summary>
public sealed class PublicAddress : Tags.ITagged
{
    /// <summary><c>eipalloc-</c> + 17 hex digits.</summary>
    public string Id { get; set; } = "";
    public string Owner { get; set; } = "";
    public string PublicIp { get; set; } = "";

    /// <summary><c>standard</c> or <c>vpc</c>, as the owner asked; both behave alike here.</summary>
    public string Domain { get; set; } = AddressDomains.Standard;

    public string? InstanceId { get; set; }

    /// <summary><c>eipassoc-</c> + 17 hex digits while associated.</summary>
    public string? AssociationId { get; set; }

    public DateTimeOffset AllocatedAt { get; set; }
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    string Tags.ITagged.ResourceId => Id;
}

/// <summary>The address domains EC2 clients name.</summary>
public static class AddressDomains
{
    public const string Standard = "standard";
    public const string Vpc = "vpc";
}
