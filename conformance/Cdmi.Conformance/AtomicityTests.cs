using System.Net.Sockets;
using System.Text;

namespace StandardsCloud.Cdmi.Conformance;

/// <summary>Uploads cut short never show, and never cost the previous version; values stream.</summary>
[Collection(MemoryCollection.Name)]
public class AtomicityTests(CdmiSite site) : IClassFixture<CdmiSite>
{
    [Fact]
    public async Task Put_ConnectionDroppedMidUpload_KeepsThePreviousVersion()
    {
        using var client = site.Cdmi();
        var container = "/" + CdmiSite.Unique("atomic") + "/";
        await (await client.PutContainerAsync(container)).ExpectAsync(201);
        await (await client.PutObjectAsync(container + "f", """{"value":"version one"}""")).ExpectAsync(201);

        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync("127.0.0.1", site.CdmiAddress.Port);
            var stream = socket.GetStream();
            var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{site.Admin.User}:{site.Admin.Password}"));
            var head = $"PUT {container}f HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic {auth}\r\nContent-Type: application/octet-stream\r\nContent-Length: 10000000\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(new byte[3_000_000]);
            await stream.FlushAsync();
            socket.Client.Shutdown(SocketShutdown.Both);
        }

        // The server may still be reading what was sent when the next request arrives; either way
        // only the whole old version or (never) a whole new one can be read.
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal("version one", await client.GetStringAsync(container + "f"));
            await Task.Delay(20);
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(site.DataDirectory, "storage", "tmp")));
    }

    [Fact]
    public async Task PutAndGet_LargeValue_StreamWithoutHoldingIt()
    {
        const long size = 128L * 1024 * 1024;
        using var client = site.Cdmi();
        var container = "/" + CdmiSite.Unique("large") + "/";
        await (await client.PutContainerAsync(container)).ExpectAsync(201);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var put = new HttpRequestMessage(HttpMethod.Put, container + "big") { Content = new StreamContent(new ZeroStream(size)) };
        put.Content.Headers.ContentLength = size;
        await (await client.SendAsync(put)).ExpectAsync(201);
        using var response = await client.GetAsync(container + "big", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(size, total);
        Assert.True(allocated < size / 4, $"{allocated} bytes allocated moving {size} bytes each way");
    }

    private sealed class ZeroStream(long size) : Stream
    {
        private readonly long _length = size;
        private long _left = size;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => _length - _left; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, _left);
            buffer[..n].Clear();
            _left -= n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
