using StandardsCloud.Storage.Access;

namespace StandardsCloud.Storage.Objects;

/// <summary>
/// One object's record: where it is, who owns it, its metadata and which stored value version
/// holds its bytes. The value itself lives in the value store, never here.
/// </summary>
public sealed record StoredObject
{
    /// <summary>The ObjectID in hex (CDMI 1.1.1 §5.11); also the document id.</summary>
    public required string Id { get; init; }

    public required ObjectKind Kind { get; init; }

    /// <summary>The full path; containers end with '/'.</summary>
    public required string Path { get; init; }

    /// <summary>The parent container's path ('/' for top-level objects; empty for the root).</summary>
    public required string ParentPath { get; init; }

    public string? ParentId { get; init; }

    public required string Owner { get; init; }

    public string MimeType { get; init; } = "application/octet-stream";

    /// <summary>User metadata: names to JSON texts, as the client gave them.</summary>
    public Dictionary<string, string> Metadata { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Fields a client gave that the specification does not define: names to JSON texts, stored
    /// as given and never interpreted (CDMI 1.1.1 §8.1, §9.1, §11.1).
    /// </summary>
    public Dictionary<string, string> UninterpretedFields { get; init; } = new(StringComparer.Ordinal);

    public IReadOnlyList<AccessControlEntry> Acl { get; init; } = [];

    /// <summary>Exports declared on a container: protocol name to its JSON text (CDMI 1.1.1 §13).</summary>
    public Dictionary<string, string> Exports { get; init; } = new(StringComparer.Ordinal);

    public long Size { get; init; }

    /// <summary>
    /// SHA-256 of the value, lower-case hex (cdmi_hash, CDMI 1.1.1 §16.3); empty when the value was
    /// not hashed, and always for containers and queues. When set, it is the hash of <see cref="ValueVersion"/>.
    /// </summary>
    public string Hash { get; init; } = "";

    /// <summary>
    /// The object's cdmi_value_hash (CDMI 1.1.1 §16.4): its own, or its parent's when it was placed
    /// (§5.5). "SHA256" has its value hashed, "" asks for no hash; null when neither the object nor
    /// its parent had the item (records stored before it existed read as null).
    /// </summary>
    public string? ValueHash { get; init; }

    /// <summary>The value version that holds the bytes; null when the object has no value yet.</summary>
    public string? ValueVersion { get; init; }

    /// <summary>utf-8 or base64 (CDMI 1.1.1 §8.1).</summary>
    public string ValueTransferEncoding { get; init; } = "utf-8";

    /// <summary>Complete, or Processing while an X-CDMI-Partial upload goes on (CDMI 1.1.1 §8.2.4).</summary>
    public bool IsComplete { get; init; } = true;

    /// <summary>Where a reference redirects to, as its creator gave it (reference objects only; CDMI 1.1.1 §5.16).</summary>
    public string? ReferenceTarget { get; init; }

    /// <summary>Values still queued, oldest first (queue objects only; CDMI 1.1.1 §11).</summary>
    public IReadOnlyList<QueuedValue> Queue { get; init; } = [];

    public required DateTimeOffset Created { get; init; }

    public required DateTimeOffset Modified { get; init; }

    public required DateTimeOffset Accessed { get; init; }
}

/// <summary>One queued value: the value version holding it, its mimetype and transfer encoding.</summary>
public sealed record QueuedValue(string Version, string MimeType, long Size, string ValueTransferEncoding);
