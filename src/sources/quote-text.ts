/**
 * @module sources/quote-text
 * How a quote is written when a source gives line and price in separate cells: `+1.5(-116)`,
 * `-3` (line only), `-110` (price only).
 */

/**
 * The quote text for a line (null for moneyline) and a price text (null when unknown). Spreads
 * carry a sign (`+1.5`); totals do not (`8.5`): pass `{ signed: false }` for them.
 */
export function formatQuoteText(line: number | null, price: string | null, options: { signed?: boolean } = {}): string {
  if (line === null) return price ?? '';
  const lineText = `${line > 0 && options.signed !== false ? '+' : ''}${line}`;
  return price === null ? lineText : `${lineText}(${price})`;
}
