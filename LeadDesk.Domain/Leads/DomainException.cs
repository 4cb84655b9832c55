namespace LeadDesk.Domain.Leads;

/// <summary>
/// A business rule refused an action; nothing was changed. <see cref="Code"/> and <see cref="Arguments"/> let a screen
/// say it in the user's language (resource key <c>Error.{Code}</c>); <see cref="Exception.Message"/> is the English text.
/// </summary>
public class DomainException(string message, string code = "", params object?[] arguments) : Exception(message)
{
    public string Code { get; } = code;
    public IReadOnlyList<object?> Arguments { get; } = arguments;
}

/// <summary>A stage move that the lifecycle table does not allow.</summary>
public sealed class IllegalTransitionException(LifecycleStage from, LifecycleVerb verb, LifecycleStage? to)
    : DomainException(to is null
            ? $"A lead in stage {from} cannot be moved by {verb}."
            : $"A lead cannot move from {from} to {to} by {verb}.",
        to is null ? "IllegalVerb" : "IllegalTransition", from, verb, to)
{
    public LifecycleStage From { get; } = from;
    public LifecycleVerb Verb { get; } = verb;
    public LifecycleStage? To { get; } = to;
}

/// <summary>The caller's roles do not allow the action. Raised by the domain services, whatever the screen showed.</summary>
public sealed class AccessDeniedException(string action, IReadOnlyList<string> allowedRoles)
    : DomainException($"Only {string.Join(" or ", allowedRoles)} users can {action}.", "AccessDenied", action, string.Join(" / ", allowedRoles));

/// <summary>
/// Someone else changed the lead between the moment the user saw it and the moment they acted. Nothing was saved;
/// <see cref="Latest"/> says who acted first.
/// </summary>
public sealed class LeadChangedException(int leadId, string? actorName, LifecycleVerb? verb, DateTime? at)
    : DomainException(actorName is null
            ? "Someone else changed this lead a moment ago. It has been reloaded; check it and try again."
            : $"{actorName} acted on this lead first ({verb} at {at:u}). It has been reloaded; check it and try again.",
        actorName is null ? "ChangedBySomeone" : "ChangedBy", actorName, verb, at)
{
    public int LeadId { get; } = leadId;
    public string? ActorName { get; } = actorName;
}

/// <summary>The lead asked for is not there (never was, or the id is wrong).</summary>
public sealed class LeadNotFoundException(int leadId)
    : DomainException($"Lead {leadId} does not exist.", "LeadNotFound", leadId);
