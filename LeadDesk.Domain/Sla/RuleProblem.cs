namespace LeadDesk.Domain.Sla;

/// <summary>
/// One thing wrong with settings a manager is about to save, tied to the field it concerns. <see cref="Error"/> is the
/// refusal the service would throw, so a screen can show it beside the field before saving, in the user's language.
/// </summary>
public sealed record RuleProblem(string Field, DomainException Error);
