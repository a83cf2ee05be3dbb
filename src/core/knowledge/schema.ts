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

export const referenceSchema = z.strictObject({
  url: z.httpUrl('an http(s) URL'),
  title: text(120).optional(),
});

export const entrySchema = z.strictObject({
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
