namespace StandardsCloud.NodeDaemon.Domains;

/// <summary>
/// The serial a volume's disk carries, so the guest sees which volume is which in
/// <c>/sys/block/vdX/serial</c> and the node reads its volumes back from a definition: <c>vol</c>
/// and the volume id's 17 hex digits, 20 bytes, the most a virtio-blk serial holds.
/// </summary>
public static class VolumeSerial
{
    private const string IdPrefix = "vol-";
    private const string SerialPrefix = "vol";
    private const int Digits = 17;

    // virtio 1.x, 5.2.6 Block Device Operation: VIRTIO_BLK_T_GET_ID answers at most 20 bytes.
    private const int MaxSerialBytes = 20;

    /// <summary>True for <c>vol-</c> and 17 lowercase hex digits.</summary>
    public static bool IsVolumeId(string volumeId) =>
        volumeId.Length == IdPrefix.Length + Digits && volumeId.StartsWith(IdPrefix, StringComparison.Ordinal)
        && IsHex(volumeId.AsSpan(IdPrefix.Length));

    /// <summary>The serial of a well-formed volume id.</summary>
    public static string For(string volumeId)
    {
        var serial = SerialPrefix + volumeId[IdPrefix.Length..];
        return serial.Length <= MaxSerialBytes ? serial : throw new ArgumentException($"'{volumeId}' is not a volume id", nameof(volumeId));
    }

    /// <summary>The volume id a serial names; false for a serial that is not a volume's.</summary>
    public static bool TryGetVolumeId(string? serial, out string volumeId)
    {
        volumeId = string.Empty;
        if (serial is null || serial.Length != SerialPrefix.Length + Digits
            || !serial.StartsWith(SerialPrefix, StringComparison.Ordinal) || !IsHex(serial.AsSpan(SerialPrefix.Length)))
        {
            return false;
        }

        volumeId = IdPrefix + serial[SerialPrefix.Length..];
        return true;
    }

    private static bool IsHex(ReadOnlySpan<char> digits)
    {
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
