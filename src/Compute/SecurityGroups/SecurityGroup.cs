namespace StandardsCloud.Compute.SecurityGroups;

/// <summary>A named set of inbound rules a user applies to instances (EC2-Classic style).</summary>
public sealed class SecurityGroup : Tags.ITagged
{
    /// <summary><c>sg-</c> + 17 hex digits.</summary>
    public string Id { get; set; } = "";
    public string Owner { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public List<IngressRule> Rules { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    string Tags.ITagged.ResourceId => Id;
}
