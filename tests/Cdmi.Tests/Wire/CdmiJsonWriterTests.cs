using System.Text;
using System.Text.Json;
using StandardsCloud.Cdmi.Wire;

namespace StandardsCloud.Cdmi.Tests.Wire;

public class CdmiJsonWriterTests
{
    private static ObjectView DataObject(long size, string encoding) => new()
    {
        Type = CdmiMediaType.Object,
        ObjectId = "00006FFD001001CCE3B2B4F602032653",
        ObjectName = "f.txt",
        ParentUri = "/c/",
        ParentId = "00006FFD0010AA33D8CEF9711E0835CA",
        DomainUri = "/cdmi_domains/",
        CapabilitiesUri = "/cdmi_capabilities/dataobject/",
        MimeType = "text/plain",
        ValueTransferEncoding = encoding,
        Size = size,
        Metadata = [new("color", "\"blue\""), new("cdmi_size", $"\"{size}\"")],
    };

    private static async Task<JsonElement> RenderAsync(ObjectView view, FieldSelection selection, byte[] value, WireRange? range)
    {
        using var output = new MemoryStream();
        await CdmiJsonWriter.WriteAsync(output, view, selection, new MemoryStream(value), range, default);
        return JsonDocument.Parse(output.ToArray()).RootElement.Clone();
    }

    [Fact]
    public async Task WriteAsync_DataObject_HasEveryFieldOfSection8InOrderAndNoNull()
    {
        var json = await RenderAsync(DataObject(5, "utf-8"), FieldSelection.All, "hello"u8.ToArray(), new WireRange(0, 4));

        var names = json.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["objectType", "objectID", "objectName", "parentURI", "parentID", "domainURI", "capabilitiesURI",
            "completionStatus", "mimetype", "metadata", "valuetransferencoding", "valuerange", "value"], names);
        Assert.DoesNotContain(json.EnumerateObject(), p => p.Value.ValueKind == JsonValueKind.Null);
        Assert.Equal("hello", json.GetProperty("value").GetString());
        Assert.Equal("0-4", json.GetProperty("valuerange").GetString());
    }

    [Fact]
    public async Task WriteAsync_Base64LargerThanAChunk_DecodesToTheSameBytes()
    {
        var value = Enumerable.Range(0, 500_000).Select(i => (byte)(i * 31)).ToArray();

        var json = await RenderAsync(DataObject(value.Length, "base64"), FieldSelection.All, value, new WireRange(0, value.Length - 1));

        Assert.Equal(value, Convert.FromBase64String(json.GetProperty("value").GetString()!));
    }

    [Fact]
    public async Task WriteAsync_Utf8WithEscapesAcrossChunks_ReadsBackTheSameText()
    {
        var text = string.Concat(Enumerable.Repeat("é\"\\\n€😀", 40_000));
        var value = Encoding.UTF8.GetBytes(text);

        var json = await RenderAsync(DataObject(value.Length, "utf-8"), FieldSelection.All, value, new WireRange(0, value.Length - 1));

        Assert.Equal(text, json.GetProperty("value").GetString());
    }

    [Fact]
    public async Task WriteAsync_MetadataPrefix_KeepsOnlyMatchingItems()
    {
        var selection = FieldSelection.Parse("metadata:cdmi_").Selection!;

        var json = await RenderAsync(DataObject(1, "utf-8"), selection, "x"u8.ToArray(), null);

        var metadata = Assert.Single(json.EnumerateObject());
        Assert.Equal("metadata", metadata.Name);
        Assert.Equal(["cdmi_size"], metadata.Value.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task WriteAsync_EmptyContainer_HasEmptyChildrenNotNull()
    {
        var view = new ObjectView { Type = CdmiMediaType.Container, ObjectId = "00006FFD001001CCE3B2B4F602032653", ObjectName = "c/", Children = [], Exports = [] };

        var json = await RenderAsync(view, FieldSelection.All, [], null);

        Assert.Equal(0, json.GetProperty("children").GetArrayLength());
        Assert.Equal("", json.GetProperty("childrenrange").GetString());
        Assert.Equal(JsonValueKind.Object, json.GetProperty("exports").ValueKind);
    }

    [Fact]
    public async Task WriteAsync_UninterpretedFields_ComeAsStoredBeforeTheValue()
    {
        var view = DataObject(1, "utf-8") with { UninterpretedFields = [new("x-a", """{"k":[1,true]}"""), new("x-b", "\"b\"")] };

        var json = await RenderAsync(view, FieldSelection.All, "x"u8.ToArray(), null);

        var names = json.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["metadata", "x-a", "x-b", "valuetransferencoding", "valuerange", "value"], names[^6..]);
        Assert.Equal("""{"k":[1,true]}""", json.GetProperty("x-a").GetRawText());
    }

    [Fact]
    public async Task WriteAsync_UninterpretedFieldNamedByTheQuery_IsTheOnlyOne()
    {
        var view = DataObject(1, "utf-8") with { UninterpretedFields = [new("x-a", "1"), new("x-b", "2")] };

        var json = await RenderAsync(view, FieldSelection.Parse("x-b").Selection!, "x"u8.ToArray(), null);

        Assert.Equal(["x-b"], json.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task WriteAsync_UninterpretedFieldWithADefinedNameOrNull_IsNeverWritten()
    {
        var view = DataObject(1, "utf-8") with { UninterpretedFields = [new("objectID", "\"forged\""), new("value", "\"forged\""), new("x-null", "null")] };

        using var output = new MemoryStream();
        await CdmiJsonWriter.WriteAsync(output, view, FieldSelection.All, new MemoryStream("x"u8.ToArray()), null, default);
        var text = Encoding.UTF8.GetString(output.ToArray());
        var json = JsonDocument.Parse(text).RootElement;

        Assert.DoesNotContain("forged", text, StringComparison.Ordinal);
        Assert.Single(json.EnumerateObject(), p => p.Name == "objectID");
        Assert.Single(json.EnumerateObject(), p => p.Name == "value");
        Assert.False(json.TryGetProperty("x-null", out _));
    }

    // CDMI 1.1.1 §16.1.5, Table 117: without READ_ATTRIBUTES a GET of every field shows the non-attribute fields only.
    [Fact]
    public async Task WriteAsync_AttributesWithheld_WritesOnlyMetadataAndTheValueFields()
    {
        var view = DataObject(5, "utf-8") with { UninterpretedFields = [new("x-stamp", "\"alice\"")] };

        var json = await RenderAsync(view, FieldSelection.All with { AttributesWithheld = true }, "hello"u8.ToArray(), new WireRange(0, 4));

        Assert.Equal(["metadata", "valuetransferencoding", "valuerange", "value"], json.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("hello", json.GetProperty("value").GetString());
    }
}
