using StandardsCloud.Storage.Objects;

namespace StandardsCloud.Storage.Tests.Objects;

/// <summary>Reading an OCCI/iSCSI export's permissions and a container's cdmi_assignedsize (CDMI 1.1.1 §13.6, §16.4).</summary>
public sealed class OcciIscsiExportTests
{
    private const string Id = "i-0123456789abcdef0";

    [Theory]
    [InlineData("/compute/" + Id)]
    [InlineData("/compute/" + Id + "/")]
    [InlineData("http://cloud.example:8787/compute/" + Id)]
    [InlineData("https://cloud.example/occi/compute/" + Id + "/")]
    public void ComputeIdOf_ComputeUrisAndPaths_TheInstanceId(string uri) => Assert.Equal(Id, OcciIscsiExport.ComputeIdOf(uri));

    [Theory]
    [InlineData("")]
    [InlineData("compute/" + Id)]
    [InlineData("ftp://cloud.example/compute/" + Id)]
    [InlineData("http://cloud.example/compute/" + Id + "?x=1")]
    [InlineData("/storage/vol-0123456789abcdef0")]
    [InlineData("/compute/")]
    [InlineData("/compute/i-01%2F")]
    public void ComputeIdOf_AnythingElse_Null(string uri) => Assert.Null(OcciIscsiExport.ComputeIdOf(uri));

    [Fact]
    public void ComputeIdOf_OverlongUri_Null() => Assert.Null(OcciIscsiExport.ComputeIdOf("/compute/" + new string('a', OcciIscsiExport.MaxUriLength)));

    [Fact]
    public void ReadComputes_StringOrArray_IdsOnceEach()
    {
        Assert.Equal([Id], OcciIscsiExport.ReadComputes($$"""{"permissions":"/compute/{{Id}}"}""").Computes);
        Assert.Equal([Id], OcciIscsiExport.ReadComputes($$"""{"permissions":["/compute/{{Id}}","http://h/compute/{{Id}}/"]}""").Computes);
        Assert.Equal([], OcciIscsiExport.ReadComputes("""{"identifier":"x"}""").Computes!);
    }

    [Theory]
    [InlineData("""{"permissions":5}""")]
    [InlineData("""{"permissions":[5]}""")]
    [InlineData("""{"permissions":["/storage/x"]}""")]
    [InlineData("""[1]""")]
    [InlineData("""{"permissions":""")]
    public void ReadComputes_Malformed_ErrorNoComputes(string json)
    {
        var (computes, error) = OcciIscsiExport.ReadComputes(json);

        Assert.Null(computes);
        Assert.NotNull(error);
    }

    [Fact]
    public void ReadComputes_TooMany_Error()
    {
        var many = string.Join(",", Enumerable.Range(0, OcciIscsiExport.MaxPermissions + 1).Select(i => $"\"/compute/i-{i}\""));

        Assert.Contains("at most", OcciIscsiExport.ReadComputes($$"""{"permissions":[{{many}}]}""").Error);
    }

    [Theory]
    [InlineData("\"1073741824\"", 1073741824L)]
    [InlineData("1500000000", 1500000000L)]
    [InlineData("\"1\"", 1L)]
    public void ReadBytes_DigitsAsStringOrNumber_TheBytes(string json, long bytes) => Assert.Equal(bytes, OcciIscsiExport.ReadBytes(json).Bytes);

    [Theory]
    [InlineData("\"0\"")]
    [InlineData("\"-1\"")]
    [InlineData("\"1.5\"")]
    [InlineData("\"1e9\"")]
    [InlineData("\"99999999999999999999\"")]
    [InlineData("true")]
    [InlineData("\" 12\"")]
    public void ReadBytes_AnythingElse_Error(string json) => Assert.NotNull(OcciIscsiExport.ReadBytes(json).Error);

    [Theory]
    [InlineData(1L, 1)]
    [InlineData(1L << 30, 1)]
    [InlineData((1L << 30) + 1, 2)]
    [InlineData(1500000000L, 2)]
    public void WholeGiB_RoundsUp(long bytes, int gib) => Assert.Equal(gib, OcciIscsiExport.WholeGiB(bytes));

    [Fact]
    public void RenderSize_BytesOfWholeGiB_AsAJsonString() => Assert.Equal("\"2147483648\"", OcciIscsiExport.RenderSize(2));

    [Fact]
    public void WithIdentifier_SetsItAndKeepsTheRest()
    {
        var json = OcciIscsiExport.WithIdentifier("""{"identifier":"theirs","permissions":["/compute/a"]}""", "/storage/vol-1");

        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal("/storage/vol-1", document.RootElement.GetProperty("identifier").GetString());
        Assert.Equal("/compute/a", document.RootElement.GetProperty("permissions")[0].GetString());
    }
}
