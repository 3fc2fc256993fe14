import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/sources/csv-reader.js';

const read = (text: string | Buffer) => parseCsv('f.csv', Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'), 'fmt', '');

describe('parseCsv', () => {
  it('reads LF, CRLF, lone CR and a mix of them into the same records', () => {
    const lf = read('a,b\n1,2\n3,4\n');
    for (const text of ['a,b\r\n1,2\r\n3,4\r\n', 'a,b\r1,2\r3,4', 'a,b\r\n1,2\n3,4\r', '\uFEFFa,b\n1,2\n3,4']) {
      const other = read(text);
      expect(other.records.map((r) => r.payload)).toEqual([{ a: '1', b: '2' }, { a: '3', b: '4' }]);
      expect(other.records.map((r) => r.contentHash)).toEqual(lf.records.map((r) => r.contentHash));
      expect(other.records.map((r) => r.rowNumber)).toEqual([2, 3]);
    }
  });

  it('names blank header cells by position and tolerates empty trailing cells', () => {
    const file = read('Date,,Team,\n322,993,LOS,\n323,994,ARI,,,\n');
    expect(file.header).toEqual(['Date', '_col2', 'Team', '_col4']);
    expect(file.records.map((r) => r.payload._col2)).toEqual(['993', '994']);
    expect(file.unreadable).toEqual([]);
  });

  it('reports short, long and unterminated rows with their line, and keeps the others', () => {
    const file = read('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n13,"14,15\n');
    expect(file.records.map((r) => r.payload.a)).toEqual(['1', '10']);
    expect(file.unreadable.map((u) => [u.rowNumber, u.issue.code])).toEqual([
      [3, 'missing_columns'],
      [4, 'extra_columns'],
      [6, 'unreadable_row'],
    ]);
    expect(file.rowsIn).toBe(5);
    expect(file.unreadable[0]!.text).toBe('4,5');
  });

  it('treats an empty or blank file as empty, and skips blank lines', () => {
    expect(read('')).toMatchObject({ header: [], records: [], rowsIn: 0 });
    expect(read('\n\n  \n')).toMatchObject({ header: [], rowsIn: 0 });
    expect(read('a,b\n\n1,2\n\n').records).toHaveLength(1);
  });

  it('falls back to Latin-1 for old files that are not UTF-8', () => {
    const latin1 = Buffer.from('HomeTeam,AwayTeam\nM\xfcnchen,K\xf6ln\n', 'latin1');
    expect(read(latin1).records[0]!.payload).toEqual({ HomeTeam: 'München', AwayTeam: 'Köln' });
  });

  it('resumes after an unclosed quote in the middle of a file instead of losing the rest', () => {
    const file = read('a,b\n1,2\n3,"4\n5,6\n7,8\n');
    expect(file.unreadable.map((u) => [u.rowNumber, u.issue.code, u.text])).toEqual([[3, 'unreadable_row', '3,"4']]);
    expect(file.records.map((r) => [r.rowNumber, r.payload.a])).toEqual([[2, '1'], [4, '5'], [5, '7']]);
    expect(file.rowsIn).toBe(4);
  });

  it('numbers rows by the line they start on when a quoted cell spans lines', () => {
    const file = read('a,b\n1,"two\nlines"\n3,4\n');
    expect(file.records.map((r) => [r.rowNumber, r.payload.b])).toEqual([[2, 'two\nlines'], [4, '4']]);
  });

  it('treats rows of bare commas as blank lines, and suffixes repeated header names', () => {
    const file = read('LB,LB,LB,x\n1,2,3,4\n,,,\n , , ,\n');
    expect(file.header).toEqual(['LB', 'LB_2', 'LB_3', 'x']);
    expect(file.records.map((r) => r.payload)).toEqual([{ LB: '1', LB_2: '2', LB_3: '3', x: '4' }]);
    expect(file.rowsIn).toBe(1);
  });

  it('pads rows that end early only when the format asks, and never the unterminated last line', () => {
    const text = 'a,b,c,_\n1,2\n3,4,5\n6,7';
    expect(read(text).unreadable.map((u) => u.rowNumber)).toEqual([2, 3, 4]);
    const padded = parseCsv('f.csv', Buffer.from(text), 'fmt', '', undefined, { padShortRows: true });
    expect(padded.records.map((r) => r.payload)).toEqual([{ a: '1', b: '2', c: '', _: '' }, { a: '3', b: '4', c: '5', _: '' }]);
    expect(padded.unreadable.map((u) => [u.rowNumber, u.issue.code, u.text])).toEqual([[4, 'missing_columns', '6,7']]);
    // A padded row is the same record as the row written out in full.
    expect(padded.records[0]!.contentHash).toBe(read('a,b,c,_\n1,2,,\n').records[0]!.contentHash);
  });
});
