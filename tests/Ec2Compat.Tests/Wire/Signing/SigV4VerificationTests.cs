using System.Text;
using StandardsCloud.Ec2Compat.Wire.Signing;

namespace StandardsCloud.Ec2Compat.Tests.Wire.Signing;

/// <summary>SigV4 rejections by kind, and the presigned form.</summary>
public sealed class SigV4VerificationTests
{
    private const string Body = "Action=DescribeRegions&Version=2016-11-15";
    private const string GoodSignature = "73ea692ce1902c1d4b7b3abcec66dd36bfa7928790f554efde9a8a1a07fc0952";
    private const string GoodCredential = "Credential=AKIDEXAMPLESTANDARDS/20261126/RegionOne/ec2/aws4_request";
    private static readonly DateTimeOffset SignedAt = ReferenceSigner.SignedAt;
    private static readonly (string, string)[] DescribeRegions = [("Action", "DescribeRegions"), ("Version", "2016-11-15")];

    [Fact]
    public async Task Verify_ReferenceSignedHeader_Authentic()
    {
        var result = await Verifiers.At(SignedAt).VerifyAsync(new ReferenceSigner().SignHeader(Body));

        Assert.True(result.IsAuthentic, result.Message);
        Assert.Equal(ReferenceSigner.DefaultAccessKey, result.AccessKeyId);
    }

    [Fact]
    public async Task Verify_UnknownAccessKey_UnknownKey()
    {
        var result = await Verifiers.WithNoKeys(SignedAt).VerifyAsync(new ReferenceSigner().SignHeader(Body));

        Assert.Equal(SignatureFailureKind.UnknownKey, result.Failure);
        Assert.Equal(ReferenceSigner.DefaultAccessKey, result.AccessKeyId);
        Assert.Contains(ReferenceSigner.DefaultAccessKey, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WrongSecret_Mismatch()
    {
        var verifier = Verifiers.At(SignedAt, secretKey: "another-secret");

        var result = await verifier.VerifyAsync(new ReferenceSigner().SignHeader(Body));

        Assert.Equal(SignatureFailureKind.Mismatch, result.Failure);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(-16)]
    [InlineData(24 * 60)]
    public async Task Verify_ClockSkewOverFifteenMinutes_Expired(int minutes)
    {
        var result = await Verifiers.At(SignedAt.AddMinutes(minutes)).VerifyAsync(new ReferenceSigner().SignHeader(Body));

        Assert.Equal(SignatureFailureKind.Expired, result.Failure);
        Assert.Contains("15 minutes", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(-14)]
    public async Task Verify_ClockSkewUnderFifteenMinutes_Authentic(int minutes)
    {
        var result = await Verifiers.At(SignedAt.AddMinutes(minutes)).VerifyAsync(new ReferenceSigner().SignHeader(Body));

        Assert.True(result.IsAuthentic, result.Message);
    }

    [Fact]
    public async Task Verify_ScopeRegionUsEast1OnRegionOneSite_WrongRegion()
    {
        var request = new ReferenceSigner(Region: "us-east-1").SignHeader(Body);

        var result = await Verifiers.At(SignedAt).VerifyAsync(request);

        Assert.Equal(SignatureFailureKind.WrongRegion, result.Failure);
        Assert.Contains("us-east-1", result.Message, StringComparison.Ordinal);
        Assert.Contains("RegionOne", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SiteRegionConfigured_AcceptsThatRegion()
    {
        var request = new ReferenceSigner(Region: "us-east-1").SignHeader(Body);

        var result = await Verifiers.At(SignedAt, new SignaturePolicy { Region = "us-east-1" }).VerifyAsync(request);

        Assert.True(result.IsAuthentic, result.Message);
        Assert.Equal("us-east-1", result.Scope?.Region);
    }

    [Fact]
    public async Task Verify_ScopeServiceS3_WrongService()
    {
        var result = await Verifiers.At(SignedAt).VerifyAsync(new ReferenceSigner(Service: "s3").SignHeader(Body));

        Assert.Equal(SignatureFailureKind.WrongService, result.Failure);
        Assert.Contains("s3", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_QueryParametersAlsoSigned_Authentic()
    {
        var request = new ReferenceSigner().SignHeader("", rawQuery: "Version=2016-11-15&Action=DescribeRegions&RegionName.1=a%20b%2Fc&Flag");

        var result = await Verifiers.At(SignedAt).VerifyAsync(request);

        Assert.True(result.IsAuthentic, result.Message);
    }

    [Fact]
    public async Task Verify_PathWithSegments_Authentic()
    {
        var request = new ReferenceSigner().SignHeader(Body, path: "/services/Cloud");

        var result = await Verifiers.At(SignedAt).VerifyAsync(request);

        Assert.True(result.IsAuthentic, result.Message);
    }

    [Fact]
    public async Task Verify_HeaderNamesInAnyCase_Authentic()
    {
        var signed = new ReferenceSigner().SignHeader(Body);
        var exactCase = signed.Headers.ToDictionary(pair => pair.Key.ToUpperInvariant(), pair => pair.Value, StringComparer.Ordinal);

        var result = await Verifiers.At(SignedAt).VerifyAsync(signed with { Headers = exactCase });

        Assert.True(result.IsAuthentic, result.Message);
    }

    [Fact]
    public async Task Verify_SignedHeaderValueWithExtraSpaces_Authentic()
    {
        var signed = new ReferenceSigner().SignHeader(Body);

        // SigV4 trims header values and collapses runs of spaces before signing.
        var result = await Verifiers.At(SignedAt).VerifyAsync(
            signed.WithHeader("Content-Type", "  application/x-www-form-urlencoded;   charset=utf-8 "));

        Assert.True(result.IsAuthentic, result.Message);
    }

    [Fact]
    public async Task Verify_ContentSha256DisagreesWithBody_Mismatch()
    {
        var signed = new ReferenceSigner().SignHeader(Body);

        var result = await Verifiers.At(SignedAt).VerifyAsync(signed.WithHeader("X-Amz-Content-Sha256", new string('0', 64)));

        Assert.Equal(SignatureFailureKind.Mismatch, result.Failure);
    }

    [Fact]
    public async Task Verify_UnsignedPayloadWithBody_Malformed()
    {
        var signed = new ReferenceSigner().SignHeader(Body);

        var result = await Verifiers.At(SignedAt).VerifyAsync(signed.WithHeader("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD"));

        Assert.Equal(SignatureFailureKind.Malformed, result.Failure);
    }

    [Fact]
    public async Task Verify_NoSignatureAtAll_Missing()
    {
        var request = new SignedRequest(
            "POST", "/", "",
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Host"] = "127.0.0.1:8773", ["Content-Type"] = ReferenceSigner.FormContentType },
            Encoding.UTF8.GetBytes(Body));

        var result = await Verifiers.At(SignedAt).VerifyAsync(request);

        Assert.Equal(SignatureFailureKind.Missing, result.Failure);
        Assert.Null(result.Scheme);
    }

    [Fact]
    public async Task Verify_MissingAmzDate_Malformed()
    {
        var signed = new ReferenceSigner().SignHeader(Body);

        var result = await Verifiers.At(SignedAt).VerifyAsync(signed.WithHeader("X-Amz-Date", null));

        Assert.Equal(SignatureFailureKind.Malformed, result.Failure);
        Assert.Contains("X-Amz-Date", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-26T04:00:00Z")]
    [InlineData("20261126T040000")]
    [InlineData("20261326T040000Z")]
    [InlineData("")]
    public async Task Verify_BadAmzDate_Malformed(string amzDate)
    {
        var signed = new ReferenceSigner().SignHeader(Body);

        var result = await Verifiers.At(SignedAt).VerifyAsync(signed.WithHeader("X-Amz-Date", amzDate));

        Assert.Equal(SignatureFailureKind.Malformed, result.Failure);
    }

    [Fact]
    public async Task Verify_AmzDateOnAnotherDayThanScope_Malformed()
    {
        var signed = new ReferenceSigner().SignHeader(Body);

        var result = await Verifiers.At(SignedAt).VerifyAsync(signed.WithHeader("X-Amz-Date", "20261125T235959Z"));

        Assert.Equal(SignatureFailureKind.Malformed, result.Failure);
        Assert.Contains("does not match", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256")]
    [InlineData("AWS4-HMAC-SHA256 ")]
    [InlineData("AWS4-HMAC-SHA256 " + GoodCredential)]
    [InlineData("AWS4-HMAC-SHA256 " + GoodCredential + ", SignedHeaders=host")]
    [InlineData("AWS4-HMAC-SHA512 " + GoodCredential + ", SignedHeaders=host, Signature=" + GoodSignature)]
    [InlineData("AWS AKIDEXAMPLESTANDARDS:frJIUN8DYpKDtOLCwo//yllqDzg=")]
    [InlineData("Bearer abc")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLESTANDARDS/20261126/RegionOne/ec2, SignedHeaders=host, Signature=" + GoodSignature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLESTANDARDS/20261126/RegionOne/ec2/aws5_request, SignedHeaders=host, Signature=" + GoodSignature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=/20261126/RegionOne/ec2/aws4_request, SignedHeaders=host, Signature=" + GoodSignature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLESTANDARDS/2026-11-26/RegionOne/ec2/aws4_request, SignedHeaders=host, Signature=" + GoodSignature)]
    [InlineData("AWS4-HMAC-SHA256 " + GoodCredential + ", SignedHeaders=content-type;x-amz-date, Signature=" + GoodSignature)]
    [InlineData("AWS4-HMAC-SHA256 " + GoodCredential + ", SignedHeaders=Host, Signature=" + GoodSignature)]
    [InlineData("AWS4-HMAC-SHA256 " + GoodCredential + ", SignedHeaders=host;;x-amz-date, Signature=" + GoodSignature)]
    [InlineData("AWS4-HMAC-SHA256 " + GoodCredential + ", SignedHeaders=host;host, Signature=" + GoodSignature)]
    [InlineData("AWS4-HMAC-SHA256 " + GoodCredential + ", SignedHeaders=host, Signature=xyz")]
    [InlineData("AWS4-HMAC-SHA256 " + GoodCredential + ", SignedHeaders=host, Signature=" + GoodSignature + "00")]
    [InlineData("AWS4-HMAC-SHA256 " + GoodCredential + ", SignedHeaders=host, Signature=" + GoodSignature + ", Signature=" + GoodSignature)]
    [InlineData("AWS4-HMAC-SHA256 " + GoodCredential + ", SignedHeaders=host, Signature=" + GoodSignature + ", Extra=1")]
    [InlineData("AWS4-HMAC-SHA256 " + GoodCredential + ", SignedHeaders=host Signature=" + GoodSignature)]
    [InlineData("AWS4-HMAC-SHA256 ,,,")]
    [InlineData("AWS4-HMAC-SHA256 =")]
    [InlineData("\u0000\uFFFF")]
    public async Task Verify_MalformedAuthorizationHeader_MalformedWithoutThrowing(string authorization)
    {
        var signed = new ReferenceSigner().SignHeader(Body);

        var result = await Verifiers.At(SignedAt).VerifyAsync(signed.WithHeader("Authorization", authorization));

        Assert.Equal(SignatureFailureKind.Malformed, result.Failure);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Fact]
    public async Task Verify_OversizedAuthorizationHeader_MalformedWithShortMessage()
    {
        var signed = new ReferenceSigner().SignHeader(Body);

        var result = await Verifiers.At(SignedAt).VerifyAsync(signed.WithHeader("Authorization", new string('A', 100_000)));

        Assert.Equal(SignatureFailureKind.Malformed, result.Failure);
        Assert.True(result.Message.Length < 300);
    }

    [Fact]
    public async Task Verify_ControlCharactersInHeader_MessageHasNone()
    {
        var signed = new ReferenceSigner().SignHeader(Body);

        var result = await Verifiers.At(SignedAt).VerifyAsync(signed.WithHeader("Authorization", "AWS4\u0000\u001b[2J\uFFFF"));

        Assert.Equal(SignatureFailureKind.Malformed, result.Failure);
        Assert.DoesNotContain(result.Message, char.IsControl);
        Assert.DoesNotContain('\uFFFF', result.Message);
    }

    [Fact]
    public async Task Verify_HeaderAndPresignedTogether_Malformed()
    {
        var signed = new ReferenceSigner().SignHeader(Body);

        var result = await Verifiers.At(SignedAt).VerifyAsync(signed with { RawQuery = "X-Amz-Algorithm=AWS4-HMAC-SHA256" });

        Assert.Equal(SignatureFailureKind.Malformed, result.Failure);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(59)]
    public async Task Verify_PresignedWithinExpiry_Authentic(int minutesLater)
    {
        var request = new ReferenceSigner().Presign(DescribeRegions, expiresSeconds: 3600);

        var result = await Verifiers.At(SignedAt.AddMinutes(minutesLater)).VerifyAsync(request);

        Assert.True(result.IsAuthentic, result.Message);
        Assert.Equal(SignatureScheme.SigV4Query, result.Scheme);
    }

    [Fact]
    public async Task Verify_PresignedPastExpiry_Expired()
    {
        var request = new ReferenceSigner().Presign(DescribeRegions, expiresSeconds: 300);

        var result = await Verifiers.At(SignedAt.AddSeconds(301)).VerifyAsync(request);

        Assert.Equal(SignatureFailureKind.Expired, result.Failure);
        Assert.Contains("expired", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_PresignedMoreThanSkewInFuture_Expired()
    {
        var request = new ReferenceSigner().Presign(DescribeRegions, expiresSeconds: 3600);

        var result = await Verifiers.At(SignedAt.AddMinutes(-16)).VerifyAsync(request);

        Assert.Equal(SignatureFailureKind.Expired, result.Failure);
    }

    [Fact]
    public async Task Verify_PresignedQueryValueChanged_Mismatch()
    {
        var request = new ReferenceSigner().Presign(DescribeRegions, expiresSeconds: 3600);

        var result = await Verifiers.At(SignedAt).VerifyAsync(
            request with { RawQuery = request.RawQuery.Replace("DescribeRegions", "DescribeImages", StringComparison.Ordinal) });

        Assert.Equal(SignatureFailureKind.Mismatch, result.Failure);
    }

    [Fact]
    public async Task Verify_PresignedExpiresExtended_Mismatch()
    {
        var request = new ReferenceSigner().Presign(DescribeRegions, expiresSeconds: 300);

        var result = await Verifiers.At(SignedAt.AddMinutes(10)).VerifyAsync(
            request with { RawQuery = request.RawQuery.Replace("X-Amz-Expires=300", "X-Amz-Expires=3600", StringComparison.Ordinal) });

        Assert.Equal(SignatureFailureKind.Mismatch, result.Failure);
    }

    [Fact]
    public async Task Verify_PresignedWithBodyAdded_Mismatch()
    {
        var request = new ReferenceSigner().Presign(DescribeRegions, expiresSeconds: 3600);

        var result = await Verifiers.At(SignedAt).VerifyAsync(request with { Body = Encoding.UTF8.GetBytes("Action=TerminateInstances") });

        Assert.Equal(SignatureFailureKind.Mismatch, result.Failure);
    }

    [Theory]
    [InlineData("X-Amz-Expires=3600", "X-Amz-Expires=604801")]
    [InlineData("X-Amz-Expires=3600", "X-Amz-Expires=0")]
    [InlineData("X-Amz-Expires=3600", "X-Amz-Expires=-5")]
    [InlineData("X-Amz-Expires=3600", "X-Amz-Expires=1h")]
    [InlineData("X-Amz-Expires=3600&", "")]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-HMAC-SHA1")]
    [InlineData("X-Amz-Expires=3600", "X-Amz-Expires=3600&X-Amz-Expires=3600")]
    [InlineData("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=")]
    public async Task Verify_PresignedParameterBad_Malformed(string original, string replacement)
    {
        var request = new ReferenceSigner().Presign(DescribeRegions, expiresSeconds: 3600);
        Assert.Contains(original, request.RawQuery, StringComparison.Ordinal);

        var result = await Verifiers.At(SignedAt).VerifyAsync(
            request with { RawQuery = request.RawQuery.Replace(original, replacement, StringComparison.Ordinal) });

        Assert.Equal(SignatureFailureKind.Malformed, result.Failure);
    }

    [Fact]
    public async Task Verify_PresignedForOtherRegion_WrongRegion()
    {
        var request = new ReferenceSigner(Region: "us-east-1").Presign(DescribeRegions, expiresSeconds: 3600);

        var result = await Verifiers.At(SignedAt).VerifyAsync(request);

        Assert.Equal(SignatureFailureKind.WrongRegion, result.Failure);
    }
}
