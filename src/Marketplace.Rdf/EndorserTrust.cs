using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace StandardsCloud.Marketplace.Rdf;

/// <summary>Whether the site trusts the endorser of a verified entry, and why.</summary>
public sealed record TrustVerdict(bool Trusted, string Reason);

/// <summary>
/// The site's trust in endorsers: a bundle of CA certificates the signing certificate must chain
/// to, and a list of trusted endorsers (an email, trusting any certificate that carries it, or a
/// certificate's SHA-256 fingerprint in hex). With neither, every endorser is untrusted: the
/// signature is still checked, and the verdict says so.
/// </summary>
public sealed class EndorserTrust
{
    private readonly X509Certificate2Collection _authorities;
    private readonly HashSet<string> _emails;
    private readonly HashSet<string> _fingerprints;

    public EndorserTrust(IEnumerable<X509Certificate2> authorities, IEnumerable<string> trustedEndorsers)
    {
        _authorities = [.. authorities];
        var entries = trustedEndorsers.Select(e => e.Trim()).Where(e => e.Length > 0).ToList();
        _emails = new HashSet<string>(entries.Where(e => e.Contains('@', StringComparison.Ordinal)), StringComparer.OrdinalIgnoreCase);
        _fingerprints = new HashSet<string>(
            entries.Where(e => !e.Contains('@', StringComparison.Ordinal)).Select(e => e.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant()),
            StringComparer.Ordinal);
    }

    /// <summary>Trusts nobody.</summary>
    public static EndorserTrust None { get; } = new([], []);

    /// <summary>Whether any trust is configured at all.</summary>
    public bool IsConfigured => _authorities.Count > 0 || _emails.Count > 0 || _fingerprints.Count > 0;

    /// <summary>Reads a PEM bundle of CA certificates.</summary>
    public static X509Certificate2Collection ReadBundle(string pem)
    {
        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPem(pem);
        return bundle;
    }

    public TrustVerdict Evaluate(SignedMetadata signed, DateTimeOffset at) =>
        Evaluate(signed.Certificate, signed.OtherCertificates, signed.Metadata.Email, at);

    /// <summary>Judges a signing certificate (with any others the signature carried) of an endorser's email.</summary>
    public TrustVerdict Evaluate(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> otherCertificates, string email, DateTimeOffset at)
    {
        if (!IsConfigured)
        {
            return new TrustVerdict(false, "the site trusts no endorser yet (no CA bundle, no trusted endorsers)");
        }

        if (at < certificate.NotBefore.ToUniversalTime() || at > certificate.NotAfter.ToUniversalTime())
        {
            return new TrustVerdict(false, $"the signing certificate is not valid at {MetadataDates.Format(at)}");
        }

        if (_emails.Contains(email))
        {
            return new TrustVerdict(true, $"{email} is a trusted endorser");
        }

        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
        if (_fingerprints.Contains(fingerprint))
        {
            return new TrustVerdict(true, $"the signing certificate {fingerprint} is trusted");
        }

        if (_authorities.Count == 0)
        {
            return new TrustVerdict(false, $"{email} is not a trusted endorser");
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.ExtraStore.AddRange(otherCertificates.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (chain.Build(certificate))
        {
            return new TrustVerdict(true, $"the signing certificate chains to the site's CA bundle ({DistinguishedNames.Rfc2253(chain.ChainElements[^1].Certificate.SubjectName)})");
        }

        var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
        return new TrustVerdict(false, $"the signing certificate does not chain to the site's CA bundle ({status})");
    }
}
