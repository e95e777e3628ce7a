using System.Text;
using System.Text.Json;
using StandardsCloud.Cdmi.Wire;

namespace StandardsCloud.Cdmi.Tests.Wire;

public class JsonValueSplitterTests
{
    private static async Task<(SplitBody Split, byte[] Value)> SplitAsync(string json, long maxSkeleton = 1 << 20, long maxValue = 1 << 24, int chunk = 7)
    {
        using var sink = new MemoryStream();
        var split = await JsonValueSplitter.SplitAsync(new Trickle(Encoding.UTF8.GetBytes(json), chunk), sink, maxSkeleton, maxValue, default);
        return (split, sink.ToArray());
    }

    [Fact]
    public async Task SplitAsync_TopLevelValue_GoesToTheSinkAndLeavesAnEmptyString()
    {
        var (split, value) = await SplitAsync("""{"mimetype":"text/plain","value":"Hello, \"CDMI\" \\ \/ \n","metadata":{"value":"kept"}}""");

        Assert.True(split.HadValue);
        Assert.Equal("Hello, \"CDMI\" \\ / \n", Encoding.UTF8.GetString(value));
        var skeleton = JsonDocument.Parse(split.Skeleton!).RootElement;
        Assert.Equal("", skeleton.GetProperty("value").GetString());
        Assert.Equal("kept", skeleton.GetProperty("metadata").GetProperty("value").GetString());
        Assert.Equal("text/plain", skeleton.GetProperty("mimetype").GetString());
    }

    [Fact]
    public async Task SplitAsync_UnicodeEscapesAcrossChunks_AreUtf8()
    {
        var (split, value) = await SplitAsync("""{"value":"caf\u00e9 \ud83d\ude00 €"}""", chunk: 3);

        Assert.Null(split.Error);
        Assert.Equal("café 😀 €", Encoding.UTF8.GetString(value));
    }

    [Fact]
    public async Task SplitAsync_ValueArrayOrNoValue_StaysInTheSkeleton()
    {
        var (split, value) = await SplitAsync("""{"value":["a","b"],"x":"value"}""");

        Assert.False(split.HadValue);
        Assert.Empty(value);
        Assert.Equal(2, JsonDocument.Parse(split.Skeleton!).RootElement.GetProperty("value").GetArrayLength());
    }

    [Fact]
    public async Task SplitAsync_DuplicatedValue_LeavesTwoFieldsForTheReaderToRefuse()
    {
        var (split, _) = await SplitAsync("""{"value":"a","value":"b"}""");

        Assert.Contains("twice", CdmiBodyReader.Read(split.Skeleton!).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"value":"open""")]
    [InlineData("""{"value":"bad \q escape"}""")]
    [InlineData("""{"value":"\ud83d alone"}""")]
    [InlineData("""{"value":"\u12G4"}""")]
    public async Task SplitAsync_BrokenValue_IsRefused(string json)
    {
        var (split, _) = await SplitAsync(json);

        Assert.Null(split.Skeleton);
        Assert.NotNull(split.Error);
        Assert.False(split.TooLarge);
    }

    [Fact]
    public async Task SplitAsync_OverTheLimits_IsTooLarge()
    {
        var (bigValue, _) = await SplitAsync("{\"value\":\"" + new string('a', 100) + "\"}", maxValue: 50);
        var (bigRest, _) = await SplitAsync("{\"metadata\":{\"k\":\"" + new string('a', 100) + "\"}}", maxSkeleton: 50);

        Assert.True(bigValue.TooLarge);
        Assert.True(bigRest.TooLarge);
    }

    /// <summary>Hands out its bytes a few at a time, as a slow network does.</summary>
    private sealed class Trickle(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
