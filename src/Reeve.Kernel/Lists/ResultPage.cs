namespace Reeve.Kernel;

/// <summary>
/// One page of a list that may be long: the rows on this page and how many there are in all, so a page can
/// say "21 to 40 of 312" instead of cutting the list off silently.
/// </summary>
public sealed record ResultPage<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;

    /// <summary>The position of the first row on this page, counting from 1 (0 when there are none).</summary>
    public int From => Items.Count == 0 ? 0 : ((PageNumber - 1) * PageSize) + 1;

    public int To => Items.Count == 0 ? 0 : From + Items.Count - 1;
}

/// <summary>Helpers for <see cref="ResultPage{T}"/>.</summary>
public static class ResultPage
{
    public static ResultPage<T> Empty<T>(int pageSize) => new([], 0, 1, pageSize);

    /// <summary>The rows to skip for a page number, a page number below 1 being read as the first.</summary>
    public static int Offset(int pageNumber, int pageSize) => (Math.Max(1, pageNumber) - 1) * pageSize;
}
