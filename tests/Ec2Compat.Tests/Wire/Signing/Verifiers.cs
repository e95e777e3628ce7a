using StandardsCloud.Ec2Compat.Wire.Signing;

namespace StandardsCloud.Ec2Compat.Tests.Wire.Signing;

/// <summary>Builds verifiers over a stopped clock and a one-key secret store.</summary>
internal static class Verifiers
{
    public static RequestSignatureVerifier At(
        DateTimeOffset now,
        SignaturePolicy? policy = null,
        string accessKey = ReferenceSigner.DefaultAccessKey,
        string secretKey = ReferenceSigner.DefaultSecretKey) =>
        new(
            (id, _) => ValueTask.FromResult(id == accessKey ? secretKey : null),
            new FixedTimeProvider(now),
            policy);

    public static RequestSignatureVerifier WithNoKeys(DateTimeOffset now) =>
        new((_, _) => ValueTask.FromResult<string?>(null), new FixedTimeProvider(now));

    public static SignedRequest WithHeader(this SignedRequest request, string name, string? value)
    {
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        if (value is null)
        {
            headers.Remove(name);
        }
        else
        {
            headers[name] = value;
        }

        return request with { Headers = headers };
    }
}
