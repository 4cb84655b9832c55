namespace LeadDesk.Domain.Demo;

/// <summary>The people the demo histories are written by.</summary>
public sealed record DemoCast(Actor Marketer, IReadOnlyList<Actor> SalesReps);
