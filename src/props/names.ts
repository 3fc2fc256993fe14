/**
 * @module props/names
 * Matching a pitcher's name as a person or a prop feed writes it ("Jesús Luzardo", "Lance
 * McCullers Jr.", "Max Muncy (2002)") to the registry's names: accents, case, punctuation,
 * generational suffixes and parenthesised disambiguations are ignored.
 */

/** The comparison key of a name: "Lance McCullers Jr." → "lance mccullers". */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\(.*?\)/g, ' ')
    .replace(/[.'’,-]/g, ' ')
    .replace(/\b(jr|sr|ii|iii|iv)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
