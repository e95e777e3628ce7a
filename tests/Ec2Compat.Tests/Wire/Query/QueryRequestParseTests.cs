using System.Text;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Tests.Wire.Query;

public sealed class QueryRequestParseTests
{
    // Bodies as botocore sent them in ../shared/vectors/ec2/ec2-signatures.json.
    private const string DescribeInstancesBody =
        "Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-0123456789abcdef0&Filter.1.Name=instance-state-name&Filter.1.Value.1=running&Filter.1.Value.2=stopped&MaxResults=5";

    private const string RunInstancesBody =
        "Action=RunInstances&Version=2016-11-15&ImageId=ami-KHMqIKj0&MinCount=1&MaxCount=2&InstanceType=m1.small&KeyName=my%20key&UserData=IyEvYmluL3NoCmVjaG8gaGVsbG8K&ClientToken=tok-42";

    internal static QueryRequest Parse(string body)
    {
        var result = QueryRequest.ParseForm(Encoding.UTF8.GetBytes(body));
        Assert.True(result.Succeeded, result.Error);
        return result.Request;
    }

    [Fact]
    public void ParseForm_DescribeInstancesVector_ReadsEveryParameter()
    {
        var request = Parse(DescribeInstancesBody);

        Assert.Equal("DescribeInstances", request.Action);
        Assert.Equal("2016-11-15", request.Version);
        Assert.Equal(["i-0123456789abcdef0"], request.List("InstanceId"));
        var filter = Assert.Single(request.Filters());
        Assert.Equal("instance-state-name", filter.Name);
        Assert.Equal(["running", "stopped"], filter.Values);
        Assert.True(request.TryGetInt("MaxResults", out var max, out var error), error);
        Assert.Equal(5, max);
        Assert.Equal(7, request.Parameters.Count);
    }

    [Fact]
    public void ParseForm_RunInstancesVector_DecodesPercentEscapesAndKeepsBase64()
    {
        var request = Parse(RunInstancesBody);

        Assert.Equal("RunInstances", request.Action);
        Assert.Equal("my key", request.Get("KeyName"));
        Assert.Equal("IyEvYmluL3NoCmVjaG8gaGVsbG8K", request.Get("UserData"));
        Assert.Equal("#!/bin/sh\necho hello\n", Encoding.UTF8.GetString(Convert.FromBase64String(request.Get("UserData")!)));
        Assert.True(request.TryGetInt("MaxCount", out var maxCount, out _));
        Assert.Equal(2, maxCount);
    }

    [Fact]
    public void ParseForm_DescribeRegionsVector_HasNoFiltersOrLists()
    {
        var request = Parse("Action=DescribeRegions&Version=2016-11-15");

        Assert.Equal("DescribeRegions", request.Action);
        Assert.Empty(request.Filters());
        Assert.True(request.Filters().IsValid);
        Assert.Empty(request.List("RegionName"));
    }

    [Fact]
    public void ParseQueryString_SigV2GetVector_DecodesEscapedSignature()
    {
        var result = QueryRequest.ParseQueryString(
            "?AWSAccessKeyId=AKIDEXAMPLESTANDARDS&Action=DescribeInstances&InstanceId.1=i-0123456789abcdef0" +
            "&Signature=dvHWNo6UMZNz%2BmV9TcS0vLvdegaWGmK4iN9KPacrtYA%3D&SignatureMethod=HmacSHA256" +
            "&SignatureVersion=2&Timestamp=2026-11-26T04%3A00%3A00Z&Version=2016-11-15");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("DescribeInstances", result.Request.Action);
        Assert.Equal("dvHWNo6UMZNz+mV9TcS0vLvdegaWGmK4iN9KPacrtYA=", result.Request.Get("Signature"));
        Assert.Equal("2026-11-26T04:00:00Z", result.Request.Get("Timestamp"));
    }

    [Fact]
    public void ParseForm_PlusSign_IsSpace()
    {
        Assert.Equal("a b c", Parse("GroupDescription=a+b%20c").Get("GroupDescription"));
    }

    [Fact]
    public void ParseForm_MultiByteUtf8_Decoded()
    {
        Assert.Equal("Grüße €", Parse("Description=Gr%C3%BC%C3%9Fe+%E2%82%AC").Get("Description"));
    }

    [Fact]
    public void ParseForm_RawUtf8Bytes_Accepted()
    {
        Assert.Equal("Grüße", Parse("Description=Grüße").Get("Description"));
    }

    [Fact]
    public void ParseForm_NamesDifferingInCase_AreDistinct()
    {
        var request = Parse("KeyName=a&keyname=b");

        Assert.Equal("a", request.Get("KeyName"));
        Assert.Equal("b", request.Get("keyname"));
        Assert.Null(request.Get("KEYNAME"));
    }

    [Fact]
    public void ParseForm_NoVersion_DefaultsTo20161115()
    {
        Assert.Equal("2016-11-15", Parse("Action=DescribeRegions").Version);
        Assert.Equal("2016-11-15", Parse("Action=DescribeRegions&Version=").Version);
    }

    [Fact]
    public void ParseForm_OtherVersion_Kept()
    {
        Assert.Equal("2014-06-15", Parse("Action=DescribeRegions&Version=2014-06-15").Version);
    }

    [Fact]
    public void ParseForm_EmptyBody_NoParameters()
    {
        var request = Parse("");

        Assert.Null(request.Action);
        Assert.Empty(request.Parameters);
    }

    [Fact]
    public void ParseForm_EmptyPairsAndMissingEquals_EmptyPairsSkippedBareNameIsEmptyValue()
    {
        var request = Parse("&Action=DescribeRegions&&DryRun&KeyName=&");

        Assert.Equal(3, request.Parameters.Count);
        Assert.Equal("", request.Get("DryRun"));
        Assert.Equal("", request.Get("KeyName"));
    }

    [Fact]
    public void ParseForm_EqualsInValue_KeptInValue()
    {
        Assert.Equal("a=b==", Parse("UserData=a=b==").Get("UserData"));
    }

    [Fact]
    public void ParseQueryString_Null_NoParameters()
    {
        var result = QueryRequest.ParseQueryString(null);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Request.Parameters);
    }
}
