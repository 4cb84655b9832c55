using LeadDesk.Domain.Handoff;

namespace LeadDesk.App.Components.Pages.Handoffs;

/// <summary>What <see cref="ReassignDialog"/> returns when the manager confirms.</summary>
public sealed record ReassignChoice(SalesRep Rep, string? Note);
