using LeadDesk.App.Components.Shared;
using LeadDesk.Domain.Handoff;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Leads;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace LeadDesk.App.Components.Pages.Handoffs;

/// <summary>The sales handoff queue: loading and paging, keyboard triage, the accept / reject / reassign decisions and live updates.</summary>
public partial class Handoffs
{
    private const string AllReps = "*";
    private const int PageSize = 25;

    private Caller? _caller;
    private QueuePage? _page;
    private IReadOnlyList<SalesRep> _reps = [];
    private string _repFilter = AllReps;
    private int _pageIndex;
    private bool _loading = true;
    private string? _error;
    private bool _busy;
    private bool _dialogOpen;
    private int _current;
    private DateTime _now;
    private readonly HashSet<int> _expanded = [];
    private readonly Dictionary<int, ElementReference> _rowRefs = [];
    private ElementReference _table;
    private bool _focusTable;
    private bool _focusRow;
    private int _loadVersion;
    private bool _disposed;
    private IDisposable? _subscription;
    private System.Threading.Timer? _ticker;

    private bool IsManager => _caller?.IsIn(Roles.Manager) == true;
    private bool CanAnswerAny => _caller?.IsIn(Roles.Sales) == true;
    private int ColumnCount => IsManager ? 6 : 5;
    private int PageCount => _page is null ? 0 : (_page.TotalCount + _page.PageSize - 1) / _page.PageSize;
    private QueueRow? CurrentRow => _page is { } page && _current >= 0 && _current < page.Rows.Count ? page.Rows[_current] : null;

    private string EmptyText => !IsManager ? L["Handoffs.Empty"]
        : _repFilter == AllReps ? L["Handoffs.EmptyAll"]
        : string.Format(L["Handoffs.EmptyRep"], _reps.FirstOrDefault(r => r.Id == _repFilter)?.Name ?? "—");

    protected override void OnInitialized()
    {
        _now = Clock.GetUtcNow().UtcDateTime;
        _subscription = Notifier.Subscribe(OnLeadChangedAsync);
        // Ages ("5 h") move on while the page stays open.
        _ticker = new System.Threading.Timer(_ => _ = TickAsync(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _caller = await Callers.GetAsync();
        }
        catch (Exception exception)
        {
            Logger.LogError(exception, "Could not tell who is signed in on the handoffs page");
            _error = S["Error.Unexpected"];
            _loading = false;
            return;
        }
        if (IsManager) await LoadRepsAsync();
        await LoadAsync();
        _focusTable = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        try
        {
            if (_focusRow && CurrentRow is { } row && _rowRefs.TryGetValue(row.Id, out var element))
            {
                _focusRow = _focusTable = false;
                await element.FocusAsync(); // the browser scrolls the row into view
            }
            else if (_focusTable && _page is { Rows.Count: > 0 })
            {
                _focusRow = _focusTable = false;
                await _table.FocusAsync(preventScroll: true); // keys work at once; the page stays at its top
            }
        }
        catch (Exception exception) when (exception is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            // The row went away between render and focus, or the circuit is closing: nothing to focus.
        }
    }

    private async Task LoadAsync()
    {
        if (_caller is null) return;
        var version = ++_loadVersion;
        _loading = true;
        try
        {
            var page = await Queues.GetHandoffQueueAsync(_caller, IsManager && _repFilter != AllReps ? _repFilter : null, _pageIndex, PageSize);
            if (version != _loadVersion) return; // a newer load is on its way
            if (page.Rows.Count == 0 && page.TotalCount > 0 && _pageIndex > 0)
            {
                _pageIndex = (page.TotalCount - 1) / PageSize; // the last page emptied: show the one before
                await LoadAsync();
                return;
            }
            Show(page);
        }
        catch (DomainException exception)
        {
            if (version == _loadVersion) _error = ErrorText.For(exception, S);
        }
        catch (Exception exception)
        {
            Logger.LogError(exception, "Could not load the handoff queue");
            if (version == _loadVersion) _error = L["Handoffs.LoadFailed"];
        }
        finally
        {
            if (version == _loadVersion) _loading = false;
        }
    }

    /// <summary>Shows a fresh page, keeping the current row on the same lead, or at the same place when that lead has gone.</summary>
    private void Show(QueuePage page)
    {
        var currentId = CurrentRow?.Id;
        _page = page;
        _pageIndex = page.Page;
        _error = null;
        _now = Clock.GetUtcNow().UtcDateTime;
        var stillThere = -1;
        for (var i = 0; i < page.Rows.Count; i++)
            if (page.Rows[i].Id == currentId) stillThere = i;
        _current = stillThere >= 0 ? stillThere : Math.Clamp(_current, 0, Math.Max(0, page.Rows.Count - 1));
        var ids = page.Rows.Select(r => r.Id).ToHashSet();
        _expanded.IntersectWith(ids);
        foreach (var gone in _rowRefs.Keys.Where(id => !ids.Contains(id)).ToList()) _rowRefs.Remove(gone);
    }

    private async Task LoadRepsAsync()
    {
        try
        {
            _reps = await Roster.GetActiveRepsAsync();
        }
        catch (Exception exception)
        {
            Logger.LogError(exception, "Could not load the sales roster");
        }
    }

    private async Task RepFilterChangedAsync(string repId)
    {
        _repFilter = repId;
        _pageIndex = 0;
        _current = 0;
        await LoadAsync();
    }

    private async Task PageChangedAsync(int page)
    {
        _pageIndex = page - 1;
        _current = 0;
        await LoadAsync();
        _focusTable = true;
    }

    private void ToggleExplanation(int leadId)
    {
        if (!_expanded.Remove(leadId)) _expanded.Add(leadId);
    }

    private static string RowClass(QueueRow row, bool current) =>
        "ld-handoff" + (current ? " ld-handoff-current" : "") + (row.Overdue ? " ld-handoff-overdue" : "");

    private IReadOnlySet<LeadAction> ActionsFor(QueueRow row) =>
        _caller is null ? new HashSet<LeadAction>() : LeadActions.For(_caller, new LeadState(LifecycleStage.MQL, null, row.RepId));

    // ---- keyboard triage ----------------------------------------------------------------------------------

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        // Dialogs render outside this table, so their typing never reaches here; the flag also covers the moment one opens.
        if (_dialogOpen || _busy || e.CtrlKey || e.AltKey || e.MetaKey || CurrentRow is not { } row) return;
        switch (e.Key)
        {
            case "j" or "J":
                MoveTo(_current + 1);
                break;
            case "k" or "K":
                MoveTo(_current - 1);
                break;
            case "a" or "A" when ActionsFor(row).Contains(LeadAction.Accept):
                await AcceptAsync(row);
                break;
            case "r" or "R" when ActionsFor(row).Contains(LeadAction.Reject):
                await RejectAsync(row);
                break;
        }
    }

    private void MoveTo(int index)
    {
        if (_page is null) return;
        _current = Math.Clamp(index, 0, _page.Rows.Count - 1);
        _focusRow = true;
    }

    // ---- actions ------------------------------------------------------------------------------------------

    private async Task AcceptAsync(QueueRow row)
    {
        if (_busy || _caller is not { } caller) return;
        Select(row);
        var input = await WithDialogAsync(() => Dialogs.AskAsync(string.Format(L["Accept.Title"], row.Name), LifecycleVerb.Accept,
            L["Accept.Confirm"], L["Accept.Message"], confirmColor: Color.Success));
        if (input is null) return;
        await RunAsync(() => Handoff.AcceptAsync(caller, row.Id, input.Note, row.ConcurrencyToken), string.Format(L["Done.Accepted"], row.Name));
    }

    private async Task RejectAsync(QueueRow row)
    {
        if (_busy || _caller is not { } caller) return;
        Select(row);
        var input = await WithDialogAsync(() => Dialogs.AskAsync(string.Format(L["Reject.Title"], row.Name), LifecycleVerb.Reject,
            L["Reject.Confirm"], L["Reject.Message"], askWhereTo: true, confirmColor: Color.Error));
        if (input?.Reason is not { } reason) return;
        await RunAsync(() => Handoff.RejectAsync(caller, row.Id, reason, input.Note, input.Disqualify, row.ConcurrencyToken),
            string.Format(input.Disqualify ? L["Done.Disqualified"] : L["Done.Rejected"], row.Name));
    }

    private async Task ReassignAsync(QueueRow row)
    {
        if (_busy || _caller is not { } caller) return;
        Select(row);
        var parameters = new DialogParameters<ReassignDialog>
        {
            { d => d.LeadName, row.Name },
            { d => d.CurrentRepId, row.RepId },
            { d => d.CurrentRepName, row.RepName },
        };
        var choice = await WithDialogAsync(async () =>
        {
            var dialog = await Dialogs.ShowAsync<ReassignDialog>(string.Format(S["Reassign.Title"], row.Name), parameters,
                new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
            return await dialog.Result is { Canceled: false, Data: ReassignInput chosen } ? chosen : null;
        });
        if (choice is null) return;
        await RunAsync(() => Handoff.ReassignAsync(caller, row.Id, choice.RepId, choice.Note, row.ConcurrencyToken),
            string.Format(L["Done.Reassigned"], row.Name, choice.RepName));
    }

    private void Select(QueueRow row)
    {
        if (_page is null) return;
        for (var i = 0; i < _page.Rows.Count; i++)
            if (_page.Rows[i].Id == row.Id) _current = i;
    }

    private async Task<T?> WithDialogAsync<T>(Func<Task<T?>> show) where T : class
    {
        _dialogOpen = true;
        try
        {
            return await show();
        }
        finally
        {
            _dialogOpen = false;
            _focusRow = true; // back to the row, so triage goes on from the keyboard
        }
    }

    /// <summary>Runs one decision and reloads whatever happened: the row has gone, or someone else changed it first.</summary>
    private async Task RunAsync(Func<Task> action, string done)
    {
        _busy = true;
        try
        {
            await action();
            Snackbar.Add(done, Severity.Success);
        }
        catch (LeadChangedException exception)
        {
            Snackbar.Add(ErrorText.For(exception, S), Severity.Warning);
        }
        catch (DomainException exception)
        {
            Snackbar.Add(ErrorText.For(exception, S), Severity.Error);
        }
        catch (Exception exception)
        {
            Logger.LogError(exception, "A handoff decision failed");
            Snackbar.Add(S["Error.Unexpected"], Severity.Error);
        }
        finally
        {
            _busy = false;
        }
        await LoadAsync();
        _focusRow = true;
    }

    // ---- live updates -------------------------------------------------------------------------------------

    private Task OnLeadChangedAsync(LeadNotification change)
    {
        // The user's own moves come back here too (they may have two tabs open); reloading twice is harmless.
        if (_disposed || _caller is not { } caller) return Task.CompletedTask;
        var toMe = change.AssignedRepId == caller.UserId && change.ActorId != caller.UserId
                   && change.Verb is LifecycleVerb.HandOff or LifecycleVerb.Reassign;
        var handoffChange = change.Verb is LifecycleVerb.HandOff or LifecycleVerb.Reassign or LifecycleVerb.Accept or LifecycleVerb.Reject;
        var visible = _page?.Rows.Any(r => r.Id == change.LeadId) == true;
        if (!toMe && !visible && !(IsManager && handoffChange)) return Task.CompletedTask;

        return InvokeAsync(async () =>
        {
            if (_disposed) return;
            await LoadAsync();
            if (toMe)
            {
                var text = change.Verb == LifecycleVerb.HandOff ? L["Live.NewHandoff"] : L["Live.Reassigned"];
                Snackbar.Add(string.Format(text, change.LeadName, change.ActorName), Severity.Info);
            }
            StateHasChanged();
        });
    }

    private async Task TickAsync()
    {
        try
        {
            await InvokeAsync(() =>
            {
                if (_disposed) return;
                _now = Clock.GetUtcNow().UtcDateTime;
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit closed between ticks.
        }
    }

    private static string Join(params string?[] parts) => string.Join(" · ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        _ticker?.Dispose();
    }
}
