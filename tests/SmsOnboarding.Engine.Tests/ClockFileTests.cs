using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SmsOnboarding.Engine.Time;

namespace SmsOnboarding.Engine.Tests;

public sealed class ClockFileTests : IDisposable
{
    private static readonly DateTimeOffset Wall = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("clock-").FullName;

    private string PathName => Path.Combine(_dir, ClockFile.FileName);

    [Fact]
    public void Reopened_clock_resumes_at_the_offset_it_had_skipped_to()
    {
        var wall = new FakeTimeProvider(Wall);
        var clock = ClockFile.Open(PathName, wall);
        using (clock.CreateTimer(_ => { }, null, TimeSpan.FromDays(3), Timeout.InfiniteTimeSpan))
        {
            Assert.True(clock.TrySkipToNextTimer());
        }
        Assert.Equal(Wall.AddDays(3), clock.GetUtcNow());

        wall.Advance(TimeSpan.FromMinutes(1));
        var reopened = ClockFile.Open(PathName, wall);

        Assert.Equal(Wall.AddDays(3).AddMinutes(1), reopened.GetUtcNow());
        Assert.Equal(TimeSpan.FromDays(3), reopened.Offset);
    }

    [Fact]
    public void Reopened_clock_never_runs_earlier_than_its_last_saved_time_when_the_wall_clock_went_back()
    {
        var clock = ClockFile.Open(PathName, new FakeTimeProvider(Wall));
        using (clock.CreateTimer(_ => { }, null, TimeSpan.FromHours(5), Timeout.InfiniteTimeSpan))
        {
            clock.TrySkipToNextTimer();
        }

        var reopened = ClockFile.Open(PathName, new FakeTimeProvider(Wall.AddHours(-2)));

        Assert.Equal(Wall.AddHours(5), reopened.GetUtcNow());
    }

    [Fact]
    public void Start_sets_a_new_clock_and_is_ignored_once_a_clock_is_saved()
    {
        var wall = new FakeTimeProvider(Wall);
        Assert.Equal(Wall.AddDays(-30), ClockFile.Open(PathName, wall, start: Wall.AddDays(-30)).GetUtcNow());

        var reopened = ClockFile.Open(PathName, wall, start: Wall.AddDays(100));

        Assert.Equal(Wall.AddDays(-30), reopened.GetUtcNow());
    }

    [Fact]
    public void Skip_is_written_before_the_clock_moves_and_a_failed_write_keeps_the_clock_where_it_was()
    {
        var clock = ClockFile.Open(PathName, new FakeTimeProvider(Wall));
        using var timer = clock.CreateTimer(_ => { }, null, TimeSpan.FromHours(26), Timeout.InfiniteTimeSpan);
        Directory.Delete(_dir, recursive: true);

        var error = Assert.Throws<ClockFileException>(() => clock.TrySkipToNextTimer());

        Assert.Contains(PathName, error.Message, StringComparison.Ordinal);
        Assert.Equal(Wall, clock.GetUtcNow());
        Directory.CreateDirectory(_dir);
        Assert.True(clock.TrySkipToNextTimer());
        Assert.Equal(Wall.AddHours(26), clock.GetUtcNow());
        Assert.Equal(Wall.AddHours(26), DateTimeOffset.Parse((string)JsonNode.Parse(File.ReadAllText(PathName))!["virtualNow"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"offset": "soon", "virtualNow": "2026-11-02T09:00:00Z"}""")]
    [InlineData("null")]
    public void Unreadable_clock_file_is_refused_with_its_name(string content)
    {
        File.WriteAllText(PathName, content);

        var error = Assert.Throws<ClockFileException>(() => ClockFile.Open(PathName, new FakeTimeProvider(Wall)));

        Assert.Contains(PathName, error.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(PathName));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
