namespace Reeve.Kernel;

/// <summary>
/// One line of "why is it this much?" or "why this step?": what was done, the amount it gave, and the law it follows.
/// Shared by every module that explains a figure (a bill's working, an instalment plan, a recovery timeline).
/// </summary>
public sealed record ExplanationStep(string Step, Money Amount, string Source);
