/**
 * @module sources/quote-text
 * How a quote is written when a source gives line and price in separate cells: `+1.5(-116)`,
 * `-3` (line only), `-110` (price only).
 */

/** The quote text for a line (null for moneyline) and a price text (null when unknown). */
export function formatQuoteText(line: number | null, price: string | null): string {
  if (line === null) return price ?? '';
  const lineText = `${line > 0 ? '+' : ''}${line}`;
  return price === null ? lineText : `${lineText}(${price})`;
}
