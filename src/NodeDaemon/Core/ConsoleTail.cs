using System.Text;
using Microsoft.Extensions.Logging;
using StandardsCloud.NodeDaemon.Agent;
using StandardsCloud.NodeDaemon.Domains;
using StandardsCloud.NodeProtocol;

namespace StandardsCloud.NodeDaemon.Core;

/// <summary>
/// Follows each running QEMU domain's serial console file and sends what is new to the core.
/// Polling the file sizes twice a second costs one stat per domain and needs no inotify watch
/// per file; a file that shrinks was truncated by a new boot and is read again from the start.
/// </summary>
public sealed class ConsoleTail(NodeAgent agent, DomainLayout layout, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private const int MaxChunkBytes = 64 * 1024;

    private readonly Dictionary<string, long> _positions = new(StringComparer.Ordinal);

    public async Task RunAsync(NodeSession session, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, time, cancellationToken).ConfigureAwait(false);
            if (session.Token is not { } token)
            {
                continue;
            }

            var active = agent.ActiveInstances;
            foreach (var gone in _positions.Keys.Except(active).ToList())
            {
                _positions.Remove(gone);
            }

            foreach (var instanceId in active)
            {
                await SendNewAsync(session.Client, token, instanceId, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task SendNewAsync(CoreClient client, string token, string instanceId, CancellationToken cancellationToken)
    {
        var path = layout.ConsolePath(instanceId);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return;
        }

        if (!_positions.TryGetValue(instanceId, out var position) || info.Length < position)
        {
            position = 0;
        }

        while (info.Length > position)
        {
            var bytes = new byte[(int)Math.Min(MaxChunkBytes, info.Length - position)];
            int read;
            await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                stream.Seek(position, SeekOrigin.Begin);
                read = await stream.ReadAsync(bytes, cancellationToken).ConfigureAwait(false);
            }

            // A character split across reads waits for its remaining bytes.
            var complete = CompleteLength(bytes.AsSpan(0, read));
            if (complete == 0)
            {
                break;
            }

            var chunk = new ConsoleChunk(instanceId, position, Encoding.UTF8.GetString(bytes, 0, complete));
            var sent = await client.PostConsoleAsync(chunk, token, cancellationToken).ConfigureAwait(false);
            if (sent != CoreAnswerKind.Ok)
            {
                logger.ConsolePostFailed(instanceId, sent.ToString());
                break;
            }

            position += complete;
            _positions[instanceId] = position;
        }
    }

    /// <summary>The length of <paramref name="bytes"/> without a trailing incomplete UTF-8 sequence.</summary>
    internal static int CompleteLength(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? bytes.Length - back : bytes.Length;
        }

        return bytes.Length;
    }
}
