/** A colour per category (the reply's accent), so a card's category shows at a glance. */

/** The colour of replies without an accent (Discord blurple). */
export const DEFAULT_COLOUR = 0x5865f2;

/** Distinct, readable colours on both the light and the dark theme. */
const PALETTE = [
  0x3498db, 0xe67e22, 0x2ecc71, 0x9b59b6, 0xe74c3c, 0x1abc9c, 0xf1c40f, 0xe91e63, 0x00bcd4, 0x8bc34a,
  0xff7043, 0x7e57c2,
] as const;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * The colour function for a list of category ids: each category gets its own palette colour in list order
 * (distinct for up to 12 categories); an unknown accent gets a stable colour from its name.
 */
export function accentColours(categoryIds: readonly string[]): (accent: string | undefined) => number {
  const byId = new Map(categoryIds.map((id, i) => [id, PALETTE[i % PALETTE.length] ?? DEFAULT_COLOUR]));
  return (accent) => {
    if (!accent) return DEFAULT_COLOUR;
    return byId.get(accent) ?? PALETTE[hash(accent) % PALETTE.length] ?? DEFAULT_COLOUR;
  };
}
