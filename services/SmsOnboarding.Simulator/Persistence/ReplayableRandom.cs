namespace SmsOnboarding.Simulator.Persistence;

/// <summary>
/// A seeded <see cref="Random"/> whose position can be saved: System.Random's seeded state is not readable,
/// so the draws are counted and a restored generator replays that many draws from the seed. It yields exactly
/// the sequence of <c>new Random(seed)</c>, so ids and codes stay what they were before persistence existed.
/// </summary>
internal sealed class ReplayableRandom : Random
{
    private readonly Random _inner;

    public ReplayableRandom(int seed, long draws = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(draws);
        Seed = seed;
        _inner = new Random(seed);
        // Every method below consumes one sample of the seeded generator per counted draw.
        for (var i = 0L; i < draws; i++)
        {
            _inner.Next();
        }
        Draws = draws;
    }

    public int Seed { get; }

    /// <summary>Samples taken from the seeded generator so far.</summary>
    public long Draws { get; private set; }

    public override int Next()
    {
        Draws++;
        return _inner.Next();
    }

    public override int Next(int maxValue)
    {
        Draws++;
        return _inner.Next(maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        // The seeded generator takes two samples for a range wider than int.MaxValue.
        Draws += (long)maxValue - minValue > int.MaxValue ? 2 : 1;
        return _inner.Next(minValue, maxValue);
    }

    public override double NextDouble()
    {
        Draws++;
        return _inner.NextDouble();
    }

    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        Draws += buffer.Length;
        _inner.NextBytes(buffer);
    }

    public override void NextBytes(Span<byte> buffer)
    {
        Draws += buffer.Length;
        _inner.NextBytes(buffer);
    }

    protected override double Sample() => NextDouble();
}
