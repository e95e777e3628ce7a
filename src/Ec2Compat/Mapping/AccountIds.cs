using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>
/// EC2 names every owner by a 12-digit account id (<c>ownerId</c>, the <c>owner-id</c> filters,
/// <c>Owner.N</c>). A user's account id is derived from its name: the first eight bytes of the
/// name's SHA-256, modulo 10^12. It is the same on every call and every server, and nothing is stored.
/// </summary>
public static class AccountIds
{
    /// <summary>The value callers give in <c>Owner.N</c> for themselves.</summary>
    public const string Self = "self";

    public static string Of(string userId)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(userId));
        return (BinaryPrimitives.ReadUInt64BigEndian(digest) % 1_000_000_000_000UL).ToString("D12", CultureInfo.InvariantCulture);
    }

    /// <summary>Whether an <c>Owner.N</c> value names <paramref name="owner"/>: its account id, or <c>self</c> when it is the caller.</summary>
    public static bool Names(string value, string owner, string caller) =>
        value == Self ? owner == caller : value == Of(owner);
}
