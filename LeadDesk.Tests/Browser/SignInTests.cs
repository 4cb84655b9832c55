using System.Text.RegularExpressions;
using LeadDesk.Tests.Browser.Pages;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.Tests.Browser;

public sealed class SignInTests(AppServerFixture app) : BrowserTest(app)
{
    private static readonly Regex OnInbox = new("^http://localhost:\\d+/inbox$");
    private static readonly Regex OnLogin = new("^http://localhost:\\d+/Account/Login$");
    private static readonly Regex OnLockout = new("^http://localhost:\\d+/Account/Lockout$");

    /// <summary>The cookie middleware writes <c>ReturnUrl</c>, Blazor's redirect <c>returnUrl</c>: both work.</summary>
    private static Regex LoginReturningTo(string path) =>
        new($"^http://localhost:\\d+/Account/Login\\?(?i:returnUrl)={Regex.Escape(Uri.EscapeDataString(path))}$");

    [Theory]
    [InlineData("marketing@leaddesk.demo")]
    [InlineData("sales@leaddesk.demo")]
    [InlineData("sales2@leaddesk.demo")]
    [InlineData("manager@leaddesk.demo")]
    public async Task A_demo_user_signs_in_lands_on_the_inbox_and_sees_their_name_in_the_user_menu(string email)
    {
        var login = await new LoginPage(Page).OpenAsync();

        await login.SignInAsync(email, App.DemoPassword);

        await Expect(Page).ToHaveURLAsync(OnInbox);
        var shell = new AppShell(Page);
        await shell.WaitUntilInteractiveAsync();
        await Expect(shell.UserMenu).ToContainTextAsync(email);
        await ScreenshotAsync(email.Split('@')[0]);
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_stays_on_the_login_page()
    {
        var (email, _) = await App.CreateUserAsync("wrong-password");
        var login = await new LoginPage(Page).OpenAsync();
        await ScreenshotAsync("before");

        await login.SignInAsync(email, "not-the-password");

        await Expect(login.Error).ToBeVisibleAsync();
        await Expect(Page).ToHaveURLAsync(OnLogin);
        await Expect(login.Email).ToHaveValueAsync(email);
        await Expect(login.Password).ToBeEmptyAsync();
        await ScreenshotAsync("after");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_then_even_the_right_password_is_refused()
    {
        var (email, password) = await App.CreateUserAsync("lockout");
        var login = await new LoginPage(Page).OpenAsync();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await login.SignInAsync(email, $"wrong-password-{attempt}");
            await Expect(login.Error).ToBeVisibleAsync();
        }

        await login.SignInAsync(email, "wrong-password-5");

        await Expect(Page).ToHaveURLAsync(OnLockout);
        await Expect(new LockoutPage(Page).Message).ToBeVisibleAsync();
        await ScreenshotAsync();

        await login.OpenAsync();
        await login.SignInAsync(email, password);
        await Expect(Page).ToHaveURLAsync(OnLockout);
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(LoginReturningTo("/"));
    }

    // Add "/inbox" (and "/admin/users") here once those pages exist: until then /inbox is a plain 404.
    [Theory]
    [InlineData("/")]
    [InlineData("/inbox")]
    [InlineData("/admin/users")]
    [InlineData("/Account/Manage/ChangePassword")]
    public async Task A_signed_out_visitor_opening_a_signed_in_page_is_sent_to_sign_in_with_a_return_url(string path)
    {
        await Page.GotoAsync(path);

        await Expect(Page).ToHaveURLAsync(LoginReturningTo(path));
        await Expect(new LoginPage(Page).SignInButton).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signing_in_from_a_return_url_comes_back_to_the_page_asked_for()
    {
        var (email, password) = await App.CreateUserAsync("return-url");
        await Page.GotoAsync("/Account/Manage/ChangePassword");
        await Expect(Page).ToHaveURLAsync(LoginReturningTo("/Account/Manage/ChangePassword"));

        await new LoginPage(Page).SignInAsync(email, password);

        await Expect(Page).ToHaveURLAsync(new Regex("^http://localhost:\\d+/Account/Manage/ChangePassword$"));
    }

    [Fact]
    public async Task Signing_out_from_the_user_menu_ends_the_session()
    {
        var login = await new LoginPage(Page).OpenAsync();
        await login.SignInAsync("sales2@leaddesk.demo", App.DemoPassword);
        await Expect(Page).ToHaveURLAsync(OnInbox);

        await new AppShell(Page).SignOutAsync();

        await Expect(Page).ToHaveURLAsync(OnLogin);
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(LoginReturningTo("/"));
    }
}
