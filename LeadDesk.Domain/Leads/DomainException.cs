namespace LeadDesk.Domain.Leads;

/// <summary>A business rule refused an action. The message is meant for the user.</summary>
public class DomainException(string message) : Exception(message);

/// <summary>A stage move that the lifecycle table does not allow.</summary>
public sealed class IllegalTransitionException(LifecycleStage from, LifecycleVerb verb, LifecycleStage? to)
    : DomainException(to is null
        ? $"A lead in stage {from} cannot be moved by {verb}."
        : $"A lead cannot move from {from} to {to} by {verb}.")
{
    public LifecycleStage From { get; } = from;
    public LifecycleVerb Verb { get; } = verb;
    public LifecycleStage? To { get; } = to;
}
