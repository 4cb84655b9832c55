using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LeadDesk.Tests.MultiNode;

/// <summary>
/// One LeadDesk app node as its own operating-system process (the built LeadDesk.App.dll), on a free loopback port,
/// configured through environment variables as an operator would. Stopped for good with <see cref="KillAsync"/>; a node
/// that fails to start is killed before the failure is thrown, and every node still running when the test process
/// exits is killed then, so that no app process outlives the tests.
/// </summary>
public sealed class AppNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly EventHandler _killOnExit;

    private AppNode(Process process, int port)
    {
        _process = process;
        Port = port;
        _killOnExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _killOnExit;
    }

    public int Port { get; }

    /// <summary>The node's operating-system process id, which its lease holder name carries (<c>machine/pid/…</c>).</summary>
    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>localhost, not 127.0.0.1: Chromium keeps one cookie jar per host name, whatever the port.</summary>
    public string BaseUrl => $"http://localhost:{Port}";

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static async Task<AppNode> StartAsync(string postgresConnectionString, bool seedDemo, params (string Key, string Value)[] settings)
    {
        var port = FreePort();
        // The app's own build output, of the same configuration and framework as these tests (bin/<config>/<tfm>).
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var app = Path.Combine(RepositoryRoot.Path, "LeadDesk.App", "bin", testOutput.Parent!.Name, testOutput.Name, "LeadDesk.App.dll");
        if (!File.Exists(app)) throw new FileNotFoundException("Build the solution first: the app node runs the built app.", app);
        var start = new ProcessStartInfo("dotnet", [app])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development"; // static web assets are served from the build output
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Database__Provider"] = "PostgreSQL";
        start.Environment["Database__ConnectionString"] = postgresConnectionString;
        start.Environment["Demo__Seed"] = seedDemo ? "true" : "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key] = value;

        var node = new AppNode(Process.Start(start)!, port);
        node._process.OutputDataReceived += (_, e) => node.Append(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        try
        {
            await node.WaitHealthyAsync();
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
        return node;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The node stopped while starting:\n{Output}");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{Port}/healthz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The node did not become healthy in time:\n{Output}");
    }

    /// <summary>Stops the process at once, as a crash or a pulled plug would: no shutdown, no lease released.</summary>
    public async Task KillAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { /* it exited meanwhile */ }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= _killOnExit;
        await KillAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
