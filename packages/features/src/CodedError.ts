/**
 * The base of every domain error of the platform: a one-line `message` naming
 * what is wrong and the fix, and a `code` from the package's closed list that
 * the edges (HTTP handler, CLI main) map to a status or an exit code. Each
 * package makes its own subclass once with {@link codedErrorClass}.
 */
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A class made by {@link codedErrorClass}: its instances carry `name`, and `codes` is its closed code list. */
export interface CodedErrorClass<Name extends string, Codes extends readonly string[]> {
  new (
    code: Codes[number],
    message: string,
    options?: { cause?: unknown },
  ): CodedError<Codes[number]> & { readonly name: Name };
  /** Every code an instance may carry, as a runtime list (the edges' tables are tested over it). */
  readonly codes: Codes;
}

/** The code union of a class made by {@link codedErrorClass}: `CodeOf<typeof FeaturesError>`. */
export type CodeOf<E extends { readonly codes: readonly string[] }> = E['codes'][number];

/**
 * The one way a package declares its error type: the base to extend with the
 * error's `name` and its closed list of codes, so the code union is derived
 * from the runtime list and cannot drift from it:
 * `export class FeaturesError extends codedErrorClass('FeaturesError', featuresErrorCodes) {}`.
 * Returns a subclass of {@link CodedError} whose instances carry `name`.
 */
export function codedErrorClass<const Name extends string, const Codes extends readonly string[]>(
  name: Name,
  codes: Codes,
): CodedErrorClass<Name, Codes> {
  return class extends CodedError<Codes[number]> {
    static readonly codes = codes;
    override readonly name = name;
  };
}
