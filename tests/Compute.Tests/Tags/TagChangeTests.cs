using StandardsCloud.Compute.Tags;

namespace StandardsCloud.Compute.Tests.Tags;

public sealed class TagChangeTests
{
    [Theory]
    [InlineData("", "v")]
    [InlineData("aws:name", "v")]
    [InlineData("AWS:Name", "v")]
    [InlineData("tab\tkey", "v")]
    public void Problem_BadKey_Named(string key, string value) =>
        Assert.Contains(key.Length == 0 ? "1 to 128" : key, TagChange.Setting(new Dictionary<string, string> { [key] = value }).Problem(), StringComparison.Ordinal);

    [Fact]
    public void Problem_LongestKeyAndValue_Accepted()
    {
        var change = TagChange.Setting(new Dictionary<string, string> { [new string('k', 128)] = new string('v', 256) });
        Assert.Null(change.Problem());
        Assert.NotNull(TagChange.Setting(new Dictionary<string, string> { ["k"] = new string('v', 257) }).Problem());
    }

    [Fact]
    public void Exceeds_CountsOnlyNewKeysAndRemovals()
    {
        var current = Enumerable.Range(0, 50).ToDictionary(n => "k" + n, _ => "v");
        Assert.Null(TagChange.Setting(new Dictionary<string, string> { ["k1"] = "changed" }).Exceeds(current));
        Assert.NotNull(TagChange.Setting(new Dictionary<string, string> { ["new"] = "v" }).Exceeds(current));
    }
}
