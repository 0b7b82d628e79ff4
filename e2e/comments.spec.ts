// Comments with the Meta simulator: an agent answers a fresh comment privately and another publicly, and an
// 8-day-old comment offers no private reply; hide and like; the review timeline and the comments report.
// The simulator's Pages are connected first (live project).
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./support/auth";
import { connectedMessengerPage, simulatorControl, type SimChannel } from "./support/simulator";

interface SimComment {
  id: string;
  privateReplyMessageId: string | null;
}

const commentItem = (page: Page, text: string) => page.locator("li[data-comment]").filter({ hasText: text });

test.describe("comments (live)", () => {
  let channel: SimChannel;
  test.beforeAll(async ({ playwright, baseURL }) => {
    channel = await connectedMessengerPage(playwright, baseURL);
  });

  test("answer one comment privately and another publicly; an 8-day-old comment offers no private reply", async ({ page, request }) => {
    test.slow();
    const tag = randomUUID().slice(0, 6);
    const post = await simulatorControl<{ id: string }>(request, "POST", "/posts", { channelId: channel.id, message: `Spring collection ${tag}`, adId: "120219999", adTitle: "Spring ad" });
    const comment = (text: string, hoursAgo = 0) => simulatorControl<SimComment>(request, "POST", "/customer/comment", { postId: post.id, newContact: { name: `Commenter ${randomUUID().slice(0, 4)}` }, text, hoursAgo });
    const privately = await comment(`Do you have it in green? ${tag}`, 1);
    await comment(`What are your opening hours? ${tag}`, 2);
    await comment(`My order never came ${tag}`, 8 * 24);

    await signIn(page, DEMO.admin);
    await page.goto("/comments");
    // A post first named by a webhook has no caption yet (Meta's feed webhook carries none; the next comment
    // read fills it): the group is found by the post's Meta id.
    const group = page.locator(`section[data-post="${post.id}"]`);
    await expect(group).toBeVisible({ timeout: 15_000 });
    await expect(group.getByText(/^Ad/)).toBeVisible();

    // 8 days old: expired, no private reply offered (only public).
    const old = commentItem(page, `My order never came ${tag}`);
    await expect(old.locator("[data-allowance]")).toHaveText("Expired");
    await expect(old.getByRole("button", { name: "Reply privately" })).toHaveCount(0);
    await expect(old.getByRole("button", { name: "Reply publicly" })).toBeVisible();

    // Fresh: the allowance counts down from 7 days (minus our margin).
    const fresh = commentItem(page, `Do you have it in green? ${tag}`);
    await expect(fresh.locator("[data-allowance]")).toHaveText(/^Private reply · 6 d 2[23] h left$/);
    await page.screenshot({ path: "test-results/e2e/comments-open.png", fullPage: true });
    await fresh.getByRole("button", { name: "Reply privately" }).click();
    await fresh.getByRole("textbox").fill("Yes! I sent you the green one's photos.");
    await fresh.getByRole("button", { name: "Send privately" }).click();
    await expect(fresh).toHaveCount(0, { timeout: 10_000 });
    await expect.poll(async () => (await simulatorControl<SimComment>(request, "GET", `/comments/${privately.id}`)).privateReplyMessageId, { timeout: 10_000 }).not.toBeNull();

    const hours = commentItem(page, `What are your opening hours? ${tag}`);
    await hours.getByRole("button", { name: "Reply publicly" }).click();
    await hours.getByRole("textbox").fill("Every day 10:00–19:00.");
    await hours.getByRole("button", { name: "Reply", exact: true }).click();
    await expect(hours).toHaveCount(0, { timeout: 10_000 });
    const { data } = await simulatorControl<{ data: { id: string; comments: { text: string; fromPage: boolean }[] }[] }>(request, "GET", `/posts?channelId=${channel.id}`);
    expect(data.find((p) => p.id === post.id)!.comments.filter((c) => c.fromPage).map((c) => c.text)).toEqual(["Every day 10:00–19:00."]);

    await page.getByRole("tab", { name: "Resolved" }).click();
    await expect(commentItem(page, `Do you have it in green? ${tag}`).locator("[data-allowance]")).toHaveText(/^Replied privately by .+ (just now|ago)$/);
    await expect(commentItem(page, `What are your opening hours? ${tag}`).locator("[data-public-reply]")).toContainText("Every day 10:00–19:00.");
    await page.screenshot({ path: "test-results/e2e/comments-resolved.png", fullPage: true });
  });

  test("hide and like a comment; review shows each reply with its decision and the expiry; the report counts them", async ({ page, request }) => {
    test.slow();
    const tag = randomUUID().slice(0, 6);
    const post = await simulatorControl<{ id: string }>(request, "POST", "/posts", { channelId: channel.id, message: `Summer collection ${tag}` });
    const comment = (text: string, hoursAgo = 0) => simulatorControl<SimComment>(request, "POST", "/customer/comment", { postId: post.id, newContact: { name: `Reviewer ${randomUUID().slice(0, 4)}` }, text, hoursAgo });
    const hideMe = await comment(`Spam link here ${tag}`, 0);
    const likeMe = await comment(`Love this ${tag}`, 0);
    await comment(`Please write me ${tag}`, 0);
    await comment(`Nobody answered ${tag}`, 8 * 24);

    await signIn(page, DEMO.admin);
    await page.goto("/comments");
    await expect(page.locator(`section[data-post="${post.id}"]`)).toBeVisible({ timeout: 15_000 });

    const liked = commentItem(page, `Love this ${tag}`);
    await liked.getByRole("button", { name: "Like", exact: true }).click();
    await expect(liked.getByText("Liked by the Page")).toBeVisible();
    await expect.poll(async () => (await simulatorControl<SimComment & { likedByPage?: boolean }>(request, "GET", `/comments/${likeMe.id}`)).likedByPage).toBe(true);
    const spam = commentItem(page, `Spam link here ${tag}`);
    await spam.getByRole("button", { name: "Hide", exact: true }).click();
    await expect(spam.getByText("Hidden", { exact: true })).toBeVisible();
    await expect.poll(async () => (await simulatorControl<SimComment & { hidden: boolean }>(request, "GET", `/comments/${hideMe.id}`)).hidden).toBe(true);
    await page.screenshot({ path: "test-results/e2e/comments-moderated.png", fullPage: true });

    const asked = commentItem(page, `Please write me ${tag}`);
    await asked.getByRole("button", { name: "Reply privately" }).click();
    await asked.getByRole("textbox").fill("Sent you a message!");
    await asked.getByRole("button", { name: "Send privately" }).click();
    await expect(asked).toHaveCount(0, { timeout: 10_000 });

    const reviewed = (text: string) => page.getByRole("article").filter({ hasText: text });
    await page.goto("/review/comments?outcome=private");
    const privateReply = reviewed(`Please write me ${tag}`);
    await expect(privateReply).toContainText("Private reply by Ada Admin · sent");
    await expect(privateReply).toContainText(/Private-reply policy: allowed until/);
    await page.screenshot({ path: "test-results/e2e/review-comments.png", fullPage: true });
    await page.goto("/review/comments?outcome=expired");
    await expect(reviewed(`Nobody answered ${tag}`)).toContainText("The private-reply allowance ran out without an answer");
    await page.goto("/review/comments?outcome=unanswered");
    await expect(reviewed(`Spam link here ${tag}`)).toContainText("Ada Admin hid the comment");
    await expect(reviewed(`Love this ${tag}`)).toContainText("Ada Admin liked the comment");

    await page.goto("/review/reports");
    const section = page.getByRole("region", { name: "Comments answered" });
    await expect(section).toBeVisible();
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/e2e/reports-comments.png", fullPage: true });
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
    const csv = await page.request.get(`/api/review/reports/comment-answers.csv?from=${today}&to=${today}`);
    expect(csv.status()).toBe(200);
    const [header, team] = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(header).toBe("breakdown,id,name,platform,comments_received,answered_public,answered_private,first_answers,median_seconds_to_first_answer,private_replies_expired_unanswered");
    const cells = team!.split(",");
    expect(cells.slice(0, 3)).toEqual(["team", "team", "Whole team"]);
    // At least this test's three fresh comments, and its private reply (other tests may add more).
    expect(Number(cells[4])).toBeGreaterThanOrEqual(3);
    expect(Number(cells[6])).toBeGreaterThanOrEqual(1);
  });
});
