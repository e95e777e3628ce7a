namespace StandardsCloud.Cdmi.Wire;

/// <summary>
/// One CDMI object as the wire shows it: the fields of CDMI 1.1.1 §8.3.6 (data objects), §9.3.6
/// (containers), §11.3.6 (queues) and §12.2.6 (capabilities). Metadata values are JSON texts.
/// </summary>
public sealed record ObjectView
{
    public required CdmiMediaType Type { get; init; }

    public required string ObjectId { get; init; }

    public required string ObjectName { get; init; }

    /// <summary>Absent only on the root container and root capability object.</summary>
    public string? ParentUri { get; init; }

    public string? ParentId { get; init; }

    public string? DomainUri { get; init; }

    public string? CapabilitiesUri { get; init; }

    public string CompletionStatus { get; init; } = "Complete";

    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];

    public string? MimeType { get; init; }

    public string? ValueTransferEncoding { get; init; }

    /// <summary>How many bytes the value has (data objects).</summary>
    public long Size { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>>? Exports { get; init; }

    /// <summary>Fields the standard does not define, stored as a client gave them: names to JSON texts (CDMI 1.1.1 §8.1).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> UninterpretedFields { get; init; } = [];

    /// <summary>Child names, containers with a trailing '/'.</summary>
    public IReadOnlyList<string>? Children { get; init; }

    /// <summary>Capability names to JSON texts (capability objects only).</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Capabilities { get; init; }

    /// <summary>Queued values not yet removed (queues only).</summary>
    public int? QueueValues { get; init; }

    /// <summary>The oldest queued values to show, oldest first (queues only).</summary>
    public IReadOnlyList<QueuedView>? QueuedItems { get; init; }
}

/// <summary>One queued value as shown: its mimetype, transfer encoding and bytes.</summary>
public sealed record QueuedView(string MimeType, string ValueTransferEncoding, byte[] Bytes);
