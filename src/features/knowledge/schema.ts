/**
 * The schema of a knowledge file: one category and its entries.
 * It is the single source of the entry format: the loader validates with it,
 * and `dlkb schema` turns it into `knowledge/entry.schema.json` for editors.
 */
import { z } from 'zod';

/** Difficulty levels, easiest first. */
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** Ids travel in button data (≤ 64 bytes), so they stay short ASCII slugs. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_ID_LENGTH = 24;

const slug = z
  .string()
  .max(MAX_ID_LENGTH, `at most ${MAX_ID_LENGTH} characters`)
  .regex(ID_PATTERN, 'a lowercase slug of a-z, 0-9 and single dashes');

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

/** Counts the top-level bullets (`- ` at the start of a line, outside code blocks). */
export function countBullets(markdown: string): number {
  let inCode = false;
  let count = 0;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inCode = !inCode;
    else if (!inCode && line.startsWith('- ')) count++;
  }
  return count;
}

/** The bold leads of the answer's top-level bullets (`- **公式**：…` gives `公式`), in order. */
export function boldLeads(markdown: string): string[] {
  let inCode = false;
  const leads: string[] = [];
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inCode = !inCode;
    else if (!inCode) {
      const lead = /^- \*\*(.+?)\*\*/.exec(line)?.[1];
      if (lead) leads.push(lead);
    }
  }
  return leads;
}

export const referenceSchema = z.strictObject({
  url: z.httpUrl('an http(s) URL'),
  title: text(120).optional(),
});

/** Letters of a multiple-choice item's four options, in the order they are written. */
export const CHOICE_LETTERS = ['A', 'B', 'C', 'D'] as const;
export type ChoiceLetter = (typeof CHOICE_LETTERS)[number];

/**
 * Telegram's quiz-poll limits (sendPoll): checked at load, so every item can be sent
 * as a native poll on every platform without being cut at send time.
 */
export const CHOICE_LIMITS = { stem: 300, option: 100, explanation: 200, explanationBreaks: 2 } as const;

/** Filler options that test nothing ("all of the above", "以上都对"). */
const FILLER_OPTION = /以上(?:都|皆|均|全)|都不(?:对|是)|(?:all|none) of the above|both of the above/i;

const noFiller = (s: string) => !FILLER_OPTION.test(s);

/** One multiple-choice item: a stem, four options, one of them right, and why. */
export const choiceSchema = z.strictObject({
  stem: text(CHOICE_LIMITS.stem),
  stem_en: text(CHOICE_LIMITS.stem).optional(),
  options: z
    .array(text(CHOICE_LIMITS.option).refine(noFiller, 'no "all/none of the above" fillers'))
    .length(4, 'exactly 4 options')
    .refine((o) => new Set(o).size === o.length, 'two options are the same'),
  answer: z.enum(CHOICE_LETTERS),
  explanation: text(CHOICE_LIMITS.explanation).refine(
    (e) => e.split('\n').length - 1 <= CHOICE_LIMITS.explanationBreaks,
    `at most ${CHOICE_LIMITS.explanationBreaks} line breaks`,
  ),
});

/** Follow-up ids are short slugs, unique within their entry (a card id is `<entry id>.<follow-up id>`). */
export const MAX_FOLLOWUP_ID_LENGTH = 16;
/** Follow-ups nest at most this deep: a follow-up of a follow-up of a follow-up. */
export const MAX_FOLLOWUP_DEPTH = 3;

/** An interviewer's follow-up question (追问) with its own short answer, and maybe a further one. */
export interface FollowUp {
  id: string;
  /** The question, in Chinese. */
  q: string;
  /** 3–5 bullets, in the same Markdown subset as an entry's answer. */
  answer: string;
  /** An entry this follow-up leads to (read it for the whole story). */
  see?: string | undefined;
  followups?: FollowUp[] | undefined;
}

const followUpAnswer = text(1200)
  .refine((a) => {
    const n = countBullets(a);
    return n >= 3 && n <= 5;
  }, 'needs 3 to 5 top-level bullets ("- " at the start of a line)')
  .refine((a) => !/\]\(https?:/.test(a), 'links belong in references, not in the answer');

export const followUpSchema: z.ZodType<FollowUp> = z.lazy(() =>
  z.strictObject({
    id: z
      .string()
      .max(MAX_FOLLOWUP_ID_LENGTH, `at most ${MAX_FOLLOWUP_ID_LENGTH} characters`)
      .regex(ID_PATTERN, 'a lowercase slug of a-z, 0-9 and single dashes'),
    q: text(150),
    answer: followUpAnswer,
    see: slug.optional(),
    followups: z.array(followUpSchema).min(1).max(3).optional(),
  }),
);

/** Every follow-up of an entry with its depth (1 for the entry's own) and its parent's id. */
export function* walkFollowUps(
  followups: readonly FollowUp[] | undefined,
  depth = 1,
  parent: string | null = null,
): Generator<{ followup: FollowUp; depth: number; parent: string | null }> {
  for (const followup of followups ?? []) {
    yield { followup, depth, parent };
    yield* walkFollowUps(followup.followups, depth + 1, followup.id);
  }
}

export const entrySchema = z
  .strictObject({
    id: slug,
    seed: text(300).optional(),
    difficulty: z.enum(DIFFICULTIES),
    tags: z.array(text(30)).min(1).max(8),
    question: text(100),
    title_en: text(100),
    aliases: z.array(text(60)).min(1).max(20),
    answer: text(2500)
      .refine((a) => {
        const n = countBullets(a);
        return n >= 3 && n <= 8;
      }, 'needs 3 to 8 top-level bullets ("- " at the start of a line)')
      .refine((a) => !/\]\(https?:/.test(a), 'links belong in references, not in the answer'),
    references: z
      .array(referenceSchema)
      .refine((refs) => new Set(refs.map((r) => r.url)).size === refs.length, 'a URL is listed twice'),
    choices: z.array(choiceSchema).max(6, 'at most 6 items').optional(),
    /** The must-say key points: bold leads of the answer's bullets that an interviewer checks off. */
    must: z
      .array(text(40))
      .min(3, 'at least 3 must-say points')
      .max(6, 'at most 6 must-say points')
      .refine((m) => new Set(m).size === m.length, 'a point is listed twice')
      .optional(),
    /**
     * How a learner who does not know the term would ask: symptoms, goals, everyday words (Chinese and
     * English). Searched with a low weight, so a described problem finds its entry.
     */
    asks: z.array(text(80)).min(3, 'at least 3 phrasings').max(12, 'at most 12 phrasings').optional(),
    /** The interviewer's follow-up questions (追问): 2–3 per entry, nesting at most 3 levels. */
    followups: z
      .array(followUpSchema)
      .min(2, 'at least 2 follow-ups')
      .max(3, 'at most 3 follow-ups')
      .optional(),
  })
  .superRefine((entry, ctx) => {
    const seen = new Set<string>();
    for (const { followup, depth } of walkFollowUps(entry.followups)) {
      if (seen.has(followup.id))
        ctx.addIssue({
          code: 'custom',
          path: ['followups'],
          message: `follow-up id "${followup.id}" is used twice`,
        });
      seen.add(followup.id);
      if (depth > MAX_FOLLOWUP_DEPTH)
        ctx.addIssue({
          code: 'custom',
          path: ['followups'],
          message: `follow-up "${followup.id}" is nested ${depth} deep (at most ${MAX_FOLLOWUP_DEPTH})`,
        });
      if (followup.see === entry.id)
        ctx.addIssue({
          code: 'custom',
          path: ['followups'],
          message: `follow-up "${followup.id}" sees its own entry`,
        });
    }
    const leads = new Set(boldLeads(entry.answer));
    entry.must?.forEach((point, i) => {
      if (!leads.has(point))
        ctx.addIssue({
          code: 'custom',
          path: ['must', i],
          message: `"${point}" is not the bold lead of a bullet of the answer`,
        });
    });
  });

export const categorySchema = z.strictObject({
  id: slug,
  name: text(40),
  name_en: text(40),
});

export const knowledgeFileSchema = z.strictObject({
  category: categorySchema,
  entries: z.array(entrySchema).min(1),
});

export type KnowledgeFile = z.infer<typeof knowledgeFileSchema>;
export type RawEntry = z.infer<typeof entrySchema>;
export type Reference = z.infer<typeof referenceSchema>;
export type Choice = z.infer<typeof choiceSchema>;

/** A category as the rest of the program sees it. */
export type Category = z.infer<typeof categorySchema>;

/** An entry as the rest of the program sees it: the raw entry plus its category id. */
export interface Entry extends RawEntry {
  category: string;
}

/** The JSON Schema editors use to complete and check knowledge files. */
export function knowledgeJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(knowledgeFileSchema, { target: 'draft-7', io: 'input' }),
    title: 'dlkb knowledge file',
    description: 'One category of dlkb interview questions. See knowledge/README.md.',
  };
}
