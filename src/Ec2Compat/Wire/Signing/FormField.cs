using System.Text;

namespace StandardsCloud.Ec2Compat.Wire.Signing;

/// <summary>
/// One decoded name/value pair from a query string or form body. Kept as bytes because both
/// signature versions canonicalise bytes, and SigV2 sorts names in byte order.
/// </summary>
internal sealed record FormField(byte[] Name, byte[] Value)
{
    public string NameText => Encoding.UTF8.GetString(Name);

    public string ValueText => Encoding.UTF8.GetString(Value);

    /// <summary>Exact, case-sensitive match: AWS parameter names are case-sensitive.</summary>
    public bool NameIs(string name) => string.Equals(NameText, name, StringComparison.Ordinal);
}
