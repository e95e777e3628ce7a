using System.Security.Cryptography;
using System.Text;

namespace StandardsCloud.Ec2Compat.Wire.Signing;

/// <summary>SigV4's string to sign, signing key and signature.</summary>
internal static class SigV4Signature
{
    /// <summary>
    /// SigV4, "Create a string to sign": algorithm, request date, credential scope and the hex
    /// SHA-256 of the canonical request, one per line.
    /// </summary>
    public static string StringToSign(SigV4Authorization authorization, string canonicalRequest) =>
        string.Join(
            '\n',
            SigV4Authorization.Algorithm,
            authorization.AmzDate,
            authorization.ScopeText,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

    /// <summary>
    /// SigV4, "Derive a signing key": kDate = HMAC("AWS4" + secret, date), then region, service
    /// and "aws4_request" in turn; the signature is HMAC(kSigning, string to sign).
    /// </summary>
    public static byte[] Compute(string secret, SigV4Authorization authorization, string stringToSign)
    {
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in authorization.ScopeText.Split('/'))
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign));
    }
}
