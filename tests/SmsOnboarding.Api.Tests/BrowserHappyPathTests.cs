using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SmsOnboarding.Api.Tests.Support;
using SmsOnboarding.Serve;
using SmsOnboarding.Serve.Deployment;
using SmsOnboarding.Serve.Hosting;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Api.Tests;

/// <summary>The whole happy path in Debian's chromium: form, phone panel, approver inbox, completion.</summary>
// A real browser against the real local stack is timing-sensitive: run it alone, after the parallel classes,
// so the other API tests' servers do not starve chromium of the machine's two cores.
[CollectionDefinition(nameof(BrowserHappyPathTests), DisableParallelization = true)]
public sealed class BrowserCollection;

[Collection(nameof(BrowserHappyPathTests))]
public sealed partial class BrowserHappyPathTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task A_request_submitted_in_the_form_completes_after_the_approver_types_the_codes_from_the_phone_panel()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Fail($"{Chromium} is missing: install it with `apt-get install -y chromium` (CI installs it).");
        }
        var data = Directory.CreateTempSubdirectory("api-browser-").FullName;
        var (stack, local) = await LocalServe.CreateAsync(new LocalServeOptions { DataDirectory = data });
        await using var host = await ServeHost.StartAsync(new ServeOptions { Port = 0, DataDirectory = data, ConsoleLogging = false }, stack);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(15000);
        var requests = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, r) => requests.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} -> {r.Method} {r.Url}");
        page.RequestFinished += (_, r) => requests.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} <- {r.Method} {r.Url}");
        page.RequestFailed += (_, r) => requests.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} !! {r.Method} {r.Url} {r.Failure}");
        try
        {
            await DriveTheHappyPathAsync(page, host, local);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            // A browser failure says little without the page: keep a screenshot, quote what was shown and the last requests.
            var shot = Path.Combine(AppContext.BaseDirectory, "browser-failure.png");
            await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
            var shown = await page.Locator("main").InnerTextAsync(new() { Timeout = 2000 });
            throw new InvalidOperationException(
                $"{e.Message}\nThe page at {page.Url} (screenshot {shot}) showed:\n{shown[..Math.Min(shown.Length, 1500)]}\nLast requests:\n{string.Join("\n", requests.TakeLast(20))}", e);
        }
    }

    private static async Task DriveTheHappyPathAsync(IPage page, ServeHost host, LocalDeployment local)
    {
        await page.GotoAsync(host.BaseUri + "ui/");
        await Assertions.Expect(page.GetByTestId("sign-in")).ToContainTextAsync("bearer token");
        await UseTokenAsync(page, ApiServer.Alice, "alice");

        await page.GetByTestId("nav-new").ClickAsync();
        var fields = new Dictionary<string, string>
        {
            ["requestId"] = "browser-1",
            ["userPoolId"] = "us-east-1_Checkout1",
            ["countries"] = "US, CA",
            ["monthlySpendUsd"] = "250",
            ["useCase"] = "One-time passwords for sign-in and account recovery of the checkout app.",
            ["websiteUrl"] = "https://checkout.example.com",
            ["optInProcess"] = "Customers enter their number on the profile page and confirm with a code; opting in is optional.",
            ["sampleMessages"] = "Your Checkout sign-in code is {####}. It expires in 5 minutes.",
            ["sandboxNumbers"] = "+12065550101",
            ["requester"] = "alice",
            ["approvers"] = "bob",
            ["team"] = "checkout",
        };
        // Inline validation names the missing website before it is typed.
        await page.GetByTestId("field-userPoolId").FillAsync("us-east-1_Checkout1");
        await Assertions.Expect(page.GetByTestId("problem-websiteUrl")).Not.ToBeEmptyAsync();
        foreach (var (name, value) in fields)
        {
            await page.GetByTestId("field-" + name).FillAsync(value);
        }
        await page.GetByTestId("field-messageType").SelectOptionAsync("OneTimePassword");
        // The registration section AWS's toll-free form needs, member by member; choices are selects.
        foreach (var (name, value) in SampleRegistration.Json(vertical: null))
        {
            var input = page.GetByTestId("field-registration." + name);
            if (await input.EvaluateAsync<string>("e => e.tagName") == "SELECT")
            {
                await input.SelectOptionAsync(value!.GetValue<string>());
            }
            else
            {
                await input.FillAsync(value!.GetValue<string>());
            }
        }
        await Assertions.Expect(page.GetByTestId("plan-step").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("problem-websiteUrl")).ToBeEmptyAsync();
        await page.GetByTestId("submit").ClickAsync();
        try
        {
            // Opening the onboarding changes only the hash: a same-document navigation has no load event to wait for.
            await page.WaitForURLAsync(new Regex("#/o/onb-"), new() { Timeout = 30000, WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException)
        {
            var (_, stored) = await ApiServer.SendAsync(Client(host), HttpMethod.Get, "api/onboardings");
            Assert.Fail($"Submitting did not open the onboarding; the page says: '{await page.GetByTestId("error").TextContentAsync()}'; the server holds: {stored?.ToJsonString()}.");
        }
        var id = page.Url[(page.Url.IndexOf("#/o/", StringComparison.Ordinal) + 4)..];

        await UseTokenAsync(page, ApiServer.Bob, "bob");
        var codesFromThePhonePanel = 0;
        for (var round = 0; round < 40; round++)
        {
            await local.RunUntilIdleAsync();
            var detail = await ApiServer.SendAsync(Client(host), HttpMethod.Get, $"api/onboardings/{id}");
            if ((string?)detail.Body!["status"] is "completed" or "failed" or "cancelled")
            {
                break;
            }
            await OpenInboxAsync(page);
            var tasks = page.GetByTestId("task");
            if (await tasks.CountAsync() == 0)
            {
                continue;
            }
            var task = tasks.First;
            if (await task.GetByTestId("code-input").CountAsync() == 1)
            {
                await Assertions.Expect(task).ToContainTextAsync("0101");
                if (codesFromThePhonePanel == 0)
                {
                    await ExpectDiagramAtAsync(page, id, "Code.Ask");
                }
                var code = await ReadCodeFromThePhonePanelAsync(page, "+12065550101");
                await OpenInboxAsync(page);
                await page.GetByTestId("code-input").First.FillAsync(code);
                codesFromThePhonePanel++;
            }
            else if (await task.GetByTestId("case-input").CountAsync() == 1)
            {
                await task.GetByTestId("case-input").FillAsync("case-by-hand");
            }
            await page.GetByTestId("complete").First.ClickAsync();
            await page.WaitForSelectorAsync("[data-testid=inbox-refresh]");
        }

        Assert.True(codesFromThePhonePanel >= 1, "the happy path never asked for a verification code");
        await page.EvaluateAsync($"location.hash = '#/o/{id}'");
        await Assertions.Expect(page.GetByTestId("status").First).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 20000 });
        await Assertions.Expect(page.Locator("[data-testid=diagram-svg] .state.visited[data-state='Finalize']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=diagram-svg] .state.visited[data-state='Code.Ask']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=diagram-svg] .state.current")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("diagram-current")).ToHaveTextAsync("Finished: every state done.");
        // The summary comes from the workflow's own output: the role, the SNS Region, the identity and the test message.
        var summary = page.GetByTestId("summary");
        await Assertions.Expect(summary.Locator("[data-summary='Role Cognito assumes to send SMS']")).ToHaveTextAsync(new Regex("^arn:aws:iam::111122223333:role/"));
        await Assertions.Expect(summary.Locator("[data-summary='SNS Region']")).ToHaveTextAsync("us-east-1");
        await Assertions.Expect(summary.Locator("[data-summary='Origination identity']")).ToHaveTextAsync(new Regex(@"^\+1[0-9]{10}$"));
        await Assertions.Expect(summary.Locator("[data-summary='Test message']")).ToHaveTextAsync(new Regex("^Sent to "));
        await Assertions.Expect(page.Locator("[data-testid=plan-progress-step]:not([data-progress=done])")).ToHaveCountAsync(0);
    }

    private static async Task OpenInboxAsync(IPage page)
    {
        await page.GetByTestId("nav-inbox").ClickAsync();
        await page.GetByTestId("inbox-refresh").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=task], [data-testid=inbox-empty]");
    }

    /// <summary>The detail page's diagram marks the state the onboarding waits in, and says so in text.</summary>
    private static async Task ExpectDiagramAtAsync(IPage page, string id, string state)
    {
        await page.EvaluateAsync($"location.hash = '#/o/{id}'");
        var box = page.Locator($"[data-testid=diagram-svg] .state.current[data-state='{state}']");
        await Assertions.Expect(box).ToBeVisibleAsync();
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-label", new Regex("current state"));
        await Assertions.Expect(page.GetByTestId("diagram-current")).ToContainTextAsync(state);
        await Assertions.Expect(page.Locator("[data-testid=diagram-svg] .state.visited[data-state='EnsureSmsRole']")).ToBeVisibleAsync();
    }

    /// <summary>What the approver does: open the simulated phones, find the handset, read the newest SMS's code.</summary>
    private static async Task<string> ReadCodeFromThePhonePanelAsync(IPage page, string phone)
    {
        await page.GetByTestId("nav-phones").ClickAsync();
        var newest = page.Locator($"[data-testid=phone][data-phone='{phone}'] [data-testid=sms-body]").Last;
        await Assertions.Expect(newest).ToContainTextAsync(Otp());
        return Otp().Match(await newest.InnerTextAsync()).Value;
    }

    private static async Task UseTokenAsync(IPage page, string token, string name)
    {
        await page.GetByTestId("token").FillAsync(token);
        await page.GetByTestId("token-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("whoami")).ToContainTextAsync(name);
    }

    private static HttpClient Client(ServeHost host)
    {
        var client = new HttpClient { BaseAddress = host.BaseUri };
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiServer.Olivia);
        return client;
    }

    [GeneratedRegex("[0-9]{5,8}")]
    private static partial Regex Otp();
}
