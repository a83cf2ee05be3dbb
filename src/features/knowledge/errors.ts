/** One problem found in the knowledge base, located precisely enough to fix it. */
export interface KnowledgeIssue {
  /** Path of the file, relative to the knowledge directory's parent when possible. */
  file: string;
  /** 1-based line of the offending node (or of its parent when the field is missing). */
  line: number;
  /** The id of the entry the problem is in, when there is one. */
  entryId?: string;
  /** Dotted path of the field, e.g. `entries.3.answer` or `category.id`. */
  field: string;
  message: string;
}

/** Formats an issue the way `dlkb check` prints it: `file:line [id] field: message`. */
export function formatIssue(issue: KnowledgeIssue): string {
  const id = issue.entryId ? ` [${issue.entryId}]` : '';
  return `${issue.file}:${issue.line}${id} ${issue.field}: ${issue.message}`;
}

/**
 * Thrown when the knowledge base does not validate. It carries every issue found,
 * so one bad entry never hides another and never silently disappears.
 */
export class KnowledgeError extends Error {
  override readonly name = 'KnowledgeError';
  constructor(
    readonly issues: readonly KnowledgeIssue[],
    options?: { cause?: unknown },
  ) {
    super(
      `The knowledge base has ${issues.length} error(s):\n${issues.map(formatIssue).join('\n')}\n` +
        'Fix them (see knowledge/README.md) and run `npm run --silent dlkb -- check`.',
      options,
    );
  }
}
