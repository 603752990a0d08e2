import type { ColumnSpec } from '@mlops/features';
import type { RequestFields } from '../predictions/requestFields';
import {
  nestedValueProblem,
  shownKey,
  tooLongText,
  tooManyFields,
  UNKNOWN_FIELD,
} from '../predictions/validateInstance';
import { ApiError, type ErrorDetail } from './ApiError';

/** What a body is expected to be: one instance (`/predict`), a batch, or a flat object (admin routes). */
export type BodyShape = 'instance' | 'batch' | 'flat';

/** Options of {@link JsonLimitScanner}. */
export interface JsonLimitScannerOptions {
  shape: BodyShape;
  /** Longest string (value or key), in characters. */
  maxTextLength: number;
  /** Most keys in one object. */
  maxInstanceKeys: number;
  /** Most rows of a batch's `instances`. @default Infinity */
  maxRows?: number;
  /** The served model's request fields: a key of an instance that is not one of them is a problem. */
  fields?: RequestFields;
}

/** Misplaced things (unknown fields, nested values) a body may hold before the scan refuses it. */
const JUNK_BUDGET = 100;
const KEY_CAP = 256;

const OBJECT = 1;
const ARRAY = 2;
// What a container is, so the scanner knows what its keys and elements may be.
const INSTANCE = 1;
const BATCH = 2;
const ROWS = 3;
const FLAT = 4;
const JUNK = 5;
// What the next token must be.
const VALUE = 1;
const FIRST_VALUE = 2; // right after '[': a value or ']'
const FIRST_KEY = 3; // right after '{': a key or '}'
const KEY = 4;
const COLON = 5;
const AFTER = 6; // ',' or the end of the container

const INSTANCES = Buffer.from('instances');

/** A known request field, found by the FNV-1a hash of its UTF-8 bytes and then compared byte by byte. */
interface KnownField {
  bytes: Buffer;
  spec: ColumnSpec;
  isId: boolean;
}

/** A model's request fields as the scanner looks keys up: by hash, and by name for escaped keys. */
interface KnownFields {
  byHash: Map<number, KnownField[]>;
  byName: Map<string, KnownField>;
}

/** Built once per loaded model (its `RequestFields` object), not per request. */
const knownCache = new WeakMap<RequestFields, KnownFields>();

function knownFields(fields: RequestFields): KnownFields {
  let known = knownCache.get(fields);
  if (known) return known;
  known = { byHash: new Map(), byName: new Map() };
  const add = (spec: ColumnSpec, isId: boolean) => {
    const field = { bytes: Buffer.from(spec.name), spec, isId };
    const hash = fnv(field.bytes, field.bytes.length);
    known!.byHash.set(hash, [...(known!.byHash.get(hash) ?? []), field]);
    known!.byName.set(spec.name, field);
  };
  for (const spec of fields.features) add(spec, false);
  for (const spec of fields.ids) add(spec, true);
  knownCache.set(fields, known);
  return known;
}

/**
 * Checks a JSON body chunk by chunk, as it arrives and before `JSON.parse` sees any
 * of it, against the limits that keep parsing and validation cheap: strings of at
 * most `maxTextLength` characters, objects of at most `maxInstanceKeys` keys, at most
 * `maxRows` batch rows, and at most 100 misplaced things (keys that are not the
 * model's fields, objects or arrays where a value belongs, and what they hold). It
 * stops at the first limit broken and says which, so a 15 MB body of a million
 * unknown keys is refused after its first kilobytes. It is a guard, not the
 * validator: what passes is parsed and validated as usual (with the same limits), and
 * it leaves invalid JSON to `JSON.parse`. Costs one pass over the bytes, no allocation
 * per token.
 */
export class JsonLimitScanner {
  private readonly maxRows: number;
  private readonly known?: KnownFields;
  // Per depth: container kind and role, key or element count, the current key and what it is.
  private readonly kind: number[] = [];
  private readonly role: number[] = [];
  private readonly count: number[] = [];
  private readonly keyBytes: Buffer[] = [];
  private readonly keyLength: number[] = [];
  private readonly keyEscaped: boolean[] = [];
  private readonly keyField: Array<KnownField | undefined> = [];
  private readonly row: number[] = [];
  private depth = 0;
  private expect = VALUE;
  private done = false;
  private broken = false;
  private inString = false;
  private stringIsKey = false;
  private escaped = false;
  private hex = 0;
  private chars = 0;
  private inScalar = false;
  private junk = 0;
  private readonly problems: ErrorDetail[] = [];

  constructor(private readonly options: JsonLimitScannerOptions) {
    this.maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
    this.known = options.fields ? knownFields(options.fields) : undefined;
  }

  /** Scans the next bytes; returns the refusal when they break a limit (then stop sending more). */
  write(chunk: Buffer): ApiError | undefined {
    if (this.broken) return undefined;
    const max = this.options.maxTextLength;
    const length = chunk.length;
    let i = 0;
    let backslash = -1; // the next backslash at or after i, once looked for
    while (i < length) {
      if (this.inString) {
        if (this.hex > 0 || this.escaped) {
          // The character after a backslash (and a \u's four digits) belong to the escape: one character in all.
          const b = chunk[i];
          if (this.hex > 0) this.hex -= 1;
          else {
            this.escaped = false;
            if (b === 0x75) this.hex = 4;
          }
          if (this.stringIsKey) this.keyRun(chunk, i, i + 1);
          i += 1;
          continue;
        }
        // The plain run up to the next quote or backslash, found natively (memchr): most of a body
        // is strings. A character is a byte that does not continue a UTF-8 sequence, so a run has at
        // most as many characters as bytes: they are counted one by one only when the string goes on
        // past the run (the count is carried) or its bytes could break the limit.
        if (backslash < i) backslash = nextOrEnd(chunk, 0x5c, i);
        const quote = nextOrEnd(chunk, 0x22, i);
        const j = Math.min(quote, backslash);
        let chars = this.chars + (j - i);
        if (chars > max || j !== quote || j === length) {
          chars = this.chars;
          for (let k = i; k < j; k += 1) if ((chunk[k] & 0xc0) !== 0x80) chars += 1;
        }
        if (this.stringIsKey && j > i) this.keyRun(chunk, i, j);
        this.chars = chars;
        if (chars > max) return this.textTooLong();
        if (j === length) return undefined;
        if (chunk[j] === 0x5c) {
          this.escaped = true;
          this.chars += 1;
          if (this.chars > max) return this.textTooLong();
          if (this.stringIsKey) {
            this.keyEscaped[this.depth] = true;
            this.keyRun(chunk, j, j + 1);
          }
          i = j + 1;
          continue;
        }
        this.inString = false;
        i = j + 1;
        const refusal = this.stringEnd();
        if (refusal) return refusal;
        continue;
      }
      const b = chunk[i];
      if (this.inScalar) {
        if (isScalarByte(b)) {
          i += 1;
          continue;
        }
        this.inScalar = false;
      }
      i += 1;
      if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
      const refusal = this.token(b);
      if (refusal || this.broken) return refusal;
    }
    return undefined;
  }

  private token(b: number): ApiError | undefined {
    if (this.done) return this.break();
    switch (this.expect) {
      case FIRST_KEY:
      case KEY:
        if (b === 0x7d && this.expect === FIRST_KEY) return this.close(OBJECT);
        if (b !== 0x22) return this.break();
        this.startString(true);
        return undefined;
      case COLON:
        if (b !== 0x3a) return this.break();
        this.expect = VALUE;
        return undefined;
      case AFTER:
        if (b === 0x2c) {
          this.expect = this.kind[this.depth] === OBJECT ? KEY : VALUE;
          return undefined;
        }
        if (b === 0x7d) return this.close(OBJECT);
        if (b === 0x5d) return this.close(ARRAY);
        return this.break();
      default:
        if (b === 0x5d && this.expect === FIRST_VALUE) return this.close(ARRAY);
        if (b === 0x7b || b === 0x5b) return this.open(b === 0x7b ? OBJECT : ARRAY);
        if (b === 0x22) {
          const refusal = this.valueStart(0);
          this.startString(false);
          return refusal;
        }
        if (b === 0x2d || (b >= 0x30 && b <= 0x39) || b === 0x74 || b === 0x66 || b === 0x6e) {
          this.inScalar = true;
          const refusal = this.valueStart(0);
          this.afterValue();
          return refusal;
        }
        return this.break();
    }
  }

  /** A value begins in the current container: count it as a row or a misplaced thing. Returns the refusal, if any. */
  private valueStart(container: number): ApiError | undefined {
    if (this.depth === 0) return undefined;
    const role = this.role[this.depth];
    if (this.kind[this.depth] === ARRAY) this.count[this.depth] += 1;
    if (role === ROWS) {
      if (this.count[this.depth] > this.maxRows) return this.tooManyRows();
      if (container === OBJECT) return undefined;
      return this.misplaced({ field: this.rowField(), message: 'must be a JSON object of feature values' });
    }
    if (role === JUNK) return this.misplaced();
    if (container === 0) return undefined;
    // An object or array where a single value belongs.
    if (role === INSTANCE) {
      const field = this.keyField[this.depth];
      // An unknown key was counted already; a known one gets the validator's own message.
      return field
        ? this.misplaced({ field: this.fieldName(), message: nestedValueProblem(field.spec, field.isId) })
        : undefined;
    }
    if (role === BATCH && this.isInstancesKey()) {
      return container === ARRAY
        ? undefined
        : this.misplaced({ field: 'instances', message: 'must be an array of feature objects' });
    }
    return role === BATCH
      ? undefined // the key was counted as misplaced
      : this.misplaced({
          field: this.fieldName(),
          message: 'must be a single value, not an object or an array',
        });
  }

  private open(container: number): ApiError | undefined {
    const refusal = this.valueStart(container);
    if (refusal) return refusal;
    const parent = this.depth === 0 ? 0 : this.role[this.depth];
    let role = JUNK;
    if (this.depth === 0) {
      const top = { instance: INSTANCE, batch: BATCH, flat: FLAT }[this.options.shape];
      if (container === OBJECT) role = top;
      else
        this.note({
          message:
            this.options.shape === 'batch'
              ? 'the body must be {"instances": [...]}'
              : 'must be a JSON object of feature values',
        });
    } else if (parent === BATCH && container === ARRAY && this.isInstancesKey()) role = ROWS;
    else if (parent === ROWS && container === OBJECT) role = INSTANCE;
    const row = parent === ROWS ? this.count[this.depth] - 1 : (this.row[this.depth] ?? -1);
    this.depth += 1;
    this.kind[this.depth] = container;
    this.role[this.depth] = role;
    this.count[this.depth] = 0;
    this.row[this.depth] = row;
    this.keyField[this.depth] = undefined;
    this.expect = container === OBJECT ? FIRST_KEY : FIRST_VALUE;
    return undefined;
  }

  private close(container: number): ApiError | undefined {
    if (this.depth === 0 || this.kind[this.depth] !== container) return this.break();
    this.depth -= 1;
    this.afterValue();
    return undefined;
  }

  private afterValue(): void {
    if (this.depth === 0) this.done = true;
    else this.expect = AFTER;
  }

  private startString(isKey: boolean): void {
    this.inString = true;
    this.stringIsKey = isKey;
    this.chars = 0;
    if (isKey) {
      this.keyLength[this.depth] = 0;
      this.keyEscaped[this.depth] = false;
      this.keyBytes[this.depth] ??= Buffer.allocUnsafe(KEY_CAP);
    }
  }

  /** Keeps bytes `from`..`to` of the current key (the first KEY_CAP of them; the length counts all). */
  private keyRun(chunk: Buffer, from: number, to: number): void {
    const length = this.keyLength[this.depth];
    const bytes = this.keyBytes[this.depth];
    const end = Math.min(to, from + KEY_CAP - length);
    for (let i = from, at = length; i < end; i += 1, at += 1) bytes[at] = chunk[i];
    this.keyLength[this.depth] = length + (to - from);
  }

  private stringEnd(): ApiError | undefined {
    if (!this.stringIsKey) {
      this.afterValue();
      return undefined;
    }
    this.expect = COLON;
    const role = this.role[this.depth];
    this.count[this.depth] += 1;
    if (role === JUNK) return this.misplaced();
    if (this.count[this.depth] > this.options.maxInstanceKeys)
      return this.refuse(this.containerField(), tooManyFields(this.options.maxInstanceKeys));
    if (role === INSTANCE && this.known) {
      const field = this.knownKey();
      this.keyField[this.depth] = field;
      if (!field) return this.misplaced({ field: this.fieldName(), message: UNKNOWN_FIELD });
    } else if (role === BATCH && !this.isInstancesKey()) {
      return this.misplaced({
        field: this.fieldName(),
        message: 'is not allowed: the body is {"instances": [...]}',
      });
    }
    return undefined;
  }

  /** The known field the current key names, comparing bytes after the hash (an escaped key is decoded). */
  private knownKey(): KnownField | undefined {
    if (!this.known) return undefined;
    const length = this.keyLength[this.depth];
    if (length > KEY_CAP) return undefined;
    if (this.keyEscaped[this.depth]) return this.known.byName.get(this.keyName());
    const bytes = this.keyBytes[this.depth];
    const candidates = this.known.byHash.get(fnv(bytes, length));
    if (!candidates) return undefined;
    for (const field of candidates) if (sameBytes(field.bytes, bytes, length)) return field;
    return undefined;
  }

  private isInstancesKey(): boolean {
    const length = this.keyLength[this.depth];
    return sameBytes(INSTANCES, this.keyBytes[this.depth], length);
  }

  /** The current key as text (escapes decoded when the key is whole), for messages. */
  private keyName(): string {
    const length = Math.min(this.keyLength[this.depth], KEY_CAP);
    const raw = this.keyBytes[this.depth].toString('utf8', 0, length);
    if (!this.keyEscaped[this.depth] || this.keyLength[this.depth] > KEY_CAP) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return raw;
    }
  }

  private rowPrefix(): string {
    const row = this.row[this.depth];
    return row >= 0 ? `instances[${row}].` : '';
  }

  private rowField(): string {
    return `instances[${this.count[this.depth] - 1}]`;
  }

  /** The field the current key names, with its row in a batch. */
  private fieldName(): string {
    return `${this.role[this.depth] === INSTANCE ? this.rowPrefix() : ''}${shownKey(this.keyName())}`;
  }

  /** The container itself as a field: `instances[3]`, or none for the whole body. */
  private containerField(): string | undefined {
    return this.rowPrefix().replace(/\.$/, '') || undefined;
  }

  private textTooLong(): ApiError {
    if (this.stringIsKey)
      return this.refuse(
        `${this.role[this.depth] === INSTANCE ? this.rowPrefix() : ''}${shownKey(this.keyName())}`,
        `is a field name longer than ${this.options.maxTextLength} characters, the limit (MLOPS_MAX_TEXT_LENGTH)`,
      );
    let field: string | undefined;
    if (this.depth > 0 && this.kind[this.depth] === OBJECT) field = this.fieldName();
    else if (this.depth > 0 && this.role[this.depth] === ROWS) field = this.rowField();
    return this.refuse(field, tooLongText(this.options.maxTextLength));
  }

  private tooManyRows(): ApiError {
    return this.stop(
      new ApiError(
        413,
        'batch_too_large',
        `the batch has more than ${this.maxRows} rows, the limit (MLOPS_BATCH_LIMIT): split it`,
        [{ field: 'instances', message: `must hold at most ${this.maxRows} instances` }],
      ),
    );
  }

  private refuse(field: string | undefined, message: string): ApiError {
    return this.stop(
      new ApiError(422, 'validation_error', `${field ? `${field} ` : 'the body '}${message}`, [
        { field, message },
      ]),
    );
  }

  /** Notes a problem to list if the scan refuses the body (below the budget, validation lists them). */
  private note(problem: ErrorDetail): void {
    if (this.problems.length < JUNK_BUDGET) this.problems.push(problem);
  }

  /** Counts one misplaced thing (and notes its problem); refuses the body past the budget. */
  private misplaced(problem?: ErrorDetail): ApiError | undefined {
    if (problem) this.note(problem);
    if (++this.junk <= JUNK_BUDGET) return undefined;
    return this.stop(
      new ApiError(
        422,
        'validation_error',
        `the body holds more than ${JUNK_BUDGET} unknown fields or misplaced values (the first ${this.problems.length} are listed): nothing was predicted`,
        this.problems,
      ),
    );
  }

  private stop(refusal: ApiError): ApiError {
    this.broken = true;
    return refusal;
  }

  /** Not JSON: stop checking and let `JSON.parse` say so. */
  private break(): undefined {
    this.broken = true;
    return undefined;
  }
}

function isScalarByte(b: number): boolean {
  return (
    (b >= 0x30 && b <= 0x39) ||
    (b >= 0x61 && b <= 0x7a) ||
    b === 0x2e ||
    b === 0x2b ||
    b === 0x2d ||
    b === 0x45
  );
}

/** FNV-1a, 32 bits, of the first `length` bytes. */
function fnv(bytes: Uint8Array, length: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < length; i += 1) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return hash;
}

/** Whether `known` is the first `length` bytes of `bytes` (no view allocated: this runs per key). */
function sameBytes(known: Uint8Array, bytes: Uint8Array, length: number): boolean {
  if (known.length !== length) return false;
  for (let i = 0; i < length; i += 1) if (known[i] !== bytes[i]) return false;
  return true;
}

/** The index of the next `byte` in `chunk` from `from`, or the chunk's length when there is none. */
function nextOrEnd(chunk: Buffer, byte: number, from: number): number {
  const at = chunk.indexOf(byte, from);
  return at === -1 ? chunk.length : at;
}
