using System.Collections.Immutable;

namespace Reeve.Kernel;

/// <summary>
/// One registered implementation per account kind, filled once at start-up by a composition root. Registering the
/// same implementation again is harmless (test hosts and the demo council register as well as the app); a second,
/// different one for a kind already taken is a wiring mistake and is refused.
/// </summary>
public sealed class ByAccountKind<T>(Func<T, AccountKind> kindOf, string what)
    where T : class
{
    private ImmutableDictionary<AccountKind, T> _items = ImmutableDictionary<AccountKind, T>.Empty;

    public void Register(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var kind = kindOf(item);
        ImmutableInterlocked.Update(ref _items, items =>
            !items.TryGetValue(kind, out var existing) ? items.Add(kind, item)
            : existing.GetType() == item.GetType() ? items
            : throw new InvalidOperationException($"The {what} for {kind.Title()} is already {existing.GetType().Name}; {item.GetType().Name} cannot be registered for it too"));
    }

    /// <summary>The registered implementations, in account-kind order.</summary>
    public IReadOnlyList<T> All => [.. _items.OrderBy(i => i.Key).Select(i => i.Value)];

    public T? Find(AccountKind kind) => _items.GetValueOrDefault(kind);
}
