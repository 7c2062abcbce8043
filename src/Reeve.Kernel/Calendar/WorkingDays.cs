using System.Globalization;
using NodaTime;

namespace Reeve.Kernel;

/// <summary>
/// Working days in England and Wales: not a Saturday or Sunday and not a bank holiday. Bank holidays
/// 2018 to 2030 are data (including the one-off days such as 19 September 2022); outside those years
/// they follow the Banking and Financial Dealings Act 1971 Sch 1 rules and the usual substitute days.
/// </summary>
public sealed class WorkingDays
{
    private readonly HashSet<LocalDate> _listed;
    private readonly int _firstListedYear;
    private readonly int _lastListedYear;
    private readonly Dictionary<int, HashSet<LocalDate>> _ruleCache = [];
    private readonly Lock _gate = new();

    public WorkingDays(IEnumerable<LocalDate> listedHolidays, int firstListedYear, int lastListedYear)
    {
        _listed = [.. listedHolidays];
        _firstListedYear = firstListedYear;
        _lastListedYear = lastListedYear;
    }

    /// <summary>The calendar shipped with Reeve: England and Wales, listed 2018 to 2030.</summary>
    public static WorkingDays EnglandAndWales { get; } = LoadEmbedded();

    public bool IsBankHoliday(LocalDate date)
    {
        if (date.Year >= _firstListedYear && date.Year <= _lastListedYear)
        {
            return _listed.Contains(date);
        }

        lock (_gate)
        {
            if (!_ruleCache.TryGetValue(date.Year, out var days))
            {
                days = [.. BankHolidayRules.ForYear(date.Year)];
                _ruleCache[date.Year] = days;
            }

            return days.Contains(date);
        }
    }

    public bool IsWorkingDay(LocalDate date) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !IsBankHoliday(date);

    /// <summary>The date itself if it is a working day, otherwise the next one.</summary>
    public LocalDate OnOrAfter(LocalDate date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.PlusDays(1);
        }

        return date;
    }

    /// <summary>The date itself if it is a working day, otherwise the previous one.</summary>
    public LocalDate OnOrBefore(LocalDate date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.PlusDays(-1);
        }

        return date;
    }

    /// <summary>Moves a number of working days forward (positive) or back (negative) from a date.</summary>
    public LocalDate AddWorkingDays(LocalDate date, int days)
    {
        var step = days >= 0 ? 1 : -1;
        var left = Math.Abs(days);
        while (left > 0)
        {
            date = date.PlusDays(step);
            if (IsWorkingDay(date))
            {
                left--;
            }
        }

        return date;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public int WorkingDaysBetween(LocalDate from, LocalDate to)
    {
        var count = 0;
        for (var d = from.PlusDays(1); d <= to; d = d.PlusDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    private static WorkingDays LoadEmbedded()
    {
        using var stream = typeof(WorkingDays).Assembly.GetManifestResourceStream("Reeve.Kernel.BankHolidays.csv")
            ?? throw new InvalidOperationException("The bank holiday calendar is missing from the build");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    /// <summary>Reads "date,name" lines (ISO dates) and a "# years: 2018-2030" line naming the years covered.</summary>
    public static WorkingDays Parse(TextReader reader)
    {
        var dates = new List<LocalDate>();
        int first = 0, last = -1;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.StartsWith("# years:", StringComparison.Ordinal))
            {
                var range = line["# years:".Length..].Trim().Split('-');
                first = int.Parse(range[0], CultureInfo.InvariantCulture);
                last = int.Parse(range[1], CultureInfo.InvariantCulture);
                continue;
            }

            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("date,", StringComparison.Ordinal))
            {
                continue;
            }

            var field = line.Split(',')[0];
            var parsed = DateText.Iso.Parse(field);
            if (!parsed.Success)
            {
                throw new FormatException($"Bank holiday calendar line {lineNumber}, field date: '{field}' is not a date");
            }

            dates.Add(parsed.Value);
        }

        return new WorkingDays(dates, first, last);
    }
}
