using System.Text;
using StandardsCloud.Ec2Compat.Wire.Signing;

namespace StandardsCloud.Ec2Compat.Tests.Wire.Signing;

/// <summary>SigV2 in the query of a GET and in the form body of a POST.</summary>
public sealed class SigV2VerificationTests
{
    private static readonly DateTimeOffset SignedAt = ReferenceSigner.SignedAt;

    private static readonly (string, string)[] RunInstances =
    [
        ("Action", "RunInstances"),
        ("Version", "2016-11-15"),
        ("ImageId", "ami-KHMqIKj0"),
        ("KeyName", "my key+1/é"),
        ("UserData", "IyEvYmluL3NoCmVjaG8gaGVsbG8K"),
    ];

    [Theory]
    [InlineData("GET", "HmacSHA256")]
    [InlineData("POST", "HmacSHA256")]
    [InlineData("GET", "HmacSHA1")]
    [InlineData("POST", "HmacSHA1")]
    public async Task Verify_ReferenceSigned_Authentic(string method, string signatureMethod)
    {
        var request = new ReferenceSigner().SignV2(method, RunInstances, signatureMethod);

        var result = await Verifiers.At(SignedAt).VerifyAsync(request);

        Assert.True(result.IsAuthentic, result.Message);
        Assert.Equal(SignatureScheme.SigV2, result.Scheme);
        Assert.Equal(ReferenceSigner.DefaultAccessKey, result.AccessKeyId);
    }

    [Fact]
    public async Task Verify_HostInMixedCase_Authentic()
    {
        var request = new ReferenceSigner(Host: "EC2.Example.org:8773").SignV2("GET", RunInstances);

        var result = await Verifiers.At(SignedAt).VerifyAsync(request);

        Assert.True(result.IsAuthentic, result.Message);
    }

    [Fact]
    public async Task Verify_FormBodyValueChanged_Mismatch()
    {
        var request = new ReferenceSigner().SignV2("POST", RunInstances);
        var body = Encoding.UTF8.GetString(request.Body.Span).Replace("ami-KHMqIKj0", "ami-KHMqIKj1", StringComparison.Ordinal);

        var result = await Verifiers.At(SignedAt).VerifyAsync(request with { Body = Encoding.UTF8.GetBytes(body) });

        Assert.Equal(SignatureFailureKind.Mismatch, result.Failure);
    }

    [Fact]
    public async Task Verify_PostWithUnsignedQueryParameter_Mismatch()
    {
        var request = new ReferenceSigner().SignV2("POST", RunInstances);

        var result = await Verifiers.At(SignedAt).VerifyAsync(request with { RawQuery = "InstanceType=m1.xlarge" });

        Assert.Equal(SignatureFailureKind.Mismatch, result.Failure);
        Assert.Contains("query string", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_GetWithUnsignedBody_Mismatch()
    {
        var request = new ReferenceSigner().SignV2("GET", RunInstances)
            .WithHeader("Content-Type", ReferenceSigner.FormContentType);

        var result = await Verifiers.At(SignedAt).VerifyAsync(request with { Body = Encoding.UTF8.GetBytes("InstanceType=m1.xlarge") });

        Assert.Equal(SignatureFailureKind.Mismatch, result.Failure);
    }

    [Fact]
    public async Task Verify_UnknownAccessKey_UnknownKey()
    {
        var request = new ReferenceSigner().SignV2("GET", RunInstances);

        var result = await Verifiers.WithNoKeys(SignedAt).VerifyAsync(request);

        Assert.Equal(SignatureFailureKind.UnknownKey, result.Failure);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(-16)]
    public async Task Verify_TimestampSkewOverFifteenMinutes_Expired(int minutes)
    {
        var request = new ReferenceSigner().SignV2("GET", RunInstances);

        var result = await Verifiers.At(SignedAt.AddMinutes(minutes)).VerifyAsync(request);

        Assert.Equal(SignatureFailureKind.Expired, result.Failure);
    }

    [Fact]
    public async Task Verify_ExpiresStillAhead_Authentic()
    {
        var request = new ReferenceSigner().SignV2("GET", RunInstances, timeParameter: "Expires", at: SignedAt.AddHours(1));

        var result = await Verifiers.At(SignedAt.AddMinutes(59)).VerifyAsync(request);

        Assert.True(result.IsAuthentic, result.Message);
    }

    [Fact]
    public async Task Verify_ExpiresPassed_Expired()
    {
        var request = new ReferenceSigner().SignV2("GET", RunInstances, timeParameter: "Expires", at: SignedAt);

        var result = await Verifiers.At(SignedAt.AddSeconds(1)).VerifyAsync(request);

        Assert.Equal(SignatureFailureKind.Expired, result.Failure);
    }

    [Theory]
    [InlineData("SignatureVersion=2", "SignatureVersion=1")]
    [InlineData("SignatureVersion=2&", "")]
    [InlineData("SignatureMethod=HmacSHA256", "SignatureMethod=HmacMD5")]
    [InlineData("Timestamp=", "Timestamp=yesterday&Old=")]
    [InlineData("Timestamp=", "Expires=2026-11-26T05%3A00%3A00Z&Timestamp=")]
    [InlineData("AWSAccessKeyId=AKIDEXAMPLESTANDARDS", "AWSAccessKeyId=AKIDEXAMPLESTANDARDS&AWSAccessKeyId=AKIDEXAMPLESTANDARDS")]
    [InlineData("Signature=", "Signature=%21%21%21&Old=")]
    [InlineData("AWSAccessKeyId=AKIDEXAMPLESTANDARDS", "AWSAccessKeyId=")]
    public async Task Verify_BadSignatureParameter_Malformed(string original, string replacement)
    {
        var request = new ReferenceSigner().SignV2("GET", RunInstances);
        Assert.Contains(original, request.RawQuery, StringComparison.Ordinal);

        var result = await Verifiers.At(SignedAt).VerifyAsync(
            request with { RawQuery = ReplaceFirst(request.RawQuery, original, replacement) });

        Assert.True(result.Failure == SignatureFailureKind.Malformed, $"{result.Failure}: {result.Message}");
    }

    [Fact]
    public async Task Verify_SignatureWithUnencodedPlus_StillRead()
    {
        // Pick a client token whose signature contains '+', which some clients leave unencoded
        // and form decoding then reads as a space.
        var request = Enumerable.Range(0, 200)
            .Select(token => new ReferenceSigner().SignV2("GET", [.. RunInstances, ("ClientToken", $"tok-{token}")]))
            .First(candidate => candidate.RawQuery.Split("&Signature=")[1].Contains("%2B", StringComparison.Ordinal));
        var index = request.RawQuery.IndexOf("&Signature=", StringComparison.Ordinal);
        var withRawPlus = request.RawQuery[..index] + request.RawQuery[index..].Replace("%2B", "+", StringComparison.Ordinal);

        var result = await Verifiers.At(SignedAt).VerifyAsync(request with { RawQuery = withRawPlus });

        Assert.True(result.IsAuthentic, result.Message);
    }

    private static string ReplaceFirst(string text, string original, string replacement)
    {
        var index = text.IndexOf(original, StringComparison.Ordinal);
        return text[..index] + replacement + text[(index + original.Length)..];
    }
}
