/**
 * /link and /unlink through the router: a code works once and for ten minutes, tries are limited per
 * account, linking merges two learners' records by the parts' rules, and unlinking leaves the history
 * with the other accounts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/app/services.ts';
import { openAppStore } from '../../src/app/store.ts';
import { rate } from '../../src/features/review/review.ts';
import type { Locale } from '../../src/kernel/i18n.ts';
import type { Platform } from '../../src/kernel/identity.ts';
import { userKey } from '../../src/kernel/identity.ts';
import type { Reply } from '../../src/kernel/reply.ts';
import type { Origin, Router } from '../../src/kernel/router.ts';

const MINUTE = 60_000;
const start = Date.parse('2026-03-02T01:00:00Z');

function on(platform: Platform, id: string, locale: Locale = 'en'): Origin {
  return { platform, chat: { id: `dm-${id}`, kind: 'private' }, user: { id, admin: false }, locale };
}
const tg = on('telegram', '7');
const dc = on('discord', '42');
const term = on('terminal', 'alice');

/** The code in a /link reply, as shown (`ABCDE-FGHJK`). */
function codeIn(reply: Reply | null): string {
  const code = /`([0-9A-Z]{5}-[0-9A-Z]{5})`/.exec(reply?.body ?? '')?.[1];
  if (!code) throw new Error(`no code in ${reply?.body}`);
  return code;
}

describe('/link', () => {
  let router: Router;
  let clock = start;
  beforeEach(async () => {
    clock = start;
    router = await createRouter({ now: () => new Date(clock) });
  });
  const send = (line: string, who: Origin) => router.invokeText(line, who);
  const newCodeFor = async (who: Origin) => codeIn(await send('/link', who));

  it('gives a private one-time code in both locales', async () => {
    const en = await send('/link', tg);
    expect(en?.private).toBe(true);
    expect(en?.body).toMatch(/one-time link code: `[0-9A-Z]{5}-[0-9A-Z]{5}`[\s\S]*10 minutes/);
    expect(en?.reopen).toBe('link:new');
    const zh = await send('/link', on('telegram', '7', 'zh-CN'));
    expect(zh?.body).toMatch(/一次性关联码[\s\S]*10 分钟内有效/);
    expect(codeIn(zh)).not.toBe(codeIn(en));
  });

  it('links two platforms: /link status lists both, from either side', async () => {
    const code = await newCodeFor(tg);
    const linked = await send(`/link ${code.toLowerCase()}`, dc);
    expect(linked?.body).toMatch(/^Linked/);
    expect(linked?.body).toContain('- Telegram 7\n- Discord 42 (this account)');
    const status = await send('/link status', tg);
    expect(status?.body).toContain('- Telegram 7 (this account)\n- Discord 42');
    const zh = await send('/link status', on('discord', '42', 'zh-CN'));
    expect(zh?.body).toContain('- Discord 42（当前账号）');
    expect(await router.services.store.links.learnerOf(userKey('discord', '42'))).toBe('telegram:7');
  });

  it('refuses a code a second time, after ten minutes, a wrong one, and its own account', async () => {
    const code = await newCodeFor(tg);
    expect((await send(`/link ${code}`, tg))?.body).toMatch(/this account’s own code/);
    await send(`/link ${code}`, dc);
    expect((await send(`/link ${code}`, term))?.body).toMatch(/already used; each code works once/);
    const late = await newCodeFor(term);
    clock += 10 * MINUTE;
    expect((await send(`/link ${late}`, on('discord', '43')))?.body).toMatch(/has expired/);
    expect((await send('/link ZZZZZ-ZZZZZ', on('discord', '44')))?.body).toMatch(/No such link code/);
    expect((await send('/link hello', on('discord', '45')))?.body).toMatch(/“hello” is not a link code/);
    const zh = await send('/link ZZZZZ-ZZZZZ', on('discord', '46', 'zh-CN'));
    expect(zh?.body).toMatch(/没有这个关联码/);
    // Nothing of the refused tries linked anyone.
    expect(await router.services.store.links.accountsOf(userKey('terminal', 'alice'))).toEqual([
      'terminal:alice',
    ]);
  });

  it('keeps only the newest code of an account working', async () => {
    const first = await newCodeFor(tg);
    const second = await newCodeFor(tg);
    expect((await send(`/link ${first}`, dc))?.body).toMatch(/No such link code/);
    expect((await send(`/link ${second}`, dc))?.body).toMatch(/^Linked/);
  });

  it('limits tries per account, so codes cannot be guessed; another account is not held back', async () => {
    const code = await newCodeFor(tg);
    for (let i = 0; i < 5; i++) expect((await send('/link AAAAA-AAAAA', dc))?.body).toMatch(/No such/);
    expect((await send(`/link ${code}`, dc))?.body).toMatch(/Too many tries/);
    expect((await send(`/link ${code}`, term))?.body).toMatch(/^Linked/);
    // Two minutes give one more try.
    clock += 2 * MINUTE;
    const again = await newCodeFor(tg);
    expect((await send(`/link ${again}`, dc))?.body).toMatch(/^Linked/);
    expect((await send('/link status', dc))?.body).toContain('- Discord 42 (this account)\n- Terminal alice');
  });

  it('refuses two accounts of one platform and accounts already linked', async () => {
    await send(`/link ${await newCodeFor(tg)}`, dc);
    expect((await send(`/link ${await newCodeFor(tg)}`, on('discord', '43')))?.body).toMatch(
      /both sides already have a Discord account/,
    );
    expect((await send(`/link ${await newCodeFor(tg)}`, dc))?.body).toMatch(/already linked/);
  });

  it('merges records: the later review of a card wins, counts and days add up, one plan stays', async () => {
    const { store } = router.services;
    const t = 'telegram:7';
    const d = 'discord:42';
    await rate(store.reviews, t, 'nms', 1, new Date(start - 3 * 86_400_000));
    await rate(store.reviews, d, 'nms', 4, new Date(start - 2 * 86_400_000));
    await rate(store.reviews, d, 'gil', 3, new Date(start - 2 * 86_400_000));
    await rate(store.reviews, t, 'gil', 2, new Date(start - 86_400_000));
    await store.keyPoints.record(userKey('telegram', '7'), 'nms', [{ point: 'IoU', missed: true }], 1);
    await store.keyPoints.record(userKey('discord', '42'), 'nms', [{ point: 'IoU', missed: false }], 2);
    await store.answers.markActive(userKey('telegram', '7'), '2026-02-27', 'review');
    await store.answers.markActive(userKey('discord', '42'), '2026-02-28', 'review');
    await send('/plan 2026-03-20', dc);
    await send(`/link ${await newCodeFor(tg)}`, dc);
    expect(await store.reviews.records(d)).toEqual([]);
    const nms = await store.reviews.get(t, 'nms');
    expect(nms).toMatchObject({ lastRating: 4, reps: 2, updatedAt: start - 2 * 86_400_000 });
    expect(await store.reviews.get(t, 'gil')).toMatchObject({ lastRating: 2, reps: 2 });
    expect(await store.keyPoints.weakest(userKey('telegram', '7'), 5)).toEqual([
      { entryId: 'nms', point: 'IoU', seen: 2, missed: 1, lastAt: 2 },
    ]);
    expect(await store.answers.activeDays(userKey('telegram', '7'))).toEqual(['2026-02-27', '2026-02-28']);
    expect((await store.plans.get(t))?.date).toBe('2026-03-20');
    // Every platform reads the merged learner: the plan shows on Telegram too.
    expect((await send('/plan', tg))?.body).toMatch(/Interview on 2026-03-20/);
  });

  it('unlinks after a confirmation: the leaving account starts empty, the history stays', async () => {
    const { store } = router.services;
    await rate(store.reviews, 'telegram:7', 'nms', 3, new Date(start));
    await send(`/link ${await newCodeFor(tg)}`, dc);
    const ask = await send('/unlink', tg);
    expect(ask?.body).toMatch(/Telegram 7 leaves this learner[\s\S]*stays with Discord 42/);
    expect(ask?.buttons?.[0]?.[0]).toMatchObject({ action: 'unlink:yes' });
    // Asking changed nothing.
    expect(await store.links.learnerOf(userKey('telegram', '7'))).toBe('telegram:7');
    const done = await router.press('unlink:yes', tg);
    expect(done?.body).toMatch(/starts with an empty history; the earlier records stay with Discord 42/);
    // Telegram 7 was the key the records were kept under: they moved to Discord 42's.
    expect(await store.reviews.records('telegram:7')).toEqual([]);
    expect((await store.reviews.get('discord:42', 'nms'))?.lastRating).toBe(3);
    expect((await send('/link status', dc))?.body).toMatch(/not linked to another/);
    expect((await send('/unlink', dc))?.body).toMatch(/nothing to unlink/);
    expect((await router.press('unlink:yes', dc))?.body).toMatch(/nothing to unlink/);
  });

  it('warns before /stats forget that it deletes every linked account’s records, and does', async () => {
    const { store } = router.services;
    await rate(store.reviews, 'telegram:7', 'nms', 3, new Date(start));
    await send(`/link ${await newCodeFor(tg)}`, dc);
    expect((await send('/stats forget', dc))?.body).toMatch(
      /every linked account \(Telegram 7, Discord 42\)/,
    );
    await router.press('stats:forget', dc);
    expect(await store.reviews.records('telegram:7')).toEqual([]);
    expect((await send('/stats forget', term))?.body).not.toMatch(/linked/);
  });

  it('unlinks one of three accounts; the other two stay one learner', async () => {
    await send(`/link ${await newCodeFor(tg)}`, dc);
    await send(`/link ${await newCodeFor(dc)}`, term);
    expect((await send('/link status', term))?.body).toContain(
      '- Telegram 7\n- Discord 42\n- Terminal alice',
    );
    await router.press('unlink:yes', dc);
    expect(await router.services.store.links.accountsOf(userKey('telegram', '7'))).toEqual([
      'telegram:7',
      'terminal:alice',
    ]);
    expect(await router.services.store.links.learnerOf(userKey('discord', '42'))).toBe('discord:42');
  });
});

describe('/link over the SQLite store', () => {
  it('links and unlinks in nested transactions, and a refused link writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlkb-link-'));
    const store = openAppStore(dir);
    const router = await createRouter({ store, now: () => new Date(start) });
    await rate(store.reviews, 'telegram:7', 'nms', 1, new Date(start - 86_400_000));
    await rate(store.reviews, 'discord:42', 'nms', 4, new Date(start - 1000));
    const code = codeIn(await router.invokeText('/link', tg));
    expect((await router.invokeText(`/link ${code}`, dc))?.body).toMatch(/^Linked/);
    expect(await store.reviews.get('telegram:7', 'nms')).toMatchObject({ lastRating: 4, reps: 2 });
    expect(await store.reviews.records('discord:42')).toEqual([]);
    // Refused (already linked) inside the transaction: the code stays unused, the links as they were.
    const refused = codeIn(await router.invokeText('/link', tg));
    expect((await router.invokeText(`/link ${refused}`, dc))?.body).toMatch(/already linked/);
    expect((await store.links.code(refused.replace('-', '')))?.usedAt).toBeNull();
    expect(await store.links.accountsOf(userKey('telegram', '7'))).toEqual(['telegram:7', 'discord:42']);
    await router.press('unlink:yes', tg);
    expect(await store.reviews.get('discord:42', 'nms')).toMatchObject({ lastRating: 4, reps: 2 });
    expect(await store.links.accountsOf(userKey('discord', '42'))).toEqual(['discord:42']);
    await store.close();
    // Reopened, the file holds the same.
    const reopened = openAppStore(dir);
    expect((await reopened.reviews.get('discord:42', 'nms'))?.reps).toBe(2);
    expect(await reopened.links.learnerOf(userKey('telegram', '7'))).toBe('telegram:7');
    await reopened.close();
  });
});
