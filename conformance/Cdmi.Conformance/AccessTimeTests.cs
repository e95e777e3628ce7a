using System.Globalization;

namespace StandardsCloud.Cdmi.Conformance;

/// <summary>cdmi_atime follows reads, CDMI and plain HTTP alike; cdmi_mtime does not (CDMI 1.1.1 §16.3).</summary>
public class AccessTimeTests(CdmiSite site) : IClassFixture<CdmiSite>
{
    private static async Task<(DateTimeOffset Accessed, DateTimeOffset Modified)> TimesAsync(HttpClient client, string uri)
    {
        var metadata = (await (await client.GetCdmiAsync(uri + "?metadata")).JsonAsync()).GetProperty("metadata");
        return (Parse(metadata.GetProperty("cdmi_atime").GetString()!), Parse(metadata.GetProperty("cdmi_mtime").GetString()!));
    }

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Reads_MoveTheAccessTimeButNotTheModificationTime()
    {
        using var client = site.Cdmi();
        var container = "/" + CdmiSite.Unique("atime") + "/";
        await (await client.PutContainerAsync(container)).ExpectAsync(201);
        var created = (await (await client.PutObjectAsync(container + "f", """{"value":"read me"}""")).JsonAsync()).GetProperty("metadata");
        var createdAt = Parse(created.GetProperty("cdmi_atime").GetString()!);

        await Task.Delay(20);
        Assert.Equal("read me", await client.GetStringAsync(container + "f"));
        var first = await TimesAsync(client, container + "f");
        await Task.Delay(20);
        await (await client.GetCdmiAsync(container + "f?value")).ExpectAsync(200);
        var second = await TimesAsync(client, container + "f");

        Assert.True(first.Accessed > createdAt, $"{first.Accessed:O} after {createdAt:O}");
        Assert.True(second.Accessed > first.Accessed, $"{second.Accessed:O} after {first.Accessed:O}");
        Assert.Equal(Parse(created.GetProperty("cdmi_mtime").GetString()!), second.Modified);
    }
}
