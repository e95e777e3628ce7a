using System.Text;
using StandardsCloud.Cdmi.Wire;

namespace StandardsCloud.Cdmi.Tests.Wire;

public class CdmiBodyReaderTests
{
    private static (CdmiRequestBody? Body, string? Error) Read(string json) => CdmiBodyReader.Read(Encoding.UTF8.GetBytes(json));

    // CDMI 1.1.1 §8.2.9 example 1.
    [Fact]
    public void Read_SpecificationCreateExample_GivesEachField()
    {
        var (body, _) = Read("""{ "mimetype" : "text/plain", "metadata" : { }, "value" : "This is the Value of this Data Object" }""");

        Assert.Equal("text/plain", body!.MimeType);
        Assert.Empty(body.Metadata!);
        Assert.Equal("This is the Value of this Data Object", CdmiBodyReader.Text(body.Value!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData("{}")]
    public void Read_EmptyBodies_AreEmptyObjects(string json)
    {
        var (body, error) = Read(json);

        Assert.Null(error);
        Assert.Null(body!.Value);
        Assert.Null(body.Metadata);
    }

    [Theory]
    [InlineData("""{"mimetype":"a","mimetype":"b"}""", "twice")]
    [InlineData("""{"metadata":{"k":"1","k":"2"}}""", "twice")]
    [InlineData("""{"mimetype":5}""", "string")]
    [InlineData("""{"metadata":[]}""", "object")]
    [InlineData("""{"value":{"a":1}}""", "string")]
    [InlineData("""[1,2]""", "object")]
    [InlineData("""{"value":"x"} {}""", "JSON")]
    [InlineData("""{"value":"x" """, "JSON")]
    [InlineData("""{"a":1,}""", "JSON")]
    public void Read_MalformedBodies_SayWhatIsWrong(string json, string says)
    {
        var (body, error) = Read(json);

        Assert.Null(body);
        Assert.Contains(says, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DeepNesting_IsRefused()
    {
        var json = "{\"metadata\":{\"k\":" + new string('[', 100) + new string(']', 100) + "}}";

        Assert.NotNull(Read(json).Error);
    }

    // CDMI 1.1.1 §8.1: fields the standard does not define are kept, as given and in order.
    [Fact]
    public void Read_UndefinedFields_AreKeptAsTheirJsonText()
    {
        var (body, error) = Read("""{"x-b": {"k" : [1, "\u00e9"]}, "value":"v", "x-a":null, "x-c":-1.5e3}""");

        Assert.Null(error);
        Assert.Equal(["x-b", "x-a", "x-c"], body!.UninterpretedFields!.Select(f => f.Key));
        Assert.Equal("""{"k" : [1, "\u00e9"]}""", body.UninterpretedFields![0].Value);
        Assert.Equal("null", body.UninterpretedFields[1].Value);
        Assert.Equal("-1.5e3", body.UninterpretedFields[2].Value);
        Assert.Equal("v", CdmiBodyReader.Text(body.Value!));
    }

    [Fact]
    public void Read_DefinedFieldsARequestDoesNotSet_AreNotUndefined()
    {
        var (body, error) = Read("""{"objectID":"x","children":[],"percentComplete":"5","capabilities":{},"ObjectID":"kept"}""");

        Assert.Null(error);
        Assert.Equal(["ObjectID"], body!.UninterpretedFields!.Select(f => f.Key));
    }

    [Fact]
    public void Read_NoUndefinedFields_LeavesThemNull()
    {
        Assert.Null(Read("""{"value":"v","metadata":{}}""").Body!.UninterpretedFields);
    }

    [Theory]
    [InlineData("""{"":1}""", "name")]
    [InlineData("""{"x-a":1,"x-a":2}""", "twice")]
    [InlineData("""{"x-a":[1,}""", "JSON")]
    public void Read_BadUndefinedFields_SayWhatIsWrong(string json, string says)
    {
        var (body, error) = Read(json);

        Assert.Null(body);
        Assert.Contains(says, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DeepNestingInAnUndefinedField_IsRefused()
    {
        var json = "{\"x-deep\":" + new string('[', CdmiBodyReader.MaxDepth + 1) + new string(']', CdmiBodyReader.MaxDepth + 1) + "}";

        Assert.NotNull(Read(json).Error);
    }

    [Fact]
    public void Sources_CopyAndMove_AreBothListed()
    {
        var (body, _) = Read("""{"copy":"/a","move":"/b"}""");

        Assert.Equal(["copy", "move"], body!.Sources);
    }

    [Fact]
    public void Decode_Base64_GivesTheBytes()
    {
        var (bytes, _) = CdmiBodyReader.Decode(Encoding.ASCII.GetBytes("SGVsbG8="), "base64");

        Assert.Equal("Hello"u8.ToArray(), bytes);
    }

    [Theory]
    [InlineData("SGVsbG8")]
    [InlineData("SGV*bG8=")]
    [InlineData("=")]
    public void Decode_BadBase64_IsRefused(string text)
    {
        var (bytes, error) = CdmiBodyReader.Decode(Encoding.ASCII.GetBytes(text), "base64");

        Assert.Null(bytes);
        Assert.Contains("base64", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownEncoding_IsRefused()
    {
        Assert.NotNull(CdmiBodyReader.Decode([], "utf-16").Error);
    }
}
