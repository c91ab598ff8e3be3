using Kiln.ServiceDefaults.RequestIds;
using Microsoft.Extensions.Time.Testing;

namespace Kiln.ServiceDefaults.Tests;

public class RequestIdFormatTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("abc-123")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e")]
    [InlineData("trace:span.1_2")]
    public void Well_formed_ids_are_kept(string incoming) =>
        Assert.Equal(incoming, RequestIdFormat.AcceptOrCreate(incoming, _time));

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("new\nline")]
    [InlineData("quote\"d")]
    [InlineData("ünïcode")]
    public void Malformed_ids_are_replaced(string incoming)
    {
        var id = RequestIdFormat.AcceptOrCreate(incoming, _time);
        Assert.NotEqual(incoming, id);
        Assert.True(RequestIdFormat.IsWellFormed(id));
    }

    [Fact]
    public void Overlong_ids_are_replaced()
    {
        var incoming = new string('a', RequestIdFormat.MaxLength + 1);
        Assert.NotEqual(incoming, RequestIdFormat.AcceptOrCreate(incoming, _time));
        Assert.True(RequestIdFormat.IsWellFormed(new string('a', RequestIdFormat.MaxLength)));
    }

    [Fact]
    public void Missing_id_gets_a_new_one_that_sorts_by_time()
    {
        var first = RequestIdFormat.AcceptOrCreate(null, _time);
        _time.Advance(TimeSpan.FromMilliseconds(5));
        var second = RequestIdFormat.AcceptOrCreate(null, _time);
        Assert.Equal(32, first.Length);
        Assert.True(string.CompareOrdinal(first, second) < 0);
    }
}
