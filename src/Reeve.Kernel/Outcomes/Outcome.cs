namespace Reeve.Kernel;

/// <summary>
/// The expected results of a command an officer or a file asks for. Broken invariants throw; these do not.
/// The API turns them into problem details, pages into form errors, batch jobs into run-report lines.
/// </summary>
public abstract record Outcome<T>
{
    private Outcome()
    {
    }

    public sealed record Done(T Value) : Outcome<T>;

    /// <summary>Input was refused; <see cref="Field"/> names the field or path at fault.</summary>
    public sealed record Invalid(string Field, string Message) : Outcome<T>;

    public sealed record NotFound(string What) : Outcome<T>;

    /// <summary>Someone else changed the record first (optimistic concurrency), or a rule forbids it now.</summary>
    public sealed record Conflict(string Message) : Outcome<T>;

    public static implicit operator Outcome<T>(T value) => new Done(value);
}
