using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using StandardsCloud.Compute;
using StandardsCloud.Marketplace.Rdf;

namespace StandardsCloud.Marketplace.Entries;

/// <summary>
/// The Marketplace's rules: an upload must verify, its endorser must be its signer, and it must
/// be newer than the latest entry of its identifier and endorser. Deprecation is such a newer,
/// re-signed entry carrying <c>slterms:deprecated</c>. Nothing is ever deleted.
/// </summary>
public sealed class MarketplaceCatalog(MarketplaceStore store, MarketplaceOptions options, TimeProvider time, ILogger<MarketplaceCatalog> log)
{
    /// <summary>How far in the future an endorsement date may lie (clock skew between endorser and site).</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public async Task<Outcome<MarketplaceEntry>> UploadAsync(byte[] document, CancellationToken ct)
    {
        var signed = SignatureVerifier.Verify(document, options.Limits);
        if (!signed.IsOk)
        {
            log.UploadRefused(signed.Reason);
            return Outcome<MarketplaceEntry>.Fail(ComputeStatus.InvalidParameter, signed.Reason);
        }

        var now = time.GetUtcNow();
        var metadata = signed.Value!.Metadata;
        if (metadata.Endorsement.Created > now + Skew)
        {
            return Outcome<MarketplaceEntry>.Fail(ComputeStatus.InvalidParameter,
                $"the endorsement date {MetadataDates.Format(metadata.Endorsement.Created)} lies in the future");
        }

        var entry = MarketplaceEntry.From(signed.Value, document, now);
        var stored = await store.AddAsync(entry, ct).ConfigureAwait(false);
        switch (stored)
        {
            case StoreResult.NotNewer:
                return Outcome<MarketplaceEntry>.Fail(ComputeStatus.Conflict,
                    $"an entry for {entry.Identifier} by {entry.Email} at least as new as {entry.CreatedText} exists; a new entry must have a later endorsement date");
            case StoreResult.Raced:
                return Outcome<MarketplaceEntry>.Fail(ComputeStatus.Conflict,
                    $"another entry for {entry.Identifier} by {entry.Email} was stored at the same time; try again");
            default:
                log.EntryStored(entry.Id, entry.Deprecated is not null);
                return Outcome<MarketplaceEntry>.Ok(entry);
        }
    }

    public async Task<Outcome<MarketplaceEntry>> GetAsync(string identifier, string email, string created, CancellationToken ct)
    {
        var entry = await store.GetAsync(MarketplaceEntry.KeyOf(identifier, email, created), ct).ConfigureAwait(false);
        return entry is null
            ? Outcome<MarketplaceEntry>.Fail(ComputeStatus.NotFound, $"no entry {identifier} by {email} endorsed at {created}")
            : Outcome<MarketplaceEntry>.Ok(entry);
    }

    public async Task<Outcome<IReadOnlyList<MarketplaceEntry>>> FindAsync(EntryQuery query, CancellationToken ct)
    {
        if (!EntryQuery.Statuses.Contains(query.Status))
        {
            return Outcome<IReadOnlyList<MarketplaceEntry>>.Fail(ComputeStatus.InvalidParameter,
                $"status '{query.Status}' is not one of valid, expired, deprecated, all");
        }

        return Outcome<IReadOnlyList<MarketplaceEntry>>.Ok(await store.QueryAsync(query, time.GetUtcNow(), ct).ConfigureAwait(false));
    }

    /// <summary>The latest entry of each endorser of an identifier, newest endorsement first, whatever its status.</summary>
    public async Task<IReadOnlyList<MarketplaceEntry>> LatestOfAsync(string identifier, CancellationToken ct)
    {
        var all = await store.QueryAsync(new EntryQuery { Identifier = identifier, Status = "all" }, time.GetUtcNow(), ct).ConfigureAwait(false);
        return [.. all.Where(e => e.IsLatest)];
    }

    public Task<IReadOnlyList<EndorserRecord>> EndorsersAsync(CancellationToken ct) => store.EndorsersAsync(ct);

    /// <summary>The site's trust in an entry's endorser, judged now.</summary>
    public TrustVerdict TrustOf(MarketplaceEntry entry)
    {
        var certificate = X509CertificateLoader.LoadCertificate(entry.Certificate);
        var others = entry.OtherCertificates.Select(X509CertificateLoader.LoadCertificate).ToList();
        return options.Trust.Evaluate(certificate, others, entry.Email, time.GetUtcNow());
    }

    /// <summary>Whether the site's policy allows an entry to be used now, and why not.</summary>
    public PolicyDecision PolicyOf(MarketplaceEntry entry)
    {
        if (!entry.IsLatest)
        {
            return new PolicyDecision(false, $"entry {entry.Id} is superseded by a newer entry of its endorser");
        }

        var facts = new PolicyFacts(entry.Identifier, entry.Email, entry.Sha1, TrustOf(entry).Trusted, entry.Valid, entry.Deprecated);
        return options.Policy.Evaluate(facts, time.GetUtcNow());
    }
}
