using LeadDesk.Domain.Leads;

namespace LeadDesk.App.Components.Shared;

/// <summary>What <see cref="DecisionDialog"/> returns when the user confirms.</summary>
public sealed record DecisionInput(ReasonCode? Reason, string? Note, bool Disqualify);
