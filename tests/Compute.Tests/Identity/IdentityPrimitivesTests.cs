using System.Security.Cryptography;
using StandardsCloud.Compute.Identity;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Tests.Identity;

public sealed class IdentityPrimitivesTests
{
    [Fact]
    public void PasswordHasher_RightPassword_Verifies()
    {
        var hash = PasswordHasher.Hash("correct horse");
        Assert.True(PasswordHasher.Verify("correct horse", hash));
        Assert.DoesNotContain("correct horse", hash, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong horse")]
    [InlineData("")]
    [InlineData("correct horse ")]
    public void PasswordHasher_WrongPassword_Refused(string attempt) =>
        Assert.False(PasswordHasher.Verify(attempt, PasswordHasher.Hash("correct horse")));

    [Theory]
    [InlineData("")]
    [InlineData("pbkdf2-sha256$x$y$z")]
    [InlineData("md5$1$abc$def")]
    public void PasswordHasher_MalformedStoredHash_RefusedWithoutThrowing(string stored) =>
        Assert.False(PasswordHasher.Verify("anything", stored));

    [Fact]
    public void SecretBox_SealThenOpen_RoundTrips()
    {
        var box = new SecretBox(RandomNumberGenerator.GetBytes(32));
        var sealedSecret = box.Seal("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        Assert.DoesNotContain("wJalr", sealedSecret, StringComparison.Ordinal);
        Assert.Equal("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", box.Open(sealedSecret));
    }

    [Fact]
    public void SecretBox_OtherKeyOrAltered_Null()
    {
        var box = new SecretBox(RandomNumberGenerator.GetBytes(32));
        var sealedSecret = box.Seal("secret");
        Assert.Null(new SecretBox(RandomNumberGenerator.GetBytes(32)).Open(sealedSecret));
        var bytes = Convert.FromBase64String(sealedSecret);
        bytes[^1] ^= 1;
        Assert.Null(box.Open(Convert.ToBase64String(bytes)));
    }

    [Fact]
    public void QuotaCheck_InstanceLimit_FitsTheRestAndNamesTheLimit()
    {
        var fit = QuotaCheck.HowManyFit(new Quota(5, null, null), new Usage(3, 3, 3000), 1, 1000, 4, out var limit);
        Assert.Equal(2, fit);
        Assert.Equal(QuotaKind.Instances, limit!.Value.Kind);
        Assert.Contains("instance quota 5", limit.Value.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotaCheck_MemoryLimit_Binds()
    {
        var fit = QuotaCheck.HowManyFit(new Quota(null, null, 4096), new Usage(1, 1, 1536), 1, 1536, 3, out var limit);
        Assert.Equal(1, fit);
        Assert.Equal(QuotaKind.Memory, limit!.Value.Kind);
        Assert.Contains("memory quota", limit.Value.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotaCheck_Unlimited_AllFit()
    {
        Assert.Equal(1000, QuotaCheck.HowManyFit(Quota.Unset, new Usage(10, 10, 10), 4, 8192, 1000, out var limit));
        Assert.Null(limit);
    }

    [Theory]
    [InlineData("i-0123456789abcdef0", true)]
    [InlineData("i-0123456789ABCDEF0", false)]
    [InlineData("i-0123456789abcdef", false)]
    [InlineData("r-0123456789abcdef0", false)]
    public void ResourceIds_WellFormed_AsAwsShapes(string id, bool expected) =>
        Assert.Equal(expected, ResourceIds.IsWellFormed(id, ResourceIds.InstancePrefix));

    [Fact]
    public void ResourceIds_New_WellFormed() =>
        Assert.True(ResourceIds.IsWellFormed(ResourceIds.NewInstanceId(), ResourceIds.InstancePrefix));
}
