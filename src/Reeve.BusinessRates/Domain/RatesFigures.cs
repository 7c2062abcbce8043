using NodaTime;
using Reeve.Kernel;

namespace Reeve.BusinessRates.Domain;

/// <summary>One statutory figure in force from <paramref name="From"/> to <paramref name="To"/> (inclusive; open while null), with the law that sets it.</summary>
public sealed record RatesFigure(string Name, LocalDate From, LocalDate? To, string Value, string Source)
{
    public bool InForceOn(LocalDate day) => From <= day && (To is null || day <= To);
}

/// <summary>A figure read as a number, with its source: a whole number, or a multiplier in tenths of a penny.</summary>
public readonly record struct FigureValue(long Value, string Source);

/// <summary>
/// The national figures of business rates as effective-dated rows: the multipliers and the relief thresholds and
/// percentages. A change in the law is a new row, never new code; a day with no row for a figure is outside what
/// Reeve holds and is refused, never guessed.
/// </summary>
public sealed class RatesFigures
{
    private readonly ILookup<string, RatesFigure> _byName;

    public RatesFigures(IEnumerable<RatesFigure> figures)
    {
        var list = figures.ToList();
        foreach (var clash in list.GroupBy(f => f.Name).SelectMany(g => g.SelectMany(a => g.Where(b => !ReferenceEquals(a, b) && Overlap(a, b)))))
        {
            throw new ArgumentException($"The figure {clash.Name} has two rows in force on {clash.From}", nameof(figures));
        }

        _byName = list.ToLookup(f => f.Name, StringComparer.Ordinal);
        FirstDay = list.Count == 0 ? LocalDate.MaxIsoValue : list.Min(f => f.From);
    }

    /// <summary>The first day any figure is held for.</summary>
    public LocalDate FirstDay { get; }

    public RatesFigure? Find(string name, LocalDate day) => _byName[name].SingleOrDefault(f => f.InForceOn(day));

    public bool Has(string name, LocalDate day) => Find(name, day) is not null;

    /// <summary>A whole-number figure (a rateable value threshold, a percentage, a count of months) in force on <paramref name="day"/>.</summary>
    public FigureValue Whole(string name, LocalDate day)
    {
        var figure = Require(name, day);
        return long.TryParse(figure.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? new FigureValue(value, figure.Source)
            : throw new InvalidOperationException($"The figure {name} from {figure.From} is '{figure.Value}', not a whole number");
    }

    /// <summary>A multiplier in force on <paramref name="day"/>, in tenths of a penny per pound of rateable value (49.9p is 499).</summary>
    public FigureValue MultiplierTenths(string code, LocalDate day)
    {
        var figure = Require("multiplier:" + code, day);
        var parts = figure.Value.Split('.');
        return parts.Length == 2 && parts[1].Length == 1 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit))
            ? new FigureValue(long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 10 + (parts[1][0] - '0'), figure.Source)
            : throw new InvalidOperationException($"The multiplier {code} from {figure.From} is '{figure.Value}', not pence with one decimal place");
    }

    private RatesFigure Require(string name, LocalDate day) =>
        Find(name, day) ?? throw new InvalidOperationException($"No figure {name} is held for {day}; a new row in the rates figures is needed");

    private static bool Overlap(RatesFigure a, RatesFigure b) =>
        a.From <= (b.To ?? LocalDate.MaxIsoValue) && b.From <= (a.To ?? LocalDate.MaxIsoValue);
}

/// <summary>Shows a multiplier held in tenths of a penny as officers write it: 499 is "49.9".</summary>
public static class MultiplierText
{
    public static string Pence(long tenths) => $"{tenths / 10}.{tenths % 10}";
}
