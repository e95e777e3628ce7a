using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Compute.Tests.Instances;

public class HostnamesTests
{
    [Theory]
    [InlineData("web-1", null)]
    [InlineData("foo 3f2a bar", null)]
    [InlineData("", "1 to 253")]
    [InlineData("tab\there", "control")]
    public void ProblemOf_OnlyEmptyLongOrControlCharacters_AreRefused(string name, string? problem)
    {
        var found = Hostnames.ProblemOf(name);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found);
        }
    }

    [Theory]
    [InlineData("web-1", "web-1")]
    [InlineData("Foo 3F2A Bar", "foo-3f2a-bar")]
    [InlineData("a..b.", "a.b")]
    [InlineData("--x--", "x")]
    [InlineData("!!!", "instance")]
    public void ForGuest_MakesAnRfc1123Name(string given, string expected) => Assert.Equal(expected, Hostnames.ForGuest(given));

    [Fact]
    public void ForGuest_LongLabel_IsCutTo63()
    {
        var name = Hostnames.ForGuest(new string('a', 100));

        Assert.Equal(63, name.Length);
    }
}
