using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Compute.Tests.Instances;

public sealed class ContextPairsTests
{
    [Fact]
    public void ProblemOf_ShellStyleKeysAndOneLineValues_None()
    {
        Assert.Null(ContextPairs.ProblemOf(null));
        Assert.Null(ContextPairs.ProblemOf(new Dictionary<string, string> { ["ROLE"] = "worker", ["_X9"] = "", ["A" + new string('B', 63)] = new string('v', 1024) }));
    }

    [Theory]
    [InlineData("lower")]
    [InlineData("9LIVES")]
    [InlineData("WITH-DASH")]
    [InlineData("KEY\n")]
    [InlineData("")]
    public void ProblemOf_BadKey_NamesIt(string key) =>
        Assert.Contains("capital letters", ContextPairs.ProblemOf(new Dictionary<string, string> { [key] = "x" }));

    [Fact]
    public void ProblemOf_KeyOf65Characters_Refused() =>
        Assert.NotNull(ContextPairs.ProblemOf(new Dictionary<string, string> { [new string('A', 65)] = "x" }));

    [Theory]
    [InlineData("two\nlines")]
    [InlineData("carriage\rreturn")]
    [InlineData("bell\u0007")]
    public void ProblemOf_ValueNotOneLine_Refused(string value) =>
        Assert.Contains("one line", ContextPairs.ProblemOf(new Dictionary<string, string> { ["KEY"] = value }));

    [Fact]
    public void ProblemOf_ValueOverOneKiB_Refused() =>
        Assert.Contains("1024 bytes", ContextPairs.ProblemOf(new Dictionary<string, string> { ["KEY"] = new string('é', 513) }));

    [Fact]
    public void ProblemOf_MoreThan32Pairs_Refused() =>
        Assert.Contains("at most 32", ContextPairs.ProblemOf(Enumerable.Range(0, 33).ToDictionary(i => "K" + i, _ => "v")));
}
