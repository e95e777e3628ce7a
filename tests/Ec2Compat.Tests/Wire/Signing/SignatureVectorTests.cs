using System.Text;
using StandardsCloud.Ec2Compat.Wire.Signing;

namespace StandardsCloud.Ec2Compat.Tests.Wire.Signing;

/// <summary>The botocore-signed vectors verify as received and fail after any change to what they sign.</summary>
public sealed class SignatureVectorTests
{
    public static TheoryData<string> SigV4Vectors => SignatureVectors.Names(4);

    public static TheoryData<string> SigV2Vectors => SignatureVectors.Names(2);

    [Fact]
    public void Vectors_SharedFile_HasBothVersions()
    {
        Assert.Contains(SignatureVectors.All, vector => vector.SignatureVersion == 4);
        Assert.Contains(SignatureVectors.All, vector => vector.SignatureVersion == 2);
    }

    [Theory]
    [MemberData(nameof(SigV4Vectors))]
    public async Task Verify_SigV4VectorAtItsDate_Authentic(string name)
    {
        var vector = SignatureVectors.Named(name);

        var result = await Verify(vector, vector.Request);

        Assert.True(result.IsAuthentic, result.Message);
        Assert.Equal(vector.AccessKey, result.AccessKeyId);
        Assert.Equal(SignatureScheme.SigV4Header, result.Scheme);
        Assert.Equal(new CredentialScope(new DateOnly(2026, 11, 26), "RegionOne", "ec2"), result.Scope);
    }

    [Theory]
    [MemberData(nameof(SigV2Vectors))]
    public async Task Verify_SigV2VectorAtItsDate_Authentic(string name)
    {
        var vector = SignatureVectors.Named(name);

        var result = await Verify(vector, vector.Request);

        Assert.True(result.IsAuthentic, result.Message);
        Assert.Equal(vector.AccessKey, result.AccessKeyId);
        Assert.Equal(SignatureScheme.SigV2, result.Scheme);
        Assert.Null(result.Scope);
    }

    [Theory]
    [MemberData(nameof(SigV4Vectors))]
    public async Task Verify_SigV4VectorAnyBodyByteChanged_Mismatch(string name)
    {
        var vector = SignatureVectors.Named(name);
        var body = vector.Request.Body.ToArray();

        for (var i = 0; i < body.Length; i++)
        {
            var altered = body.ToArray();
            altered[i] ^= 0x01;

            var result = await Verify(vector, vector.Request with { Body = altered });

            Assert.Equal(SignatureFailureKind.Mismatch, result.Failure);
        }
    }

    [Theory]
    [MemberData(nameof(SigV4Vectors))]
    public async Task Verify_SigV4VectorBodyExtendedOrTruncated_Mismatch(string name)
    {
        var vector = SignatureVectors.Named(name);
        var body = vector.Request.Body.ToArray();

        Assert.Equal(SignatureFailureKind.Mismatch, (await Verify(vector, vector.Request with { Body = body[..^1] })).Failure);
        Assert.Equal(SignatureFailureKind.Mismatch, (await Verify(vector, vector.Request with { Body = body.Append((byte)'&').ToArray() })).Failure);
    }

    [Theory]
    [MemberData(nameof(SigV4Vectors))]
    public async Task Verify_SigV4VectorSignedHeaderChanged_Mismatch(string name)
    {
        var vector = SignatureVectors.Named(name);
        var request = vector.Request;

        (string Header, string Value)[] changes =
        [
            ("Content-Type", "application/x-www-form-urlencoded; charset=utf-9"),
            ("Content-Type", "Application/x-www-form-urlencoded; charset=utf-8"),
            ("Host", "127.0.0.1:8774"),
            ("Host", "127.0.0.2:8773"),
            ("X-Amz-Date", "20261126T040001Z"),
        ];
        foreach (var (header, value) in changes)
        {
            var result = await Verify(vector, request.WithHeader(header, value));

            Assert.True(result.Failure == SignatureFailureKind.Mismatch, $"{header}: {value} gave {result.Failure}: {result.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(SigV4Vectors))]
    public async Task Verify_SigV4VectorQueryOrPathOrMethodChanged_Mismatch(string name)
    {
        var vector = SignatureVectors.Named(name);
        SignedRequest[] changed =
        [
            vector.Request with { RawQuery = "Action=TerminateInstances" },
            vector.Request with { RawQuery = "x" },
            vector.Request with { Path = "/services/Cloud" },
            vector.Request with { Method = "PUT" },
        ];

        foreach (var request in changed)
        {
            Assert.Equal(SignatureFailureKind.Mismatch, (await Verify(vector, request)).Failure);
        }
    }

    [Theory]
    [MemberData(nameof(SigV4Vectors))]
    public async Task Verify_SigV4VectorSignatureDigitChanged_Mismatch(string name)
    {
        var vector = SignatureVectors.Named(name);
        var authorization = vector.Request.Headers["Authorization"];
        var last = authorization[^1];
        var altered = authorization[..^1] + (last == '0' ? '1' : '0');

        var result = await Verify(vector, vector.Request.WithHeader("Authorization", altered));

        Assert.Equal(SignatureFailureKind.Mismatch, result.Failure);
    }

    [Theory]
    [MemberData(nameof(SigV4Vectors))]
    public async Task Verify_SigV4VectorUnsignedHeaderAdded_Authentic(string name)
    {
        var vector = SignatureVectors.Named(name);

        var result = await Verify(vector, vector.Request.WithHeader("User-Agent", "aws-cli/2"));

        Assert.True(result.IsAuthentic, result.Message);
    }

    [Theory]
    [MemberData(nameof(SigV4Vectors))]
    public async Task Verify_SigV4VectorSignedHeaderRemoved_Malformed(string name)
    {
        var vector = SignatureVectors.Named(name);

        var result = await Verify(vector, vector.Request.WithHeader("Content-Type", null));

        Assert.Equal(SignatureFailureKind.Malformed, result.Failure);
        Assert.Contains("content-type", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SigV2Vectors))]
    public async Task Verify_SigV2VectorAnyParameterValueChanged_Mismatch(string name)
    {
        var vector = SignatureVectors.Named(name);
        var pairs = vector.Request.RawQuery.Split('&');

        for (var i = 0; i < pairs.Length; i++)
        {
            if (pairs[i].StartsWith("Signature=", StringComparison.Ordinal)
                || pairs[i].StartsWith("SignatureVersion=", StringComparison.Ordinal)
                || pairs[i].StartsWith("SignatureMethod=", StringComparison.Ordinal)
                || pairs[i].StartsWith("AWSAccessKeyId=", StringComparison.Ordinal)
                || pairs[i].StartsWith("Timestamp=", StringComparison.Ordinal))
            {
                continue;
            }

            // Swap the value's last digit or letter for another of the same kind, so it stays well-formed.
            var altered = pairs.ToArray();
            var last = altered[i][^1];
            altered[i] = altered[i][..^1] + (char.IsDigit(last) ? (last == '0' ? '1' : '0') : (last == 'a' ? 'b' : 'a'));

            var result = await Verify(vector, vector.Request with { RawQuery = string.Join('&', altered) });

            Assert.True(result.Failure == SignatureFailureKind.Mismatch, $"{altered[i]} gave {result.Failure}: {result.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(SigV2Vectors))]
    public async Task Verify_SigV2VectorParameterAddedOrRemoved_Mismatch(string name)
    {
        var vector = SignatureVectors.Named(name);
        var pairs = vector.Request.RawQuery.Split('&').ToList();
        var withoutAction = string.Join('&', pairs.Where(pair => !pair.StartsWith("Action=", StringComparison.Ordinal)));

        Assert.Equal(SignatureFailureKind.Mismatch, (await Verify(vector, vector.Request with { RawQuery = vector.Request.RawQuery + "&DryRun=true" })).Failure);
        Assert.Equal(SignatureFailureKind.Mismatch, (await Verify(vector, vector.Request with { RawQuery = withoutAction })).Failure);
    }

    [Theory]
    [MemberData(nameof(SigV2Vectors))]
    public async Task Verify_SigV2VectorHostPathMethodOrBodyChanged_Mismatch(string name)
    {
        var vector = SignatureVectors.Named(name);
        SignedRequest[] changed =
        [
            vector.Request.WithHeader("Host", "127.0.0.1:8774"),
            vector.Request.WithHeader("Host", "127.0.0.1"),
            vector.Request with { Path = "/services/Cloud" },
            vector.Request with { Method = "POST" },
            vector.Request with { Body = Encoding.UTF8.GetBytes("Action=TerminateInstances") },
        ];

        foreach (var request in changed)
        {
            var result = await Verify(vector, request);

            Assert.True(result.Failure == SignatureFailureKind.Mismatch, $"{result.Failure}: {result.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(SigV2Vectors))]
    public async Task Verify_SigV2VectorTimestampOneSecondLater_Mismatch(string name)
    {
        var vector = SignatureVectors.Named(name);
        var later = vector.SignedAt.AddSeconds(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var pairs = vector.Request.RawQuery.Split('&')
            .Select(pair => pair.StartsWith("Timestamp=", StringComparison.Ordinal) ? "Timestamp=" + Uri.EscapeDataString(later) : pair);

        var result = await Verify(vector, vector.Request with { RawQuery = string.Join('&', pairs) });

        Assert.Equal(SignatureFailureKind.Mismatch, result.Failure);
    }

    private static ValueTask<SignatureVerification> Verify(SignatureVector vector, SignedRequest request) =>
        Verifiers.At(vector.SignedAt, accessKey: vector.AccessKey, secretKey: vector.SecretKey).VerifyAsync(request);
}
