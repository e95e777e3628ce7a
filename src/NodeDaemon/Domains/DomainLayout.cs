namespace StandardsCloud.NodeDaemon.Domains;

/// <summary>Where a domain's files live under the node's data directory.</summary>
public sealed class DomainLayout(string dataDir)
{
    public string DataDir { get; } = Path.GetFullPath(dataDir);

    public string ImagesDir => Path.Combine(DataDir, "images");

    public string DisksDir => Path.Combine(DataDir, "disks");

    public string ConsolesDir => Path.Combine(DataDir, "consoles");

    public string ContextDir => Path.Combine(DataDir, "context");

    public string OverlayPath(string instanceId) => Path.Combine(DisksDir, DomainName.For(instanceId) + ".qcow2");

    public string ConsolePath(string instanceId) => Path.Combine(ConsolesDir, DomainName.For(instanceId) + ".log");

    /// <summary>The instance's context disk (its NoCloud seed).</summary>
    public string ContextPath(string instanceId) => Path.Combine(ContextDir, DomainName.For(instanceId) + ".iso");

    /// <summary>Where the image cache keeps an image: under its SHA-1, in lowercase hex.</summary>
    public string ImagePath(string sha1) => Path.Combine(ImagesDir, sha1.ToLowerInvariant());
}
