namespace StandardsCloud.Ec2Compat.Tests.Wire.Signing;

/// <summary>A server clock stopped at one instant.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
