/**
 * @module domain/books
 * Book ids that the archives use for columns that are no one book's market: best prices and
 * averages across books. Nobody can bet them, and their "opening" or "closing" mixes books.
 */
export const NOT_A_BOOK: readonly string[] = ['market-max', 'market-average', 'consensus-max'];
