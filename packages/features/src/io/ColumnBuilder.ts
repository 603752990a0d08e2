import { CategoryDictionary } from '../table/CategoryDictionary';
import type { Column } from '../table/DataTable';
import { scanNumberText } from './scanNumberText';

/**
 * Collects the cells of one CSV column into a growing typed array. It stays numeric
 * while every cell is a number or a missing-value token, and turns categorical at
 * the first cell that is not; the cells read so far then keep the text exactly as
 * written (trimmed), so "1.50" stays "1.50" and a report can quote the user's file.
 */
export class ColumnBuilder {
  private numbers = new Float64Array(1024);
  /**
   * Categorical: dictionary codes, -1 = missing. Numeric: -1, or the index in
   * `spellings` of a cell whose text is not what `String(number)` gives back ("1.50",
   * "007", "1e3"), the only cells whose text could not be recovered from the number.
   */
  private codes = new Int32Array(1024);
  private readonly dictionary = new CategoryDictionary();
  private spellings = new CategoryDictionary();
  private length = 0;
  private numeric: boolean;
  private readonly numericNaValue: boolean;

  constructor(
    readonly name: string,
    forceCategorical: boolean,
    private readonly naValues: ReadonlySet<string>,
  ) {
    this.numeric = !forceCategorical;
    this.numericNaValue = [...naValues].some((value) => scanNumberText(value) !== 'not-a-number');
  }

  push(raw: string): void {
    const text = raw.trim();
    if (this.length === this.codes.length) this.grow();
    if (this.numeric) {
      const number = scanNumberText(text);
      // The token set is only consulted for a number when a token looks like one
      // ("-999"): a hash lookup per cell costs a tenth of the read.
      if (text === '' || ((number === 'not-a-number' || this.numericNaValue) && this.naValues.has(text))) {
        this.numbers[this.length] = Number.NaN;
        this.codes[this.length] = -1;
        this.length += 1;
        return;
      }
      if (number !== 'not-a-number') {
        const value = Number(text);
        this.numbers[this.length] = value;
        this.codes[this.length] =
          number === 'shortest' || String(value) === text ? -1 : this.spellings.codeOf(text);
        this.length += 1;
        return;
      }
      this.switchToCategorical();
    }
    this.codes[this.length] = text === '' || this.naValues.has(text) ? -1 : this.dictionary.codeOf(text);
    this.length += 1;
  }

  finish(): Column {
    if (this.numeric) return { kind: 'numeric', name: this.name, values: this.numbers.slice(0, this.length) };
    return {
      kind: 'categorical',
      name: this.name,
      codes: this.codes.slice(0, this.length),
      dictionary: this.dictionary.values,
    };
  }

  private switchToCategorical(): void {
    this.numeric = false;
    for (let i = 0; i < this.length; i += 1) {
      const value = this.numbers[i];
      const spelling = this.codes[i];
      if (Number.isNaN(value)) this.codes[i] = -1;
      else
        this.codes[i] = this.dictionary.codeOf(
          spelling >= 0 ? this.spellings.values[spelling] : String(value),
        );
    }
    this.numbers = new Float64Array(0);
    this.spellings = new CategoryDictionary();
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
