/** The loaded, validated knowledge: categories and entries with fast lookups. */
import type { ChoiceSource } from '../../kernel/args.ts';
import type { DynamicChoices } from '../../kernel/command.ts';
import { type Category, DIFFICULTIES, type Difficulty, type Entry } from './schema.ts';

/** Read-only access to the knowledge base; it is also where the kernel finds category and difficulty choices. */
export class KnowledgeBase implements ChoiceSource {
  readonly #byId: Map<string, Entry>;
  readonly #byCategory: Map<string, Entry[]>;

  constructor(
    readonly categories: readonly Category[],
    readonly entries: readonly Entry[],
  ) {
    this.#byId = new Map(entries.map((e) => [e.id, e]));
    this.#byCategory = new Map(categories.map((c) => [c.id, entries.filter((e) => e.category === c.id)]));
  }

  /** The entry with this id, or undefined. */
  get(id: string): Entry | undefined {
    return this.#byId.get(id);
  }

  /** The category with this id, or undefined. */
  category(id: string): Category | undefined {
    return this.categories.find((c) => c.id === id);
  }

  /** The entries of a category, in file order (empty for an unknown category). */
  inCategory(categoryId: string): readonly Entry[] {
    return this.#byCategory.get(categoryId) ?? [];
  }

  /** Entries matching optional category and difficulty filters. */
  filter(filter: { category?: string; difficulty?: Difficulty } = {}): Entry[] {
    return this.entries.filter(
      (e) =>
        (!filter.category || e.category === filter.category) &&
        (!filter.difficulty || e.difficulty === filter.difficulty),
    );
  }

  /** Every distinct reference URL. */
  referenceUrls(): Set<string> {
    return new Set(this.entries.flatMap((e) => e.references.map((r) => r.url)));
  }

  /** The category ids, or the difficulties (choices of options declared `choices: 'category'` etc.). */
  choiceValues(kind: DynamicChoices): readonly string[] {
    return kind === 'category' ? this.categories.map((c) => c.id) : DIFFICULTIES;
  }

  /** The category whose Chinese or English name is `name` (case-insensitive); difficulties have no names. */
  choiceNamed(kind: DynamicChoices, name: string): string | undefined {
    if (kind !== 'category') return undefined;
    const v = name.trim().toLowerCase();
    return this.categories.find((c) => c.name.toLowerCase() === v || c.name_en.toLowerCase() === v)?.id;
  }
}
