using StandardsCloud.Compute;
using StandardsCloud.Compute.Images;
using StandardsCloud.Ec2Compat.Wire.Query;

namespace StandardsCloud.Ec2Compat.Mapping;

/// <summary>
/// Describe/Modify/ResetImageAttribute over the core's catalogue. An image's description and who
/// may launch it (every user, or its owner alone) are its owner's to read and change; the other
/// attributes EC2 names are read as empty, since images here boot their own kernel from an
/// instance-store root.
/// </summary>
public sealed class ImageAttributeActions(ImageService images, ComputeOptions options)
{
    // EC2 API reference, DescribeImageAttribute Attribute (ImageAttributeName).
    private static readonly string[] Known =
    [
        "description", "kernel", "ramdisk", "launchPermission", "productCodes", "blockDeviceMapping", "sriovNetSupport",
        "bootMode", "tpmSupport", "uefiData", "lastLaunchedTime", "imdsSupport", "deregistrationProtection",
    ];

    public async Task<Ec2Result> DescribeImageAttributeAsync(Ec2Call call)
    {
        if (call.Query.Get("Attribute") is not { Length: > 0 } attribute)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter Attribute");
        }

        if (!Known.Contains(attribute, StringComparer.Ordinal))
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidRequest, $"Value ({attribute}) for parameter attribute is invalid. Allowed: {string.Join(", ", Known)}");
        }

        var (image, error) = await OwnedAsync(call);
        if (image is null)
        {
            return error!;
        }

        return call.Respond(w =>
        {
            w.Element("imageId", image.Id);
            switch (attribute)
            {
                case "description":
                    w.Structure("description", d => d.Element("value", image.Description));
                    break;
                case "launchPermission":
                    w.Set("launchPermission", image.IsPublic ? ["all"] : Array.Empty<string>(), (item, group) => item.Element("group", group));
                    break;
                case "productCodes" or "blockDeviceMapping":
                    w.Set(attribute, Array.Empty<string>(), (_, _) => { });
                    break;
                default:
                    w.Structure(attribute, _ => { });
                    break;
            }
        });
    }

    // EC2 API reference, ModifyImageAttribute: the description (Description.Value, or Attribute=description
    // with Value) and launch permissions (LaunchPermission.Add/Remove.N.Group, or OperationType with
    // UserGroup.N). Only the group "all" is offered: an image is public or its owner's.
    public async Task<Ec2Change> ModifyImageAttributeAsync(Ec2Call call)
    {
        var q = call.Query;
        var attribute = q.Get("Attribute");
        var description = q.Get("Description.Value") ?? (attribute == "description" ? q.Get("Value") : null);
        var groups = q.List("UserGroup");
        var userIds = q.List("UserId");
        var operation = q.Get("OperationType");
        var changesPermission = q.Members("LaunchPermission.Add").Count + q.Members("LaunchPermission.Remove").Count > 0
            || (attribute == "launchPermission" && (groups.Count > 0 || userIds.Count > 0));

        if (attribute is not (null or "description" or "launchPermission"))
        {
            return attribute == "blockDeviceMapping"
                ? Ec2Result.Fail(Ec2ErrorCode.InvalidParameter, "The blockDeviceMapping of an image cannot be changed")
                : Ec2Result.Fail(Ec2ErrorCode.InvalidParameterCombination, $"The attribute '{attribute}' cannot be modified; description and launchPermission can");
        }

        if (attribute == "description" && description is null)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter Value (the description)");
        }

        if (attribute == "launchPermission" && !changesPermission)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterCombination, "launchPermission needs LaunchPermission.Add or .Remove, or OperationType with UserGroup");
        }

        if (description is null && !changesPermission)
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidParameterCombination, "Give one attribute to change: Description or LaunchPermission");
        }

        var (isPublic, permissionError) = changesPermission ? PublicAfter(q, operation, groups, userIds) : (null, null);
        if (permissionError is not null)
        {
            return permissionError;
        }

        var (image, error) = await OwnedAsync(call);
        if (image is null)
        {
            return error!;
        }

        // The core's rules, asked before the change, so that a dry run meets them too.
        if (ImageAttributes.Refusal(options, call.Actor, image, description, isPublic) is { } refused)
        {
            return Refused(refused);
        }

        return Ec2Change.To(async () => Answer(call, await images.ChangeAttributesAsync(call.Actor, image.Id, description, isPublic, call.Cancellation)));
    }

    // EC2 API reference, ResetImageAttribute: only launchPermission resets (to the owner alone).
    public async Task<Ec2Change> ResetImageAttributeAsync(Ec2Call call)
    {
        if (call.Query.Get("Attribute") is not { Length: > 0 } attribute)
        {
            return Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter Attribute");
        }

        if (attribute != "launchPermission")
        {
            return Ec2Result.Fail(Ec2ErrorCode.InvalidRequest, $"Value ({attribute}) for parameter attribute is invalid. Only launchPermission resets");
        }

        var (image, error) = await OwnedAsync(call);
        if (image is null)
        {
            return error!;
        }

        if (ImageAttributes.Refusal(options, call.Actor, image, null, false) is { } refused)
        {
            return Refused(refused);
        }

        return Ec2Change.To(async () => Answer(call, await images.ChangeAttributesAsync(call.Actor, image.Id, null, false, call.Cancellation)));
    }

    /// <summary>Whether the image is public after the launch permission changes asked, or an error for what is not offered.</summary>
    private static (bool? IsPublic, Ec2Result? Error) PublicAfter(QueryRequest q, string? operation, IReadOnlyList<string> groups, IReadOnlyList<string> userIds)
    {
        var add = q.Members("LaunchPermission.Add");
        var remove = q.Members("LaunchPermission.Remove");
        var named = add.Concat(remove).ToList();
        if (operation is not null)
        {
            if (operation is not ("add" or "remove"))
            {
                return (null, Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, $"Value ({operation}) for parameter OperationType is invalid. Allowed: add, remove"));
            }

            named.AddRange(groups.Select(g => new Dictionary<string, string> { ["Group"] = g }));
            named.AddRange(userIds.Select(u => new Dictionary<string, string> { ["UserId"] = u }));
        }

        if (named.Any(m => m.Keys.Any(k => k != "Group") || m.GetValueOrDefault("Group") != "all"))
        {
            return (null, Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue,
                "Only the group 'all' is offered in launch permissions: an image here is launchable by every user or by its owner alone"));
        }

        var adds = add.Count > 0 || operation == "add";
        var removes = remove.Count > 0 || operation == "remove";
        return adds && removes
            ? (null, Ec2Result.Fail(Ec2ErrorCode.InvalidParameterCombination, "Add and Remove of the group 'all' together leave nothing to do"))
            : (adds, null);
    }

    /// <summary>The image if the caller owns it (or administers the site); AuthFailure for another's image it may see.</summary>
    private async Task<(Image? Image, Ec2Result? Error)> OwnedAsync(Ec2Call call)
    {
        if (call.Query.Get("ImageId") is not { Length: > 0 } imageId)
        {
            return (null, Ec2Result.Fail(Ec2ErrorCode.MissingParameter, "The request must contain the parameter ImageId"));
        }

        if (!ResourceIds.IsWellFormed(imageId, ResourceIds.ImagePrefix))
        {
            return (null, Ec2Result.Fail(Ec2ErrorCode.InvalidAmiIdMalformed, $"Invalid id: \"{imageId}\" (expecting \"ami-...\")"));
        }

        var found = await images.GetOwnedAsync(call.Actor, imageId, call.Cancellation);
        return found.Status switch
        {
            ComputeStatus.Ok => (found.Value, null),
            ComputeStatus.Forbidden => (null, Ec2Result.Fail(Ec2ErrorCode.AuthFailure, $"Not authorized for image:{imageId}")),
            _ => (null, Ec2Result.Fail(Ec2ErrorCode.InvalidAmiIdNotFound, $"The image id '[{imageId}]' does not exist")),
        };
    }

    private static Ec2Result Answer(Ec2Call call, Outcome<Image> changed) =>
        changed.IsOk ? call.Respond(w => w.Element("return", true)) : Refused(changed);

    // Ownership was checked first (AuthFailure), so the core's Forbidden here is the site's publishing rule: a refusal
    // by the caller's role, which EC2 answers UnauthorizedOperation (EC2 API reference, Error codes: UnauthorizedOperation).
    private static Ec2Result Refused(Outcome<Image> refused) => refused.Status switch
    {
        ComputeStatus.Forbidden => Ec2Dispatcher.Unauthorized($"The site's policy: {refused.Reason}."),
        ComputeStatus.NotFound => Ec2Result.Fail(Ec2ErrorCode.InvalidAmiIdNotFound, refused.Reason!),
        _ => Ec2Result.Fail(Ec2ErrorCode.InvalidParameterValue, refused.Reason!),
    };
}
