using LeadDesk.App.Components.Shared;
using LeadDesk.Domain.Handoff;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Leads;
using MudBlazor;

namespace LeadDesk.App.Components.Pages.MqlQueue;

/// <summary>The MQL queue: server paging, selection, promoting to sales one by one or in bulk, and live updates.</summary>
public partial class MqlQueue
{
    private static readonly int[] PageSizes = [10, 25, 50, 100];
    // Which notifications can change this queue: a new MQL, or one leaving it (handed off, recycled, disqualified).
    private static readonly HashSet<LifecycleVerb> QueueVerbs =
        [LifecycleVerb.Promote, LifecycleVerb.HandOff, LifecycleVerb.Accept, LifecycleVerb.Recycle, LifecycleVerb.Disqualify];
    // Changes arriving within this window make one reload and one notice (a model save promotes leads by the thousand).
    private static readonly TimeSpan LiveWindow = TimeSpan.FromSeconds(1);

    private MudTable<QueueRow>? _table;
    private Caller? _caller;
    private bool _canAct;
    private IReadOnlyList<QueueRow> _rows = [];
    private int? _total;
    private int _overdue;
    private int? _slaHours;
    private DateTime _now;
    private string? _error;
    private bool _busy;
    private readonly HashSet<int> _selected = [];
    private readonly HashSet<int> _expanded = [];
    private IDisposable? _subscription;
    private NotificationBurst<LeadNotification>? _changes;
    private ITimer? _clockTick;
    private bool _disposed;
    private bool _reloading;
    private bool _reloadAgain;

    // One delegate for the page's lifetime, not a new one per render.
    private Func<TableState, CancellationToken, Task<TableData<QueueRow>>> _loadPage = default!;

    private Dictionary<string, object> _tableAttributes = [];

    private int ColumnCount => _canAct ? 6 : 4;

    private bool AllSelected => _rows.Count > 0 && _rows.All(r => _selected.Contains(r.Id));

    protected override async Task OnInitializedAsync()
    {
        _loadPage = LoadPageAsync;
        _tableAttributes = new() { ["aria-label"] = L["Mql.TableLabel"].Value };
        _now = Clock.GetUtcNow().UtcDateTime;
        _changes = new NotificationBurst<LeadNotification>(Clock, LiveWindow, OnQueueChangedAsync);
        _subscription = Notifier.Subscribe(OnLeadChangedAsync);
        // Ages ("3 d 4 h") keep moving while the page stays open.
        _clockTick = Clock.CreateTimer(_ => _ = InvokeAsync(() =>
        {
            if (_disposed) return;
            _now = Clock.GetUtcNow().UtcDateTime;
            StateHasChanged();
        }), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await IdentifyCallerAsync();
    }

    private async Task IdentifyCallerAsync()
    {
        try
        {
            _error = null;
            _caller = await Callers.GetAsync();
            // Queue rows are MQLs without a pending handoff: the same actions apply to each; LeadActions decides which.
            _canAct = LeadActions.For(_caller, new LeadState(LifecycleStage.MQL, null, null)).Contains(LeadAction.HandOffToSales);
        }
        catch (Exception exception)
        {
            Logger.LogError(exception, "Could not identify the caller for the MQL queue");
            _error = S["Error.Unexpected"];
        }
    }

    private Task RetryAsync() => _caller is null ? IdentifyCallerAsync() : ReloadAsync();

    private async Task<TableData<QueueRow>> LoadPageAsync(TableState state, CancellationToken cancellationToken)
    {
        try
        {
            var page = await Queues.GetMqlQueueAsync(_caller!, state.Page, state.PageSize, cancellationToken);
            _error = null;
            _now = Clock.GetUtcNow().UtcDateTime;
            _rows = page.Rows;
            _total = page.TotalCount;
            _overdue = page.OverdueCount;
            _slaHours = page.SlaHours;
            // A lead that left the queue (or this page) is no longer selected nor expanded.
            var shown = page.Rows.Select(r => r.Id).ToHashSet();
            _selected.IntersectWith(shown);
            _expanded.IntersectWith(shown);
            if (page.Rows.Count == 0 && page.TotalCount > 0 && state.Page > 0)
            {
                // The last rows of the last page left: show the page before instead of an empty one.
                var lastPage = (page.TotalCount - 1) / state.PageSize;
                _ = InvokeAsync(() => _table?.NavigateTo(lastPage));
            }
            StateHasChanged(); // the header (count, bulk button) lives outside the table
            return new TableData<QueueRow> { Items = page.Rows, TotalItems = page.TotalCount };
        }
        catch (OperationCanceledException)
        {
            return new TableData<QueueRow> { Items = _rows, TotalItems = _total ?? 0 };
        }
        catch (DomainException error)
        {
            return Failed(ErrorText.For(error, S));
        }
        catch (Exception exception)
        {
            Logger.LogError(exception, "Could not load the MQL queue");
            return Failed(L["Mql.LoadFailed"]);
        }
    }

    private TableData<QueueRow> Failed(string error)
    {
        _error = error;
        _rows = [];
        _overdue = 0;
        _selected.Clear();
        _expanded.Clear();
        StateHasChanged();
        return new TableData<QueueRow> { Items = [], TotalItems = 0 };
    }

    /// <summary>Reloads the current page; reloads asked for meanwhile (a burst of notifications) make one more, not many.</summary>
    private async Task ReloadAsync()
    {
        if (_table is null || _disposed) return;
        if (_reloading)
        {
            _reloadAgain = true;
            return;
        }
        _reloading = true;
        try
        {
            do
            {
                _reloadAgain = false;
                await _table.ReloadServerData();
            } while (_reloadAgain && !_disposed);
        }
        finally
        {
            _reloading = false;
        }
    }

    private Task OnLeadChangedAsync(LeadNotification change)
    {
        if (QueueVerbs.Contains(change.Verb)) _changes?.Add(change);
        return Task.CompletedTask;
    }

    private Task OnQueueChangedAsync(IReadOnlyList<LeadNotification> changes) => InvokeAsync(async () =>
    {
        if (_disposed || _caller is not { } caller) return;
        var newMqls = changes.Where(c => c.Verb == LifecycleVerb.Promote && c.Stage == LifecycleStage.MQL)
            .DistinctBy(c => c.LeadId).ToList();
        if (newMqls.Count == 1) Snackbar.Add(L["Live.NewMql", newMqls[0].LeadName], Severity.Info);
        else if (newMqls.Count > 1) Snackbar.Add(L["Live.NewMqls", newMqls.Count], Severity.Info);

        var dropped = changes.Where(c => c.ActorId != caller.UserId && _selected.Contains(c.LeadId)
                                         && !(c.Verb == LifecycleVerb.Promote && c.Stage == LifecycleStage.MQL))
            .DistinctBy(c => c.LeadId).ToList();
        if (dropped.Count == 1) Snackbar.Add(L["Live.Dropped", dropped[0].LeadName, dropped[0].ActorName], Severity.Warning);
        else if (dropped.Count > 1) Snackbar.Add(L["Live.DroppedMany", dropped.Count], Severity.Warning);
        await ReloadAsync();
    });

    private IReadOnlySet<LeadAction> ActionsFor(QueueRow row) =>
        _caller is null ? new HashSet<LeadAction>() : LeadActions.For(_caller, new LeadState(LifecycleStage.MQL, null, row.RepId));

    private string RowClass(QueueRow row, int index) =>
        (_selected.Contains(row.Id) ? "ld-mql-selected" : "") + (_expanded.Contains(row.Id) ? " ld-mql-expanded" : "")
        + (row.Overdue ? " ld-mql-overdue" : "");

    private static string CompanyAndTitle(QueueRow row) =>
        string.Join(" · ", new[] { row.Company, row.JobTitle }.Where(p => !string.IsNullOrWhiteSpace(p)));

    private void ToggleExplanation(QueueRow row)
    {
        if (!_expanded.Remove(row.Id)) _expanded.Add(row.Id);
    }

    private void Select(QueueRow row, bool on)
    {
        if (on) _selected.Add(row.Id);
        else _selected.Remove(row.Id);
    }

    private void SelectAll(bool on)
    {
        if (on) _selected.UnionWith(_rows.Select(r => r.Id));
        else _selected.Clear();
    }

    private void ClearSelection() => _selected.Clear();

    private async Task HandOffAsync(QueueRow row)
    {
        var input = await Dialogs.AskAsync(L["HandOff.Title", row.Name], LifecycleVerb.HandOff, L["HandOff.Confirm"], L["HandOff.Message"]);
        if (input is null) return;
        await ActAsync(async () =>
        {
            var result = (await Handoffs.HandOffAsync(_caller!, [row.Id], input.Note)).Single();
            if (result.Error is { } error) Snackbar.Add(ErrorText.For(error, S), Severity.Error);
            else Snackbar.Add(L["HandOff.Done", row.Name, result.RepName ?? "—"], Severity.Success);
        });
    }

    private async Task HandOffSelectedAsync()
    {
        var chosen = _rows.Where(r => _selected.Contains(r.Id)).ToList();
        if (chosen.Count == 0) return;
        var input = await Dialogs.AskAsync(L["Bulk.Title", chosen.Count], LifecycleVerb.HandOff, L["Bulk.Promote", chosen.Count], L["Bulk.Message"]);
        if (input is null) return;
        await ActAsync(async () =>
        {
            var results = await Handoffs.HandOffAsync(_caller!, chosen.Select(r => r.Id).ToList(), input.Note);
            var (text, severity) = HandOffSummary.Of(results, chosen.ToDictionary(r => r.Id, r => r.Name), L, S);
            Snackbar.Add(text, severity);
            // The failures stay selected, to try again or act on one by one.
            _selected.Clear();
            _selected.UnionWith(results.Where(r => !r.Succeeded).Select(r => r.LeadId));
        });
    }

    private async Task ReturnToNurtureAsync(QueueRow row)
    {
        var input = await Dialogs.AskAsync(L["Nurture.Title", row.Name], LifecycleVerb.Recycle, L["Nurture.Confirm"], L["Nurture.Message"]);
        if (input?.Reason is not { } reason) return;
        await ActAsync(async () =>
        {
            await Handoffs.ReturnToNurtureAsync(_caller!, row.Id, reason, input.Note, row.ConcurrencyToken);
            Snackbar.Add(L["Nurture.Done", row.Name], Severity.Success);
        });
    }

    private async Task DisqualifyAsync(QueueRow row)
    {
        var input = await Dialogs.AskAsync(L["Disqualify.Title", row.Name], LifecycleVerb.Disqualify, L["Disqualify.Confirm"], L["Disqualify.Message"],
            confirmColor: Color.Error);
        if (input?.Reason is not { } reason) return;
        await ActAsync(async () =>
        {
            await Handoffs.DisqualifyAsync(_caller!, row.Id, reason, input.Note, row.ConcurrencyToken);
            Snackbar.Add(L["Disqualify.Done", row.Name], Severity.Success);
        });
    }

    /// <summary>Runs one action, says what went wrong in the user's language, and reloads: the row leaves, or shows what changed.</summary>
    private async Task ActAsync(Func<Task> action)
    {
        _busy = true;
        try
        {
            await action();
        }
        catch (DomainException error)
        {
            Snackbar.Add(ErrorText.For(error, S), Severity.Error);
        }
        catch (Exception exception)
        {
            Logger.LogError(exception, "An MQL queue action failed");
            Snackbar.Add(S["Error.Unexpected"], Severity.Error);
        }
        finally
        {
            _busy = false;
        }
        await ReloadAsync();
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        _changes?.Dispose();
        _clockTick?.Dispose();
    }
}
