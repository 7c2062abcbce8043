using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.Text;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;

namespace Reeve.CouncilTax;

/// <summary>One problem in an opening load, named as the council's data team can find it: the file, its line and the field.</summary>
public sealed record LoadProblem(string File, int Line, string Field, string Message)
{
    public override string ToString() => $"{File} line {Line}, field {Field}: {Message}";
}

public sealed record LoadProperty(int Line, long Uprn, string Line1, string? Line2, string? Line3, string Town, string Postcode, char Band, string? AreaCode);

public sealed record LoadPerson(int Line, string Ref, bool Organisation, string? Title, string? Forenames, string? Surname, string? OrganisationName,
    LocalDate KnownFrom, string? AddressLine1, string? AddressLine2, string? AddressLine3, string? Town, string? Postcode);

public sealed record LoadAccount(int Line, string Ref, long Uprn, LocalDate OpenedOn, LocalDate? ClosedOn, string PaymentMethod);

public sealed record LoadLiability(int Line, string AccountRef, string PersonRef, LocalDate From, LocalDate? To, Interest Interest);

public sealed record LoadAward(int Line, string AccountRef, string Kind, string? Code, string? PersonRef, int? Percent, LocalDate From, LocalDate? To, string Evidence);

public sealed record LoadInstalment(int Line, string AccountRef, FinancialYear Year, int Seq, LocalDate DueOn, Money Amount);

public sealed record LoadBalance(int Line, string AccountRef, FinancialYear Year, Money Balance, string IncumbentRef);

/// <summary>The files of an opening load, read and checked line by line, with the control file's totals.</summary>
public sealed record OpeningLoadSet(
    string SetSha256,
    string SourceSystem,
    IReadOnlyList<LoadProperty> Properties,
    IReadOnlyList<LoadPerson> People,
    IReadOnlyList<LoadAccount> Accounts,
    IReadOnlyList<LoadLiability> Liabilities,
    IReadOnlyList<LoadAward> Awards,
    IReadOnlyList<LoadInstalment> Instalments,
    IReadOnlyList<LoadBalance> Balances,
    IReadOnlyDictionary<string, int> ControlCounts,
    IReadOnlyDictionary<FinancialYear, Money> ControlBalances);

/// <summary>
/// Reads the CSV files of an opening load from an incumbent system (layouts in docs/domain/opening-load.md): every
/// field of every line is checked, then the references between the files, then the control totals, and every problem
/// is reported, not just the first. Pure: what is already on file comes in as <see cref="OnFile"/>.
/// </summary>
public static class OpeningLoadFiles
{
    public const string Properties = "properties.csv";
    public const string People = "people.csv";
    public const string Accounts = "accounts.csv";
    public const string Liabilities = "liabilities.csv";
    public const string Awards = "awards.csv";
    public const string Instalments = "instalments.csv";
    public const string Balances = "balances.csv";
    public const string Control = "control.csv";

    /// <summary>Every file of a load, in the order they are read; all but awards.csv must be there.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [Properties, People, Accounts, Liabilities, Awards, Instalments, Balances, Control];

    /// <summary>The data files the control file counts (every file but itself).</summary>
    public static IReadOnlyList<string> CountedFiles { get; } = [Properties, People, Accounts, Liabilities, Awards, Instalments, Balances];

    private static readonly Dictionary<string, (string[] Required, string[] Optional)> Layouts = new(StringComparer.Ordinal)
    {
        [Properties] = (["uprn", "address_line1", "town", "postcode", "band"], ["address_line2", "address_line3", "area_code"]),
        [People] = (["person_ref", "kind", "known_from"],
            ["title", "forenames", "surname", "organisation_name", "address_line1", "address_line2", "address_line3", "town", "postcode"]),
        [Accounts] = (["account_ref", "kind", "uprn", "opened_on", "payment_method"], ["closed_on"]),
        [Liabilities] = (["account_ref", "person_ref", "liable_from", "interest"], ["liable_to"]),
        [Awards] = (["account_ref", "kind", "award_from", "evidence"], ["code", "person_ref", "percent", "award_to"]),
        [Instalments] = (["account_ref", "financial_year", "seq", "due_on", "amount"], []),
        [Balances] = (["account_ref", "financial_year", "balance", "incumbent_ref"], []),
        [Control] = (["kind", "key", "value"], []),
    };

    private static readonly string[] AwardKinds = ["disregard", "exemption", "owner-liable", "disabled-reduction", "long-term-empty", "second-home", "reduction"];

    private static readonly string[] PaymentMethods = ["cash", "direct-debit", "card", "bank-transfer"];

    // Council tax began on 1 April 1993 (LGFA 1992 s1): no record of it is dated earlier.
    private static readonly LocalDate FirstDay = new(1993, 4, 1);

    /// <summary>What is already on file for the council: properties by UPRN, and people and accounts loaded before by their incumbent references.</summary>
    public sealed record OnFile(IReadOnlySet<long> Uprns, IReadOnlySet<string> PersonRefs, IReadOnlySet<string> AccountRefs, IReadOnlySet<string> AreaCodes);

    public sealed record Read(OpeningLoadSet? Set, IReadOnlyList<LoadProblem> Problems);

    /// <summary>The SHA-256 of a set: of each file's name and bytes, in name order, so the same files in any order are the same set.</summary>
    public static string Sha256Of(IReadOnlyDictionary<string, byte[]> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(name + "\n" + Convert.ToHexStringLower(SHA256.HashData(content)) + "\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// The files of a load sent as one zip: each entry by its name without folders (an extract zipped with its folder
    /// is read the same), or a problem naming the zip when it cannot be read or holds one name twice.
    /// </summary>
    public static (Dictionary<string, byte[]>? Files, LoadProblem? Problem) FromZip(string zipName, byte[] zip)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip), System.IO.Compression.ZipArchiveMode.Read);
            foreach (var entry in archive.Entries.Where(e => e.Name.Length > 0 && !e.FullName.Contains("__MACOSX", StringComparison.Ordinal)))
            {
                if (entry.Length > MaxFileBytes)
                {
                    return (null, new LoadProblem(zipName, 0, entry.Name, $"the file is larger than {MaxFileBytes / 1024 / 1024} MB"));
                }

                using var content = entry.Open();
                using var copy = new MemoryStream();
                content.CopyTo(copy);
                if (!files.TryAdd(entry.Name.ToLowerInvariant(), copy.ToArray()))
                {
                    return (null, new LoadProblem(zipName, 0, entry.Name, "the zip holds two files of this name"));
                }
            }
        }
        catch (InvalidDataException)
        {
            return (null, new LoadProblem(zipName, 0, "(file)", "this is not a zip file that can be read"));
        }

        return (files, null);
    }

    /// <summary>The largest file of a load read from a zip: far more than 100,000 accounts' lines.</summary>
    public const long MaxFileBytes = 512L * 1024 * 1024;

    public static Read Parse(IReadOnlyDictionary<string, byte[]> files, OnFile onFile, LocalDate asAt)
    {
        var problems = new List<LoadProblem>();
        foreach (var name in files.Keys.Where(n => !Layouts.ContainsKey(n)).Order(StringComparer.Ordinal))
        {
            problems.Add(new LoadProblem(name, 0, "(file)", $"Reeve does not know this file; an opening load is {string.Join(", ", FileNames)}"));
        }

        var tables = new Dictionary<string, List<Line>>(StringComparer.Ordinal);
        foreach (var name in FileNames)
        {
            if (!files.TryGetValue(name, out var content))
            {
                if (name != Awards)
                {
                    problems.Add(new LoadProblem(name, 0, "(file)", "This file is missing from the load"));
                }

                tables[name] = [];
                continue;
            }

            tables[name] = ReadTable(name, content, problems);
        }

        var properties = tables[Properties].Select(ReadProperty).OfType<LoadProperty>().ToList();
        var people = tables[People].Select(ReadPerson).OfType<LoadPerson>().ToList();
        var accounts = tables[Accounts].Select(ReadAccount).OfType<LoadAccount>().ToList();
        var liabilities = tables[Liabilities].Select(ReadLiability).OfType<LoadLiability>().ToList();
        var awards = tables[Awards].Select(ReadAward).OfType<LoadAward>().ToList();
        var instalments = tables[Instalments].Select(ReadInstalment).OfType<LoadInstalment>().ToList();
        var balances = tables[Balances].Select(l => ReadBalance(l, asAt)).OfType<LoadBalance>().ToList();
        var (system, counts, controlBalances) = ReadControl(tables[Control], problems);
        foreach (var line in tables.Values.SelectMany(t => t))
        {
            problems.AddRange(line.Problems);
        }

        Duplicates(problems, Properties, "uprn", properties, p => p.Uprn.ToString(CultureInfo.InvariantCulture), p => p.Line);
        Duplicates(problems, People, "person_ref", people, p => p.Ref, p => p.Line);
        Duplicates(problems, Accounts, "account_ref", accounts, a => a.Ref, a => a.Line);
        Duplicates(problems, Instalments, "seq", instalments, i => $"{i.AccountRef} {i.Year} {i.Seq}", i => i.Line);
        Duplicates(problems, Balances, "financial_year", balances, b => $"{b.AccountRef} {b.Year}", b => b.Line);
        Duplicates(problems, Balances, "incumbent_ref", balances, b => b.IncumbentRef, b => b.Line);
        References(problems, onFile, properties, people, accounts, liabilities, awards, instalments, balances);
        Totals(problems, tables, counts, controlBalances, balances);

        var ordered = problems.OrderBy(p => FileOrder(p.File)).ThenBy(p => p.Line).ThenBy(p => p.Field, StringComparer.Ordinal).ToList();
        if (ordered.Count > 0)
        {
            return new Read(null, ordered);
        }

        return new Read(new OpeningLoadSet(Sha256Of(files), system!, properties, people, accounts, liabilities, awards, instalments, balances,
            counts, controlBalances), []);
    }

    private static int FileOrder(string file) => FileNames.ToList().IndexOf(file);

    private static void Duplicates<T>(List<LoadProblem> problems, string file, string field, IEnumerable<T> items, Func<T, string> key, Func<T, int> line)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!seen.TryAdd(key(item), line(item)))
            {
                problems.Add(new LoadProblem(file, line(item), field, $"'{key(item)}' is also on line {seen[key(item)]}; each must be there once"));
            }
        }
    }

    private static void References(
        List<LoadProblem> problems, OnFile onFile, List<LoadProperty> properties, List<LoadPerson> people, List<LoadAccount> accounts,
        List<LoadLiability> liabilities, List<LoadAward> awards, List<LoadInstalment> instalments, List<LoadBalance> balances)
    {
        var uprns = properties.Select(p => p.Uprn).ToHashSet();
        var personRefs = people.Select(p => p.Ref).ToHashSet(StringComparer.Ordinal);
        var accountRefs = accounts.Select(a => a.Ref).ToHashSet(StringComparer.Ordinal);
        foreach (var a in accounts.Where(a => !uprns.Contains(a.Uprn) && !onFile.Uprns.Contains(a.Uprn)))
        {
            problems.Add(new LoadProblem(Accounts, a.Line, "uprn", $"UPRN {a.Uprn} is neither in {Properties} nor on file"));
        }

        bool KnownAccount(string r) => accountRefs.Contains(r) || onFile.AccountRefs.Contains(r);
        bool KnownPerson(string r) => personRefs.Contains(r) || onFile.PersonRefs.Contains(r);
        string NoAccount(string r) => $"account '{r}' is neither in {Accounts} nor loaded before";
        foreach (var l in liabilities)
        {
            if (!KnownAccount(l.AccountRef))
            {
                problems.Add(new LoadProblem(Liabilities, l.Line, "account_ref", NoAccount(l.AccountRef)));
            }

            if (!KnownPerson(l.PersonRef))
            {
                problems.Add(new LoadProblem(Liabilities, l.Line, "person_ref", $"person '{l.PersonRef}' is neither in {People} nor loaded before"));
            }
        }

        foreach (var a in awards)
        {
            if (!KnownAccount(a.AccountRef))
            {
                problems.Add(new LoadProblem(Awards, a.Line, "account_ref", NoAccount(a.AccountRef)));
            }

            if (a.PersonRef is { } p && !KnownPerson(p))
            {
                problems.Add(new LoadProblem(Awards, a.Line, "person_ref", $"person '{p}' is neither in {People} nor loaded before"));
            }
        }

        foreach (var i in instalments.Where(i => !KnownAccount(i.AccountRef)))
        {
            problems.Add(new LoadProblem(Instalments, i.Line, "account_ref", NoAccount(i.AccountRef)));
        }

        foreach (var b in balances.Where(b => !KnownAccount(b.AccountRef)))
        {
            problems.Add(new LoadProblem(Balances, b.Line, "account_ref", NoAccount(b.AccountRef)));
        }

        // Every new account names who is liable on it; every instalment plan has the balance of its year beside it,
        // since the plan's charge and what was paid under the incumbent are both part of that balance.
        var liable = liabilities.Select(l => l.AccountRef).ToHashSet(StringComparer.Ordinal);
        foreach (var a in accounts.Where(a => !liable.Contains(a.Ref)))
        {
            problems.Add(new LoadProblem(Accounts, a.Line, "account_ref", $"account '{a.Ref}' has no line in {Liabilities}: name who is liable"));
        }

        var balanced = balances.Select(b => (b.AccountRef, b.Year)).ToHashSet();
        foreach (var plan in instalments.GroupBy(i => (i.AccountRef, i.Year)).Where(g => !balanced.Contains(g.Key)))
        {
            problems.Add(new LoadProblem(Instalments, plan.Min(i => i.Line), "financial_year",
                $"account '{plan.Key.AccountRef}' has instalments for {plan.Key.Year} but no balance for that year in {Balances}"));
        }

        var inFileAreas = properties.Where(p => p.AreaCode is not null && !onFile.AreaCodes.Contains(p.AreaCode));
        foreach (var p in inFileAreas)
        {
            problems.Add(new LoadProblem(Properties, p.Line, "area_code", $"'{p.AreaCode}' is not a charging area of this council"));
        }
    }

    private static void Totals(
        List<LoadProblem> problems, Dictionary<string, List<Line>> tables, IReadOnlyDictionary<string, int> counts,
        IReadOnlyDictionary<FinancialYear, Money> controlBalances, List<LoadBalance> balances)
    {
        foreach (var file in CountedFiles)
        {
            var lines = tables[file].Count;
            if (!counts.TryGetValue(file, out var expected))
            {
                if (lines > 0)
                {
                    problems.Add(new LoadProblem(Control, 0, "key", $"the control file has no count for {file}, which has {lines} line{(lines == 1 ? "" : "s")}"));
                }
            }
            else if (expected != lines)
            {
                problems.Add(new LoadProblem(file, 0, "(count)", $"the file has {lines} line{(lines == 1 ? "" : "s")} but the control file says {expected}"));
            }
        }

        var byYear = balances.GroupBy(b => b.Year).ToDictionary(g => g.Key, g => g.Aggregate(Money.Zero, (s, b) => s + b.Balance));
        foreach (var year in byYear.Keys.Union(controlBalances.Keys).Order())
        {
            var sum = byYear.GetValueOrDefault(year);
            if (!controlBalances.TryGetValue(year, out var expected))
            {
                problems.Add(new LoadProblem(Control, 0, "key", $"the control file has no balance total for {year}, whose balances add up to {sum.ToDisplayString()}"));
            }
            else if (expected != sum)
            {
                problems.Add(new LoadProblem(Balances, 0, "balance",
                    $"the balances for {year} add up to {sum.ToDisplayString()} but the control file says {expected.ToDisplayString()}"));
            }
        }
    }

    private static (string? System, Dictionary<string, int> Counts, Dictionary<FinancialYear, Money> Balances) ReadControl(List<Line> lines, List<LoadProblem> problems)
    {
        string? system = null;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var balances = new Dictionary<FinancialYear, Money>();
        foreach (var l in lines)
        {
            var kind = l.Required("kind");
            var key = l.Required("key");
            var value = l.Required("value");
            if (kind is null || key is null || value is null)
            {
                continue;
            }

            switch (kind)
            {
                case "system" when system is not null:
                    l.Problem("kind", "the control file names the source system once");
                    break;
                case "system":
                    system = value;
                    break;
                case "count" when !CountedFiles.Contains(key):
                    l.Problem("key", $"a count is of one of {string.Join(", ", CountedFiles)}");
                    break;
                case "count" when counts.ContainsKey(key):
                    l.Problem("key", $"{key} is counted twice");
                    break;
                case "count":
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    {
                        counts[key] = n;
                    }
                    else
                    {
                        l.Problem("value", $"'{value}' is not a whole number of lines");
                    }

                    break;
                case "balance":
                    if (!TryYear(key, out var year, out var yearError))
                    {
                        l.Problem("key", yearError);
                    }
                    else if (balances.ContainsKey(year))
                    {
                        l.Problem("key", $"{year} has two balance totals");
                    }
                    else if (TryPounds(value, out var total, out var moneyError))
                    {
                        balances[year] = total;
                    }
                    else
                    {
                        l.Problem("value", moneyError);
                    }

                    break;
                default:
                    l.Problem("kind", $"'{kind}' is not a kind of control line: use system, count or balance");
                    break;
            }
        }

        if (system is null && lines.Count > 0)
        {
            problems.Add(new LoadProblem(Control, 0, "kind", "the control file must name the source system on a line 'system,name,...'"));
        }

        return (system, counts, balances);
    }

    private static LoadProperty? ReadProperty(Line l)
    {
        var uprn = l.Long("uprn", 1, 999_999_999_999);
        var line1 = l.Required("address_line1");
        var town = l.Required("town");
        var postcode = l.Required("postcode");
        if (postcode is not null && !global::Reeve.Properties.Postcodes.IsValid(postcode))
        {
            l.Problem("postcode", $"'{postcode}' is not a postcode, like SW1A 1AA");
            postcode = null;
        }

        var bandText = l.Required("band");
        char? band = null;
        if (bandText is not null)
        {
            if (bandText.Length == 1 && bandText[0] is >= 'A' and <= 'H')
            {
                band = bandText[0];
            }
            else
            {
                l.Problem("band", $"'{bandText}' is not a council tax band in England (A to H)");
            }
        }

        return uprn is null || line1 is null || town is null || postcode is null || band is null || l.HasProblems
            ? null
            : new LoadProperty(l.Number, uprn.Value, line1, l.Optional("address_line2"), l.Optional("address_line3"), town, postcode, band.Value, l.Optional("area_code"));
    }

    private static LoadPerson? ReadPerson(Line l)
    {
        var personRef = l.Required("person_ref");
        var kind = l.Required("kind");
        var organisation = false;
        if (kind is not null && kind != "person" && kind != "organisation")
        {
            l.Problem("kind", $"'{kind}' is neither person nor organisation");
            kind = null;
        }
        else
        {
            organisation = kind == "organisation";
        }

        string? forenames = null, surname = null, orgName = null;
        if (kind == "person")
        {
            forenames = l.Required("forenames");
            surname = l.Required("surname");
        }
        else if (kind == "organisation")
        {
            orgName = l.Required("organisation_name");
        }

        var knownFrom = l.Date("known_from");
        var line1 = l.Optional("address_line1");
        var town = l.Optional("town");
        var postcode = l.Optional("postcode");
        if (line1 is not null || town is not null || postcode is not null)
        {
            // A correspondence address is whole or absent.
            line1 ??= l.Required("address_line1");
            town ??= l.Required("town");
            postcode ??= l.Required("postcode");
            if (postcode is not null && !global::Reeve.Properties.Postcodes.IsValid(postcode))
            {
                l.Problem("postcode", $"'{postcode}' is not a postcode, like SW1A 1AA");
            }
        }

        return personRef is null || kind is null || knownFrom is null || (kind == "person" && (forenames is null || surname is null)) || (organisation && orgName is null) || l.HasProblems
            ? null
            : new LoadPerson(l.Number, personRef, organisation, l.Optional("title"), forenames, surname, orgName, knownFrom.Value,
                line1, l.Optional("address_line2"), l.Optional("address_line3"), town, postcode);
    }

    private static LoadAccount? ReadAccount(Line l)
    {
        var accountRef = l.Required("account_ref");
        var kind = l.Required("kind");
        if (kind is not null && kind != "council-tax")
        {
            l.Problem("kind", $"'{kind}' cannot be loaded yet: the opening load takes council-tax accounts");
            kind = null;
        }

        var uprn = l.Long("uprn", 1, 999_999_999_999);
        var opened = l.Date("opened_on");
        var closed = l.OptionalDate("closed_on");
        if (opened is { } o && closed is { } c && c < o)
        {
            l.Problem("closed_on", "the account closes before it opens");
        }

        var method = l.Required("payment_method");
        if (method is not null && !PaymentMethods.Contains(method))
        {
            l.Problem("payment_method", $"'{method}' is not one of {string.Join(", ", PaymentMethods)}");
            method = null;
        }

        return accountRef is null || kind is null || uprn is null || opened is null || method is null || l.HasProblems
            ? null
            : new LoadAccount(l.Number, accountRef, uprn.Value, opened.Value, closed, method);
    }

    private static LoadLiability? ReadLiability(Line l)
    {
        var accountRef = l.Required("account_ref");
        var personRef = l.Required("person_ref");
        var from = l.Date("liable_from");
        var to = l.OptionalDate("liable_to");
        if (from is { } f && to is { } t && t < f)
        {
            l.Problem("liable_to", "liability ends before it starts");
        }

        var interestText = l.Required("interest");
        Interest? interest = null;
        if (interestText is not null)
        {
            interest = interestText switch
            {
                "freeholder" => Interest.Freeholder,
                "leaseholder" => Interest.Leaseholder,
                "tenant" => Interest.Tenant,
                "licensee" => Interest.Licensee,
                "other" => Interest.OtherResident,
                _ => null,
            };
            if (interest is null)
            {
                l.Problem("interest", $"'{interestText}' is not one of freeholder, leaseholder, tenant, licensee, other");
            }
        }

        return accountRef is null || personRef is null || from is null || interest is null || l.HasProblems
            ? null
            : new LoadLiability(l.Number, accountRef, personRef, from.Value, to, interest.Value);
    }

    private static LoadAward? ReadAward(Line l)
    {
        var accountRef = l.Required("account_ref");
        var kind = l.Required("kind");
        if (kind is not null && !AwardKinds.Contains(kind))
        {
            l.Problem("kind", $"'{kind}' is not one of {string.Join(", ", AwardKinds)}");
        }

        var from = l.Date("award_from");
        var to = l.OptionalDate("award_to");
        if (from is { } f && to is { } t && t < f)
        {
            l.Problem("award_to", "the award ends before it starts");
        }

        var percent = l.OptionalLong("percent", 0, 100);
        var evidence = l.Required("evidence");
        return accountRef is null || kind is null || from is null || evidence is null || l.HasProblems
            ? null
            : new LoadAward(l.Number, accountRef, kind, l.Optional("code"), l.Optional("person_ref"), (int?)percent, from.Value, to, evidence);
    }

    private static LoadInstalment? ReadInstalment(Line l)
    {
        var accountRef = l.Required("account_ref");
        var year = l.Year("financial_year");
        var seq = l.Long("seq", 1, 12);
        var due = l.Date("due_on");
        var amount = l.Pounds("amount");
        if (amount is { } a && !a.IsPositive)
        {
            l.Problem("amount", "an instalment is more than £0.00");
        }

        if (year is { } y && due is { } d && (d < y.FirstDay || d > y.LastDay))
        {
            l.Problem("due_on", $"the instalment falls outside {y}");
        }

        return accountRef is null || year is null || seq is null || due is null || amount is null || l.HasProblems
            ? null
            : new LoadInstalment(l.Number, accountRef, year.Value, (int)seq.Value, due.Value, amount.Value);
    }

    private static LoadBalance? ReadBalance(Line l, LocalDate asAt)
    {
        var accountRef = l.Required("account_ref");
        var year = l.Year("financial_year");
        if (year is { } y && y > FinancialYear.Containing(asAt))
        {
            l.Problem("financial_year", $"{y} is after the year of the load date ({FinancialYear.Containing(asAt)})");
        }

        var balance = l.Pounds("balance");
        var incumbentRef = l.Required("incumbent_ref");
        return accountRef is null || year is null || balance is null || incumbentRef is null || l.HasProblems
            ? null
            : new LoadBalance(l.Number, accountRef, year.Value, balance.Value, incumbentRef);
    }

    /// <summary>Money in a file is pounds with exactly two decimals, a minus sign for a credit: "1234.50", "-12.00".</summary>
    public static bool TryPounds(string text, out Money money, out string error)
    {
        money = Money.Zero;
        error = $"'{text}' is not an amount in pounds with two decimals, like 1234.50 or -12.00";
        var s = text.StartsWith('-') ? text[1..] : text;
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        if (dot < 1 || dot != s.Length - 3 || !s.Remove(dot, 1).All(char.IsAsciiDigit) || s.Length > 15)
        {
            return false;
        }

        var pence = long.Parse(s.Remove(dot, 1), NumberStyles.None, CultureInfo.InvariantCulture);
        money = Money.FromPence(text.StartsWith('-') ? -pence : pence);
        return true;
    }

    /// <summary>A financial year is written as it is said, "2025/26", the year beginning 1 April 2025.</summary>
    public static bool TryYear(string text, out FinancialYear year, out string error)
    {
        year = default;
        error = $"'{text}' is not a financial year, like 2025/26";
        if (text.Length != 7 || text[4] != '/' || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var end) || (start + 1) % 100 != end || start < 1993 || start > 2100)
        {
            return false;
        }

        year = new FinancialYear(start);
        return true;
    }

    private static List<Line> ReadTable(string file, byte[] content, List<LoadProblem> problems)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            problems.Add(new LoadProblem(file, 1, "(file)", "the file is not UTF-8 text; save it as CSV UTF-8"));
            return [];
        }

        List<CsvRecord> records;
        try
        {
            records = CsvFile.Read(text, ',', firstLineIsHeader: true).ToList();
        }
        catch (CsvFormatException e)
        {
            problems.Add(new LoadProblem(file, e.Line, e.Field, e.Message));
            return [];
        }

        var (required, optional) = Layouts[file];
        if (records.Count == 0)
        {
            problems.Add(new LoadProblem(file, 1, "(header)", $"the file is empty; it needs the header line {string.Join(',', required)}"));
            return [];
        }

        var header = records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var before = problems.Count;
        foreach (var missing in required.Where(r => !header.Contains(r)))
        {
            problems.Add(new LoadProblem(file, records[0].Line, missing, "this column is missing from the header"));
        }

        foreach (var unknown in header.Where(h => !required.Contains(h) && !optional.Contains(h)))
        {
            problems.Add(new LoadProblem(file, records[0].Line, unknown.Length == 0 ? "(blank)" : unknown, "Reeve does not know this column"));
        }

        foreach (var twice in header.GroupBy(h => h).Where(g => g.Count() > 1))
        {
            problems.Add(new LoadProblem(file, records[0].Line, twice.Key, "this column is in the header twice"));
        }

        if (problems.Count > before)
        {
            return [];
        }

        var columns = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
        var lines = new List<Line>(records.Count - 1);
        foreach (var record in records.Skip(1))
        {
            var line = new Line(file, record, columns);
            if (record.Count != header.Count)
            {
                line.Problem("(line)", $"the line has {record.Count} fields but the header has {header.Count}");
            }

            lines.Add(line);
        }

        return lines;
    }

    /// <summary>One line of a file, read field by field by column name; every problem is kept against the line.</summary>
    private sealed class Line(string file, CsvRecord record, Dictionary<string, int> columns)
    {
        public List<LoadProblem> Problems { get; } = [];

        public int Number => record.Line;

        public bool HasProblems => Problems.Count > 0;

        public void Problem(string field, string message) => Problems.Add(new LoadProblem(file, record.Line, field, message));

        public string? Optional(string name) =>
            columns.TryGetValue(name, out var i) && i < record.Count && record.Fields[i].Trim() is { Length: > 0 } v ? v : null;

        public string? Required(string name)
        {
            var value = Optional(name);
            if (value is null)
            {
                Problem(name, "this field is blank");
            }

            return value;
        }

        public long? Long(string name, long min, long max) => Required(name) is { } text ? ParseNumber(name, text, min, max) : null;

        public long? OptionalLong(string name, long min, long max) => Optional(name) is { } text ? ParseNumber(name, text, min, max) : null;

        private long? ParseNumber(string name, string text, long min, long max)
        {
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
            {
                return n;
            }

            Problem(name, $"'{text}' is not a whole number from {min} to {max}");
            return null;
        }

        public LocalDate? Date(string name) => Required(name) is { } text ? ParseDate(name, text) : null;

        public LocalDate? OptionalDate(string name) => Optional(name) is { } text ? ParseDate(name, text) : null;

        private LocalDate? ParseDate(string name, string text)
        {
            var parsed = LocalDatePattern.Iso.Parse(text);
            if (!parsed.Success)
            {
                Problem(name, $"'{text}' is not a date written as 2025-04-01");
                return null;
            }

            if (parsed.Value < FirstDay)
            {
                Problem(name, $"{text} is before council tax began on 1993-04-01");
                return null;
            }

            return parsed.Value;
        }

        public Money? Pounds(string name)
        {
            if (Required(name) is not { } text)
            {
                return null;
            }

            if (TryPounds(text, out var money, out var error))
            {
                return money;
            }

            Problem(name, error);
            return null;
        }

        public FinancialYear? Year(string name)
        {
            if (Required(name) is not { } text)
            {
                return null;
            }

            if (TryYear(text, out var year, out var error))
            {
                return year;
            }

            Problem(name, error);
            return null;
        }
    }
}
