namespace StandardsCloud.Compute.Images;

/// <summary>
/// An image in the site's catalogue: where its file lives and the SHA-1 that binds metadata and
/// file together. Hosts fetch it from <see cref="Url"/> and refuse it when the SHA-1 differs.
/// </summary>
public sealed class Image : Tags.ITagged
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Owner { get; set; } = "";
    public string Url { get; set; } = "";

    /// <summary>Lowercase hex SHA-1 of the image file.</summary>
    public string Sha1 { get; set; } = "";

    /// <summary>Visible to every user when true; else only to its owner.</summary>
    public bool IsPublic { get; set; }

    /// <summary>The owner's words about the image; null for none.</summary>
    public string? Description { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>The Marketplace identifier this image was taken from; null for an image registered by URL and SHA-1.</summary>
    public string? MarketplaceIdentifier { get; set; }

    /// <summary>The endorser (email) of the Marketplace entry; null for an image registered by URL.</summary>
    public string? Endorser { get; set; }

    /// <summary>The file's size when known (Marketplace entries state it).</summary>
    public long? Bytes { get; set; }

    /// <summary>The kernel and initrd hosts boot directly; null for an image that boots from its disk.</summary>
    public ImageBoot? Boot { get; set; }

    /// <summary>Withdrawn from the catalogue: no new launches, while instances already running keep it.</summary>
    public bool Deregistered { get; set; }
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether the image may be launched: a saved image is pending until its host has written it.</summary>
    public ImageState State { get; set; }

    /// <summary>Why a saved image failed; null otherwise.</summary>
    public string? StateReason { get; set; }

    /// <summary>The instance whose disk this image copies; null for an image registered by URL or from the Marketplace.</summary>
    public string? SourceInstanceId { get; set; }

    /// <summary>For a pending saved image: copied once its instance is shut off, not at once.</summary>
    public bool SaveDeferred { get; set; }

    string Tags.ITagged.ResourceId => Id;
}

/// <summary>Where an image stands: registered images are available from the start.</summary>
public enum ImageState
{
    Available,
    /// <summary>Being saved from an instance's disk; not yet launchable.</summary>
    Pending,
    /// <summary>The save did not complete; the image can only be deregistered.</summary>
    Failed,
}
