using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Budgeting.Api.Tests.Features.Ballots;
using Microsoft.Playwright;

namespace Budgeting.Api.Tests.Page;

/// <summary>
/// The ballot page (wwwroot/vote) end to end: Debian's Chromium, headless, driven by Playwright against the service
/// running as a real process. Skipped, with a message, when /usr/bin/chromium is missing.
/// </summary>
[NonParallelizable]
public sealed partial class BallotPageTests
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private RealHost host = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Ignore($"Chromium is not installed at {ChromiumPath} (apt-get install chromium): the ballot page tests are skipped.");
        }

        host = await RealHost.StartAsync();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        host?.Dispose();
    }

    // A phone-sized screen, in a fixed locale so that money is written the same way on every machine.
    private async Task<IPage> PhoneAsync(string token)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseAddress, "/vote/#t=" + token).ToString());
        return page;
    }

    private async Task<(long Id, string[] Tokens)> ElectionAsync(object definition)
    {
        using var official = host.Official();
        var (id, tokens, _) = await TestPanel.DrawnAsync(official, definition);
        return (id, tokens);
    }

    private async Task<JsonElement> StoredAsync(string token)
    {
        using var client = host.Client(token);
        return (await client.GetFromJsonAsync<JsonElement>("/api/ballot")).GetProperty("ballot");
    }

    [Test]
    public async Task Knapsack_ShowsCostsAndDescriptions_TracksTheRemainingBudget_AndConfirmsReceipt()
    {
        var (_, tokens) = await ElectionAsync(TestPanel.Knapsack());
        var page = await PhoneAsync(tokens[0]);

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Riverton 2027");
        await Assertions.Expect(page.GetByText("Open on Sundays.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Cost: €7.00")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#tally")).ToHaveTextAsync("Remaining budget: €10.00 of €10.00.");

        await page.GetByLabel("Park benches").CheckAsync();
        await Assertions.Expect(page.Locator("#tally")).ToHaveTextAsync("Remaining budget: €6.00 of €10.00.");
        // Library hours (€7.00) no longer fits, so it cannot be chosen.
        await Assertions.Expect(page.GetByLabel("Library hours")).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByText("Costs more than the €6.00 that remain.")).ToBeVisibleAsync();

        await page.GetByLabel("Bike racks").CheckAsync();
        await Assertions.Expect(page.Locator("#tally")).ToHaveTextAsync("Remaining budget: €3.00 of €10.00.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my ballot" }).ClickAsync();

        await Assertions.Expect(page.Locator("#receipt")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#receipt-title")).ToHaveTextAsync("Your ballot was received");
        var text = await page.Locator("#receipt-text").TextContentAsync();
        var stored = await StoredAsync(tokens[0]);
        Assert.That(stored.GetProperty("ballot").GetProperty("projects").EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[] { "p1", "p3" }));
        Assert.That(text, Does.Contain("Receipt code " + stored.GetProperty("receipt").GetString() + " (version 1)"));
    }

    [Test]
    public async Task Keyboard_alone_fills_and_sends_the_ballot_and_a_reload_shows_it()
    {
        var (_, tokens) = await ElectionAsync(TestPanel.Knapsack());
        var page = await PhoneAsync(tokens[1]);
        await Assertions.Expect(page.Locator("#tally")).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Tab");   // first project
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");   // second project: does not fit any more, so it is skipped
        await Assertions.Expect(page.GetByLabel("Bike racks")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");   // the send button
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send my ballot" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#receipt")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#receipt-title")).ToHaveTextAsync("Your ballot was received");
        await Assertions.Expect(page.Locator("#receipt")).ToBeFocusedAsync();

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#receipt-title")).ToHaveTextAsync("Your current ballot");
        await Assertions.Expect(page.GetByLabel("Park benches")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Bike racks")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Library hours")).Not.ToBeCheckedAsync();
    }

    [Test]
    public async Task Every_control_is_labelled_and_the_page_fits_a_phone()
    {
        var (_, tokens) = await ElectionAsync(TestPanel.Knapsack());
        var page = await PhoneAsync(tokens[2]);
        await Assertions.Expect(page.Locator("#tally")).ToBeVisibleAsync();

        var unlabelled = await page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('input, select, textarea, button')].filter(e => !e.labels?.length && !e.textContent.trim() && !e.getAttribute('aria-label')).length");
        Assert.That(unlabelled, Is.Zero);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.That(scrollWidth, Is.LessThanOrEqualTo(360), "no sideways scrolling on a 360 px wide screen");
    }

    [Test]
    public async Task An_invalid_ballot_is_not_sent()
    {
        var definition = TestPanel.Knapsack();
        var json = JsonSerializer.SerializeToNode(definition)!;
        json["limits"]!["minLength"] = 2;
        var (id, tokens) = await ElectionAsync(json);
        var page = await PhoneAsync(tokens[0]);
        var puts = 0;
        page.Request += (_, request) => puts += request.Method == "PUT" ? 1 : 0;

        await page.GetByLabel("Bike racks").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my ballot" }).ClickAsync();

        await Assertions.Expect(page.Locator("#problems")).ToHaveTextAsync("Choose at least 2 projects; you have chosen 1.");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Your ballot was not sent: please fix what is listed below.");
        Assert.That(puts, Is.Zero);
        using var official = host.Official();
        var count = await official.GetFromJsonAsync<JsonElement>($"/api/elections/{id}/ballots/count");
        Assert.That(count.GetProperty("voted").GetInt64(), Is.Zero);
    }

    [Test]
    public async Task Allocation_ballot_keeps_a_live_total_that_must_reach_the_budget()
    {
        var (_, tokens) = await ElectionAsync(TestPanel.Allocation());
        var page = await PhoneAsync(tokens[0]);
        await Assertions.Expect(page.GetByText("The city requires at least €1.00.")).ToBeVisibleAsync();

        await page.GetByLabel("Parks").FillAsync("3.00");
        await page.GetByLabel("Schools").FillAsync("4");
        await page.GetByLabel("Roads").FillAsync("2.50");
        await Assertions.Expect(page.Locator("#tally")).ToHaveTextAsync("Total: €9.50 of €10.00. €0.50 left to allocate.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my ballot" }).ClickAsync();
        await Assertions.Expect(page.Locator("#problems")).ToHaveTextAsync("The amounts must add up to exactly €10.00; they add up to €9.50.");
        Assert.That((await StoredAsync(tokens[0])).ValueKind, Is.EqualTo(JsonValueKind.Null));

        await page.GetByLabel("Roads").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("7");
        await Assertions.Expect(page.Locator("#problems")).ToContainTextAsync("Roads may get at most €6.00.");

        await page.GetByLabel("Roads").FillAsync("3");
        await Assertions.Expect(page.Locator("#tally")).ToHaveTextAsync("Total: €10.00 of €10.00. The whole budget is allocated.");
        await page.Keyboard.PressAsync("Enter");   // submits the form from the field
        await Assertions.Expect(page.Locator("#receipt")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#receipt-title")).ToHaveTextAsync("Your ballot was received");

        var amounts = (await StoredAsync(tokens[0])).GetProperty("ballot").GetProperty("amounts");
        Assert.That(amounts.GetProperty("parks").GetInt64(), Is.EqualTo(300));
        Assert.That(amounts.GetProperty("schools").GetInt64(), Is.EqualTo(400));
        Assert.That(amounts.GetProperty("roads").GetInt64(), Is.EqualTo(300));
    }

    [Test]
    public async Task Hierarchical_ballot_takes_the_split_then_each_areas_projects_by_keyboard_alone()
    {
        var (_, tokens) = await ElectionAsync(Features.Hierarchy.HierarchicalElection.HierarchicalDefinition());
        var page = await PhoneAsync(tokens[0]);
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Projects in Parks and green spaces" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Projects in Roads" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Projects in Schools" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#intro")).ToContainTextAsync("Then, in each area, choose the projects you want funded");
        var unlabelled = await page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('input, select, textarea, button')].filter(e => !e.labels?.length && !e.textContent.trim() && !e.getAttribute('aria-label')).length");
        Assert.That(unlabelled, Is.Zero);

        // The split first: Tab from field to field, typing the amounts.
        await page.GetByLabel("Parks and green spaces").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("6");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("4");
        await page.Keyboard.PressAsync("Tab");   // schools keeps 0
        await Assertions.Expect(page.GetByLabel("Schools")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#tally")).ToHaveTextAsync("Total: €10.00 of €10.00. The whole budget is allocated.");

        // Then the projects, area by area: Playground and Pond in parks, Crossing in roads.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("Playground")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.GetByLabel("Pond")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");   // Benches
        await page.Keyboard.PressAsync("Tab");   // Cycle lane
        await page.Keyboard.PressAsync("Tab");   // Crossing
        await Assertions.Expect(page.GetByLabel("Crossing")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");   // Potholes
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send my ballot" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#receipt-title")).ToHaveTextAsync("Your ballot was received");

        var stored = (await StoredAsync(tokens[0])).GetProperty("ballot");
        Assert.That(stored.GetProperty("amounts").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())),
            Is.EquivalentTo(new[] { ("parks", 600L), ("roads", 400L), ("schools", 0L) }));
        var chosen = stored.GetProperty("areaProjects");
        Assert.That(chosen.GetProperty("parks").EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(chosen.GetProperty("roads").EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[] { "r2" }));

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#receipt-title")).ToHaveTextAsync("Your current ballot");
        await Assertions.Expect(page.GetByLabel("Parks and green spaces")).ToHaveValueAsync("6.00");
        await Assertions.Expect(page.GetByLabel("Pond")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Crossing")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Benches")).Not.ToBeCheckedAsync();
    }

    [Test]
    public async Task Cumulative_ballot_counts_points_live_and_refuses_too_many()
    {
        var definition = JsonSerializer.SerializeToNode(TestPanel.Knapsack())!;
        definition["ballotKind"] = "cumulative";
        definition["limits"] = new System.Text.Json.Nodes.JsonObject { ["maxSumPoints"] = 10, ["maxPoints"] = 6 };
        var (_, tokens) = await ElectionAsync(definition);
        var page = await PhoneAsync(tokens[0]);

        await page.GetByLabel("Park benches").FillAsync("6");
        await page.GetByLabel("Bike racks").FillAsync("5");
        await Assertions.Expect(page.Locator("#tally")).ToHaveTextAsync("Points given: 11 of 10; 1 point too many.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my ballot" }).ClickAsync();
        await Assertions.Expect(page.Locator("#problems")).ToHaveTextAsync("Give at most 10 points in all.");
        Assert.That((await StoredAsync(tokens[0])).ValueKind, Is.EqualTo(JsonValueKind.Null));

        await page.GetByLabel("Bike racks").FillAsync("4");
        await Assertions.Expect(page.Locator("#tally")).ToHaveTextAsync("Points given: 10 of 10; 0 left.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my ballot" }).ClickAsync();
        await Assertions.Expect(page.Locator("#receipt")).ToBeVisibleAsync();
        var stored = (await StoredAsync(tokens[0])).GetProperty("ballot");
        Assert.That(stored.GetProperty("projects").EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[] { "p1", "p3" }));
        Assert.That(stored.GetProperty("points").EnumerateArray().Select(p => p.GetInt64()), Is.EqualTo(new long[] { 6, 4 }));
    }

    [Test]
    public async Task A_wrong_or_missing_token_says_so()
    {
        var page = await PhoneAsync("not-a-token");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("This voting link is not valid, or it is no longer active. Please check the link in your letter.");
        await Assertions.Expect(page.Locator("#ballot")).ToBeHiddenAsync();

        await page.GotoAsync(new Uri(host.BaseAddress, "/vote/").ToString());
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync(new Regex("^This page needs the personal link"));
    }
}
