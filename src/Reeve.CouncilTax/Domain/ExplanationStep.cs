using Reeve.Kernel;

namespace Reeve.CouncilTax.Domain;

/// <summary>One line of "why is my bill this much?": what was done, the amount it gave, and the law it follows.</summary>
public sealed record ExplanationStep(string Step, Money Amount, string Source);
