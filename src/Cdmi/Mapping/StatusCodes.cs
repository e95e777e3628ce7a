using StandardsCloud.Storage;

namespace StandardsCloud.Cdmi.Mapping;

/// <summary>The store's answers as CDMI HTTP status codes (CDMI 1.1.1 response status tables, e.g. §8.2.8, Table 24).</summary>
public static class CdmiStatus
{
    public static int Of(StorageStatus status) => status switch
    {
        StorageStatus.Ok => 200,
        StorageStatus.Created => 201,
        StorageStatus.NotFound or StorageStatus.ParentNotFound => 404,
        StorageStatus.Forbidden => 403,
        StorageStatus.AlreadyExists or StorageStatus.Conflict or StorageStatus.NotADataObject => 409,
        StorageStatus.TooLarge => 413,
        StorageStatus.PreconditionFailed => 412,
        _ => 400,
    };

    public static CdmiReply Fail<T>(StorageResult<T> result) => CdmiReply.Error(Of(result.Status), result.Message);
}
