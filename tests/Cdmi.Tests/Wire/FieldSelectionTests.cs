using StandardsCloud.Cdmi.Wire;

namespace StandardsCloud.Cdmi.Tests.Wire;

public class FieldSelectionTests
{
    [Fact]
    public void Parse_NoQuery_SelectsEverything()
    {
        var (selection, _) = FieldSelection.Parse("");

        Assert.True(selection!.IsAll);
        Assert.True(selection.Includes("objectID"));
    }

    // CDMI 1.1.1 §8.3.1 form: GET /MyContainer/MyDataObject.txt?parentURI;objectName
    [Fact]
    public void Parse_SpecificationExample_SelectsOnlyTheNamedFields()
    {
        var (selection, _) = FieldSelection.Parse("parentURI;objectName");

        Assert.True(selection!.Includes("parentURI"));
        Assert.True(selection.Includes("objectName"));
        Assert.False(selection.Includes("objectID"));
        Assert.False(selection.Includes("value"));
    }

    [Fact]
    public void Parse_ValueAndChildrenRanges_AreRead()
    {
        var (selection, _) = FieldSelection.Parse("value:0-99;children:2-13;metadata:cdmi_");

        Assert.Equal(new WireRange(0, 99), selection!.ValueRange);
        Assert.Equal(new WireRange(2, 13), selection.ChildrenRange);
        Assert.True(selection.Includes("valuerange"));
        Assert.True(selection.IncludesMetadata("cdmi_size"));
        Assert.False(selection.IncludesMetadata("color"));
    }

    [Theory]
    [InlineData("value:0-9;value:10-19")]
    [InlineData("children:0-1;children:2-3")]
    [InlineData("value:9-0")]
    [InlineData("value:-5")]
    [InlineData("value:a-b")]
    [InlineData("value:0-99999999999999999999999")]
    [InlineData("objectName:x")]
    public void Parse_BadRanges_AreRefused(string query)
    {
        var (selection, error) = FieldSelection.Parse(query);

        Assert.Null(selection);
        Assert.NotNull(error);
    }

    [Fact]
    public void Parse_HostileLengths_AreRefused()
    {
        Assert.NotNull(FieldSelection.Parse(new string('a', 9000)).Error);
        Assert.NotNull(FieldSelection.Parse(string.Join(';', Enumerable.Repeat("x", 100))).Error);
    }
}
