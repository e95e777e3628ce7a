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

    // CDMI 1.1.1 §16.1.5, Table 117 note 1: value, children and metadata fields are the non-attribute fields.
    [Theory]
    [InlineData("value", false)]
    [InlineData("valuerange", false)]
    [InlineData("valuetransferencoding", false)]
    [InlineData("children", false)]
    [InlineData("childrenrange", false)]
    [InlineData("metadata", false)]
    [InlineData("objectID", true)]
    [InlineData("mimetype", true)]
    [InlineData("completionStatus", true)]
    [InlineData("queueValues", true)]
    [InlineData("exports", true)]
    [InlineData("x-stamp", true)]
    public void IsAttribute_Table117Note1_SplitsTheFields(string field, bool attribute)
    {
        Assert.Equal(attribute, CdmiFieldNames.IsAttribute(field));
    }

    [Fact]
    public void Includes_AttributesWithheld_KeepsOnlyNonAttributeFields()
    {
        var selection = FieldSelection.All with { AttributesWithheld = true };

        Assert.False(selection.Includes("objectID"));
        Assert.False(selection.Includes("mimetype"));
        Assert.False(selection.Includes("x-stamp"));
        Assert.True(selection.Includes("value"));
        Assert.True(selection.Includes("valuetransferencoding"));
        Assert.True(selection.Includes("children"));
        Assert.True(selection.Includes("metadata"));
    }

    [Theory]
    [InlineData("objectID;parentURI", true)]
    [InlineData("objectID;value", false)]
    [InlineData("metadata:colour", false)]
    [InlineData("children:0-1", false)]
    public void AsksOnlyWithheld_AttributesWithheld_IsTrueOnlyForAttributeFields(string query, bool refused)
    {
        var selection = FieldSelection.Parse(query).Selection! with { AttributesWithheld = true };

        Assert.Equal(refused, selection.AsksOnlyWithheld(["metadata"]));
    }

    [Fact]
    public void AsksOnlyWithheld_EveryFieldWithNothingButAttributesLeft_IsTrue()
    {
        var noMetadata = FieldSelection.All with { AttributesWithheld = true, Withheld = new HashSet<string>(["metadata"], StringComparer.Ordinal) };

        Assert.True(noMetadata.AsksOnlyWithheld(["metadata"]));
        Assert.False(noMetadata.AsksOnlyWithheld(["children", "childrenrange", "metadata"]));
        Assert.False((noMetadata with { AttributesWithheld = false }).AsksOnlyWithheld(["metadata"]));
    }
}
