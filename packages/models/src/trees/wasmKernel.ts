/** The part of the WebAssembly API used here (the compiler's `lib` has no DOM typings). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** Bytes per WebAssembly memory page. */
export const WASM_PAGE = 65_536;

// Each kernel is compiled once per thread (a few kB: synchronous compilation is fine).
const compiled = new Map<string, object>();

/**
 * An instance of the kernel whose binary is `base64` (src/generated/kernels.ts) on a fresh
 * memory of at least `bytes`, imported as `env.memory`: its exports and the memory's buffer
 * (never grown, so typed-array views on it stay valid).
 */
export function instantiateKernel<Exports>(
  base64: string,
  bytes: number,
): { exports: Exports; buffer: ArrayBuffer } {
  let module = compiled.get(base64);
  if (!module) {
    module = new wasm.Module(Buffer.from(base64, 'base64'));
    compiled.set(base64, module);
  }
  const memory = new wasm.Memory({ initial: Math.ceil(bytes / WASM_PAGE) });
  const instance = new wasm.Instance(module, { env: { memory } });
  return { exports: instance.exports as Exports, buffer: memory.buffer };
}
