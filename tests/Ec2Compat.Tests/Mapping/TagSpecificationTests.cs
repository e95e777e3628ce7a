using System.Text;
using StandardsCloud.Ec2Compat.Mapping;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Tests.Mapping;

public sealed class TagSpecificationTests
{
    private static QueryRequest Query(string form) => QueryRequest.ParseForm(Encoding.UTF8.GetBytes("Action=CreateVolume&" + form)).Request!;

    [Fact]
    public void FromSpecifications_ForTheResourceType_TagsMerged()
    {
        var (tags, error) = TagParameters.FromSpecifications(Query(
            "TagSpecification.1.ResourceType=volume&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=data" +
            "&TagSpecification.2.ResourceType=volume&TagSpecification.2.Tag.1.Key=team"), "volume");

        Assert.Null(error);
        Assert.Equal(new Dictionary<string, string> { ["Name"] = "data", ["team"] = "" }, tags);
    }

    [Fact]
    public void FromSpecifications_None_Null()
    {
        var (tags, error) = TagParameters.FromSpecifications(Query("Size=1"), "volume");

        Assert.Null(error);
        Assert.Null(tags);
    }

    [Theory]
    [InlineData("TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=a")]
    [InlineData("TagSpecification.1.ResourceType=volume&TagSpecification.1.Tag.1.Key=aws%3Areserved")]
    [InlineData("TagSpecification.1.ResourceType=volume&TagSpecification.1.Tag.1.Colour=red")]
    public void FromSpecifications_WrongTypeOrBadTag_InvalidParameterValue(string form)
    {
        var (_, error) = TagParameters.FromSpecifications(Query(form), "volume");

        Assert.Equal("InvalidParameterValue", error?.Error?.Code.Code);
    }
}
