using System.Text;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Tests.Wire.Query;

public sealed class QueryHostileInputTests
{
    private static string Refused(string body, QueryLimits? limits = null)
    {
        var result = QueryRequest.ParseForm(Encoding.UTF8.GetBytes(body), limits);
        Assert.False(result.Succeeded);
        Assert.Null(result.Request);
        return result.Error;
    }

    [Fact]
    public void ParseForm_DuplicateParameter_Error()
    {
        var error = Refused("Action=DescribeInstances&InstanceId.1=i-a&InstanceId.1=i-b");

        Assert.Contains("'InstanceId.1' appears more than once", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseForm_DuplicateAfterDecoding_Error()
    {
        // %41 is 'A': two spellings of the same name are still the same parameter.
        Assert.Contains("more than once", Refused("Action=RunInstances&%41ction=TerminateInstances"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KeyName=%ZZ")]
    [InlineData("KeyName=%4")]
    [InlineData("KeyName=%")]
    [InlineData("KeyName=ab%G1")]
    [InlineData("Key%ZZName=x")]
    public void ParseForm_BadPercentEscape_Error(string body)
    {
        Assert.Contains("invalid percent-escape", Refused(body), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseForm_BadPercentEscape_ErrorShowsEscape()
    {
        Assert.Contains("'%ZZ'", Refused("KeyName=%ZZ"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KeyName=%C3%28")]
    [InlineData("KeyName=%FF")]
    [InlineData("KeyName=%C3")]
    [InlineData("KeyName=%ED%A0%80")]
    [InlineData("KeyName=%C0%AF")]
    [InlineData("%C3%28=x")]
    public void ParseForm_InvalidUtf8_Error(string body)
    {
        Assert.Contains("not valid UTF-8", Refused(body), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseForm_RawInvalidUtf8Byte_Error()
    {
        var result = QueryRequest.ParseForm([(byte)'K', (byte)'=', 0xC3, 0x28]);

        Assert.False(result.Succeeded);
        Assert.Contains("not valid UTF-8", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseForm_TooManyParameters_Error()
    {
        var body = string.Join('&', Enumerable.Range(1, 10_001).Select(i => $"InstanceId.{i}=i-{i}"));

        Assert.Contains("more than 10000 parameters", Refused(body), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseForm_AtParameterLimit_Accepted()
    {
        var body = string.Join('&', Enumerable.Range(1, 10_000).Select(i => $"InstanceId.{i}=i-{i}"));
        var result = QueryRequest.ParseForm(Encoding.UTF8.GetBytes(body));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(10_000, result.Request.List("InstanceId").Count);
    }

    [Fact]
    public void ParseForm_HugeName_Error()
    {
        var error = Refused(new string('A', 100_000) + "=x");

        Assert.Contains("longer than 256 characters", error, StringComparison.Ordinal);
        Assert.True(error.Length < 200, "the error must not echo the name");
    }

    [Fact]
    public void ParseForm_OversizedBody_Error()
    {
        var body = "UserData=" + new string('A', 1024 * 1024);

        Assert.Contains("larger than the limit", Refused(body), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseQueryString_OversizedQuery_Error()
    {
        var result = QueryRequest.ParseQueryString("UserData=" + new string('A', 1024 * 1024));

        Assert.False(result.Succeeded);
        Assert.Contains("larger than the limit", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseForm_CustomLimits_Applied()
    {
        var limits = new QueryLimits(MaxBytes: 64, MaxParameters: 2, MaxNameLength: 8);

        Assert.Contains("more than 2", Refused("a=1&b=2&c=3", limits), StringComparison.Ordinal);
        Assert.Contains("longer than 8", Refused("ABCDEFGHI=1", limits), StringComparison.Ordinal);
        Assert.Contains("larger than the limit of 64", Refused(new string('a', 65), limits), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseForm_EmptyName_Error()
    {
        Assert.Contains("empty name", Refused("=value"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Filter.00.Name=x", "'00'")]
    [InlineData("Filter.-1.Name=x", "'-1'")]
    [InlineData("Filter.%2B1.Name=x", "'+1'")]
    [InlineData("InstanceId.01=i-a", "'01'")]
    [InlineData("InstanceId.1x=i-a", "'1x'")]
    [InlineData("InstanceId.99999999999=i-a", "'99999999999'")]
    [InlineData("Filter.1.Value.007=x", "'007'")]
    public void ParseForm_MalformedListIndex_Error(string body, string index)
    {
        var error = Refused(body);

        Assert.Contains("list index " + index, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseForm_UnknownParameter_KeptAndIgnored()
    {
        // EC2 ignores parameters an action does not define; only the action decides.
        var result = QueryRequest.ParseForm("Action=DescribeRegions&NoSuchThing=1&Filter.x.Name=y"u8);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("1", result.Request.Get("NoSuchThing"));
    }

    [Fact]
    public void ParseForm_ControlCharacters_KeptVerbatim()
    {
        var result = QueryRequest.ParseForm("Description=a%00b%0D%0A"u8);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("a\0b\r\n", result.Request.Get("Description"));
    }
}
