using StandardsCloud.Compute;
using StandardsCloud.Compute.KeyPairs;
using StandardsCloud.Ec2Compat.Wire.Keys;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>CreateKeyPair, ImportKeyPair, DescribeKeyPairs, DeleteKeyPair.</summary>
public sealed class KeyPairActions(KeyPairService keys)
{
    private const string TaggedType = "key-pair";

    private static readonly FilterFields<KeyPair> Fields = new()
    {
        Tags = k => k.Tags,
        ["key-name"] = k => k.Name,
        ["fingerprint"] = k => k.Fingerprint,
        ["key-pair-id"] = k => k.KeyPairId,
        ["key-type"] = k => k.KeyType,
    };

    // EC2 API reference, CreateKeyPair: KeyType rsa (default) or ed25519, KeyFormat pem (default) or ppk, TagSpecification.N for key-pair.
    public Ec2Change CreateKeyPair(Ec2Call call)
    {
        var q = call.Query;
        if (q.Get("KeyName") is not { Length: > 0 } name)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter KeyName");
        }

        // EC2 API reference, CreateKeyPair and ImportKeyPair: KeyName is up to 255 characters.
        if (KeyPairService.NameError(name) is { } badName)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, badName);
        }

        var keyType = q.Get("KeyType") ?? KeyTypes.Rsa;
        if (keyType is not (KeyTypes.Rsa or KeyTypes.Ed25519))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"Value ({keyType}) for parameter KeyType is invalid: it is rsa or ed25519");
        }

        var format = q.Get("KeyFormat") ?? PrivateKeyFiles.Pem;
        if (!PrivateKeyFiles.IsKnown(format))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"Value ({format}) for parameter KeyFormat is invalid: it is pem or ppk");
        }

        var (tags, badTags) = TagParameters.FromSpecifications(q, TaggedType);
        if (badTags is not null)
        {
            return badTags;
        }

        return Ec2Change.To(async () =>
        {
            var created = await keys.CreateAsync(call.Actor, name, keyType, tags, call.Cancellation);
            if (!created.IsOk)
            {
                return Refused(created.Status, created.Reason!);
            }

            var (key, privateKey) = (created.Value!.KeyPair, created.Value.PrivateKey);
            var material = PrivateKeyFiles.Write(privateKey, format, key.Name);
            return call.Respond(w => w
                .Element("keyName", key.Name)
                .Element("keyFingerprint", key.Fingerprint)
                .Element("keyMaterial", material)
                .Element("keyPairId", key.KeyPairId)
                .TagSet(key.Tags));
        });
    }

    // EC2 API reference, ImportKeyPair: PublicKeyMaterial is base64 of an OpenSSH, RFC 4716 or base64 DER public key; TagSpecification.N for key-pair.
    public Ec2Change ImportKeyPair(Ec2Call call)
    {
        var q = call.Query;
        if (q.Get("KeyName") is not { Length: > 0 } name)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter KeyName");
        }

        // EC2 API reference, CreateKeyPair and ImportKeyPair: KeyName is up to 255 characters.
        if (KeyPairService.NameError(name) is { } badName)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, badName);
        }

        if (q.Get("PublicKeyMaterial") is not { Length: > 0 } material)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter PublicKeyMaterial");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(material);
        }
        catch (FormatException)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, "PublicKeyMaterial is not base64");
        }

        var (line, badMaterial) = PublicKeyMaterial.ToOpenSsh(bytes);
        if ((badMaterial ?? OpenSshKey.Parse(line!).Error) is { } badKey)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidKeyFormat, badKey);
        }

        var (tags, badTags) = TagParameters.FromSpecifications(q, TaggedType);
        if (badTags is not null)
        {
            return badTags;
        }

        return Ec2Change.To(async () =>
        {
            var imported = await keys.ImportAsync(call.Actor, name, line!, tags, call.Cancellation);
            if (!imported.IsOk)
            {
                return Refused(imported.Status, imported.Reason!);
            }

            var key = imported.Value!;
            return call.Respond(w => w
                .Element("keyName", key.Name)
                .Element("keyFingerprint", key.Fingerprint)
                .Element("keyPairId", key.KeyPairId)
                .TagSet(key.Tags));
        });
    }

    // EC2 API reference, DescribeKeyPairs: KeyName.N, KeyPairId.N, IncludePublicKey, filters key-pair-id, fingerprint, key-name, tag:<key>, tag-key.
    public async Task<Ec2Result> DescribeKeyPairsAsync(Ec2Call call)
    {
        var q = call.Query;
        var names = q.List("KeyName");
        var ids = q.List("KeyPairId");
        var filters = q.Filters();
        if (!names.IsValid || !ids.IsValid || !filters.IsValid)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, names.Error ?? ids.Error ?? filters.Error!);
        }

        if (!q.TryGetBool("IncludePublicKey", false, out var includePublicKey, out var badFlag))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, badFlag);
        }

        if (ids.FirstOrDefault(id => !ResourceIds.IsWellFormed(id, ResourceIds.KeyPairPrefix)) is { } malformed)
        {
            return Malformed(malformed);
        }

        var (named, missing) = ResourceFilters.Named(await keys.ListAsync(call.Actor, call.Cancellation),
            names, k => k.Name, name => Ec2Result.Fail(Ec2ErrorCode.InvalidKeyPairNotFound, $"The key pair '{name}' does not exist"),
            ids, k => k.KeyPairId, id => Ec2Result.Fail(Ec2ErrorCode.InvalidKeyPairNotFound, $"The key pair ID '{id}' does not exist"));
        var (list, invalid) = missing is null ? ResourceFilters.Apply(named, filters, Fields) : ([], missing);
        if (invalid is not null)
        {
            return invalid;
        }

        return call.Respond(w => w.Set("keySet", list, (item, k) => item
            .Element("keyPairId", k.KeyPairId)
            .Element("keyName", k.Name)
            .Element("keyFingerprint", k.Fingerprint)
            .Element("keyType", k.KeyType)
            .Element("publicKey", includePublicKey ? k.PublicKey : null)
            .Element("createTime", k.CreatedAt)
            .TagSet(k.Tags)));
    }

    // EC2 API reference, DeleteKeyPair: KeyName or KeyPairId (either may be given); the answer names the keyPairId deleted.
    public async Task<Ec2Change> DeleteKeyPairAsync(Ec2Call call)
    {
        var name = call.Query.Get("KeyName") is { Length: > 0 } given ? given : null;
        var id = call.Query.Get("KeyPairId") is { Length: > 0 } givenId ? givenId : null;
        if (name is null && id is null)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter KeyName or KeyPairId");
        }

        if (id is not null && !ResourceIds.IsWellFormed(id, ResourceIds.KeyPairPrefix))
        {
            return Malformed(id);
        }

        var byName = name is null ? null : await keys.FindAsync(call.Actor, name, call.Cancellation);
        var byId = id is null ? null : await keys.FindByKeyPairIdAsync(call.Actor, id, call.Cancellation);
        if (byName is not null && byId is not null && byName.KeyPairId != byId.KeyPairId)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterCombination, $"KeyName '{name}' and KeyPairId '{id}' name different key pairs");
        }

        var key = byId ?? byName;
        return Ec2Change.To(async () =>
        {
            // Deleting a key pair that does not exist succeeds, as EC2 answers it.
            if (key is null)
            {
                return call.Respond(w => w.Element("return", true));
            }

            await keys.DeleteAsync(call.Actor, key.Name, call.Cancellation);
            return call.Respond(w => w.Element("return", true).Element("keyPairId", key.KeyPairId));
        });
    }

    private static Ec2Result Malformed(string id) =>
        Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"Invalid id: \"{id}\" (expecting \"key-\" and 17 lowercase hex digits)");

    private static Ec2Result Refused(ComputeStatus status, string reason) => status == ComputeStatus.Duplicate
        ? Ec2Result.Fail(Ec2ErrorCode.InvalidKeyPairDuplicate, reason)
        : Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, reason);
}
