using Npgsql;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Marten;

/// <summary>
/// An <see cref="InstanceQuery"/> as one SQL statement over the instance table: the duplicated
/// columns where there are some, the document's fields otherwise, in request order and paged.
/// Written out rather than translated from LINQ on every call: the translation showed in profiles
/// of a 100-instance DescribeInstances at close to a tenth of the server's CPU.
/// </summary>
internal static class InstanceSql
{
    /// <summary>Request order: request time, launch index, id.</summary>
    public const string RequestOrder = " order by d.requested_at, d.launch_index, d.id";

    /// <summary>A command selecting <paramref name="columns"/> of the instances <paramref name="query"/> matches, in request order.</summary>
    public static NpgsqlCommand Select(string columns, string table, InstanceQuery query)
    {
        var command = new NpgsqlCommand();
        var where = new List<string>();
        string Parameter(object value)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
            return "$" + command.Parameters.Count;
        }

        void OneOf(string column, IReadOnlyCollection<string> values)
        {
            if (values.Count > 0)
            {
                where.Add($"{column} = any({Parameter(values.ToArray())})");
            }
        }

        if (query.Owner is { } owner)
        {
            where.Add("d.owner = " + Parameter(owner));
        }

        if (query.HostId is { } hostId)
        {
            where.Add("d.host_id = " + Parameter(hostId));
        }

        if (query.HoldingHostOnly)
        {
            where.Add("d.holds_host");
        }

        if (query.ClientToken is { } token)
        {
            where.Add("d.client_token = " + Parameter(token));
        }

        if (query.SecurityGroupId is { } groupId)
        {
            where.Add($"d.data -> 'SecurityGroupIds' ? {Parameter(groupId)}");
        }

        OneOf("d.state", [.. query.States.Select(s => s.ToString())]);
        OneOf("d.id", query.Ids);
        OneOf("d.instance_type", query.InstanceTypes);
        OneOf("d.image_id", query.ImageIds);
        OneOf("d.reservation_id", query.ReservationIds);
        OneOf("d.data ->> 'KeyName'", query.KeyNames);
        OneOf("d.private_address", query.PrivateAddresses);
        foreach (var (key, values) in query.Tags)
        {
            where.Add(values.Count == 0
                ? $"d.data -> 'Tags' ? {Parameter(key)}"
                : $"d.data -> 'Tags' ->> {Parameter(key)} = any({Parameter(values.ToArray())})");
        }

        var sql = $"select {columns} from {table} as d" + (where.Count > 0 ? " where " + string.Join(" and ", where) : "") + RequestOrder;
        if (query.Skip > 0)
        {
            sql += " offset " + Parameter(query.Skip);
        }

        command.CommandText = sql + " limit " + Parameter(query.Limit);
        return command;
    }
}
