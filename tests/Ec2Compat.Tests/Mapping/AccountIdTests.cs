using StandardsCloud.Ec2Compat.Mapping;

namespace StandardsCloud.Ec2Compat.Tests.Mapping;

public sealed class AccountIdTests
{
    [Theory]
    // Worked out with Python's hashlib: int.from_bytes(sha256(name)[:8], "big") % 10**12, twelve digits.
    [InlineData("alice", "601090220207")]
    [InlineData("admin", "766825055253")]
    public void Of_UserName_TwelveDigitsFromItsSha256(string user, string expected) => Assert.Equal(expected, AccountIds.Of(user));

    [Fact]
    public void Of_DifferentUsers_DifferentAccounts() => Assert.NotEqual(AccountIds.Of("alice"), AccountIds.Of("bob"));

    [Theory]
    [InlineData("self", "alice", "alice", true)]
    [InlineData("self", "alice", "bob", false)]
    [InlineData("601090220207", "alice", "bob", true)]
    [InlineData("alice", "alice", "alice", false)]
    [InlineData("amazon", "alice", "alice", false)]
    public void Names_SelfOrTheAccountId(string value, string owner, string caller, bool expected) =>
        Assert.Equal(expected, AccountIds.Names(value, owner, caller));
}
