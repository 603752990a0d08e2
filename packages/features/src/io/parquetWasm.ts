import type * as ParquetWasm from 'parquet-wasm';

let loaded: typeof ParquetWasm | undefined;

/**
 * The parquet-wasm module (Rust's `parquet` crate compiled to WebAssembly), loaded on
 * first use: its Node build compiles a 5 MB WebAssembly file synchronously when
 * required, which every program importing `@mlops/features` would otherwise pay for
 * at start-up, Parquet or not. Returns the module.
 */
export function parquetWasm(): typeof ParquetWasm {
  // require() rather than import: the point is to defer the load to this call.
  loaded ??= require('parquet-wasm') as typeof ParquetWasm;
  return loaded;
}
