using StandardsCloud.Compute;
using StandardsCloud.Compute.Addresses;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>
/// Elastic addresses from the site's public pool: Allocate, Associate, Disassociate, Release and
/// DescribeAddresses. Addresses are named by public IP (EC2-Classic) or by allocation and
/// association ids; both work for every address.
/// </summary>
public sealed class AddressActions(AddressService addresses, InstanceService instances, InstanceLookup lookup)
{
    private static readonly FilterFields<PublicAddress> Fields = new FilterFields<PublicAddress>
    {
        Tags = a => a.Tags,
        ["allocation-id"] = a => a.Id,
        ["association-id"] = a => a.AssociationId,
        ["domain"] = a => a.Domain,
        ["instance-id"] = a => a.InstanceId,
        ["public-ip"] = a => a.PublicIp,
    };

    public Ec2Change AllocateAddress(Ec2Call call)
    {
        var domain = call.Query.Get("Domain") ?? AddressDomains.Standard;
        if (domain is not (AddressDomains.Standard or AddressDomains.Vpc))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"Invalid value '{domain}' for Domain; allowed: standard, vpc");
        }

        return Ec2Change.To(async () =>
        {
            var allocated = await addresses.AllocateAsync(call.Actor, domain, call.Cancellation);
            if (!allocated.IsOk)
            {
                // EC2 API reference, error codes: the caller's own limit is AddressLimitExceeded; a pool with none free is InsufficientAddressCapacity.
                var code = allocated.Status != ComputeStatus.QuotaExceeded ? Ec2ErrorCode.RequestLimitExceeded
                    : allocated.Quota == QuotaKind.PublicAddresses ? Ec2ErrorCode.InsufficientAddressCapacity : Ec2ErrorCode.AddressLimitExceeded;
                return Ec2Result.Fail(code, allocated.Reason!);
            }

            var a = allocated.Value!;
            return call.Respond(w => w.Element("publicIp", a.PublicIp).Element("domain", a.Domain).Element("allocationId", a.Id));
        });
    }

    public async Task<Ec2Result> DescribeAddressesAsync(Ec2Call call)
    {
        var ips = call.Query.List("PublicIp");
        var ids = call.Query.List("AllocationId");
        var filters = call.Query.Filters();
        if (!ips.IsValid || !ids.IsValid || !filters.IsValid)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, ips.Error ?? ids.Error ?? filters.Error!);
        }

        if (ips.FirstOrDefault(ip => !AddressPool.IsIPv4(ip)) is { } notAnAddress)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"Invalid value '{notAnAddress}' for PublicIp: not an IPv4 address");
        }

        if (ids.FirstOrDefault(id => !ResourceIds.IsWellFormed(id, ResourceIds.AllocationPrefix)) is { } malformed)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidAllocationIdMalformed, $"Invalid id: \"{malformed}\" (expecting \"eipalloc-...\")");
        }

        var mine = await addresses.ListAsync(call.Actor, call.Cancellation);
        var (named, missing) = ResourceFilters.Named(
            mine, ips, a => a.PublicIp, ip => Ec2Result.Fail(Ec2ErrorCode.InvalidAddressNotFound, $"Address '{ip}' not found."),
            ids, a => a.Id, id => Ec2Result.Fail(Ec2ErrorCode.InvalidAllocationIdNotFound, $"The allocation ID '{id}' does not exist"));
        if (missing is not null)
        {
            return missing;
        }

        var (list, invalid) = ResourceFilters.Apply(named, filters, Fields);
        if (invalid is not null)
        {
            return invalid;
        }

        var privateIps = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var instanceId in list.Select(a => a.InstanceId).OfType<string>())
        {
            privateIps[instanceId] = (await instances.GetAsync(call.Actor, instanceId, call.Cancellation)).Value?.PrivateAddress;
        }

        return call.Respond(w => w.Set("addressesSet", list, (item, a) => item
            .Element("publicIp", a.PublicIp)
            .Element("allocationId", a.Id)
            .Element("domain", a.Domain)
            .Element("instanceId", a.InstanceId ?? "")
            .Element("associationId", a.AssociationId)
            .Element("privateIpAddress", a.InstanceId is { } i ? privateIps.GetValueOrDefault(i) : null)
            .TagSet(a.Tags)));
    }

    public async Task<Ec2Change> AssociateAddressAsync(Ec2Call call)
    {
        var target = call.Query.Get("AllocationId") ?? call.Query.Get("PublicIp");
        if (target is null || call.Query.Get("InstanceId") is not { Length: > 0 } instanceId)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain InstanceId and either PublicIp or AllocationId");
        }

        if (MalformedAddress(call) is { } malformed)
        {
            return malformed;
        }

        // The instance is looked up first, so the core's NotFound below is the address's.
        var (_, missingInstance) = await lookup.FindAsync(call, [instanceId]);
        if (missingInstance is not null)
        {
            return missingInstance;
        }

        return Ec2Change.To(async () =>
        {
            var associated = await addresses.AssociateAsync(call.Actor, target, instanceId, call.Cancellation);
            return associated.Status switch
            {
                ComputeStatus.Ok => call.Respond(w => w.Element("return", true).Element("associationId", associated.Value!.AssociationId)),
                ComputeStatus.NotFound => AddressNotFound(call, target),
                ComputeStatus.IncorrectState => Ec2Result.Fail(Ec2ErrorCode.IncorrectInstanceState, associated.Reason!),
                _ => Ec2Result.Fail(Ec2ErrorCode.RequestLimitExceeded, associated.Reason!),
            };
        });
    }

    public Ec2Change DisassociateAddress(Ec2Call call)
    {
        if ((call.Query.Get("AssociationId") ?? call.Query.Get("PublicIp")) is not { Length: > 0 } target)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain either PublicIp or AssociationId");
        }

        return Ec2Change.To(async () => await addresses.DisassociateAsync(call.Actor, target, call.Cancellation) switch
        {
            ComputeStatus.Ok => call.Respond(w => w.Element("return", true)),
            ComputeStatus.NotFound => call.Query.Contains("AssociationId")
                ? Ec2Result.Fail(Ec2ErrorCode.InvalidAssociationIdNotFound, $"The association ID '{target}' does not exist")
                : Ec2Result.Fail(Ec2ErrorCode.InvalidAddressNotFound, $"Address '{target}' not found."),
            _ => Ec2Result.Fail(Ec2ErrorCode.RequestLimitExceeded, "The address changed meanwhile; retry."),
        });
    }

    public Ec2Change ReleaseAddress(Ec2Call call)
    {
        if ((call.Query.Get("AllocationId") ?? call.Query.Get("PublicIp")) is not { Length: > 0 } target)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain either PublicIp or AllocationId");
        }

        if (MalformedAddress(call) is { } malformed)
        {
            return malformed;
        }

        return Ec2Change.To(async () => await addresses.ReleaseAsync(call.Actor, target, call.Cancellation) switch
        {
            ComputeStatus.Ok => call.Respond(w => w.Element("return", true)),
            ComputeStatus.NotFound => AddressNotFound(call, target),
            _ => Ec2Result.Fail(Ec2ErrorCode.RequestLimitExceeded, "The address changed meanwhile; retry."),
        });
    }

    // EC2 API reference, AssociateAddress and ReleaseAddress: an allocation id of the wrong shape is
    // InvalidAllocationID.Malformed (as in DescribeAddresses), a public IP that is no IPv4 address InvalidParameterValue.
    private static Ec2Result? MalformedAddress(Ec2Call call)
    {
        if (call.Query.Get("AllocationId") is { } id)
        {
            return ResourceIds.IsWellFormed(id, ResourceIds.AllocationPrefix)
                ? null
                : Ec2Result.Fail(Ec2ErrorCode.InvalidAllocationIdMalformed, $"Invalid id: \"{id}\" (expecting \"eipalloc-...\")");
        }

        return call.Query.Get("PublicIp") is { } ip && !AddressPool.IsIPv4(ip)
            ? Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"Invalid value '{ip}' for PublicIp: not an IPv4 address")
            : null;
    }

    private static Ec2Result AddressNotFound(Ec2Call call, string target) => call.Query.Contains("AllocationId")
        ? Ec2Result.Fail(Ec2ErrorCode.InvalidAllocationIdNotFound, $"The allocation ID '{target}' does not exist")
        : Ec2Result.Fail(Ec2ErrorCode.InvalidAddressNotFound, $"Address '{target}' not found.");
}
