using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using LeadDesk.App.Extensions;
using MudBlazor.Services;

namespace LeadDesk.Tests.Components;

/// <summary>
/// Owns a bUnit context with MudBlazor's services, loose JS interop and localization. Not derived from BunitContext:
/// under xunit 2 a Mud service that is only IAsyncDisposable breaks synchronous teardown (STACK.md).
/// </summary>
public abstract class ComponentTestBase : IAsyncLifetime
{
    static ComponentTestBase()
    {
        // WaitFor* gives up after this long. A second is plenty alone, not on two cores shared with a build and a browser.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    }

    protected ComponentTestBase()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en");
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddLeadDeskLocalization();
    }

    protected BunitContext Context { get; }

    /// <summary>Renders as the interactive server renderer does; register every service before the first call.</summary>
    protected IRenderedComponent<TComponent> Render<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        Context.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        return parameters is null ? Context.Render<TComponent>() : Context.Render(parameters);
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync() => await Context.DisposeAsync();
}
