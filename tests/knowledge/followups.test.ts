/**
 * Follow-up chains (追问): every follow-up of the knowledge base has a question, an answer and a parent
 * in its own entry, and no cycle; after an answer, the chain is walked depth first through stateless
 * buttons that fit 64 bytes (the longest ids included); a stale id gets a clear message in both locales.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createRouter } from '../../src/app/services.ts';
import { check } from '../../src/cli/check.ts';
import { findFollowUp, followUpChain } from '../../src/features/knowledge/followups.ts';
import { loadKnowledge } from '../../src/features/knowledge/load.ts';
import { type Entry, type FollowUp, walkFollowUps } from '../../src/features/knowledge/schema.ts';
import { decodeAction, MAX_ACTION_BYTES } from '../../src/kernel/action.ts';
import { message } from '../../src/kernel/i18n.ts';
import { allButtons, isActionButton, type Reply } from '../../src/kernel/reply.ts';
import type { Router } from '../../src/kernel/router.ts';
import { origin } from '../core/helpers.ts';

const kb = loadKnowledge();

function actions(reply: Reply): string[] {
  return allButtons(reply).flatMap((b) => (isActionButton(b) ? [b.action] : []));
}

function verbOf(action: string): string {
  return decodeAction(action)?.verb ?? '';
}

describe('the follow-ups of the knowledge base', () => {
  it('each has a question, an answer and a parent in its entry; no id repeats, no cycle', () => {
    let count = 0;
    for (const entry of kb.entries) {
      const byId = new Map<string, { followup: FollowUp; parent: string | null }>();
      for (const { followup, parent } of walkFollowUps(entry.followups)) {
        count++;
        expect(followup.q.trim(), `${entry.id}.${followup.id}`).not.toBe('');
        expect(followup.answer.trim(), `${entry.id}.${followup.id}`).not.toBe('');
        expect(byId.has(followup.id), `${entry.id}.${followup.id} repeats`).toBe(false);
        byId.set(followup.id, { followup, parent });
      }
      for (const [id, { parent }] of byId) {
        // Walking up the parents ends at the entry, within the depth limit: no cycle.
        const seen = new Set([id]);
        let up = parent;
        while (up !== null) {
          expect(byId.has(up), `${entry.id}.${id}: parent ${up}`).toBe(true);
          expect(seen.has(up), `${entry.id}.${id}: cycle through ${up}`).toBe(false);
          seen.add(up);
          up = byId.get(up)?.parent ?? null;
        }
        expect(seen.size).toBeLessThanOrEqual(3);
      }
    }
    expect(count).toBeGreaterThanOrEqual(kb.entries.length * 2);
  });

  it('dlkb check prints how many there are', () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      lines.push(String(line));
    });
    try {
      expect(check.run([])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const all = kb.entries.flatMap((e) => [...walkFollowUps(e.followups)]);
    const nested = all.filter((f) => f.depth > 1).length;
    expect(lines.find((l) => l.startsWith('follow-ups:'))).toMatch(
      new RegExp(`^follow-ups: ${all.length} \\(${nested} nested\\) in ${kb.entries.length} entries`),
    );
  });

  it('the chain goes child first, then sibling', () => {
    const entry: Entry = {
      ...(kb.entries[0] as Entry),
      id: 'demo',
      followups: [
        { id: 'a', q: 'A?', answer: '- 1\n- 2\n- 3', followups: [{ id: 'a1', q: 'A1?', answer: '- x' }] },
        { id: 'b', q: 'B?', answer: '- 1\n- 2\n- 3' },
      ],
    };
    expect(followUpChain(entry).map((f) => f.id)).toEqual(['a', 'a1', 'b']);
    const get = (id: string) => (id === 'demo' ? entry : undefined);
    expect(findFollowUp(get, 'demo.a1')).toMatchObject({ index: 2, total: 3, depth: 2, parent: { id: 'a' } });
    expect(findFollowUp(get, 'demo.a1')?.next?.id).toBe('b');
    expect(findFollowUp(get, 'demo.b')?.next).toBeNull();
    for (const bad of ['demo', 'demo.zz', 'nope.a', 'demo.a.a1', ''])
      expect(findFollowUp(get, bad), bad).toBeNull();
  });
});

describe('walking a chain with the buttons', () => {
  let router: Router;
  beforeAll(async () => {
    router = await createRouter();
  });

  it('every entry: the answer asks the first follow-up; each reveal offers the next, then back', async () => {
    let longest = '';
    for (const entry of kb.entries) {
      const answer = await router.press(`show:ans:${entry.id}`, origin());
      let ask = actions(answer).find((a) => verbOf(a) === 'fq');
      expect(ask, entry.id).toBeDefined();
      const asked: string[] = [];
      while (ask) {
        if (ask.length > longest.length) longest = ask;
        expect(Buffer.byteLength(ask)).toBeLessThanOrEqual(MAX_ACTION_BYTES);
        const question = await router.press(ask, origin());
        asked.push(question.title ?? '');
        expect(question.private).toBe(true);
        const reveal = actions(question).find((a) => verbOf(a) === 'fa') ?? '';
        expect(actions(question)).toContain(`show:ans:${entry.id}`);
        const revealed = await router.press(reveal, origin());
        expect(revealed.title).toBe(question.title);
        expect(revealed.private).toBe(true);
        // The way back to the entry is answered to the person alone too.
        expect(
          allButtons(revealed)
            .filter(isActionButton)
            .find((b) => verbOf(b.action) === 'ans')?.private,
        ).toBe(true);
        // Every button of the reveal routes somewhere real (no stale-button answer).
        for (const a of actions(revealed)) {
          expect(Buffer.byteLength(a)).toBeLessThanOrEqual(MAX_ACTION_BYTES);
          expect((await router.press(a, origin())).body).not.toBe(message('zh-CN', 'common.staleButton'));
        }
        expect(actions(revealed)).toContain(`show:ans:${entry.id}`);
        ask = actions(revealed).find((a) => verbOf(a) === 'fq');
        if (!ask) expect(revealed.body).toContain(message('zh-CN', 'followup.last'));
      }
      expect(asked).toEqual(followUpChain(entry).map((f) => f.q));
    }
    // The longest id the knowledge base makes (24-character entry id, 16-character follow-up id) fits.
    expect(Buffer.byteLength(longest)).toBeLessThanOrEqual(MAX_ACTION_BYTES);
  });

  it('the longest possible ids fit in 64 bytes', async () => {
    const id = `show:fa:${'e'.repeat(24)}.${'f'.repeat(16)}`;
    expect(Buffer.byteLength(id)).toBeLessThanOrEqual(MAX_ACTION_BYTES);
    expect((await router.press(id, origin())).body).toBe(
      message('zh-CN', 'followup.unknown').replace('{id}', `${'e'.repeat(24)}.${'f'.repeat(16)}`),
    );
  });

  it('a stale or unknown follow-up names it, in both locales', async () => {
    const entry = kb.entries[0] as Entry;
    for (const locale of ['zh-CN', 'en'] as const) {
      const reply = await router.press(`show:fq:${entry.id}.gone`, origin({ locale }));
      expect(reply.body).toBe(message(locale, 'followup.unknown').replace('{id}', `${entry.id}.gone`));
      expect(reply.private).toBe(true);
    }
  });

  it('speaks English to an English reader', async () => {
    const entry = kb.entries[0] as Entry;
    const answer = await router.press(`show:ans:${entry.id}`, origin({ locale: 'en' }));
    expect(allButtons(answer).map((b) => b.label)).toContain('Follow-up');
    const ask = actions(answer).find((a) => verbOf(a) === 'fq') ?? '';
    const question = await router.press(ask, origin({ locale: 'en' }));
    expect(question.body).toContain('Follow-up 1/');
    expect(allButtons(question).map((b) => b.label)).toEqual(['Show answer', 'Back to the entry']);
  });
});
