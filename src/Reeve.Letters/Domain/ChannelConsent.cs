using NodaTime;

namespace Reeve.Letters;

/// <summary>
/// What a person has said about being contacted by email or text: given on a date, withdrawn on a date, and the
/// address or number it was given for.
/// </summary>
public sealed record ContactPreference(Channel Channel, string Address, LocalDate GivenOn, LocalDate? WithdrawnOn);

/// <summary>Whether a notice may go by a channel, as a closed set of answers.</summary>
public abstract record ConsentDecision
{
    public sealed record Send(string Address) : ConsentDecision;

    public sealed record NoConsent(string Reason) : ConsentDecision;
}

public static class ChannelConsent
{
    /// <summary>
    /// Paper always may go. Email and text message only with the person's consent for that channel, given on or
    /// before the day and not withdrawn by it: notices may be served electronically only with consent
    /// (rulebook "Digital / e-billing", not yet checked against the regulations).
    /// </summary>
    public static ConsentDecision Decide(Channel channel, IEnumerable<ContactPreference> preferences, LocalDate on)
    {
        if (channel == Channel.Letter)
        {
            return new ConsentDecision.Send("");
        }

        var current = preferences
            .Where(p => p.Channel == channel && p.GivenOn <= on)
            .OrderByDescending(p => p.GivenOn)
            .FirstOrDefault();
        return current switch
        {
            null => new ConsentDecision.NoConsent($"No consent to {channel.Code()} is recorded"),
            { WithdrawnOn: { } withdrawn } when withdrawn <= on => new ConsentDecision.NoConsent($"Consent to {channel.Code()} was withdrawn on {withdrawn}"),
            { Address.Length: 0 } => new ConsentDecision.NoConsent($"No {channel.Code()} address is recorded with the consent"),
            _ => new ConsentDecision.Send(current.Address),
        };
    }
}
