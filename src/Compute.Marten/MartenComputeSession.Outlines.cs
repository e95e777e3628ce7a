using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using StandardsCloud.Compute.Instances;

namespace StandardsCloud.Compute.Marten;

internal sealed partial class MartenComputeSession
{
    // The outline's fields as columns: the duplicated ones as they are, the rest taken out of the document by PostgreSQL,
    // so no document is rendered to text and none is deserialized. In request order, as listings are.
    private const string OutlineColumns =
        "select d.id, d.client_token, d.image_id, d.instance_type, (d.data ->> 'Cpus')::int, (d.data ->> 'MemoryMiB')::bigint, "
        + "d.data ->> 'Hostname', d.data ->> 'PublicKey', d.data ->> 'UserData', d.private_address, d.state, d.data ->> 'Intent', "
        + "d.data ->> 'StateReason', d.host_id, nullif(d.data -> 'Tags', '{}'::jsonb)::text from ";

    public async IAsyncEnumerable<InstanceOutline> StreamInstanceOutlinesAsync(string? owner, [EnumeratorCancellation] CancellationToken ct)
    {
        var table = InstanceTable + " as d";
        await using var command = owner is null
            ? new Npgsql.NpgsqlCommand(OutlineColumns + table + InstanceSql.RequestOrder)
            : new Npgsql.NpgsqlCommand(OutlineColumns + table + " where d.owner = $1" + InstanceSql.RequestOrder) { Parameters = { new() { Value = owner } } };
        await using var reader = await session.ExecuteReaderAsync(command, ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            yield return Outline(reader);
        }
    }

    private static InstanceOutline Outline(DbDataReader row) => new()
    {
        Id = row.GetString(0),
        ClientToken = Text(row, 1),
        ImageId = row.GetString(2),
        InstanceType = row.GetString(3),
        Cpus = row.GetInt32(4),
        MemoryMiB = row.GetInt64(5),
        Hostname = Text(row, 6),
        PublicKey = Text(row, 7),
        UserData = Text(row, 8),
        PrivateAddress = Text(row, 9),
        State = Enum.Parse<InstanceState>(row.GetString(10)),
        Intent = Text(row, 11) is { } intent ? Enum.Parse<InstanceIntent>(intent) : default,
        StateReason = Text(row, 12),
        HostId = Text(row, 13),
        Tags = Text(row, 14) is { } tags ? JsonSerializer.Deserialize(tags, OutlineJson.Default.DictionaryStringString)! : InstanceOutline.NoTags,
    };

    private static string? Text(DbDataReader row, int column) => row.IsDBNull(column) ? null : row.GetString(column);
}

/// <summary>The parts of an instance document an outline reads as JSON.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class OutlineJson : JsonSerializerContext;
