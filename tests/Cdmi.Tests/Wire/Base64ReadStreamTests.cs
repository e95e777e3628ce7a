using System.Text;
using StandardsCloud.Cdmi.Wire;

namespace StandardsCloud.Cdmi.Tests.Wire;

public class Base64ReadStreamTests
{
    private static byte[] Decode(string text, int readSize = 7)
    {
        using var stream = new Base64ReadStream(new MemoryStream(Encoding.ASCII.GetBytes(text)));
        using var output = new MemoryStream();
        var buffer = new byte[readSize];
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, n);
        }

        return output.ToArray();
    }

    [Theory]
    [InlineData("")]
    [InlineData("aGVsbG8=")]
    [InlineData("aGVs\r\nbG8g d29y\tbGQ=")]
    [InlineData("AA==")]
    public void Decodes_ValidText_AsConvertDoes(string text)
    {
        Assert.Equal(Convert.FromBase64String(text), Decode(text));
    }

    [Fact]
    public void Decodes_ALargeValue_AcrossManyReads()
    {
        var bytes = new byte[300_001];
        new Random(5).NextBytes(bytes);
        var text = Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks);

        Assert.Equal(bytes, Decode(text, 4096));
    }

    [Theory]
    [InlineData("hello")] // 5 characters: the last group is incomplete
    [InlineData("v")]
    [InlineData("aGVsbG8=aGVs")] // padding before the end
    [InlineData("aGV*bG8=")] // outside the alphabet
    public void Refuses_InvalidText(string text)
    {
        Assert.Throws<FormatException>(() => Decode(text));
    }
}
