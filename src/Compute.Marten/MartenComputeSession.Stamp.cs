using StandardsCloud.Compute.Addresses;
using StandardsCloud.Compute.Images;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.KeyPairs;
using StandardsCloud.Compute.SecurityGroups;
using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Compute.Marten;

internal sealed partial class MartenComputeSession
{
    // Per table: the row count and the sum of a 64-bit hash of each row's id, xmin (the transaction
    // that wrote this version of the row) and write time. An insert, update or delete moves one of
    // them; the write time keeps a row updated and then frozen by VACUUM (its xmin shown as 2 from
    // then on) apart from the version before. A sum needs no ordering, so PostgreSQL sorts nothing.
    private static string Fingerprint(string table, string where = "") =>
        $"(select count(*) || '/' || coalesce(sum(hashtextextended(d.id || ':' || d.xmin::text || ':' || d.mt_last_modified::text, 0)), 0) from {table} as d{where})";

    public async Task<string> HostInputsStampAsync(string hostId, CancellationToken ct)
    {
        var parts = new[]
        {
            Fingerprint(TableOf<Instance>(), " where d.host_id = $1 and d.holds_host"),
            Fingerprint(TableOf<Image>()),
            Fingerprint(TableOf<Volume>()),
            Fingerprint(TableOf<PublicAddress>()),
            Fingerprint(TableOf<KeyPair>()),
            Fingerprint(TableOf<SecurityGroup>()),
        };
        await using var command = new Npgsql.NpgsqlCommand("select concat_ws(' ', " + string.Join(", ", parts) + ")")
        {
            Parameters = { new() { Value = hostId } },
        };
        await using var reader = await session.ExecuteReaderAsync(command, ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? reader.GetString(0) : "";
    }
}
