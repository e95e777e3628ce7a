using System.Security.Cryptography;
using StandardsCloud.Marketplace;
using StandardsCloud.Marketplace.Rdf;

namespace StandardsCloud.Server.Configuration;

/// <summary>Checks the <c>marketplace</c> section: the CA bundle must read, and every list entry must be what its list holds.</summary>
internal static class MarketplaceConfiguration
{
    public static MarketplaceOptions Validate(MarketplaceSection? section, List<string> errors)
    {
        if (section is null)
        {
            return new MarketplaceOptions();
        }

        var authorities = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        if (section.CaBundle is { } bundle)
        {
            try
            {
                authorities = EndorserTrust.ReadBundle(File.ReadAllText(bundle));
                if (authorities.Count == 0)
                {
                    errors.Add($"marketplace.caBundle: '{bundle}' holds no PEM certificate; allowed: a file of PEM CA certificates");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                errors.Add($"marketplace.caBundle: '{bundle}' cannot be read ({e.Message}); allowed: a readable file of PEM CA certificates");
            }
        }

        var trusted = section.TrustedEndorsers ?? [];
        foreach (var entry in trusted.Where(t => !IsEmail(t) && !IsFingerprint(t)))
        {
            errors.Add($"marketplace.trustedEndorsers: '{entry}'; allowed: an email, or a certificate's SHA-256 fingerprint in hex");
        }

        var size = section.MaxDocumentBytes ?? XmlLimits.Default.MaxBytes;
        if (size is < 4096 or > 4 * 1024 * 1024)
        {
            errors.Add($"marketplace.maxDocumentBytes: {size}; allowed: 4096 to 4194304");
        }

        var policy = new SitePolicy
        {
            RequireTrustedEndorser = section.RequireTrustedEndorser ?? true,
            AllowEndorsers = Emails("marketplace.allow.endorsers", section.Allow?.Endorsers, errors),
            DenyEndorsers = Emails("marketplace.deny.endorsers", section.Deny?.Endorsers, errors),
            AllowChecksums = Checksums("marketplace.allow.checksums", section.Allow?.Checksums, errors),
            DenyChecksums = Checksums("marketplace.deny.checksums", section.Deny?.Checksums, errors),
            AllowIdentifiers = Identifiers("marketplace.allow.identifiers", section.Allow?.Identifiers, errors),
            DenyIdentifiers = Identifiers("marketplace.deny.identifiers", section.Deny?.Identifiers, errors),
        };
        return new MarketplaceOptions
        {
            Trust = new EndorserTrust(authorities, trusted),
            Policy = policy,
            Limits = XmlLimits.Default with { MaxBytes = size },
        };
    }

    private static bool IsEmail(string text) => text.IndexOf('@', StringComparison.Ordinal) > 0 && !text.Contains(' ', StringComparison.Ordinal);

    private static bool IsFingerprint(string text)
    {
        var hex = text.Replace(":", "", StringComparison.Ordinal);
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit);
    }

    private static List<string> Emails(string field, IReadOnlyList<string>? values, List<string> errors) =>
        Checked(field, values, IsEmail, "an email address", errors);

    private static List<string> Checksums(string field, IReadOnlyList<string>? values, List<string> errors) =>
        Checked(field, values, MarketplaceIdentifier.IsSha1, "a SHA-1 of 40 hex digits", errors).Select(v => v.ToLowerInvariant()).ToList();

    private static List<string> Identifiers(string field, IReadOnlyList<string>? values, List<string> errors) =>
        Checked(field, values, MarketplaceIdentifier.IsWellFormed, "a Marketplace identifier of 27 characters", errors);

    private static List<string> Checked(string field, IReadOnlyList<string>? values, Func<string, bool> valid, string what, List<string> errors)
    {
        var list = (values ?? []).Select(v => v.Trim()).ToList();
        foreach (var bad in list.Where(v => !valid(v)))
        {
            errors.Add($"{field}: '{bad}'; allowed: {what}");
        }

        return list;
    }
}
