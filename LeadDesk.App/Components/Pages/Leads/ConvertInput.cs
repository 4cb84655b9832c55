namespace LeadDesk.App.Components.Pages.Leads;

/// <summary>What <see cref="ConvertDialog"/> returns when the rep confirms.</summary>
public sealed record ConvertInput(decimal Amount, DateOnly ExpectedClose, string? Note);
