import { FeaturesError } from '../errors';

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * An incremental RFC 4180 parser: feed it text in chunks of any size and it calls
 * `onRecord` with the fields of each complete record. Handles quoted fields, `""`
 * escapes, line breaks inside quotes, and CRLF or LF line ends.
 */
export class CsvRecordParser {
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  private quotePending = false;
  private afterCr = false;
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly onRecord: (fields: string[]) => void,
  ) {
    if (delimiter.length !== 1)
      throw new FeaturesError('bad-argument', `delimiter must be one character, got '${delimiter}'`);
    this.delimiter = delimiter.charCodeAt(0);
  }

  write(text: string): void {
    let start = 0;
    const n = text.length;
    for (let i = 0; i < n; i += 1) {
      const c = text.charCodeAt(i);
      if (this.afterCr) {
        this.afterCr = false;
        if (c === LF) {
          start = i + 1;
          continue;
        }
      }
      if (this.inQuotes) {
        if (c !== QUOTE) continue;
        this.field += text.slice(start, i);
        start = i + 1;
        this.inQuotes = false;
        this.quotePending = true;
        continue;
      }
      if (this.quotePending) {
        this.quotePending = false;
        if (c === QUOTE) {
          // "" inside a quoted field is one quote character.
          this.field += '"';
          this.inQuotes = true;
          start = i + 1;
          continue;
        }
      }
      if (c === QUOTE) {
        this.field += text.slice(start, i);
        this.inQuotes = true;
        start = i + 1;
      } else if (c === this.delimiter) {
        this.fields.push(this.field + text.slice(start, i));
        this.field = '';
        start = i + 1;
      } else if (c === LF || c === CR) {
        this.fields.push(this.field + text.slice(start, i));
        this.field = '';
        this.emit();
        start = i + 1;
        this.afterCr = c === CR;
      }
    }
    this.field += text.slice(start);
  }

  end(rest = ''): void {
    this.write(rest);
    if (this.inQuotes)
      throw new FeaturesError('bad-csv', 'the file ends inside a quoted field: a closing quote is missing');
    if (this.field !== '' || this.fields.length > 0) {
      this.fields.push(this.field);
      this.field = '';
      this.emit();
    }
  }

  private emit(): void {
    const fields = this.fields;
    this.fields = [];
    this.onRecord(fields);
  }
}
