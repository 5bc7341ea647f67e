using System.Collections.Concurrent;
using CloudNative.CloudEvents;
using Ledger.Api.Feed.Envelopes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace Ledger.Feed.Tests.Support;

/// <summary>
/// A webhook receiver as a subscriber would run one: Kestrel on 127.0.0.1, each request verified with the independent
/// StandardWebhooks package and parsed with the CloudEvents SDK. A hook can be told to fail, to exercise retries.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Hook, string MessageId, DateTimeOffset At, bool Verified, CloudEvent? Event, int AnsweredWith);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ConcurrentDictionary<string, string> _secrets = new();
    private readonly ConcurrentDictionary<string, int> _failWith = new();
    private readonly ConcurrentDictionary<string, string> _redirectTo = new();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WebhookReceiver(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hooks/{hook}", Receive);
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }

    public IReadOnlyList<Received> All => _received.ToList();

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public string Hook(string name, string secret)
    {
        _secrets[name] = secret;
        return $"{BaseUrl}/hooks/{name}";
    }

    public void FailWith(string hook, int status) => _failWith[hook] = status;

    public void Succeed(string hook) => _failWith.TryRemove(hook, out _);

    /// <summary>The hook answers 307 (POST again, there) to <paramref name="url"/>: a receiver trying to aim the service elsewhere.</summary>
    public void RedirectTo(string hook, string url) => _redirectTo[hook] = url;

    public IReadOnlyList<Received> Of(string hook) => _received.Where(r => r.Hook == hook).ToList();

    public Task Start() => _app.StartAsync();

    /// <summary>Waits, woken by each arrival, until the condition holds over what arrived; fails after the deadline.</summary>
    public async Task WaitFor(string hook, Func<IReadOnlyList<Received>, bool> condition, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (true)
        {
            var arrived = Volatile.Read(ref _arrived).Task;
            if (condition(Of(hook)))
                return;
            try
            {
                await arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"hook {hook} did not get what was expected within {deadline}; it got {Of(hook).Count} requests");
            }
        }
    }

    private async Task<IResult> Receive(string hook, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var verified = false;
        CloudEvent? cloudEvent = null;
        if (_secrets.TryGetValue(hook, out var secret))
        {
            try
            {
                new StandardWebhook(secret).Verify(body, request.Headers);
                verified = true;
                cloudEvent = FeedEnvelopes.Formatter.DecodeStructuredModeMessage(
                    new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)), new System.Net.Mime.ContentType(request.ContentType!), FeedEnvelopes.Extensions);
            }
            catch (Exception e) when (e is StandardWebhooks.Diagnostics.WebhookVerificationException or ArgumentException or FormatException)
            {
                verified = false;
            }
        }

        var redirect = _redirectTo.TryGetValue(hook, out var target);
        var status = redirect ? 307 : _failWith.TryGetValue(hook, out var failure) ? failure : verified ? 204 : 401;
        _received.Enqueue(new Received(hook, request.Headers["webhook-id"].ToString(), DateTimeOffset.UtcNow, verified, cloudEvent, status));
        Interlocked.Exchange(ref _arrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return redirect ? Results.Redirect(target!, permanent: false, preserveMethod: true) : Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
