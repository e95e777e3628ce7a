namespace StandardsCloud.Marketplace.Rdf;

/// <summary>What the site knows about an image when it decides whether it may be used.</summary>
public sealed record PolicyFacts(
    string Identifier,
    string EndorserEmail,
    string Sha1,
    bool Trusted,
    DateTimeOffset? Valid,
    string? Deprecated);

/// <summary>The decision on one image: allowed, or refused with the reason.</summary>
public sealed record PolicyDecision(bool Allowed, string Reason)
{
    public static PolicyDecision Allow { get; } = new(true, "allowed by the site's image policy");
}

/// <summary>
/// The site's image policy. Deny lists win over everything; when any allow list has entries, an
/// image must match at least one of them; an expired or deprecated entry is refused; an
/// untrusted endorser is refused while <see cref="RequireTrustedEndorser"/> holds.
/// </summary>
public sealed record SitePolicy
{
    public IReadOnlyList<string> AllowEndorsers { get; init; } = [];
    public IReadOnlyList<string> DenyEndorsers { get; init; } = [];
    public IReadOnlyList<string> AllowChecksums { get; init; } = [];
    public IReadOnlyList<string> DenyChecksums { get; init; } = [];
    public IReadOnlyList<string> AllowIdentifiers { get; init; } = [];
    public IReadOnlyList<string> DenyIdentifiers { get; init; } = [];

    /// <summary>Refuse images whose endorser the site does not trust (the default).</summary>
    public bool RequireTrustedEndorser { get; init; } = true;

    public static SitePolicy Default { get; } = new();

    public PolicyDecision Evaluate(PolicyFacts facts, DateTimeOffset at)
    {
        if (Has(DenyIdentifiers, facts.Identifier, StringComparer.Ordinal))
        {
            return Refuse($"image {facts.Identifier} is on the site's deny list");
        }

        if (Has(DenyChecksums, facts.Sha1, StringComparer.OrdinalIgnoreCase))
        {
            return Refuse($"SHA-1 {facts.Sha1} is on the site's deny list");
        }

        if (Has(DenyEndorsers, facts.EndorserEmail, StringComparer.OrdinalIgnoreCase))
        {
            return Refuse($"endorser {facts.EndorserEmail} is on the site's deny list");
        }

        var anyAllowList = AllowIdentifiers.Count + AllowChecksums.Count + AllowEndorsers.Count > 0;
        var allowed = Has(AllowIdentifiers, facts.Identifier, StringComparer.Ordinal)
            || Has(AllowChecksums, facts.Sha1, StringComparer.OrdinalIgnoreCase)
            || Has(AllowEndorsers, facts.EndorserEmail, StringComparer.OrdinalIgnoreCase);
        if (anyAllowList && !allowed)
        {
            return Refuse($"image {facts.Identifier} (endorser {facts.EndorserEmail}) is on none of the site's allow lists");
        }

        if (facts.Deprecated is not null)
        {
            return Refuse($"image {facts.Identifier} is deprecated by its endorser: {facts.Deprecated}");
        }

        if (facts.Valid is { } valid && valid <= at)
        {
            return Refuse($"image {facts.Identifier} expired at {MetadataDates.Format(valid)}");
        }

        if (RequireTrustedEndorser && !facts.Trusted)
        {
            return Refuse($"endorser {facts.EndorserEmail} of image {facts.Identifier} is not trusted by this site");
        }

        return PolicyDecision.Allow;
    }

    private static PolicyDecision Refuse(string reason) => new(false, reason);

    private static bool Has(IReadOnlyList<string> list, string value, StringComparer comparer) => list.Contains(value, comparer);
}
