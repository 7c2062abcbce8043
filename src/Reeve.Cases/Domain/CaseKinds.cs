namespace Reeve.Cases.Domain;

/// <summary>What a case is: a complaint, a request for information or personal data, or an elected member's enquiry.</summary>
public enum CaseKind
{
    Complaint,
    Foi,
    Eir,
    SubjectAccess,
    CouncillorEnquiry,
    MpEnquiry,
}

/// <summary>Open (the clock runs), paused (the clock waits for the requester), or closed (answered, withdrawn or referred).</summary>
public enum CaseState
{
    Open,
    Paused,
    Closed,
}

/// <summary>What the clock waits for while paused: the requester's clarification, a fee, or proof of identity.</summary>
public enum PauseReason
{
    Clarification,
    Fee,
    Identity,
}

public static class CaseKinds
{
    public static IReadOnlyList<CaseKind> All { get; } = Enum.GetValues<CaseKind>();

    public static IReadOnlyList<PauseReason> PauseReasons { get; } = Enum.GetValues<PauseReason>();

    public static string Code(this CaseKind kind) => kind switch
    {
        CaseKind.Complaint => "complaint",
        CaseKind.Foi => "foi",
        CaseKind.Eir => "eir",
        CaseKind.SubjectAccess => "sar",
        CaseKind.CouncillorEnquiry => "councillor",
        CaseKind.MpEnquiry => "mp",
    };

    public static string Title(this CaseKind kind) => kind switch
    {
        CaseKind.Complaint => "Complaint",
        CaseKind.Foi => "Freedom of Information request",
        CaseKind.Eir => "Environmental information request",
        CaseKind.SubjectAccess => "Subject access request",
        CaseKind.CouncillorEnquiry => "Councillor enquiry",
        CaseKind.MpEnquiry => "MP enquiry",
    };

    public static CaseKind? FromCode(string? code) => All.Where(k => k.Code() == code).Select(k => (CaseKind?)k).FirstOrDefault();

    public static string Code(this CaseState state) => state switch
    {
        CaseState.Open => "open",
        CaseState.Paused => "paused",
        CaseState.Closed => "closed",
    };

    public static CaseState StateFromCode(string code) =>
        Enum.GetValues<CaseState>().FirstOrDefault(s => s.Code() == code) is var s && s.Code() == code
            ? s
            : throw new ArgumentException($"'{code}' is not a case state", nameof(code));

    public static string Code(this PauseReason reason) => reason switch
    {
        PauseReason.Clarification => "clarification",
        PauseReason.Fee => "fee",
        PauseReason.Identity => "identity",
    };

    public static string Title(this PauseReason reason) => reason switch
    {
        PauseReason.Clarification => "Waiting for the requester to clarify the request",
        PauseReason.Fee => "Waiting for a fee",
        PauseReason.Identity => "Waiting for proof of identity",
    };

    public static PauseReason? PauseFromCode(string? code) =>
        PauseReasons.Where(r => r.Code() == code).Select(r => (PauseReason?)r).FirstOrDefault();

    /// <summary>The outcomes an officer may close a case with, by kind: a request is answered or refused, a complaint upheld or not.</summary>
    public static IReadOnlyList<(string Code, string Title)> Outcomes(this CaseKind kind) => kind switch
    {
        CaseKind.Complaint =>
            [("upheld", "Upheld"), ("partly-upheld", "Partly upheld"), ("not-upheld", "Not upheld"), ("withdrawn", "Withdrawn")],
        CaseKind.Foi or CaseKind.Eir =>
            [("answered", "Information given"), ("answered-in-part", "Given in part, the rest withheld under an exemption or exception"), ("refused", "Refused"), ("not-held", "Information not held"), ("withdrawn", "Withdrawn")],
        CaseKind.SubjectAccess =>
            [("answered", "Personal data given"), ("answered-in-part", "Given in part, the rest withheld under an exemption"), ("refused", "Refused as manifestly unfounded or excessive"), ("withdrawn", "Withdrawn")],
        CaseKind.CouncillorEnquiry or CaseKind.MpEnquiry =>
            [("answered", "Answered"), ("withdrawn", "Withdrawn")],
    };

    public static string OutcomeTitle(CaseKind kind, string? code) =>
        code == ReferredToOmbudsman ? "Referred to the Local Government and Social Care Ombudsman"
        : kind.Outcomes().Where(o => o.Code == code).Select(o => o.Title).FirstOrDefault() ?? code ?? "";

    /// <summary>The outcome of a complaint that has been through every stage and gone to the Ombudsman.</summary>
    public const string ReferredToOmbudsman = "referred-to-ombudsman";
}
