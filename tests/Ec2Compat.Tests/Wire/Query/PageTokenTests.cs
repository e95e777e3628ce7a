using System.Buffers.Text;
using System.Text;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Tests.Wire.Query;

public sealed class PageTokenTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("page-token-test-key-0123456789ab");
    private const string Scope = "DescribeInstances";

    [Theory]
    [InlineData("i-0123456789abcdef0")]
    [InlineData("")]
    [InlineData("ünïcødé/€")]
    public void TryDecode_EncodedPosition_RoundTrips(string position)
    {
        var token = PageToken.Encode(Key, Scope, position);

        Assert.True(PageToken.TryDecode(Key, Scope, token, out var decoded, out var error), error);
        Assert.Equal(position, decoded);
    }

    [Fact]
    public void TryDecodeOffset_EncodedOffset_RoundTrips()
    {
        var token = PageToken.Encode(Key, Scope, 1000L);

        Assert.True(PageToken.TryDecodeOffset(Key, Scope, token, out var offset, out _));
        Assert.Equal(1000L, offset);
    }

    [Fact]
    public void Encode_Token_UrlSafeAndOpaque()
    {
        var token = PageToken.Encode(Key, Scope, "i-0123456789abcdef0");

        Assert.DoesNotContain("i-0123456789abcdef0", token, StringComparison.Ordinal);
        Assert.All(token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"unexpected '{c}'"));
    }

    [Fact]
    public void TryDecode_EveryByteFlipped_Refused()
    {
        var bytes = Base64Url.DecodeFromChars(PageToken.Encode(Key, Scope, "i-0123456789abcdef0"));
        for (var i = 0; i < bytes.Length; i++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[i] ^= 0x01;

            Assert.False(PageToken.TryDecode(Key, Scope, Base64Url.EncodeToString(tampered), out var position, out var error), $"byte {i}");
            Assert.Equal("", position);
            Assert.NotEmpty(error);
        }
    }

    [Fact]
    public void TryDecode_ForgedPositionWithoutKey_Refused()
    {
        var token = PageToken.Encode(Key, Scope, "10");
        var bytes = Base64Url.DecodeFromChars(token);
        bytes[3] = (byte)'9';

        Assert.False(PageToken.TryDecodeOffset(Key, Scope, Base64Url.EncodeToString(bytes), out _, out _));
    }

    [Fact]
    public void TryDecode_OtherKey_Refused()
    {
        var token = PageToken.Encode(Key, Scope, "i-1");
        var otherKey = Encoding.ASCII.GetBytes("another-key-of-sufficient-length");

        Assert.False(PageToken.TryDecode(otherKey, Scope, token, out _, out _));
    }

    [Fact]
    public void TryDecode_OtherScope_Refused()
    {
        var token = PageToken.Encode(Key, "DescribeImages", "ami-1");

        Assert.False(PageToken.TryDecode(Key, Scope, token, out _, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("AA")]
    [InlineData("AQAA")]
    public void TryDecode_Garbage_RefusedWithoutThrowing(string? token)
    {
        Assert.False(PageToken.TryDecode(Key, Scope, token, out _, out var error));
        Assert.Contains("pagination token", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_Truncated_Refused()
    {
        var token = PageToken.Encode(Key, Scope, "i-0123456789abcdef0");

        Assert.False(PageToken.TryDecode(Key, Scope, token[..^4], out _, out _));
        Assert.False(PageToken.TryDecode(Key, Scope, token + "AAAA", out _, out _));
    }

    [Fact]
    public void TryDecode_HugeToken_Refused()
    {
        Assert.False(PageToken.TryDecode(Key, Scope, new string('A', 1_000_000), out _, out _));
    }

    [Fact]
    public void TryDecodeOffset_NonNumericPosition_Refused()
    {
        var token = PageToken.Encode(Key, Scope, "i-1");

        Assert.False(PageToken.TryDecodeOffset(Key, Scope, token, out _, out _));
    }

    [Fact]
    public void Encode_ShortKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => PageToken.Encode(new byte[8], Scope, "x"));
    }

    [Fact]
    public void Encode_OversizedPosition_Throws()
    {
        Assert.Throws<ArgumentException>(() => PageToken.Encode(Key, Scope, new string('x', PageToken.MaxPositionBytes + 1)));
    }
}
