using StandardsCloud.Ec2Compat.Wire.Query;
using static StandardsCloud.Ec2Compat.Tests.Wire.Query.QueryRequestParseTests;

namespace StandardsCloud.Ec2Compat.Tests.Wire.Query;

public sealed class QueryListTests
{
    [Fact]
    public void List_OutOfOrderIndices_SortedByIndex()
    {
        var ids = Parse("InstanceId.3=i-c&InstanceId.1=i-a&InstanceId.2=i-b").List("InstanceId");

        Assert.True(ids.IsValid, ids.Error);
        Assert.Equal(["i-a", "i-b", "i-c"], ids);
    }

    [Fact]
    public void List_CountedFromZero_AsLibcloudSendsIt()
    {
        var request = Parse("ResourceId.0=i-a&ResourceId.1=i-b&Tag.0.Key=role&Tag.0.Value=web");

        Assert.Equal(["i-a", "i-b"], request.List("ResourceId"));
        Assert.Equal("web", Assert.Single(request.Members("Tag"))["Value"]);
    }

    [Fact]
    public void List_GapsInIndices_AllowedAndCompacted()
    {
        var ids = Parse("InstanceId.7=i-c&InstanceId.2=i-a&InstanceId.5=i-b").List("InstanceId");

        Assert.True(ids.IsValid, ids.Error);
        Assert.Equal(["i-a", "i-b", "i-c"], ids);
    }

    [Fact]
    public void List_NumericOrderNotTextOrder_TenAfterNine()
    {
        var ids = Parse("InstanceId.10=ten&InstanceId.9=nine&InstanceId.1=one").List("InstanceId");

        Assert.Equal(["one", "nine", "ten"], ids);
    }

    [Fact]
    public void List_SimilarPrefixes_NotMixedIn()
    {
        var request = Parse("InstanceId.1=i-a&InstanceIds.1=x&InstanceId=y&Instance.1=z");

        Assert.Equal(["i-a"], request.List("InstanceId"));
    }

    [Fact]
    public void List_Absent_EmptyAndValid()
    {
        var ids = Parse("Action=DescribeInstances").List("InstanceId");

        Assert.Empty(ids);
        Assert.True(ids.IsValid);
    }

    [Theory]
    [InlineData("InstanceId.x=i-a")]
    [InlineData("InstanceId.=i-a")]
    [InlineData("InstanceId.one=i-a")]
    public void List_NonNumericIndex_Error(string body)
    {
        var ids = Parse(body).List("InstanceId");

        Assert.False(ids.IsValid);
        Assert.Empty(ids);
        Assert.Contains("InstanceId", ids.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void List_MemberWithField_ErrorForValueList()
    {
        var ids = Parse("InstanceId.1.Name=i-a").List("InstanceId");

        Assert.False(ids.IsValid);
        Assert.Contains("InstanceId.1.Name", ids.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Filters_SeveralFiltersAndValues_InIndexOrder()
    {
        var filters = Parse(
            "Filter.2.Name=tag%3AEnv&Filter.2.Value.1=prod&" +
            "Filter.1.Name=instance-type&Filter.1.Value.3=m1.large&Filter.1.Value.1=m1.small&Filter.1.Value.2=m1.medium").Filters();

        Assert.True(filters.IsValid, filters.Error);
        Assert.Equal(2, filters.Count);
        Assert.Equal("instance-type", filters[0].Name);
        Assert.Equal(["m1.small", "m1.medium", "m1.large"], filters[0].Values);
        Assert.Equal("tag:Env", filters[1].Name);
        Assert.Equal(["prod"], filters[1].Values);
    }

    [Fact]
    public void Filters_NameWithoutValues_EmptyValues()
    {
        var filter = Assert.Single(Parse("Filter.1.Name=instance-state-name").Filters());

        Assert.Empty(filter.Values);
    }

    [Fact]
    public void Filters_NonNumericFilterIndex_Error()
    {
        var filters = Parse("Filter.x.Name=instance-state-name&Filter.x.Value.1=running").Filters();

        Assert.False(filters.IsValid);
        Assert.Contains("Filter.x.Name", filters.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Filters_NonNumericValueIndex_Error()
    {
        var filters = Parse("Filter.1.Name=instance-state-name&Filter.1.Value.a=running").Filters();

        Assert.False(filters.IsValid);
        Assert.Contains("instance-state-name", filters.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Filters_ValuesWithoutName_Error()
    {
        var filters = Parse("Filter.1.Value.1=running").Filters();

        Assert.False(filters.IsValid);
        Assert.Contains("Filter.N.Name", filters.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Filters_UnknownField_Error()
    {
        var filters = Parse("Filter.1.Name=instance-state-name&Filter.1.Values.1=running").Filters();

        Assert.False(filters.IsValid);
        Assert.Contains("Values.1", filters.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Members_BlockDeviceMapping_FieldsPerIndex()
    {
        var mappings = Parse(
            "BlockDeviceMapping.2.DeviceName=%2Fdev%2Fsdb&BlockDeviceMapping.2.VirtualName=ephemeral0&" +
            "BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsda1&BlockDeviceMapping.1.Ebs.VolumeSize=8&" +
            "BlockDeviceMapping.1.Ebs.DeleteOnTermination=true").Members("BlockDeviceMapping");

        Assert.True(mappings.IsValid, mappings.Error);
        Assert.Equal(2, mappings.Count);
        Assert.Equal("/dev/sda1", mappings[0]["DeviceName"]);
        Assert.Equal("8", mappings[0]["Ebs.VolumeSize"]);
        Assert.Equal("true", mappings[0]["Ebs.DeleteOnTermination"]);
        Assert.Equal(3, mappings[0].Count);
        Assert.Equal("/dev/sdb", mappings[1]["DeviceName"]);
        Assert.Equal("ephemeral0", mappings[1]["VirtualName"]);
    }

    [Fact]
    public void Members_NestedIpPermissions_ReadWithQueryLists()
    {
        var permissions = Parse(
            "GroupId=sg-1&IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=22&IpPermissions.1.ToPort=22&" +
            "IpPermissions.1.IpRanges.2.CidrIp=192.0.2.0%2F24&IpPermissions.1.IpRanges.1.CidrIp=198.51.100.0%2F24&" +
            "IpPermissions.1.IpRanges.1.Description=office&" +
            "IpPermissions.2.IpProtocol=icmp&IpPermissions.2.Groups.1.GroupId=sg-2").Members("IpPermissions");

        Assert.True(permissions.IsValid, permissions.Error);
        Assert.Equal(2, permissions.Count);
        Assert.Equal("tcp", permissions[0]["IpProtocol"]);

        var ranges = QueryLists.Members(permissions[0], "IpRanges");
        Assert.True(ranges.IsValid, ranges.Error);
        Assert.Equal(["198.51.100.0/24", "192.0.2.0/24"], ranges.Select(r => r["CidrIp"]));
        Assert.Equal("office", ranges[0]["Description"]);

        var groups = QueryLists.Members(permissions[1], "Groups");
        Assert.Equal("sg-2", Assert.Single(groups)["GroupId"]);
        Assert.Empty(QueryLists.Members(permissions[1], "IpRanges"));
    }

    [Fact]
    public void Members_TagSpecification_NestedTags()
    {
        var specs = Parse(
            "TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=web&" +
            "TagSpecification.1.Tag.2.Key=Env&TagSpecification.1.Tag.2.Value=a%3Cb").Members("TagSpecification");

        var spec = Assert.Single(specs);
        Assert.Equal("instance", spec["ResourceType"]);
        var tags = QueryLists.Members(spec, "Tag");
        Assert.Equal(["Name", "Env"], tags.Select(t => t["Key"]));
        Assert.Equal(["web", "a<b"], tags.Select(t => t["Value"]));
    }

    [Fact]
    public void Members_IndexWithoutField_Error()
    {
        var mappings = Parse("BlockDeviceMapping.1=x").Members("BlockDeviceMapping");

        Assert.False(mappings.IsValid);
        Assert.Contains("BlockDeviceMapping.1", mappings.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Members_NonNumericIndex_Error()
    {
        var mappings = Parse("BlockDeviceMapping.first.DeviceName=%2Fdev%2Fsda1").Members("BlockDeviceMapping");

        Assert.False(mappings.IsValid);
        Assert.Empty(mappings);
    }
}
