namespace Reeve.CouncilTax.Domain;

/// <summary>The instruments and paragraphs the council tax rules implement, as explanations cite them.</summary>
internal static class Sources
{
    public const string BandRatio = "LGFA 1992 s5(1)";
    public const string DisabledBandReduction = "Council Tax (Reductions for Disabilities) Regulations 1992 (SI 1992/554) reg 4";
    public const string SinglePersonDiscount = "LGFA 1992 s11(1) and s11(3); disregards under s11(5) and Sch 1";
    public const string AllDisregardedDiscount = "LGFA 1992 s11(2) and s11(3); disregards under s11(5) and Sch 1";
    public const string Exemption = "LGFA 1992 s4; Council Tax (Exempt Dwellings) Order 1992 (SI 1992/558) art 3";
    public const string SecondHomesPremium = "LGFA 1992 s11C (inserted by the Levelling-up and Regeneration Act 2023 s80), from 1 April 2025";
    public const string DailyApportionment = "LGFA 1992 s2 (liability on a daily basis)";
    public const string Reduction = "LGFA 1992 s13A(1)(a) (council tax reduction scheme)";
    public const string NetCharge = "LGFA 1992 ss2, 10 and 13A";
}
