using StandardsCloud.Ec2Compat.Mapping;

namespace StandardsCloud.Ec2Compat.Tests.Mapping;

public sealed class ResourceFilterMatchTests
{
    [Theory]
    [InlineData("web", "web", true)]
    [InlineData("web", "web1", false)]
    [InlineData("web*", "web-frontend", true)]
    [InlineData("*end", "web-frontend", true)]
    [InlineData("w?b", "web", true)]
    [InlineData("w?b", "wb", false)]
    [InlineData("*", "", true)]
    [InlineData(@"100\*", "100*", true)]
    [InlineData(@"100\*", "1000", false)]
    [InlineData(@"a\?", "ab", false)]
    public void Matches_WildcardsAndEscapes_AsEc2Describes(string pattern, string value, bool expected) =>
        Assert.Equal(expected, ResourceFilters.Matches(pattern, value));
}
