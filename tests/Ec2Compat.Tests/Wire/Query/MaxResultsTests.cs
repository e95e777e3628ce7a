using StandardsCloud.Ec2Compat.Wire.Query;
using static StandardsCloud.Ec2Compat.Tests.Wire.Query.QueryRequestParseTests;

namespace StandardsCloud.Ec2Compat.Tests.Wire.Query;

public sealed class MaxResultsTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(100)]
    [InlineData(1000)]
    public void TryRead_InRange_Value(int value)
    {
        Assert.True(MaxResults.TryRead(Parse($"MaxResults={value}"), out var max, out var error), error);
        Assert.Equal(value, max);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1001")]
    [InlineData("ten")]
    public void TryRead_OutOfRangeOrNotInteger_Error(string value)
    {
        Assert.False(MaxResults.TryRead(Parse($"MaxResults={value}"), out var max, out var error));
        Assert.Null(max);
        Assert.Contains("MaxResults", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_Absent_Null()
    {
        Assert.True(MaxResults.TryRead(Parse("Action=DescribeInstances"), out var max, out _));
        Assert.Null(max);
    }

    [Fact]
    public void TryRead_CustomRange_Applied()
    {
        Assert.False(MaxResults.TryRead(Parse("MaxResults=5"), out _, out var error, min: 10, max: 200));
        Assert.Contains("between 10 and 200", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CombinationError_MaxResultsWithIds_Message()
    {
        var request = Parse("Action=DescribeInstances&InstanceId.1=i-0123456789abcdef0&MaxResults=5");
        Assert.True(MaxResults.TryRead(request, out var max, out _));

        var error = MaxResults.CombinationError(max, request.List("InstanceId").Count, "InstanceId");

        Assert.NotNull(error);
        Assert.Contains("InstanceId", error, StringComparison.Ordinal);
        Assert.Contains("MaxResults", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 3)]
    [InlineData(5, 0)]
    [InlineData(null, 0)]
    public void CombinationError_NotBoth_Null(int? max, int ids)
    {
        Assert.Null(MaxResults.CombinationError(max, ids, "InstanceId"));
    }
}
