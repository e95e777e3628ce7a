using System.Security.Cryptography.X509Certificates;

namespace StandardsCloud.Marketplace.Rdf;

/// <summary>The endorser named in an entry must be the holder of the certificate that signed it.</summary>
public static class EndorserCheck
{
    public static IReadOnlyList<string> Problems(Endorser endorser, X509Certificate2 certificate)
    {
        var problems = new List<string>();
        var subject = DistinguishedNames.Rfc2253(certificate.SubjectName);
        if (!string.Equals(subject, endorser.Subject, StringComparison.Ordinal))
        {
            problems.Add($"slreq:subject is '{endorser.Subject}' but the signing certificate's subject is '{subject}'");
        }

        var issuer = DistinguishedNames.Rfc2253(certificate.IssuerName);
        if (!string.Equals(issuer, endorser.Issuer, StringComparison.Ordinal))
        {
            problems.Add($"slreq:issuer is '{endorser.Issuer}' but the signing certificate's issuer is '{issuer}'");
        }

        // RFC 5321 §2.4: only the local part may be case-sensitive, and no site relies on it.
        var email = DistinguishedNames.Email(certificate);
        if (email is null)
        {
            problems.Add("the signing certificate carries no email address (subject alternative name or emailAddress)");
        }
        else if (!string.Equals(email, endorser.Email, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"slreq:email is '{endorser.Email}' but the signing certificate's email is '{email}'");
        }

        return problems;
    }
}
