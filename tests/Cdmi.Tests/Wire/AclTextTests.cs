using StandardsCloud.Cdmi.Wire;
using StandardsCloud.Storage.Access;

namespace StandardsCloud.Cdmi.Tests.Wire;

public class AclTextTests
{
    // CDMI 1.1.1 §16.1.8 style: names or hex for type, flags and mask.
    [Fact]
    public void Parse_NamesAndHex_GiveTheSameEntries()
    {
        var (named, _) = AclText.Parse("""[{"acetype":"ALLOW","identifier":"bob","aceflags":"OBJECT_INHERIT, CONTAINER_INHERIT","acemask":"READ_OBJECT, READ_METADATA"}]""");
        var (hex, _) = AclText.Parse("""[{"acetype":"0x00000000","identifier":"bob","aceflags":"0x03","acemask":"0x09"}]""");

        Assert.Equal(named, hex);
        Assert.Equal(new AccessControlEntry(true, "bob", 3, 9), Assert.Single(named!));
    }

    [Fact]
    public void Render_ThenParse_RoundTrips()
    {
        AccessControlEntry[] acl = [new(false, "EVERYONE@", 0, AceMask.WriteObject), new(true, "OWNER@", 0x80, AceMask.AllPerms)];

        Assert.Equal(acl, AclText.Parse(AclText.Render(acl)).Acl);
    }

    // §16.1.2 types in any hex spelling; §16.1.7 and §16.1.8 mask combinations by name.
    [Theory]
    [InlineData("0x00", "READ_ALL", true, 0x09u)]
    [InlineData("0x0", "RW", true, 0x1Fu)]
    [InlineData("0x1", "RW_ALL", false, 0x0006006Fu)]
    [InlineData("DENY", "READ_ALL, 0x02", false, 0x0Bu)]
    public void Parse_TypeInHex_AndMaskCombinations(string type, string mask, bool allow, uint bits)
    {
        var (acl, error) = AclText.Parse($$"""[{"acetype":"{{type}}","identifier":"bob","acemask":"{{mask}}"}]""");

        Assert.Null(error);
        Assert.Equal(new AccessControlEntry(allow, "bob", 0, bits), Assert.Single(acl!));
    }

    [Fact]
    public void Parse_Audit_IsRefusedSayingWhy()
    {
        Assert.Contains("audit", AclText.Parse("""[{"acetype":"AUDIT","identifier":"x","acemask":"0x1"}]""").Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("audit", AclText.Parse("""[{"acetype":"0x00000002","identifier":"x","acemask":"0x1"}]""").Error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"acetype":"ALLOW"}""")]
    [InlineData("""[{"acetype":"MAYBE","identifier":"x","acemask":"0x1"}]""")]
    [InlineData("""[{"acetype":"ALLOW","identifier":"x","acemask":"FLY"}]""")]
    [InlineData("""[{"acetype":"ALLOW","identifier":"","acemask":"0x1"}]""")]
    [InlineData("""[{"identifier":"x","acemask":"0x1"}]""")]
    public void Parse_Malformed_IsRefused(string json)
    {
        Assert.NotNull(AclText.Parse(json).Error);
    }
}
