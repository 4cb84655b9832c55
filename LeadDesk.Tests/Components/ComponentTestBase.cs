using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace LeadDesk.Tests.Components;

/// <summary>
/// Owns a bUnit context with MudBlazor's services, loose JS interop and localization. Not derived from BunitContext:
/// under xunit 2 a Mud service that is only IAsyncDisposable breaks synchronous teardown (STACK.md).
/// </summary>
public abstract class ComponentTestBase : IAsyncLifetime
{
    protected ComponentTestBase()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en");
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddLocalization();
    }

    protected BunitContext Context { get; }

    /// <summary>
    /// Sets the renderer info, which builds bUnit's service provider: after it no service can be registered.
    /// A test class that overrides this registers its services (and AddAuthorization) first, then calls the base.
    /// </summary>
    public virtual Task InitializeAsync()
    {
        Context.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await Context.DisposeAsync();
}
