using StandardsCloud.Cdmi.Wire;

namespace StandardsCloud.Cdmi.Tests.Wire;

public class EncodedSlashTests
{
    [Theory]
    [InlineData("/c/a%2Fb")]
    [InlineData("/c/a%2fb")]
    [InlineData("/c/sub%2F/x?children")]
    [InlineData("http://cloud.example.com/c/a%2Fb")]
    public void In_EscapedSlashInThePath_IsFound(string target)
    {
        Assert.True(EncodedSlash.In(target));
    }

    [Theory]
    [InlineData("/c/a%252Fb")]
    [InlineData("/c/a/b")]
    [InlineData("/c/f?metadata:a%2Fb")]
    [InlineData("/c/a%2")]
    public void In_NoEscapedSlashInThePath_IsNotFound(string target)
    {
        Assert.False(EncodedSlash.In(target));
    }
}
