using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Storage.Tests.Objects;

public class ObjectIdTests
{
    // The CDMI 1.1.1 specification's own example IDs (shared/vectors/README.md).
    [Theory]
    [InlineData("00006FFD001001CCE3B2B4F602032653")]
    [InlineData("00006FFD0010AA33D8CEF9711E0835CA")]
    [InlineData("00007ED90010D891022876A8DE0BC0FD")]
    public void TryParse_SpecificationExample_IsValid(string text)
    {
        Assert.True(ObjectId.TryParse(text, out var id));
        Assert.Equal(text, id!.Value.Text);
    }

    [Theory]
    [InlineData("00006FFD001001CCE3B2B4F602032653")]
    [InlineData("00006FFD0010AA33D8CEF9711E0835CA")]
    [InlineData("00007ED90010D891022876A8DE0BC0FD")]
    public void FromData_SpecificationExampleData_GivesTheSameId(string text)
    {
        var bytes = Convert.FromHexString(text);
        var enterprise = (bytes[1] << 16) | (bytes[2] << 8) | bytes[3];

        var id = ObjectId.FromData(enterprise, bytes[8..]);

        Assert.Equal(text, id.Text);
    }

    [Fact]
    public void TryParse_OneBitChanged_IsRefused()
    {
        Assert.False(ObjectId.TryParse("00006FFD001001CCE3B2B4F602032652", out _));
    }

    [Theory]
    [InlineData("00006FFD001101CCE3B2B4F602032653")] // length byte says 17
    [InlineData("01006FFD001001CCE3B2B4F602032653")] // reserved byte 0 set
    [InlineData("00006FFD011001CCE3B2B4F602032653")] // reserved byte 4 set
    [InlineData("00006FFD0010")] // too short
    [InlineData("00006FFD001001CCE3B2B4F60203265")] // odd length
    [InlineData("00006FFD001001CCE3B2B4F60203265Z")] // not hex
    [InlineData("")]
    public void TryParse_Malformed_IsRefused(string text)
    {
        Assert.False(ObjectId.TryParse(text, out _));
    }

    [Fact]
    public void New_HasLengthAndCrcThatCheck()
    {
        var id = ObjectId.New(28669);

        Assert.Equal(48, id.Text.Length);
        Assert.Equal("18", id.Text[10..12]);
        Assert.Equal(28669, id.EnterpriseNumber);
        Assert.True(ObjectId.TryParse(id.Text.ToLowerInvariant(), out var parsed));
        Assert.Equal(id.Text, parsed!.Value.Text);
    }

    [Fact]
    public void Crc16Arc_CheckValue_Matches()
    {
        // The catalogue check value of CRC-16/ARC over "123456789".
        Assert.Equal(0xBB3D, Crc16Arc.Compute("123456789"u8));
    }
}
