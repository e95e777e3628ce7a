namespace StandardsCloud.Storage.Objects;

/// <summary>CRC-16/ARC: polynomial 0x8005 reflected (0xA001), initial value 0, no final XOR.</summary>
public static class Crc16Arc
{
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0xA001) : (ushort)(crc >> 1);
            }
        }

        return crc;
    }
}
