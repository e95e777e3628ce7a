namespace StandardsCloud.Cdmi.Conformance;

/// <summary>A large base64 value in a CDMI body streams to its file rather than through memory.</summary>
[Collection(MemoryCollection.Name)]
public class LargeValueTests(LargeValueSite site) : IClassFixture<LargeValueSite>
{
    [Fact]
    public async Task PutAndGet_LargeBase64CdmiValue_StreamWithoutHoldingIt()
    {
        const int size = 48 * 1024 * 1024;
        using var client = site.Cdmi();
        var container = "/" + CdmiSite.Unique("large64") + "/";
        await (await client.PutContainerAsync(container)).ExpectAsync(201);
        var value = new byte[size];
        Random.Shared.NextBytes(value);
        var body = System.Text.Encoding.ASCII.GetBytes(
            "{\"mimetype\":\"application/octet-stream\",\"valuetransferencoding\":\"base64\",\"value\":\"" + Convert.ToBase64String(value) + "\"}");
        var put = Cdmi.Request(HttpMethod.Put, container + "big", accept: "application/cdmi-object");
        put.Content = new ByteArrayContent(body);
        put.Content.Headers.TryAddWithoutValidation("Content-Type", "application/cdmi-object");
        var before = GC.GetTotalAllocatedBytes(precise: true);

        await (await client.SendAsync(put)).ExpectAsync(201);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < body.Length / 2, $"{allocated} bytes allocated taking a {body.Length}-byte CDMI body");
        Assert.Equal(value, await client.GetByteArrayAsync(container + "big"));
    }
}

/// <summary>A site whose JSON limit is small, so only a streamed value can pass it.</summary>
public sealed class LargeValueSite : CdmiSite;
