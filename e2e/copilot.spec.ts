import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support";

const answer = (page: Page) => page.getByTestId("copilot-answer");
const askBox = (page: Page) => page.getByRole("combobox", { name: "Ask Stockpilot" });
/** The bar advertises its shortcuts once the page is interactive, as a person would find it. */
const barReady = (page: Page) => expect(page.getByRole("button", { name: "Ask Stockpilot…" })).toHaveAttribute("aria-keyshortcuts", "/ Control+K");

async function ask(page: Page, question: string) {
  await askBox(page).fill(question);
  await askBox(page).press("Enter");
  await expect(answer(page)).toBeVisible();
}

test.describe("copilot command bar", () => {
  test("a planner opens it with / on the dashboard, asks what to do first and follows the answer to the exception", async ({ page }) => {
    await signIn(page, "planner");
    await page.goto("/dashboard");
    await barReady(page);
    await page.keyboard.press("/");
    await expect(askBox(page)).toBeFocused();
    await expect(page.getByRole("option", { name: "What should I do first today?" })).toBeVisible();

    await ask(page, "what shuold I do frist today?");
    await expect(answer(page)).toHaveAttribute("data-status", "answered");
    await page.screenshot({ path: "test-results/copilot-command-bar.png" });
    await expect(answer(page)).toContainText(/open exceptions? in your scope\. Start with the/);
    // The figures are links: the count to the queue, the money to the exception.
    await expect(answer(page).getByRole("option", { name: /open exceptions?/ })).toHaveAttribute("href", "/queue?sort=score&order=desc");

    // Keyboard: ↓ walks the links; Enter on the first listed item opens its exception.
    const firstItem = answer(page).getByRole("list").getByRole("option").first();
    const href = await firstItem.getAttribute("href");
    expect(href).toMatch(/^\/exceptions\//);
    const linksInSentence = await answer(page).locator("p[class] > a").count();
    for (let i = 0; i <= linksInSentence; i++) await askBox(page).press("ArrowDown");
    await expect(firstItem).toHaveAttribute("aria-selected", "true");
    await askBox(page).press("Enter");
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    await expect(page.getByTestId("root-cause-summary")).not.toBeEmpty();

    // On the exception page, "this" is the exception on screen.
    await barReady(page);
    await page.keyboard.press("Control+k");
    await ask(page, "why is this store short?");
    await expect(answer(page)).toHaveAttribute("data-status", "answered");
    await expect(answer(page).getByRole("option").first()).toHaveAttribute("href", href!);
  });

  test("a store manager is told another store is not theirs, and gets questions they can ask", async ({ page }) => {
    await signIn(page, "store_manager");
    await barReady(page);
    await page.keyboard.press("Control+k");
    await ask(page, "stock-outs at S005 next week");
    await expect(answer(page)).toHaveAttribute("data-status", "out_of_scope");
    await expect(answer(page)).toContainText("S005 (North Park 5) is not one of your stores.");
    const suggestion = answer(page).getByRole("option").first();
    await expect(suggestion).toBeVisible();
    await suggestion.click();
    await expect(answer(page)).not.toHaveAttribute("data-status", "out_of_scope");
  });

  test("an unknown question gets the closest answerable ones, never an error page; the queue keeps / for its search", async ({ page }) => {
    await signIn(page, "planner");
    await expect(page).toHaveURL(/\/queue/);
    await barReady(page);
    await page.keyboard.press("/");
    await expect(page.getByPlaceholder("Search SKU, product, store…")).toBeFocused();
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Ask Stockpilot…" }).click();
    await ask(page, "tell me a joke");
    await expect(answer(page)).toHaveAttribute("data-status", "not_understood");
    await expect(answer(page)).toContainText("I can't answer that yet");
    await expect(answer(page).getByRole("option")).toHaveCount(3);
  });
});

test.describe("briefing", () => {
  test("after the demo's plan run a planner finds their briefing, opens the queue from it and subscribes to a digest", async ({ page }) => {
    await signIn(page, "planner");
    // Reachable from the main navigation of every role (each holds exceptions.read).
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Briefing" }).click();
    await expect(page).toHaveURL(/\/briefing$/);
    const briefing = page.getByTestId("briefing");
    await expect(briefing).toBeVisible();
    await expect(briefing).toContainText(/Plan for \d{1,2} \w{3} \d{4} \(sales through \d{1,2} \w{3} \d{4}\)/);
    await expect(briefing.getByRole("region", { name: "Do first" }).getByRole("link").first()).toHaveAttribute("href", /^\/exceptions\//);
    await page.screenshot({ path: "test-results/copilot-briefing.png", fullPage: true });

    await page.getByLabel("Webhook").check();
    // Cloud metadata is no place for a digest (SSRF): refused, named.
    await page.getByLabel("Webhook URL").fill("http://169.254.169.254/latest/meta-data");
    await page.getByRole("button", { name: "Subscribe" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "This webhook URL is not allowed." })).toContainText("169.254.169.254 is a private or reserved address; webhooks go to public addresses only");
    await page.getByLabel("Webhook URL").fill("http://127.0.0.1:9/stockpilot");
    await page.getByLabel("Stockout").check();
    await page.getByRole("button", { name: "Subscribe" }).click();
    await expect(page.getByText(/Signing secret/)).toContainText("whsec_");
    await expect(page.getByRole("listitem").filter({ hasText: "Webhook to http://127.0.0.1:9/stockpilot" })).toContainText("Stockout");

    await briefing.getByRole("link", { name: "Open the queue" }).click();
    await expect(page).toHaveURL(/\/queue\?sort=score&order=desc$/);
  });
});

test.describe("AI assistant over MCP", () => {
  test("a planner creates an assistant token and an MCP client acts as them over Streamable HTTP", async ({ page, baseURL }) => {
    await signIn(page, "planner");
    await page.goto("/assistant");
    await page.getByLabel("Assistant name").fill("e2e assistant");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = (await page.getByTestId("assistant-token-secret").innerText()).trim();
    expect(secret).toMatch(/^sp_/);
    await expect(page.getByRole("row").filter({ hasText: "e2e assistant" })).toBeVisible();
    await page.screenshot({ path: "test-results/copilot-assistant-page.png", fullPage: true });

    const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
    const { StreamableHTTPClientTransport } = await import("@modelcontextprotocol/sdk/client/streamableHttp.js");
    const client = new Client({ name: "e2e", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL("/api/mcp", baseURL), { requestInit: { headers: { authorization: `Bearer ${secret}` } } }));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain("approve_action");
    const answer = await client.callTool({ name: "ask", arguments: { question: "what should I do first today?" } });
    expect(JSON.stringify(answer.content)).toContain("open exception");
    const outside = await client.callTool({ name: "ask", arguments: { question: "stockouts at S999" } });
    expect(outside.isError).toBeFalsy();
    await client.close();

    // Revoked: the next connection is refused.
    await page.getByRole("button", { name: "Revoke e2e assistant" }).click();
    await expect(page.getByRole("row").filter({ hasText: "e2e assistant" })).toContainText("revoked");
    const refused = new Client({ name: "e2e", version: "1.0.0" });
    await expect(
      refused.connect(new StreamableHTTPClientTransport(new URL("/api/mcp", baseURL), { requestInit: { headers: { authorization: `Bearer ${secret}` } } })),
    ).rejects.toThrow();
  });
});
