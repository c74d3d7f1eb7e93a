using Hark.Sip.Transport;

namespace Hark.Sip.Tests.Transport;

public class DescriptorBudgetTests
{
    [Fact]
    public void IsShort_DescriptorAtTheCeiling_RefusedWithoutCounting()
    {
        // Limit 1024 keeps 256: the accepted descriptor 768 means 0..768 are open, 769 > 768.
        var table = new FakeDescriptorTable { Limit = 1024 };
        var budget = new DescriptorBudget(table, 256, new ManualClock());

        Assert.False(budget.IsShort(766, out _));
        var countsBefore = table.Counts;
        Assert.True(budget.IsShort(768, out var shortage));

        Assert.Equal(new DescriptorShortage(769, 1024, 256), shortage);
        Assert.Equal(countsBefore, table.Counts);
    }

    [Fact]
    public void IsShort_FreeDescriptorsLowButTheTableNearlyFull_RefusedByTheCount()
    {
        // Descriptor 10 is free (closed out of order) while 900 are open: only a count tells.
        var table = new FakeDescriptorTable { Limit = 1024, Open = 900 };
        var budget = new DescriptorBudget(table, 256, new ManualClock());

        Assert.True(budget.IsShort(10, out var shortage));

        Assert.Equal(new DescriptorShortage(900, 1024, 256), shortage);
        Assert.Equal(1, table.Counts);
    }

    [Fact]
    public void IsShort_FarBelowTheCeiling_CountsOncePerIntervalAndAddsWhatItAdmitted()
    {
        var clock = new ManualClock();
        var table = new FakeDescriptorTable { Limit = 10_000, Open = 100 };
        var budget = new DescriptorBudget(table, 256, clock);

        for (var i = 0; i < 50; i++)
        {
            Assert.False(budget.IsShort(100 + i, out _));
        }

        var countsWithin = table.Counts;
        clock.Advance(DescriptorBudget.RecountInterval);
        Assert.False(budget.IsShort(150, out _));

        Assert.Equal(1, countsWithin);
        Assert.Equal(2, table.Counts);
    }

    [Fact]
    public void IsShort_WithinAReserveOfTheCeiling_CountsEveryAcceptUntilFull()
    {
        // Ceiling 768; from 512 open on, each accept is counted, and the one that finds more than the ceiling refused.
        var table = new FakeDescriptorTable { Limit = 1024, Open = 600 };
        var budget = new DescriptorBudget(table, 256, new ManualClock());

        Assert.False(budget.IsShort(20, out _));
        table.Open = 700;
        Assert.False(budget.IsShort(21, out _));
        table.Open = 769;
        Assert.True(budget.IsShort(22, out var shortage));

        Assert.Equal(3, table.Counts);
        Assert.Equal(769, shortage.InUse);
    }

    [Fact]
    public void IsShort_AdmittedSinceTheCountReachTheBand_CountedAgainBeforeTheIntervalEnds()
    {
        // Counted 400 open, ceiling 768: without recounting, 112 more admissions reach the band (more than 512).
        var table = new FakeDescriptorTable { Limit = 1024, Open = 400 };
        var budget = new DescriptorBudget(table, 256, new ManualClock());

        for (var i = 0; i <= 112; i++)
        {
            Assert.False(budget.IsShort(i, out _));
        }

        Assert.Equal(1, table.Counts);
        Assert.False(budget.IsShort(113, out _));
        Assert.Equal(2, table.Counts);
    }

    [Fact]
    public void IsShort_RefusedThenDescriptorsFreed_AdmittedOnceTheCountIsStale()
    {
        var clock = new ManualClock();
        var table = new FakeDescriptorTable { Limit = 1024, Open = 900 };
        var budget = new DescriptorBudget(table, 256, clock);
        Assert.True(budget.IsShort(10, out _));

        // Within the interval the refusing count stands; after it, a new count finds room.
        table.Open = 300;
        Assert.True(budget.IsShort(10, out _));
        clock.Advance(DescriptorBudget.RecountInterval);

        Assert.False(budget.IsShort(10, out _));
        Assert.Equal(2, table.Counts);
    }

    [Fact]
    public void IsShort_LimitLoweredWhileRunning_TheNewLimitCounts()
    {
        var table = new FakeDescriptorTable { Limit = 100_000, Open = 300 };
        var budget = new DescriptorBudget(table, 256, new ManualClock());
        Assert.False(budget.IsShort(299, out _));

        table.Limit = 400;

        Assert.True(budget.IsShort(300, out var shortage));
        Assert.Equal(new DescriptorShortage(301, 400, 100), shortage);
    }

    [Theory]
    [InlineData(1024, 256, 256)]
    [InlineData(100_000, 256, 256)]
    [InlineData(400, 256, 100)]
    [InlineData(64, 256, 16)]
    [InlineData(100_000, 1000, 1000)]
    public void IsShort_Kept_TheReserveButAtMostAQuarterOfTheLimit(long limit, int reserve, long kept)
    {
        var budget = new DescriptorBudget(new FakeDescriptorTable { Limit = limit }, reserve, new ManualClock());

        Assert.True(budget.IsShort(limit - 1, out var shortage));
        Assert.Equal(kept, shortage.Kept);
    }

    [Fact]
    public void IsShort_CountFails_Refused()
    {
        // With no descriptor left even to look, the table is as good as full.
        var table = new FakeDescriptorTable { Limit = 1024, Open = null };
        var budget = new DescriptorBudget(table, 256, new ManualClock());

        Assert.True(budget.IsShort(10, out var shortage));
        Assert.Equal(-1, shortage.InUse);
    }

    [Fact]
    public void IsShort_NoLimitKnownOrReserveZero_AlwaysAdmittedWithoutCounting()
    {
        var unknown = new FakeDescriptorTable { Limit = null };
        var off = new FakeDescriptorTable { Limit = 1024, Open = 1023 };

        Assert.False(new DescriptorBudget(unknown, 256, new ManualClock()).IsShort(1_000_000, out _));
        Assert.False(new DescriptorBudget(off, 0, new ManualClock()).IsShort(1022, out _));
        Assert.Equal(0, unknown.Counts + off.Counts);
    }
}
