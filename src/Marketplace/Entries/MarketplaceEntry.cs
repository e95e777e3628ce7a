using StandardsCloud.Marketplace.Rdf;

namespace StandardsCloud.Marketplace.Entries;

/// <summary>
/// One uploaded metadata document, kept for ever: the signed bytes exactly as received, and the
/// fields the Marketplace searches by. An entry is named by identifier, endorser email and
/// endorsement date; the newest of an identifier and endorser is the one that counts.
/// </summary>
public sealed class MarketplaceEntry
{
    /// <summary><c>identifier/email/created</c>, the path under <c>/metadata</c>.</summary>
    public string Id { get; set; } = "";
    public string Identifier { get; set; } = "";

    /// <summary>The endorser's email, lowercase.</summary>
    public string Email { get; set; } = "";
    public DateTimeOffset Created { get; set; }
    public string CreatedText { get; set; } = "";
    public DateTimeOffset? Valid { get; set; }
    public string? Deprecated { get; set; }

    /// <summary>Whether <see cref="Deprecated"/> is set; a column of its own, so the planner knows how many are.</summary>
    public bool IsDeprecated { get; set; }

    /// <summary>Whether no newer entry of this identifier and endorser exists.</summary>
    public bool IsLatest { get; set; }
    public string Type { get; set; } = "";
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Os { get; set; }
    public string? OsVersion { get; set; }
    public string? OsArch { get; set; }
    public string? Hypervisor { get; set; }
    public string? Format { get; set; }
    public string? Compression { get; set; }
    public string Sha1 { get; set; } = "";
    public long Bytes { get; set; }
    public List<string> Tags { get; set; } = [];
    public List<string> Locations { get; set; } = [];
    public string Subject { get; set; } = "";
    public string Issuer { get; set; } = "";

    /// <summary>The words of title, description, os, arch, endorser and tags (<see cref="Entries.SearchWords"/>), for text search.</summary>
    public List<string> SearchWords { get; set; } = [];

    /// <summary>The signing certificate (DER) and any others the signature carried, so trust can be judged again later.</summary>
    public byte[] Certificate { get; set; } = [];
    public List<byte[]> OtherCertificates { get; set; } = [];
    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>The signed document exactly as uploaded.</summary>
    public byte[] Document { get; set; } = [];

    public static string KeyOf(string identifier, string email, string created) => $"{identifier}/{email.ToLowerInvariant()}/{created}";

    public static MarketplaceEntry From(SignedMetadata signed, byte[] document, DateTimeOffset uploadedAt)
    {
        var m = signed.Metadata;
        var created = MetadataDates.Format(m.Endorsement.Created);
        var email = m.Email.ToLowerInvariant();
        var entry = new MarketplaceEntry
        {
            Id = KeyOf(m.Identifier, email, created),
            Identifier = m.Identifier,
            Email = email,
            Created = m.Endorsement.Created,
            CreatedText = created,
            Valid = m.Valid,
            Deprecated = m.Deprecated,
            IsDeprecated = m.Deprecated is not null,
            IsLatest = true,
            Type = m.Type,
            Title = m.Title,
            Description = m.Description,
            Os = m.Os,
            OsVersion = m.OsVersion,
            OsArch = m.OsArch,
            Hypervisor = m.Hypervisor,
            Format = m.Format,
            Compression = m.Compression,
            Sha1 = m.Sha1,
            Bytes = m.Bytes,
            Tags = [.. m.Tags],
            Locations = [.. m.Locations],
            Subject = m.Endorsement.Endorser.Subject,
            Issuer = m.Endorsement.Endorser.Issuer,
            Certificate = signed.Certificate.RawData,
            OtherCertificates = [.. signed.OtherCertificates.Select(c => c.RawData)],
            UploadedAt = uploadedAt,
            Document = document,
        };
        entry.SearchWords = entry.WordsOfFields();
        return entry;
    }

    /// <summary>The words text search finds this entry by, from its title, description, os, arch, endorser and tags.</summary>
    public List<string> WordsOfFields() => Entries.SearchWords.Of(new[] { Title, Description, Os, OsArch, Email }.Concat(Tags));

    /// <summary>Valid, expired or deprecated at <paramref name="at"/>; superseded when a newer entry exists.</summary>
    public EntryStatus StatusAt(DateTimeOffset at) =>
        !IsLatest ? EntryStatus.Superseded
        : Deprecated is not null ? EntryStatus.Deprecated
        : Valid is { } valid && valid <= at ? EntryStatus.Expired
        : EntryStatus.Valid;
}

/// <summary>Where an entry stands.</summary>
public enum EntryStatus
{
    Valid,
    Expired,
    Deprecated,
    /// <summary>A newer entry of the same identifier and endorser exists.</summary>
    Superseded,
}

/// <summary>The newest entry of one identifier and endorser; its version guards against two uploads racing.</summary>
public sealed class EntryHead
{
    /// <summary><c>identifier/email</c>.</summary>
    public string Id { get; set; } = "";
    public string LatestId { get; set; } = "";
    public DateTimeOffset LatestCreated { get; set; }
}

/// <summary>Someone who endorsed at least one entry.</summary>
public sealed class EndorserRecord
{
    /// <summary>The email, lowercase.</summary>
    public string Id { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Issuer { get; set; } = "";
    public int Entries { get; set; }
    public DateTimeOffset LastUpload { get; set; }
    public byte[] Certificate { get; set; } = [];
}
