namespace StandardsCloud.Storage;

/// <summary>How the object store runs at this site.</summary>
public sealed record StorageOptions
{
    /// <summary>Where values live: <c>&lt;data&gt;/storage</c> by default.</summary>
    public required string ValueDirectory { get; init; }

    /// <summary>The IANA enterprise number in every ObjectID (CDMI 1.1.1 §5.11); SNIA's by default.</summary>
    public int EnterpriseNumber { get; init; } = 28669;

    /// <summary>The largest value one object may hold.</summary>
    public long MaxValueBytes { get; init; } = 64L * 1024 * 1024 * 1024;

    /// <summary>Create missing parent containers instead of answering ParentNotFound.</summary>
    public bool CreateParents { get; init; }

    /// <summary>The most user metadata items on one object.</summary>
    public int MaxMetadataItems { get; init; } = 1024;

    /// <summary>The most bytes of user metadata (names and JSON texts) on one object.</summary>
    public int MaxMetadataBytes { get; init; } = 1024 * 1024;

    /// <summary>The most uninterpreted fields (fields the specification does not define) on one object.</summary>
    public int MaxUninterpretedFields { get; init; } = 1024;

    /// <summary>The most bytes of uninterpreted fields (names and JSON texts) on one object.</summary>
    public int MaxUninterpretedFieldBytes { get; init; } = 1024 * 1024;
}
