import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  deepLinkKey,
  isSignedFor,
  parseStartPayload,
  signedStartPayload,
  startPayloadForAction,
} from '../../src/adapters/telegram/deeplink.ts';
import { createRouter } from '../../src/app/services.ts';
import { answerAction } from '../../src/features/daily/messages.ts';
import { loadKnowledge } from '../../src/features/knowledge/load.ts';
import { DIFFICULTIES } from '../../src/features/knowledge/schema.ts';
import { keyPoints } from '../../src/features/review/grade.ts';
import { ActionError, decodeAction, encodeAction, MAX_ACTION_BYTES, NONE } from '../../src/kernel/action.ts';
import { translator } from '../../src/kernel/i18n.ts';
import { allButtons, isActionButton, type Reply } from '../../src/kernel/reply.ts';
import type { Router } from '../../src/kernel/router.ts';
import { capturedLogger, origin } from './helpers.ts';

const zh = translator('zh-CN');
const en = translator('en');
const bytes = (s: string) => Buffer.byteLength(s);

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,9}$/);
const part = fc.stringMatching(/^[A-Za-z0-9_.+-]{1,12}$/);

describe('encodeAction / decodeAction', () => {
  it('round-trips command, verb and arguments; empty arguments travel as `_`', () => {
    const id = encodeAction('quiz', 'ans', 'ce-loss-code', undefined, '', 3);
    expect(id).toBe(`quiz:ans:ce-loss-code:${NONE}:${NONE}:3`);
    expect(decodeAction(id)).toEqual({ command: 'quiz', verb: 'ans', args: ['ce-loss-code', '', '', '3'] });
    expect(decodeAction('help:x')).toEqual({ command: 'help', verb: 'x', args: [] });
  });

  it('round-trips any well-formed id (property)', () => {
    fc.assert(
      fc.property(name, name, fc.array(part, { maxLength: 5 }), (command, verb, args) => {
        const total = [command, verb, ...args].join(':');
        if (bytes(total) > MAX_ACTION_BYTES) {
          expect(() => encodeAction(command, verb, ...args)).toThrow(ActionError);
          return;
        }
        const decoded = decodeAction(encodeAction(command, verb, ...args));
        expect(decoded).toEqual({ command, verb, args: args.map((a) => (a === NONE ? '' : a)) });
      }),
    );
  });

  it('accepts exactly 64 bytes and refuses 65, both ways', () => {
    const at = encodeAction('show', 'card', 'a'.repeat(MAX_ACTION_BYTES - 'show:card:'.length));
    expect(bytes(at)).toBe(64);
    expect(decodeAction(at)).not.toBeNull();
    expect(() =>
      encodeAction('show', 'card', 'a'.repeat(MAX_ACTION_BYTES - 'show:card:'.length + 1)),
    ).toThrow(ActionError);
    expect(decodeAction(`${at}a`)).toBeNull();
  });

  it('refuses non-ASCII text such as a Chinese argument, however short', () => {
    expect(() => encodeAction('search', 'q', '交叉熵')).toThrow(ActionError);
    expect(() => encodeAction('search', 'q', 'é')).toThrow(/must match/);
    expect(decodeAction('search:q:交叉熵')).toBeNull();
  });

  it('refuses separators and spaces inside a part', () => {
    for (const bad of ['a:b', 'a b', 'a\n', '../x', 'a/b', '%20']) {
      expect(() => encodeAction('show', 'card', bad), bad).toThrow(ActionError);
    }
  });

  it.each([
    '',
    'show',
    'show:',
    ':ans:x',
    'show::x',
    'show:ans::x',
    'show:ans:x:',
    'Show:ans:x',
    'show:Ans:x',
    '1show:ans:x',
    'show:ans:x y',
    'show:ans:x\n',
    'show:ans:<script>',
    'show:ans:交叉熵',
    `show:ans:${'a'.repeat(60)}`,
    '\u0000show:ans:x',
  ])('decodeAction refuses %j', (data) => {
    expect(decodeAction(data)).toBeNull();
  });

  it('decodeAction never throws, and whatever it accepts re-encodes to the same string (property)', () => {
    const actionish = fc.string({
      unit: fc.constantFrom(':', '_', 'a', 'z', '0', '-', '.', '+', 'Q', ' ', '交', '\n', 'show', 'ans'),
      maxLength: 70,
    });
    fc.assert(
      fc.property(fc.oneof(actionish, fc.string({ unit: 'binary', maxLength: 80 })), (data) => {
        const action = decodeAction(data);
        if (action) expect(encodeAction(action.command, action.verb, ...action.args)).toBe(data);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('router.press with forged, stale and malformed ids', () => {
  let router: Router;
  let lines: () => Array<Record<string, unknown>>;
  beforeAll(async () => {
    const captured = capturedLogger();
    lines = captured.lines;
    router = await createRouter({ log: captured.log });
  });

  it.each([
    '',
    'garbage',
    'nosuch:verb:1',
    'show:nope:ce-loss-code',
    'show:ans:交叉熵',
    `show:ans:${'x'.repeat(80)}`,
    'show:ans:../../etc/passwd',
    'show:ans:x\u0007',
    'help:x',
    'daily:subscribe:09',
  ])('%j gets the friendly stale-button message, privately', async (id) => {
    await expect(router.press(id, origin())).resolves.toEqual({
      body: zh('common.staleButton'),
      private: true,
    });
    expect((await router.press(id, origin({ locale: 'en' }))).body).toBe(en('common.staleButton'));
  });

  it('a well-formed id for an entry that no longer exists names the id and what to do', async () => {
    for (const id of [
      'show:ans:gone-entry',
      'show:card:gone-entry',
      'quiz:ans:gone-entry',
      'daily:ans:gone-entry',
    ]) {
      expect(await router.press(id, origin()), id).toEqual({
        body: zh('common.unknownEntry', { id: 'gone-entry' }),
        private: true,
      });
    }
  });

  it('stale filters and pages fall back to something useful', async () => {
    expect((await router.press('topics:list:gone-category:1', origin())).title).toBe(zh('topics.title'));
    const last = await router.press('topics:list:deep-learning:999', origin());
    expect(last.footer).toBe(zh('topics.page', { page: 4, pages: 4 }));
    expect((await router.press('topics:list:deep-learning:abc', origin())).footer).toBe(
      zh('topics.page', { page: 1, pages: 4 }),
    );
    const next = await router.press('quiz:next:gone-category:impossible', origin());
    expect(next.buttons?.length).toBe(1);
  });

  it('none of this is logged as a bug', () => {
    expect(lines().filter((l) => Number(l.level) >= 50)).toEqual([]);
  });
});

describe('every button the commands build fits in 64 bytes and routes back', () => {
  let router: Router;
  let pick = 0;
  let clock = Date.parse('2026-01-05T09:00:00Z');
  const seen = new Set<string>();
  const collect = (reply: Reply) => {
    for (const b of allButtons(reply)) if (isActionButton(b)) seen.add(b.action);
    return reply;
  };
  beforeAll(async () => {
    router = await createRouter({ random: () => pick, now: () => new Date(clock) });
  });

  it('for every entry, category, difficulty and page', async () => {
    const { kb } = router.services;
    let chat = 0;
    const fresh = () => origin({ chat: `c${chat++}` });
    for (const entry of kb.entries) {
      collect(await router.invoke({ name: 'show', options: { id: entry.id } }, fresh()));
      const answer = collect(await router.press(`show:ans:${entry.id}`, fresh()));
      // The follow-up chain (追问): ask the first, reveal it; the reveal offers the next.
      for (const ask of allButtons(answer).filter(isActionButton)) {
        if (!ask.action.startsWith('show:fq:')) continue;
        const question = collect(await router.press(ask.action, fresh()));
        const reveal = allButtons(question).filter(isActionButton)[0];
        if (reveal) collect(await router.press(reveal.action, fresh()));
      }
      // Grading by key points: its toggles and Done, every point ticked (the longest masks).
      collect(await router.press(`review:pts:${entry.id}`, fresh()));
      const all = ((1 << keyPoints(entry).length) - 1).toString(16);
      collect(await router.press(`review:tick:${entry.id}:${all}`, fresh()));
      // The daily post's private answer button, then what pressing it answers.
      seen.add(answerAction(entry.id));
      collect(await router.press(answerAction(entry.id), fresh()));
      collect(await router.invoke({ name: 'search', options: { query: entry.title_en } }, fresh()));
    }
    // Every quiz question under every filter: a fresh chat has no history, so `pick` chooses the entry.
    for (const category of [undefined, ...kb.categories.map((c) => c.id)]) {
      for (const difficulty of [undefined, ...DIFFICULTIES]) {
        const pool = kb.filter({ category, difficulty });
        for (let i = 0; i < pool.length; i++) {
          pick = (i + 0.5) / pool.length;
          const card = collect(
            await router.invoke({ name: 'quiz', options: { category, difficulty } }, fresh()),
          );
          expect(card.title).toContain(pool[i]?.question);
          const reveal = allButtons(card).find(isActionButton);
          if (reveal) collect(await router.press(reveal.action, fresh()));
        }
      }
    }
    // Every multiple-choice item of every entry (`pick` chooses the item), asked and answered.
    for (const entry of kb.entries) {
      const items = entry.choices?.length ?? 0;
      for (let i = 0; i < items; i++) {
        pick = (i + 0.5) / items;
        const question = collect(await router.press(`mcq:ask:${entry.id}`, fresh()));
        const answer = allButtons(question).find(isActionButton);
        if (answer) collect(await router.press(answer.action, fresh()));
      }
    }
    collect(await router.invoke({ name: 'mcq', options: {} }, fresh()));
    for (const c of kb.categories) {
      const pages = Math.ceil(kb.inCategory(c.id).length / 10);
      for (let p = 1; p <= pages; p++) collect(await router.press(`topics:list:${c.id}:${p}`, fresh()));
    }
    collect(await router.invoke({ name: 'topics', options: {} }, fresh()));
    // Review: rate every answer, two days later they are due, and the queue shows them with a reveal.
    const reviewer = origin({ chat: 'review' });
    for (const entry of kb.entries) collect(await router.press(`review:rate:${entry.id}:3`, reviewer));
    clock += 30 * 86_400_000;
    const queue = collect(await router.invoke({ name: 'review', options: {} }, reviewer));
    const reveal = allButtons(queue).find(isActionButton);
    expect(reveal?.action).toMatch(/^review:ans:/);
    // Stats, export, plan, link and unlink: the private replies and the forget confirmation reopen themselves; the confirmation's button forgets.
    for (const reply of [
      await router.invoke({ name: 'stats', options: {} }, reviewer),
      await router.invoke({ name: 'stats', options: { action: 'forget' } }, reviewer),
      await router.invoke({ name: 'export', options: {} }, reviewer),
      await router.invoke({ name: 'plan', options: {} }, reviewer),
      await router.invoke({ name: 'link', options: {} }, reviewer),
      await router.invoke({ name: 'link', options: { code: 'status' } }, reviewer),
      await router.invoke({ name: 'unlink', options: {} }, reviewer),
      // From a Telegram group, /remind on links to the private chat the bot needs (remind:show).
      await router.invoke({ name: 'remind', options: { mode: 'on' } }, { ...reviewer, platform: 'telegram' }),
    ]) {
      collect(reply);
      if (reply.reopen) seen.add(reply.reopen);
    }
    collect(await router.press('stats:forget', reviewer));
    // Linked to another account, the reviewer is offered unlink's confirmation button.
    const other = origin({ chat: 'review', user: 'other' });
    const code = /`([0-9A-Z]{5}-[0-9A-Z]{5})`/.exec(
      (await router.invoke({ name: 'link', options: {} }, { ...other, platform: 'discord' })).body ?? '',
    )?.[1];
    collect(await router.invoke({ name: 'link', options: { code } }, reviewer));
    const unlink = collect(await router.invoke({ name: 'unlink', options: {} }, reviewer));
    expect(
      allButtons(unlink)
        .filter(isActionButton)
        .map((b) => b.action),
    ).toEqual(['unlink:yes']);

    const verbs = new Set<string>();
    for (const id of seen) {
      expect(bytes(id), id).toBeLessThanOrEqual(MAX_ACTION_BYTES);
      const action = decodeAction(id);
      expect(action, id).not.toBeNull();
      if (!action) continue;
      expect(router.find(action.command)?.buttons?.[action.verb], id).toBeTypeOf('function');
      verbs.add(`${action.command}:${action.verb}`);
    }
    for (const entry of kb.entries) {
      expect(seen.has(`show:ans:${entry.id}`)).toBe(true);
      expect(seen.has(`show:card:${entry.id}`)).toBe(true);
    }
    // Every button verb of every command was built above: a new button must be added to this test.
    const declared = router.commands.flatMap((c) =>
      Object.keys(c.buttons ?? {}).map((v) => `${c.name}:${v}`),
    );
    expect([...verbs].sort()).toEqual(declared.sort());
    expect(declared).toEqual(
      expect.arrayContaining(['daily:ans', 'quiz:ans', 'quiz:next', 'show:ans', 'show:card', 'topics:list']),
    );
  });

  it('the longest entry id with the longest category and difficulty still fits a quiz button', () => {
    const { kb } = router.services;
    const longest = (xs: readonly string[]) => xs.reduce((a, b) => (b.length > a.length ? b : a), '');
    const id = longest(kb.entries.map((e) => e.id));
    const category = longest(kb.categories.map((c) => c.id));
    const difficulty = longest(DIFFICULTIES);
    expect(bytes(encodeAction('quiz', 'ans', id, category, difficulty))).toBeLessThanOrEqual(
      MAX_ACTION_BYTES,
    );
  });
});

describe('signed deep links', () => {
  const key = deepLinkKey('123:secret-token');
  const action = 'review:rate:softmax:3';

  it('verifies a payload signed for this person or for anyone, and nothing else', () => {
    const forAda = signedStartPayload(action, { key, user: '1001' }) ?? '';
    const parsed = parseStartPayload(forAda);
    if (!parsed || !('action' in parsed)) throw new Error(`not an action payload: ${forAda}`);
    expect(parsed.action).toBe(action);
    expect(isSignedFor(parsed, { key, user: '1001' })).toBe(true);
    expect(isSignedFor(parsed, { key, user: '1002' })).toBe(false);
    expect(isSignedFor(parsed, { key: deepLinkKey('123:other-token'), user: '1001' })).toBe(false);
    const forAnyone = parseStartPayload(signedStartPayload(action, { key }) ?? '');
    if (!forAnyone || !('action' in forAnyone)) throw new Error('not an action payload');
    expect(isSignedFor(forAnyone, { key, user: '1002' })).toBe(true);
  });

  it('rejects a changed action under a valid signature, and an unsigned payload', () => {
    const payload = signedStartPayload(action, { key, user: '1001' }) ?? '';
    const other = Buffer.from('review:rate:softmax:1').toString('base64url');
    const tampered = parseStartPayload(`${payload.slice(0, 10)}${other}`);
    if (!tampered || !('action' in tampered)) throw new Error('not an action payload');
    expect(isSignedFor(tampered, { key, user: '1001' })).toBe(false);
    const unsigned = parseStartPayload(startPayloadForAction(action) ?? '');
    if (!unsigned || !('action' in unsigned)) throw new Error('not an action payload');
    expect(isSignedFor(unsigned, { key, user: '1001' })).toBe(false);
  });

  it('fits the rating action of every entry of the knowledge base into a start payload', () => {
    for (const entry of loadKnowledge().entries) {
      const rate = encodeAction('review', 'rate', entry.id, 4);
      expect(signedStartPayload(rate, { key, user: '1234567890' })?.length).toBeLessThanOrEqual(64);
    }
  });
});
