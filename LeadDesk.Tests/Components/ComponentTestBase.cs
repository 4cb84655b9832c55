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
        Context.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
    }

    protected BunitContext Context { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync() => await Context.DisposeAsync();
}
