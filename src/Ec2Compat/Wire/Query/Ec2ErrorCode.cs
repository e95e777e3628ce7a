namespace StandardsCloud.Ec2Compat.Wire.Query;

/// <summary>
/// An EC2 error code and the HTTP status EC2 sends with it. The AWS EC2 API reference
/// ("Error codes for the Amazon EC2 API") gives only the class — 4xx for client errors, 5xx
/// for server errors — so the exact statuses below are those EC2 is observed to return and
/// SDKs act on: 401/403 for authentication, 412 for a successful dry run, 503 for throttling,
/// which botocore retries.
/// </summary>
public sealed record Ec2ErrorCode(string Code, int HttpStatus)
{
    public static readonly Ec2ErrorCode AuthFailure = new("AuthFailure", 401);
    public static readonly Ec2ErrorCode SignatureDoesNotMatch = new("SignatureDoesNotMatch", 403);
    public static readonly Ec2ErrorCode IncompleteSignature = new("IncompleteSignature", 400);
    public static readonly Ec2ErrorCode RequestExpired = new("RequestExpired", 400);
    public static readonly Ec2ErrorCode MissingAuthenticationToken = new("MissingAuthenticationToken", 401);
    public static readonly Ec2ErrorCode InvalidAction = new("InvalidAction", 400);
    public static readonly Ec2ErrorCode MissingAction = new("MissingAction", 400);
    public static readonly Ec2ErrorCode MalformedQueryString = new("MalformedQueryString", 400);
    public static readonly Ec2ErrorCode MissingParameter = new("MissingParameter", 400);
    public static readonly Ec2ErrorCode InvalidParameterValue = new("InvalidParameterValue", 400);
    public static readonly Ec2ErrorCode InvalidParameterCombination = new("InvalidParameterCombination", 400);
    public static readonly Ec2ErrorCode InvalidParameter = new("InvalidParameter", 400);
    public static readonly Ec2ErrorCode UnknownParameter = new("UnknownParameter", 400);
    public static readonly Ec2ErrorCode InvalidInstanceIdNotFound = new("InvalidInstanceID.NotFound", 400);
    public static readonly Ec2ErrorCode InvalidInstanceIdMalformed = new("InvalidInstanceID.Malformed", 400);
    public static readonly Ec2ErrorCode InvalidAmiIdNotFound = new("InvalidAMIID.NotFound", 400);
    public static readonly Ec2ErrorCode InvalidAmiIdMalformed = new("InvalidAMIID.Malformed", 400);
    public static readonly Ec2ErrorCode InvalidAmiNameDuplicate = new("InvalidAMIName.Duplicate", 400);
    public static readonly Ec2ErrorCode InvalidAmiNameMalformed = new("InvalidAMIName.Malformed", 400);
    public static readonly Ec2ErrorCode IncorrectInstanceState = new("IncorrectInstanceState", 400);
    public static readonly Ec2ErrorCode OperationNotPermitted = new("OperationNotPermitted", 400);
    public static readonly Ec2ErrorCode InvalidKeyPairDuplicate = new("InvalidKeyPair.Duplicate", 400);
    public static readonly Ec2ErrorCode InvalidKeyPairNotFound = new("InvalidKeyPair.NotFound", 400);
    public static readonly Ec2ErrorCode InvalidGroupDuplicate = new("InvalidGroup.Duplicate", 400);
    public static readonly Ec2ErrorCode InvalidGroupNotFound = new("InvalidGroup.NotFound", 400);
    public static readonly Ec2ErrorCode InvalidPermissionNotFound = new("InvalidPermission.NotFound", 400);
    public static readonly Ec2ErrorCode InvalidPermissionDuplicate = new("InvalidPermission.Duplicate", 400);
    public static readonly Ec2ErrorCode DryRunOperation = new("DryRunOperation", 412);
    public static readonly Ec2ErrorCode UnauthorizedOperation = new("UnauthorizedOperation", 403);
    public static readonly Ec2ErrorCode RequestLimitExceeded = new("RequestLimitExceeded", 503);
    public static readonly Ec2ErrorCode InstanceLimitExceeded = new("InstanceLimitExceeded", 400);
    public static readonly Ec2ErrorCode InsufficientInstanceCapacity = new("InsufficientInstanceCapacity", 500);
    public static readonly Ec2ErrorCode InternalError = new("InternalError", 500);
    public static readonly Ec2ErrorCode Unavailable = new("Unavailable", 503);
    public static readonly Ec2ErrorCode InvalidPaginationToken = new("InvalidPaginationToken", 400);
    public static readonly Ec2ErrorCode InvalidRequest = new("InvalidRequest", 400);
    public static readonly Ec2ErrorCode InvalidGroupInUse = new("InvalidGroup.InUse", 400);
    public static readonly Ec2ErrorCode CannotDelete = new("CannotDelete", 400);
    public static readonly Ec2ErrorCode InvalidId = new("InvalidID", 400);
    public static readonly Ec2ErrorCode InvalidGroupIdMalformed = new("InvalidGroupId.Malformed", 400);
    public static readonly Ec2ErrorCode InvalidAddressNotFound = new("InvalidAddress.NotFound", 400);
    public static readonly Ec2ErrorCode InvalidAllocationIdNotFound = new("InvalidAllocationID.NotFound", 400);
    public static readonly Ec2ErrorCode InvalidAllocationIdMalformed = new("InvalidAllocationID.Malformed", 400);
    public static readonly Ec2ErrorCode InvalidAssociationIdNotFound = new("InvalidAssociationID.NotFound", 400);
    public static readonly Ec2ErrorCode InvalidAssociationIdMalformed = new("InvalidAssociationID.Malformed", 400);
    public static readonly Ec2ErrorCode AddressLimitExceeded = new("AddressLimitExceeded", 400);
    public static readonly Ec2ErrorCode InvalidUserDataMalformed = new("InvalidUserData.Malformed", 400);
    public static readonly Ec2ErrorCode TagLimitExceeded = new("TagLimitExceeded", 400);
    public static readonly Ec2ErrorCode InvalidKeyFormat = new("InvalidKey.Format", 400);
    public static readonly Ec2ErrorCode InvalidGroupReserved = new("InvalidGroup.Reserved", 400);
    public static readonly Ec2ErrorCode InvalidVolumeNotFound = new("InvalidVolume.NotFound", 400);
    public static readonly Ec2ErrorCode InvalidVolumeMalformed = new("InvalidVolume.Malformed", 400);
    public static readonly Ec2ErrorCode InvalidSnapshotNotFound = new("InvalidSnapshot.NotFound", 400);
    public static readonly Ec2ErrorCode InvalidSnapshotMalformed = new("InvalidSnapshot.Malformed", 400);
    public static readonly Ec2ErrorCode VolumeInUse = new("VolumeInUse", 400);
    public static readonly Ec2ErrorCode IncorrectState = new("IncorrectState", 400);
    public static readonly Ec2ErrorCode VolumeLimitExceeded = new("VolumeLimitExceeded", 400);
    public static readonly Ec2ErrorCode SnapshotLimitExceeded = new("SnapshotLimitExceeded", 400);
    public static readonly Ec2ErrorCode InvalidAttachmentNotFound = new("InvalidAttachment.NotFound", 400);
    public static readonly Ec2ErrorCode InvalidInstanceType = new("InvalidInstanceType", 400);
    public static readonly Ec2ErrorCode InsufficientAddressCapacity = new("InsufficientAddressCapacity", 500);
    public static readonly Ec2ErrorCode IdempotentParameterMismatch = new("IdempotentParameterMismatch", 400);
    public static readonly Ec2ErrorCode InvalidSubnetIdNotFound = new("InvalidSubnetID.NotFound", 400);

    /// <summary>Every code above, e.g. for a compatibility table.</summary>
    public static IReadOnlyList<Ec2ErrorCode> All { get; } =
    [
        AuthFailure, SignatureDoesNotMatch, IncompleteSignature, RequestExpired, MissingAuthenticationToken,
        InvalidAction, MissingAction, MalformedQueryString, MissingParameter, InvalidParameterValue,
        InvalidParameterCombination, InvalidParameter, UnknownParameter,
        InvalidInstanceIdNotFound, InvalidInstanceIdMalformed, InvalidAmiIdNotFound, InvalidAmiIdMalformed,
        InvalidAmiNameDuplicate, InvalidAmiNameMalformed, IncorrectInstanceState, OperationNotPermitted, InvalidKeyPairDuplicate, InvalidKeyPairNotFound,
        InvalidGroupDuplicate, InvalidGroupNotFound, InvalidPermissionNotFound, InvalidPermissionDuplicate,
        DryRunOperation, UnauthorizedOperation, RequestLimitExceeded, InstanceLimitExceeded,
        InsufficientInstanceCapacity, InternalError, Unavailable, InvalidPaginationToken, InvalidRequest,
        InvalidGroupInUse, CannotDelete, InvalidId, InvalidGroupIdMalformed, InvalidAddressNotFound,
        InvalidAllocationIdNotFound, InvalidAllocationIdMalformed, InvalidAssociationIdNotFound, InvalidAssociationIdMalformed,
        AddressLimitExceeded, InvalidUserDataMalformed, TagLimitExceeded, InvalidKeyFormat, InvalidGroupReserved,
        InvalidVolumeNotFound, InvalidVolumeMalformed, InvalidSnapshotNotFound, InvalidSnapshotMalformed,
        VolumeInUse, IncorrectState, VolumeLimitExceeded, SnapshotLimitExceeded, InvalidAttachmentNotFound,
        InvalidInstanceType, InsufficientAddressCapacity, IdempotentParameterMismatch, InvalidSubnetIdNotFound,
    ];

    /// <summary>Server-side failures (5xx), which SDKs may retry.</summary>
    public bool IsServerError => HttpStatus >= 500;

    /// <summary>The catalogue entry for a code string, or null.</summary>
    public static Ec2ErrorCode? Find(string code)
    {
        foreach (var each in All)
        {
            if (each.Code == code)
                return each;
        }

        return null;
    }
}
