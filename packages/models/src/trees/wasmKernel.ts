/** The part of the WebAssembly API used here (the compiler's `lib` has no DOM typings). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
interface WasmMemory {
  buffer: ArrayBuffer;
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
  const { exports, memory } = newInstance<Exports>(base64, bytes);
  return { exports, buffer: memory.buffer };
}

function newInstance<Exports>(base64: string, bytes: number): { exports: Exports; memory: WasmMemory } {
  let module = compiled.get(base64);
  if (!module) {
    module = new wasm.Module(Buffer.from(base64, 'base64'));
    compiled.set(base64, module);
  }
  const memory = new wasm.Memory({ initial: Math.ceil(bytes / WASM_PAGE) });
  const instance = new wasm.Instance(module, { env: { memory } });
  return { exports: instance.exports as Exports, memory };
}

/** A kernel instance lent for one fit: {@link instantiateKernel}'s result and its return. */
export interface KernelLease<Exports> {
  exports: Exports;
  /** The memory's buffer, zero over the `bytes` asked for; do not use it after {@link release}. */
  buffer: ArrayBuffer;
  /** Hands the instance back for the thread's next lease (calling it again does nothing). */
  release(): void;
}

/**
 * The least memory a lent instance gets, so that the next fits (a warm-up, tuning trials, a
 * larger set after a small one) fit in it. A memory is never grown: growing detaches its
 * buffer, and the first detached buffer makes V8 drop its optimised typed-array code
 * process-wide. Pages never written cost address space, not memory.
 */
const LEASED_KERNEL_BYTES = 32 * 1024 * 1024;

/** Idle memory kept per kernel for the next lease; a larger memory is dropped after its fit. */
export const MAX_KEPT_KERNEL_BYTES = 64 * 1024 * 1024;

const idle = new Map<string, { exports: unknown; memory: WasmMemory }>();

/**
 * {@link instantiateKernel} for the kernels a fit uses, lent instead of made anew each fit: the
 * thread's last idle instance of the kernel is handed out again, zeroed, when its memory holds
 * `bytes` (never grown: see {@link LEASED_KERNEL_BYTES}); else a new one. Each fit then calls the same exported functions, so V8's
 * code optimised for one fit's calls still holds for the next (a new instance's functions
 * are new call targets, and every call site that saw the old ones is deoptimised and
 * compiled again: BENCHMARKS.md, 2026-12-07). An instance is lent to one user at a time
 * (fits are synchronous; a nested one gets an instance of its own).
 */
export function leaseKernel<Exports>(base64: string, bytes: number): KernelLease<Exports> {
  const kept = idle.get(base64) as { exports: Exports; memory: WasmMemory } | undefined;
  idle.delete(base64);
  let instance: { exports: Exports; memory: WasmMemory };
  if (kept && kept.memory.buffer.byteLength >= bytes) {
    // Zero over what this user may read, as a fresh memory is.
    new Uint8Array(kept.memory.buffer, 0, bytes).fill(0);
    instance = kept;
  } else {
    instance = newInstance<Exports>(base64, Math.max(bytes, LEASED_KERNEL_BYTES));
  }
  let lent = true;
  return {
    exports: instance.exports,
    buffer: instance.memory.buffer,
    release() {
      if (!lent) return;
      lent = false;
      if (instance.memory.buffer.byteLength <= MAX_KEPT_KERNEL_BYTES && !idle.has(base64))
        idle.set(base64, instance);
    },
  };
}
