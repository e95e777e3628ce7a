using System.Text;
using StandardsCloud.Compute;
using StandardsCloud.Compute.KeyPairs;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>CreateKeyPair, ImportKeyPair, DescribeKeyPairs, DeleteKeyPair.</summary>
public sealed class KeyPairActions(KeyPairService keys)
{
    private static readonly FilterFields<KeyPair> Fields = new()
    {
        Tags = k => k.Tags,
        ["key-name"] = k => k.Name,
        ["fingerprint"] = k => k.Fingerprint,
        ["key-pair-id"] = k => k.KeyPairId,
        ["key-type"] = k => k.KeyType,
    };

    public async Task<Ec2Result> CreateKeyPairAsync(Ec2Call call)
    {
        if (call.Query.Get("KeyName") is not { Length: > 0 } name)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter KeyName");
        }

        var created = await keys.CreateAsync(call.Actor, name, call.Cancellation);
        if (!created.IsOk)
        {
            return Refused(created.Status, created.Reason!);
        }

        var (key, privateKey) = (created.Value!.KeyPair, created.Value.PrivateKeyPem);
        return call.Respond(w => w
            .Element("keyName", key.Name)
            .Element("keyFingerprint", key.Fingerprint)
            .Element("keyMaterial", privateKey)
            .Element("keyPairId", key.KeyPairId));
    }

    // EC2 API reference, ImportKeyPair: PublicKeyMaterial is the key file, base64-encoded.
    public async Task<Ec2Result> ImportKeyPairAsync(Ec2Call call)
    {
        if (call.Query.Get("KeyName") is not { Length: > 0 } name)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter KeyName");
        }

        if (call.Query.Get("PublicKeyMaterial") is not { Length: > 0 } material)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter PublicKeyMaterial");
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(material));
        }
        catch (FormatException)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, "PublicKeyMaterial is not base64");
        }

        if (OpenSshKey.Parse(text).Error is { } badKey)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidKeyFormat, badKey);
        }

        var imported = await keys.ImportAsync(call.Actor, name, text, call.Cancellation);
        if (!imported.IsOk)
        {
            return Refused(imported.Status, imported.Reason!);
        }

        var key = imported.Value!;
        return call.Respond(w => w
            .Element("keyName", key.Name)
            .Element("keyFingerprint", key.Fingerprint)
            .Element("keyPairId", key.KeyPairId));
    }

    public async Task<Ec2Result> DescribeKeyPairsAsync(Ec2Call call)
    {
        var names = call.Query.List("KeyName");
        var filters = call.Query.Filters();
        if (!names.IsValid || !filters.IsValid)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, names.Error ?? filters.Error!);
        }

        var (named, missing) = ResourceFilters.Named(await keys.ListAsync(call.Actor, call.Cancellation), names, k => k.Name,
            name => Ec2Result.Fail(Ec2ErrorCode.InvalidKeyPairNotFound, $"The key pair '{name}' does not exist"));
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
            .Element("createTime", k.CreatedAt)
            .TagSet(k.Tags)));
    }

    public async Task<Ec2Result> DeleteKeyPairAsync(Ec2Call call)
    {
        if (call.Query.Get("KeyName") is not { Length: > 0 } name)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter KeyName");
        }

        await keys.DeleteAsync(call.Actor, name, call.Cancellation);
        return call.Respond(w => w.Element("return", true));
    }

    private static Ec2Result Refused(ComputeStatus status, string reason) => status == ComputeStatus.Duplicate
        ? Ec2Result.Fail(Ec2ErrorCode.InvalidKeyPairDuplicate, reason)
        : Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, reason);
}
