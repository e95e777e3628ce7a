using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Storage.Tests.Objects;

public class ObjectPathTests
{
    [Theory]
    [InlineData("/a/b/c.txt", "c.txt", "/a/b/", false)]
    [InlineData("/a/b/", "b/", "/a/", true)]
    [InlineData("/a", "a", "/", false)]
    [InlineData("/", "/", "/", true)]
    public void TryParse_GoodPath_GivesNameAndParent(string text, string name, string parent, bool container)
    {
        Assert.True(ObjectPath.TryParse(text, out var path, out _));
        Assert.Equal(name, path!.Name);
        Assert.Equal(parent, path.Parent.Value);
        Assert.Equal(container, path.IsContainer);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("/a//b")]
    [InlineData("/a/../b")]
    [InlineData("/a/./b")]
    [InlineData("/a/\u0001b")]
    [InlineData("/cdmi_objectid/x")]
    [InlineData("/cdmi_capabilities/")]
    [InlineData("/a/ref?")]
    [InlineData("/a?b/c")]
    public void TryParse_BadPath_IsRefused(string text)
    {
        Assert.False(ObjectPath.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void TryParse_OverlongName_IsRefused()
    {
        Assert.False(ObjectPath.TryParse("/" + new string('x', 256), out _, out _));
        Assert.True(ObjectPath.TryParse("/" + new string('x', 255), out _, out _));
    }

    [Fact]
    public void AsContainer_AndBack_KeepTheName()
    {
        Assert.True(ObjectPath.TryParse("/a/b", out var path, out _));
        Assert.Equal("/a/b/", path!.AsContainer().Value);
        Assert.Equal("/a/b", path.AsContainer().AsDataObject().Value);
    }
}
