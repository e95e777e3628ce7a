using Npgsql;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Compute.Marten;

/// <summary>
/// Leadership by a PostgreSQL session advisory lock held on a dedicated connection: the lock goes
/// with the connection, so a crashed leader frees it and another replica takes over.
/// </summary>
public sealed class PostgresLeadership(string connectionString, string schema) : ILeadership, IAsyncDisposable
{
    // Unpooled: a pooled connection would stay open after disposal and keep the lock.
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly long _key = LockKey(schema);
    private NpgsqlConnection? _held;

    public async Task<bool> TryLeadAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_held is not null && await StillOpenAsync(_held, ct).ConfigureAwait(false))
            {
                return true;
            }

            await DropAsync().ConfigureAwait(false);
            var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("select pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = _key } } };
            if (await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is true)
            {
                _held = connection;
                return true;
            }

            await connection.DisposeAsync().ConfigureAwait(false);
            return false;
        }
        catch (NpgsqlException)
        {
            await DropAsync().ConfigureAwait(false);
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private static async Task<bool> StillOpenAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        try
        {
            await using var ping = new NpgsqlCommand("select 1", connection);
            await ping.ExecuteScalarAsync(ct).ConfigureAwait(false);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private async Task DropAsync()
    {
        if (_held is not null)
        {
            await _held.DisposeAsync().ConfigureAwait(false);
            _held = null;
        }
    }

    // One lock per schema, so clouds sharing a PostgreSQL server do not block each other.
    private static long LockKey(string schema)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("standardscloud-leader:" + schema));
        return BitConverter.ToInt64(hash, 0);
    }
}
