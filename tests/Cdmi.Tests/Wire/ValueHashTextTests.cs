using StandardsCloud.Cdmi.Wire;

namespace StandardsCloud.Cdmi.Tests.Wire;

/// <summary>cdmi_value_hash as clients send it (CDMI 1.1.1 §16.4): "SHA256" in any case, or "" for none.</summary>
public class ValueHashTextTests
{
    [Theory]
    [InlineData("\"SHA256\"", "SHA256")]
    [InlineData("\"sha256\"", "SHA256")]
    [InlineData("\"Sha256\"", "SHA256")]
    [InlineData("\"\"", "")]
    public void Read_OfferedOrEmpty_IsTheSetting(string json, string expected)
    {
        var (algorithm, error) = ValueHashText.Read(json);

        Assert.Equal(expected, algorithm);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("\"SHA160\"")]
    [InlineData("\"MD5\"")]
    [InlineData("\"SHA-256\"")]
    [InlineData("\" SHA256\"")]
    public void Read_AnotherAlgorithm_IsRefusedNamingTheOneSupported(string json)
    {
        var (algorithm, error) = ValueHashText.Read(json);

        Assert.Null(algorithm);
        Assert.Contains("\"SHA256\"", error);
        Assert.Contains("not a hash this server computes", error);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("256")]
    [InlineData("null")]
    [InlineData("[\"SHA256\"]")]
    public void Read_NotAString_IsRefused(string json)
    {
        var (algorithm, error) = ValueHashText.Read(json);

        Assert.Null(algorithm);
        Assert.Contains("is a JSON string", error);
    }
}
