using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Tests.Wire.Query;

public sealed class PooledDocumentTests
{
    [Fact]
    public async Task Written_InPiecesAcrossChunks_ReadsBackWhole()
    {
        var expected = Enumerable.Range(0, 200_003).Select(i => (byte)(i * 31 % 251)).ToArray();
        using var document = new PooledDocument();
        for (var at = 0; at < expected.Length;)
        {
            var piece = Math.Min(7_919 + (at % 5), expected.Length - at);
            document.Write(expected, at, piece);
            at += piece;
        }

        document.WriteByte(42);
        Assert.Equal(expected.Length + 1, document.Length);
        Assert.Equal([.. expected, (byte)42], document.ToArray());

        using var sent = new MemoryStream();
        await document.SendAsync(sent, CancellationToken.None);
        Assert.Equal([.. expected, (byte)42], sent.ToArray());
    }

    [Fact]
    public void Empty_HasNothing_AndDisposedHasNothing()
    {
        var document = new PooledDocument();
        Assert.Empty(document.ToArray());
        document.Write([1, 2, 3]);
        document.Dispose();
        Assert.Equal(0, document.Length);
    }

    [Fact]
    public void Render_IsTheSameDocumentAsResponse()
    {
        using var rendered = Ec2Xml.Render("DescribeInstances", "2016-11-15", "req-1", w => w.Element("nextToken", new string('x', 100_000)));

        Assert.Equal(Ec2Xml.Response("DescribeInstances", "2016-11-15", "req-1", w => w.Element("nextToken", new string('x', 100_000))), rendered.ToArray());
    }
}
