using Microsoft.AspNetCore.Connections;
using StandardsCloud.CloudKit;
using StandardsCloud.Server.Hosting;

namespace StandardsCloud.Server.Tests.Hosting;

public sealed class LargeBlockMemoryPoolTests(CloudFixture cloud) : IClassFixture<CloudFixture>
{
    [Fact]
    public void Server_KestrelsPools_AreLargeBlockPools()
    {
        using var pool = cloud.Service<IMemoryPoolFactory<byte>>().Create();
        Assert.IsType<LargeBlockMemoryPool>(pool);
        Assert.Equal(LargeBlockMemoryPool.BlockBytes, pool.MaxBufferSize);
    }

    [Fact]
    public void Rent_ReturnedBlock_IsReusedOnce()
    {
        using var pool = new LargeBlockMemoryPool();
        var first = pool.Rent();
        Assert.Equal(LargeBlockMemoryPool.BlockBytes, first.Memory.Length);
        first.Memory.Span[0] = 42;
        first.Dispose();
        first.Dispose();

        using var again = pool.Rent();
        using var other = pool.Rent();
        Assert.Equal(42, again.Memory.Span[0]);
        Assert.False(again.Memory.Span.Overlaps(other.Memory.Span));
    }

    [Fact]
    public void Rent_MoreThanABlock_Refused()
    {
        using var pool = new LargeBlockMemoryPool();
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(LargeBlockMemoryPool.BlockBytes + 1));
    }
}
