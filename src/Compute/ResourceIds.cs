using System.Security.Cryptography;

namespace StandardsCloud.Compute;

/// <summary>
/// Identifiers shaped like the ones EC2 tooling expects (<c>i-</c> + 17 hex digits and so on), so
/// every front-end can show the core's identifiers as they are.
/// </summary>
public static class ResourceIds
{
    public const string InstancePrefix = "i-";
    public const string ReservationPrefix = "r-";
    public const string ImagePrefix = "ami-";
    public const string HostPrefix = "host-";
    public const string SecurityGroupPrefix = "sg-";
    public const string KeyPairPrefix = "key-";
    public const string AllocationPrefix = "eipalloc-";
    public const string AssociationPrefix = "eipassoc-";
    public const string VolumePrefix = "vol-";
    public const string SnapshotPrefix = "snap-";

    public static string NewInstanceId() => New(InstancePrefix);

    public static string NewReservationId() => New(ReservationPrefix);

    public static string NewImageId() => New(ImagePrefix);

    public static string NewHostId() => New(HostPrefix);

    public static string NewSecurityGroupId() => New(SecurityGroupPrefix);

    public static string NewKeyPairId() => New(KeyPairPrefix);

    public static string NewAllocationId() => New(AllocationPrefix);

    public static string NewAssociationId() => New(AssociationPrefix);

    public static string NewVolumeId() => New(VolumePrefix);

    public static string NewSnapshotId() => New(SnapshotPrefix);

    /// <summary>True when <paramref name="id"/> is the prefix followed by exactly 17 lowercase hex digits.</summary>
    public static bool IsWellFormed(string id, string prefix)
    {
        if (!id.StartsWith(prefix, StringComparison.Ordinal) || id.Length != prefix.Length + 17)
        {
            return false;
        }

        foreach (var c in id.AsSpan(prefix.Length))
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string New(string prefix)
    {
        Span<byte> bytes = stackalloc byte[9];
        RandomNumberGenerator.Fill(bytes);
        return prefix + Convert.ToHexStringLower(bytes)[..17];
    }
}
