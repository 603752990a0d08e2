import type { Column } from '../table/DataTable';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Collects the cells of one CSV column into a growing typed array. It stays numeric
 * while every non-empty cell is a number, and turns categorical at the first cell
 * that is not (earlier numbers keep their numeric spelling, e.g. "1.50" → "1.5").
 */
export class ColumnBuilder {
  private numbers = new Float64Array(1024);
  private codes = new Int32Array(1024);
  private readonly dictionary: string[] = [];
  private readonly index = new Map<string, number>();
  private length = 0;
  private numeric: boolean;

  constructor(
    readonly name: string,
    forceCategorical: boolean,
  ) {
    this.numeric = !forceCategorical;
  }

  push(raw: string): void {
    const text = raw.trim();
    if (this.length === this.codes.length) this.grow();
    if (this.numeric) {
      if (text === '') {
        this.numbers[this.length] = Number.NaN;
        this.length += 1;
        return;
      }
      if (NUMBER.test(text)) {
        this.numbers[this.length] = Number(text);
        this.length += 1;
        return;
      }
      this.switchToCategorical();
    }
    this.codes[this.length] = text === '' ? -1 : this.codeOf(text);
    this.length += 1;
  }

  finish(): Column {
    if (this.numeric) return { kind: 'numeric', name: this.name, values: this.numbers.slice(0, this.length) };
    return {
      kind: 'categorical',
      name: this.name,
      codes: this.codes.slice(0, this.length),
      dictionary: this.dictionary,
    };
  }

  private codeOf(text: string): number {
    let code = this.index.get(text);
    if (code === undefined) {
      code = this.dictionary.length;
      this.dictionary.push(text);
      this.index.set(text, code);
    }
    return code;
  }

  private switchToCategorical(): void {
    this.numeric = false;
    for (let i = 0; i < this.length; i += 1) {
      const value = this.numbers[i];
      this.codes[i] = Number.isNaN(value) ? -1 : this.codeOf(String(value));
    }
    this.numbers = new Float64Array(0);
  }

  private grow(): void {
    const size = this.codes.length * 2;
    if (this.numeric) {
      const numbers = new Float64Array(size);
      numbers.set(this.numbers);
      this.numbers = numbers;
    }
    const codes = new Int32Array(size);
    codes.set(this.codes);
    this.codes = codes;
  }
}
