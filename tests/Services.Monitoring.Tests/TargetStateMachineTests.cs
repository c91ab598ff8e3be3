using Kiln.Monitoring.HealthChecks;

namespace Kiln.Monitoring.Tests;

public sealed class TargetStateMachineTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Two_failures_then_a_success_do_not_take_a_target_down()
    {
        var machine = new TargetStateMachine(failuresBeforeDown: 3, successesBeforeUp: 2);
        Assert.Null(machine.Record(false, At));
        Assert.Null(machine.Record(false, At));
        Assert.Null(machine.Record(true, At));
        Assert.Null(machine.Record(false, At));
        Assert.Null(machine.Record(false, At));
        Assert.Equal(TargetStatus.Up, machine.Status);
    }

    [Fact]
    public void Third_consecutive_failure_takes_it_down_once()
    {
        var machine = new TargetStateMachine(3, 2);
        machine.Record(false, At);
        machine.Record(false, At);
        Assert.Equal(TargetStatus.Down, machine.Record(false, At.AddSeconds(20)));
        Assert.Null(machine.Record(false, At.AddSeconds(30)));
        Assert.Equal(At.AddSeconds(20), machine.StatusSince);
    }

    [Fact]
    public void A_down_target_needs_two_consecutive_successes_to_come_back()
    {
        var machine = new TargetStateMachine(1, 2);
        Assert.Equal(TargetStatus.Down, machine.Record(false, At));
        Assert.Null(machine.Record(true, At));
        Assert.Null(machine.Record(false, At));
        Assert.Null(machine.Record(true, At));
        Assert.Equal(TargetStatus.Up, machine.Record(true, At));
        Assert.Null(machine.Record(true, At));
    }

    [Fact]
    public void A_target_is_unsettled_until_it_answers_or_goes_down()
    {
        var machine = new TargetStateMachine(3, 1);
        Assert.False(machine.Settled);
        machine.Record(false, At);
        Assert.False(machine.Settled);
        machine.Record(true, At);
        Assert.True(machine.Settled);
    }
}
