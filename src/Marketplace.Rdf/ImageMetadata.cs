namespace StandardsCloud.Marketplace.Rdf;

/// <summary>One checksum of the image file (<c>slreq:checksum</c>): algorithm name and lowercase hex value.</summary>
public sealed record ImageChecksum(string Algorithm, string Value);

/// <summary>Who vouches for the entry (<c>slreq:endorser</c>): the key of an entry is its email.</summary>
public sealed record Endorser(string Email, string Subject, string Issuer);

/// <summary>The endorsement (<c>slreq:endorsement</c>): when and by whom.</summary>
public sealed record Endorsement(DateTimeOffset Created, Endorser Endorser);

/// <summary>
/// One Marketplace entry's description of an image, in StratusLab's RDF/XML + Dublin Core shape.
/// Elements this model does not name are kept, as XML, in <see cref="Extensions"/>.
/// </summary>
public sealed record ImageMetadata
{
    public required string Identifier { get; init; }
    public required long Bytes { get; init; }
    public required IReadOnlyList<ImageChecksum> Checksums { get; init; }
    public required Endorsement Endorsement { get; init; }

    /// <summary><c>machine</c> or <c>disk</c>.</summary>
    public required string Type { get; init; }

    /// <summary>When the entry expires (<c>dcterms:valid</c>).</summary>
    public DateTimeOffset? Valid { get; init; }
    public DateTimeOffset? Created { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Creator { get; init; }
    public string? Publisher { get; init; }
    public string? Format { get; init; }
    public string? Compression { get; init; }

    /// <summary>Short names users find the image by (<c>dcterms:alternative</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? Replaces { get; init; }
    public string? IsReplacedBy { get; init; }

    /// <summary>Where the image file can be fetched (<c>slterms:location</c>).</summary>
    public IReadOnlyList<string> Locations { get; init; } = [];
    public string? Kind { get; init; }
    public string? Os { get; init; }
    public string? OsVersion { get; init; }
    public string? OsArch { get; init; }
    public string? Version { get; init; }
    public string? Hypervisor { get; init; }
    public IReadOnlyList<string> InboundPorts { get; init; } = [];
    public IReadOnlyList<string> OutboundPorts { get; init; } = [];

    /// <summary>Why the endorser withdrew the image (<c>slterms:deprecated</c>); null when it stands.</summary>
    public string? Deprecated { get; init; }

    /// <summary>Other elements of the description, each as its own XML text.</summary>
    public IReadOnlyList<string> Extensions { get; init; } = [];

    /// <summary>The lowercase hex SHA-1 of the image file.</summary>
    public string Sha1 => Checksums.First(c => c.Algorithm == "SHA-1").Value;

    /// <summary>The endorser's email, the second part of the entry's key.</summary>
    public string Email => Endorsement.Endorser.Email;
}
