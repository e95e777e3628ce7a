using System.Security.Cryptography;

namespace StandardsCloud.Compute.KeyPairs;

/// <summary>The private half of a key pair made here: shown to its owner once, never stored.</summary>
public abstract record PrivateKey(OpenSshKey Public);

/// <summary>An RSA private key with its CRT parameters.</summary>
public sealed record RsaPrivateKey(RSAParameters Parameters) : PrivateKey(OpenSshKey.FromRsa(Parameters));

/// <summary>An Ed25519 private key: the 32-byte seed of RFC 8032 §5.1.5 and the 32-byte public key derived from it.</summary>
public sealed record Ed25519PrivateKey(byte[] Seed, byte[] PublicPoint) : PrivateKey(OpenSshKey.FromEd25519(PublicPoint));

/// <summary>
/// Makes Ed25519 key pairs. The BCL has none, so the host supplies an implementation; without
/// one the core refuses to make ed25519 keys (importing them needs no generator).
/// </summary>
public interface IEd25519Generator
{
    Ed25519PrivateKey Generate();
}

/// <summary>The key types EC2 names: <c>rsa</c> and <c>ed25519</c>.</summary>
public static class KeyTypes
{
    public const string Rsa = "rsa";
    public const string Ed25519 = "ed25519";
}
