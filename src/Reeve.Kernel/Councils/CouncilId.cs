namespace Reeve.Kernel;

/// <summary>
/// The billing authority a record belongs to. It leads every key so that one installation can serve
/// several councils (a shared service) and the data can later be split across machines by council.
/// </summary>
public readonly record struct CouncilId(int Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
