using StandardsCloud.Compute.Catalog;

namespace StandardsCloud.Compute.Tests.Catalog;

public class CustomSizeTests
{
    [Fact]
    public void Custom_WithinTheLargestType_IsASizeNamedCustom()
    {
        var (type, problem) = InstanceType.Custom(2, 3686, InstanceType.Defaults);

        Assert.Null(problem);
        Assert.Equal(new InstanceType(InstanceType.CustomName, 2, 3686), type);
    }

    [Theory]
    [InlineData(0, 1024)]
    [InlineData(5, 1024)]
    [InlineData(1, 32)]
    [InlineData(1, 8193)]
    public void Custom_OutsideWhatTheSiteOffers_SaysWhatIsAllowed(int cpus, long memoryMiB)
    {
        var (type, problem) = InstanceType.Custom(cpus, memoryMiB, InstanceType.Defaults);

        Assert.Null(type);
        Assert.Contains("1 to 4 CPUs and 64 to 8192 MiB", problem);
    }
}
