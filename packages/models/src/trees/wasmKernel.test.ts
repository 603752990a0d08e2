import { SORT_WASM } from '../generated/kernels';
import { instantiateKernel, leaseKernel, MAX_KEPT_KERNEL_BYTES } from './wasmKernel';

// Each test file has its own module registry, so the idle instances start empty here.

describe('leaseKernel', () => {
  test('a released instance is lent again, zeroed over what the next lease asks for', () => {
    const first = leaseKernel<object>(SORT_WASM, 1 << 16);
    new Uint8Array(first.buffer).fill(7);
    first.release();
    const second = leaseKernel<object>(SORT_WASM, 1 << 16);
    expect(second.exports).toBe(first.exports);
    expect(new Uint8Array(second.buffer, 0, 1 << 16).every((byte) => byte === 0)).toBe(true);
    second.release();
  });

  test('a lease the idle memory cannot hold gets a new instance; the idle memory is not grown', () => {
    const small = leaseKernel<object>(SORT_WASM, 1 << 16);
    const held = small.buffer.byteLength;
    small.release();
    const large = leaseKernel<object>(SORT_WASM, held + 1);
    expect(large.exports).not.toBe(small.exports);
    expect(large.buffer.byteLength).toBeGreaterThanOrEqual(held + 1);
    // Growing would have detached it (byteLength 0), which slows every typed array in V8.
    expect(small.buffer.byteLength).toBe(held);
    large.release();
  });

  test('a lease taken while another is out gets an instance of its own', () => {
    const outer = leaseKernel<object>(SORT_WASM, 1 << 16);
    const inner = leaseKernel<object>(SORT_WASM, 1 << 16);
    expect(inner.exports).not.toBe(outer.exports);
    expect(inner.buffer).not.toBe(outer.buffer);
    inner.release();
    outer.release();
  });

  test('releasing twice hands the instance back once', () => {
    const lease = leaseKernel<object>(SORT_WASM, 1 << 16);
    lease.release();
    lease.release();
    const a = leaseKernel<object>(SORT_WASM, 1 << 16);
    const b = leaseKernel<object>(SORT_WASM, 1 << 16);
    expect(a.exports).toBe(lease.exports);
    expect(b.exports).not.toBe(lease.exports);
    a.release();
    b.release();
  });

  test('a memory above the kept size is not kept after its fit', () => {
    const big = leaseKernel<object>(SORT_WASM, MAX_KEPT_KERNEL_BYTES + 1);
    big.release();
    const next = leaseKernel<object>(SORT_WASM, 1 << 16);
    expect(next.exports).not.toBe(big.exports);
    next.release();
  });

  test('instantiateKernel makes a new instance every time', () => {
    const a = instantiateKernel<object>(SORT_WASM, 1 << 16);
    const b = instantiateKernel<object>(SORT_WASM, 1 << 16);
    expect(a.exports).not.toBe(b.exports);
  });
});
