using StandardsCloud.Ec2Compat.Wire.Query;
using static StandardsCloud.Ec2Compat.Tests.Wire.Query.QueryRequestParseTests;

namespace StandardsCloud.Ec2Compat.Tests.Wire.Query;

public sealed class QueryRequestValueTests
{
    [Theory]
    [InlineData("42", 42)]
    [InlineData("-7", -7)]
    [InlineData("2147483647", int.MaxValue)]
    public void TryGetInt_Integer_Parsed(string text, int expected)
    {
        Assert.True(Parse("MinCount=" + text).TryGetInt("MinCount", out var value, out var error), error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("+1+")]
    [InlineData("2147483648")]
    [InlineData("1%20")]
    public void TryGetInt_NotAnInteger_ErrorNamesParameter(string text)
    {
        Assert.False(Parse("MinCount=" + text).TryGetInt("MinCount", out _, out var error));
        Assert.Contains("MinCount", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryGetInt_Absent_ErrorSaysMissing()
    {
        Assert.False(Parse("Action=RunInstances").TryGetInt("MinCount", out _, out var error));
        Assert.Contains("must contain the parameter MinCount", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryGetInt_OptionalAbsent_Fallback()
    {
        Assert.True(Parse("Action=RunInstances").TryGetInt("MinCount", 1, out var value, out _));
        Assert.Equal(1, value);
    }

    [Fact]
    public void TryGetInt_OptionalMalformed_Error()
    {
        Assert.False(Parse("MinCount=x").TryGetInt("MinCount", 1, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void TryGetInt_HugeValue_ErrorEchoIsShortened()
    {
        var huge = new string('9', 10_000);

        Assert.False(Parse("MinCount=" + huge).TryGetInt("MinCount", out _, out var error));
        Assert.True(error.Length < 200, error);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData("FaLsE", false)]
    public void TryGetBool_TrueOrFalseAnyCase_Parsed(string text, bool expected)
    {
        Assert.True(Parse("DryRun=" + text).TryGetBool("DryRun", out var value, out var error), error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData("true%20")]
    public void TryGetBool_AnythingElse_Error(string text)
    {
        Assert.False(Parse("DryRun=" + text).TryGetBool("DryRun", false, out _, out var error));
        Assert.Contains("DryRun", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryGetBool_OptionalAbsent_Fallback()
    {
        Assert.True(Parse("Action=RunInstances").TryGetBool("DryRun", false, out var value, out _));
        Assert.False(value);
    }

    [Fact]
    public void TryGetBool_RequiredAbsent_Error()
    {
        Assert.False(Parse("Action=RunInstances").TryGetBool("DryRun", out _, out var error));
        Assert.Contains("DryRun", error, StringComparison.Ordinal);
    }
}
