using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace StandardsCloud.Compute.Addresses;

/// <summary>
/// A set of IPv4 addresses written as single addresses, ranges (<c>192.0.2.10-192.0.2.20</c>) and
/// CIDR blocks (<c>198.51.100.0/28</c>, every address in the block). Kept as ranges, never expanded.
/// </summary>
public sealed class AddressPool
{
    /// <summary>Most addresses a pool may hold, so a mistyped block cannot describe a whole address space.</summary>
    public const long MaxSize = 1 << 20;

    private readonly (uint First, uint Last)[] _ranges;

    private AddressPool((uint, uint)[] ranges, int? prefixLength = null, string? gateway = null)
    {
        _ranges = ranges;
        PrefixLength = prefixLength;
        Gateway = gateway;
    }

    public static AddressPool Empty { get; } = new([]);

    /// <summary>For a pool read as a subnet: its prefix length (16 for a /16); null for other pools.</summary>
    public int? PrefixLength { get; }

    /// <summary>For a pool read as a subnet: its first host address, which guests use as their gateway.</summary>
    public string? Gateway { get; }

    public long Size => _ranges.Sum(r => (long)r.Last - r.First + 1);

    /// <summary>Reads the entries; on failure <paramref name="error"/> names the entry and what is allowed.</summary>
    public static bool TryParse(IEnumerable<string> entries, out AddressPool pool, out string error)
    {
        pool = Empty;
        error = "";
        var ranges = new List<(uint, uint)>();
        foreach (var entry in entries)
        {
            if (!TryParseEntry(entry.Trim(), out var range))
            {
                error = $"'{entry}' is not an IPv4 address, range (a.b.c.d-a.b.c.e) or CIDR block (a.b.c.d/n)";
                return false;
            }

            ranges.Add(range);
        }

        var candidate = new AddressPool([.. ranges.Order()]);
        if (candidate.Size > MaxSize)
        {
            error = $"the pool holds {candidate.Size} addresses; at most {MaxSize} are allowed";
            return false;
        }

        for (var i = 1; i < candidate._ranges.Length; i++)
        {
            if (candidate._ranges[i].First <= candidate._ranges[i - 1].Last)
            {
                error = $"entries overlap at {Format(candidate._ranges[i].First)}";
                return false;
            }
        }

        pool = candidate;
        return true;
    }

    /// <summary>
    /// The addresses guests may hold on a subnet written as a CIDR block: every one but the network
    /// address, the first host (the gateway) and the broadcast address.
    /// </summary>
    public static bool TryParseSubnet(string cidr, out AddressPool pool, out string error)
    {
        pool = Empty;
        error = "";
        if (!cidr.Contains('/', StringComparison.Ordinal) || !TryParseEntry(cidr.Trim(), out var block) || (long)block.Last - block.First < 3)
        {
            error = $"'{cidr}' is not an IPv4 CIDR block with room for guests (a.b.c.d/n, n at most 30)";
            return false;
        }

        var prefix = 32 - (int)Math.Log2((double)block.Last - block.First + 1);
        var candidate = new AddressPool([(block.First + 2, block.Last - 1)], prefix, Format(block.First + 1));
        if (candidate.Size > MaxSize)
        {
            error = $"the subnet holds {candidate.Size} addresses; at most {MaxSize} are allowed";
            return false;
        }

        pool = candidate;
        return true;
    }

    /// <summary>True when <paramref name="text"/> is a dotted-quad IPv4 address.</summary>
    public static bool IsIPv4(string text) => TryRead(text, out _);

    public bool Contains(string address) =>
        TryRead(address, out var value) && _ranges.Any(r => value >= r.First && value <= r.Last);

    /// <summary>
    /// Up to <paramref name="count"/> distinct addresses not in <paramref name="taken"/>, starting at
    /// a random place so that concurrent callers rarely pick the same ones.
    /// </summary>
    public IReadOnlyList<string> PickFree(IReadOnlySet<string> taken, int count)
    {
        var size = Size;
        var picked = new List<string>(count);
        if (size == 0)
        {
            return picked;
        }

        var start = Random.Shared.NextInt64(size);
        for (long step = 0; step < size && picked.Count < count; step++)
        {
            var address = Format(At((start + step) % size));
            if (!taken.Contains(address))
            {
                picked.Add(address);
            }
        }

        return picked;
    }

    private uint At(long index)
    {
        foreach (var (first, last) in _ranges)
        {
            var length = (long)last - first + 1;
            if (index < length)
            {
                return (uint)(first + index);
            }

            index -= length;
        }

        throw new ArgumentOutOfRangeException(nameof(index));
    }

    private static bool TryParseEntry(string entry, out (uint First, uint Last) range)
    {
        range = default;
        if (entry.Split('/') is [var network, var bits])
        {
            if (!TryRead(network, out var start) || !int.TryParse(bits, out var prefix) || prefix is < 0 or > 32)
            {
                return false;
            }

            var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
            range = (start & mask, (start & mask) | ~mask);
            return true;
        }

        if (entry.Split('-') is [var from, var to])
        {
            if (!TryRead(from.Trim(), out var first) || !TryRead(to.Trim(), out var last) || last < first)
            {
                return false;
            }

            range = (first, last);
            return true;
        }

        if (TryRead(entry, out var single))
        {
            range = (single, single);
            return true;
        }

        return false;
    }

    private static bool TryRead(string text, out uint value)
    {
        value = 0;
        if (!IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetwork || text.Count(c => c == '.') != 3)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
        return true;
    }

    private static string Format(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes).ToString();
    }
}
