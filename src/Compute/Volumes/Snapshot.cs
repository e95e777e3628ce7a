namespace StandardsCloud.Compute.Volumes;

public enum SnapshotState
{
    Pending,
    Completed,
    Error,
}

/// <summary>A point-in-time copy of a volume, from which new volumes are made.</summary>
public sealed class Snapshot : Tags.ITagged
{
    /// <summary><c>snap-</c> + 17 hex digits.</summary>
    public string Id { get; set; } = "";
    public string Owner { get; set; } = "";
    public string VolumeId { get; set; } = "";
    public int SizeGiB { get; set; }
    public SnapshotState State { get; set; }
    public string? StateReason { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    string Tags.ITagged.ResourceId => Id;
}
