import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Request, RequestHandler } from 'express';
import { ApiError } from './ApiError';
import { isJsonBody } from './isJsonBody';
import type { JsonLimitScanner } from './JsonLimitScanner';

/** Options of {@link readJsonBody}. */
export interface ReadJsonBodyOptions {
  /** Largest body in bytes, after decompression. */
  limit: number;
  /** How the limit was given and by which variable, for the 413: `1mb`, `MLOPS_BODY_LIMIT`. */
  limitText: string;
  limitVariable: string;
  /** The scanner for this request's body; may throw the refusal to give before reading it (e.g. no such model). */
  scanner: (req: Request) => JsonLimitScanner;
}

const decoders: Record<string, (() => NodeJS.ReadWriteStream) | undefined> = {
  gzip: createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * Reads a JSON body without ever holding the event loop for long: a declared
 * `Content-Length` over the limit is refused at once, before a byte is read; the
 * bytes are counted as they arrive (after gzip/deflate/br) and each chunk goes
 * through a {@link JsonLimitScanner}, so a body that breaks a limit is refused at
 * the chunk that breaks it; only a body within every limit reaches `JSON.parse`.
 * After a refusal the rest of the body is read and dropped, so the answer goes out
 * at once and the connection stays usable. An empty body is `{}`.
 */
export function readJsonBody(options: ReadJsonBodyOptions): RequestHandler {
  const tooLarge = () =>
    new ApiError(
      413,
      'body_too_large',
      `the body is larger than ${options.limitText}, the limit (${options.limitVariable})`,
    );
  return (req, _res, next) => {
    // Only bodies declared as JSON are read here: `requireJson` has refused other types.
    if (!isJsonBody(req)) {
      next();
      return;
    }
    const type = req.headers['content-type'] ?? '';
    const charset = type.includes(';')
      ? /;\s*charset=("?)([^";]+)\1/i.exec(type)?.[2]?.toLowerCase()
      : undefined;
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      next(new ApiError(415, 'unsupported_media_type', `send the JSON body as UTF-8 (not ${charset})`));
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (declared > options.limit) {
      next(tooLarge()); // Node drops the unread body once the answer is sent
      return;
    }
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    const decoder = decoders[encoding];
    if (!decoder && encoding !== 'identity') {
      next(
        new ApiError(
          415,
          'unsupported_media_type',
          `content encoding '${encoding}' is not supported: send gzip, deflate, br or none`,
        ),
      );
      return;
    }
    let scanner: JsonLimitScanner;
    try {
      scanner = options.scanner(req);
    } catch (error) {
      next(error);
      return;
    }
    const stream: Readable = decoder
      ? req.pipe(decoder() as unknown as NodeJS.WritableStream & Readable)
      : req;
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      if (error === undefined) return;
      if (stream !== req) {
        req.unpipe(stream as unknown as NodeJS.WritableStream);
        stream.destroy();
      }
      req.resume(); // read and drop the rest, without holding it
      next(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.limit) {
        finish(tooLarge());
        return;
      }
      const refusal = scanner.write(chunk);
      if (refusal) finish(refusal);
      else chunks.push(chunk);
    };
    const onEnd = () => {
      finish();
      const text = Buffer.concat(chunks, size).toString('utf8');
      try {
        req.body = text.length === 0 ? {} : JSON.parse(text);
      } catch {
        next(new ApiError(400, 'invalid_json', 'the body is not valid JSON'));
        return;
      }
      next();
    };
    const onError = (error: unknown) =>
      finish(
        new ApiError(
          400,
          'bad_request',
          'the body could not be read (bad compression, or the client went away)',
          [],
          {
            cause: error,
          },
        ),
      );
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  };
}

/** Bytes of a size as the config accepts it (`1mb`, `512kb`, `100000`; 1 kb = 1024 bytes). */
export function byteSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(text.trim());
  if (!match) throw new RangeError(`not a size: '${text}'`);
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(match[2] ?? 'b').toLowerCase() as 'b'];
  return Math.floor(Number(match[1]) * unit);
}
