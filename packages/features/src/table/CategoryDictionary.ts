/**
 * The dictionary of a categorical column while it is built: each distinct text
 * gets the next code in order of first sight, as Arrow's dictionary encoding and
 * {@link CategoricalColumn} expect.
 */
export class CategoryDictionary {
  /** The texts in code order: `values[code]` is the text of `code`. */
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  /** The code of `text`, added to the dictionary when it is new. */
  codeOf(text: string): number {
    let code = this.index.get(text);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(text);
      this.index.set(text, code);
    }
    return code;
  }
}
