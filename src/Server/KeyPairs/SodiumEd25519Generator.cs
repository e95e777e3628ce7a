using NSec.Cryptography;
using StandardsCloud.Compute.KeyPairs;

namespace StandardsCloud.Server.KeyPairs;

/// <summary>
/// Ed25519 keys for the core from libsodium (through NSec): the BCL has no Ed25519, and the core
/// takes no third-party dependency, so the host plugs this in.
/// </summary>
public sealed class SodiumEd25519Generator : IEd25519Generator
{
    public Ed25519PrivateKey Generate()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new Ed25519PrivateKey(key.Export(KeyBlobFormat.RawPrivateKey), key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }
}
