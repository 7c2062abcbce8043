using NodaTime;

namespace Reeve.Portal.Domain;

/// <summary>
/// The limits on every sign-in step. Each refused attempt is counted against what it was about (an account reference
/// or an email address) and against the address it came from; past a limit the step is refused for the rest of the
/// window even with the right answer, which is the lockout.
/// </summary>
public static class SignInLimits
{
    /// <summary>How far back refusals are counted, and so how long a lockout lasts at most.</summary>
    public static readonly Duration Window = Duration.FromMinutes(15);

    /// <summary>Refusals about one account or one email address before it is locked.</summary>
    public const int RefusalsPerSubject = 5;

    /// <summary>Refusals from one network address, over any accounts or emails, before that address is locked out.</summary>
    public const int RefusalsPerAddress = 20;

    /// <summary>Codes sent to one email address in the window: enough for a lost email, too few to flood an inbox.</summary>
    public const int CodesPerEmail = 3;

    /// <summary>How long a code may be used: long enough to open an email, short enough that a leaked one is stale.</summary>
    public static readonly Duration CodeLifetime = Duration.FromMinutes(10);

    /// <summary>Wrong codes tried against one code before it is spent.</summary>
    public const int WrongTriesPerCode = 3;

    public const string LockedOut =
        "There have been too many attempts to sign in. Wait 15 minutes and try again.";

    /// <summary>A lockout, or none, from the refusals counted in the window.</summary>
    public static bool IsLocked(int refusalsForSubject, int refusalsFromAddress) =>
        refusalsForSubject >= RefusalsPerSubject || refusalsFromAddress >= RefusalsPerAddress;
}
