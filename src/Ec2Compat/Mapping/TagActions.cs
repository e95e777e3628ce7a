using StandardsCloud.Compute;
using StandardsCloud.Compute.Tags;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>CreateTags, DeleteTags and DescribeTags over every taggable resource the caller owns.</summary>
public sealed class TagActions(TagService tags, Ec2Options options)
{
    private static readonly FilterFields<ResourceTag> Fields = new()
    {
        ["key"] = t => t.Key,
        ["value"] = t => t.Value,

        // The names other listings use for the same two fields; older EC2 clouds took them here too.
        ["tag-key"] = t => t.Key,
        ["tag-value"] = t => t.Value,
        ["resource-id"] = t => t.ResourceId,
        ["resource-type"] = t => TypeName(t.Kind),
    };

    public Ec2Change CreateTags(Ec2Call call)
    {
        var (resources, error) = Resources(call);
        if (error is not null)
        {
            return error;
        }

        var (set, badTags) = TagParameters.ToSet(call.Query.Parameters);
        if (badTags is not null || set!.Count == 0)
        {
            return Ec2Result.Fail(badTags is null ? Ec2ErrorCode.MissingParameter : Ec2ErrorCode.InvalidParameterValue,
                badTags ?? "The request must contain the parameter Tag.1.Key");
        }

        return Checked(call, resources!, TagChange.Setting(set));
    }

    public Ec2Change DeleteTags(Ec2Call call)
    {
        var (resources, error) = Resources(call);
        if (error is not null)
        {
            return error;
        }

        var (removals, badTags) = TagParameters.ToRemove(call.Query.Parameters);
        return badTags is not null
            ? Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, badTags)
            : Checked(call, resources!, TagChange.Removing(removals!));
    }

    public async Task<Ec2Result> DescribeTagsAsync(Ec2Call call)
    {
        var filters = call.Query.Filters();
        if (!filters.IsValid)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, filters.Error!);
        }

        var (paging, badPaging) = Paging.Read(call, options, 0, "", clampAbove: true);
        if (badPaging is not null)
        {
            return badPaging;
        }

        var (selected, invalid) = ResourceFilters.Apply(await tags.ListAsync(call.Actor, call.Cancellation), filters, Fields);
        if (invalid is not null)
        {
            return invalid;
        }

        var (page, next) = paging!.Take(selected, options);
        return call.Respond(w => w
            .Set("tagSet", page, (item, t) => item
                .Element("resourceId", t.ResourceId)
                .Element("resourceType", TypeName(t.Kind))
                .Element("key", t.Key)
                .Element("value", t.Value))
            .Element("nextToken", next));
    }

    /// <summary>EC2's resource type names.</summary>
    public static string TypeName(TaggedKind kind) => kind switch
    {
        TaggedKind.Instance => "instance",
        TaggedKind.SecurityGroup => "security-group",
        TaggedKind.Image => "image",
        TaggedKind.KeyPair => "key-pair",
        TaggedKind.Volume => "volume",
        TaggedKind.Snapshot => "snapshot",
        _ => "elastic-ip",
    };

    private static (IReadOnlyList<string>? Ids, Ec2Result? Error) Resources(Ec2Call call)
    {
        var ids = call.Query.List("ResourceId");
        if (!ids.IsValid || ids.Count == 0)
        {
            return (null, Ec2Result.Fail(ids.IsValid ? Ec2ErrorCode.MissingParameter : Ec2ErrorCode.InvalidParameterValue,
                ids.Error ?? "The request must contain the parameter ResourceId.1"));
        }

        return ids.FirstOrDefault(id => TaggedKinds.Of(id) is null) is { } unknown
            ? (null, Ec2Result.Fail(Ec2ErrorCode.InvalidId, $"The ID '{unknown}' is not valid"))
            : (ids, null);
    }

    // EC2 API reference, CreateTags: keys of 1 to 128 characters, not aws:, values up to 256 (the core's rules, asked before the change).
    private Ec2Change Checked(Ec2Call call, IReadOnlyList<string> resources, TagChange change) => change.Problem() is { } problem
        ? Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, problem)
        : Ec2Change.To(async () => Answer(call, await tags.ChangeAsync(call.Actor, resources, change, call.Cancellation)));

    private static Ec2Result Answer(Ec2Call call, TagRefusal? refusal) => refusal switch
    {
        null => call.Respond(w => w.Element("return", true)),
        { Status: ComputeStatus.NotFound, ResourceId: { } id } => Ec2Result.Fail(NotFoundCode(TaggedKinds.Of(id)!.Value), refusal.Reason),
        { Status: ComputeStatus.QuotaExceeded } => Ec2Result.Fail(Ec2ErrorCode.TagLimitExceeded, refusal.Reason),
        { Status: ComputeStatus.Conflict } => Ec2Result.Fail(Ec2ErrorCode.RequestLimitExceeded, refusal.Reason),
        _ => Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, refusal.Reason),
    };

    private static Ec2ErrorCode NotFoundCode(TaggedKind kind) => kind switch
    {
        TaggedKind.Instance => Ec2ErrorCode.InvalidInstanceIdNotFound,
        TaggedKind.SecurityGroup => Ec2ErrorCode.InvalidGroupNotFound,
        TaggedKind.Image => Ec2ErrorCode.InvalidAmiIdNotFound,
        TaggedKind.KeyPair => Ec2ErrorCode.InvalidKeyPairNotFound,
        TaggedKind.Volume => Ec2ErrorCode.InvalidVolumeNotFound,
        TaggedKind.Snapshot => Ec2ErrorCode.InvalidSnapshotNotFound,
        _ => Ec2ErrorCode.InvalidAllocationIdNotFound,
    };
}
