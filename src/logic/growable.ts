/**
 * Typed arrays that grow in place once they are large. Growing a plain typed array
 * copies it into a new one and leaves the old one to the garbage collector, which
 * frees it late: at 8 M facts the old copy of a relation's tuples (32 MB) was still
 * resident at the end of the evaluation. Past `IN_PLACE_BYTES`, an array lives in a
 * WebAssembly.Memory instead, which reserves address space up front and grows without
 * copying (untouched pages cost no memory). Where WebAssembly is unavailable or the
 * memory cannot grow, it falls back to copying.
 *
 * A grown array replaces the previous one, whose view may then be detached (length 0):
 * never keep a reference to the old array across a call that can grow it.
 */

const PAGE = 65536;
/** 4 GiB: the most a WebAssembly memory can hold. */
const MAX_PAGES = 65536;
/** Arrays at least this large (bytes) grow in place. */
export const IN_PLACE_BYTES = 1 << 22;

/** The part of WebAssembly.Memory used here (the project's TypeScript libs do not declare WebAssembly). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
const Memory = (
  globalThis as {
    WebAssembly?: { Memory: new (d: { initial: number; maximum: number }) => WasmMemory };
  }
).WebAssembly?.Memory;

const memories = new WeakMap<ArrayBufferLike, WasmMemory>();

type Typed = Int32Array | Uint8Array;
type Ctor<T extends Typed> = {
  new (length: number): T;
  new (buffer: ArrayBufferLike, offset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
};

/** `a`'s contents in an array of `length` elements (zeros after them); `a` may be detached. */
export function grown<T extends Typed>(a: T, length: number): T {
  const C = a.constructor as Ctor<T>;
  const bytes = length * C.BYTES_PER_ELEMENT;
  const mem = memories.get(a.buffer);
  if (mem !== undefined) {
    try {
      const have = mem.buffer.byteLength;
      if (bytes > have) mem.grow(Math.ceil((bytes - have) / PAGE));
      memories.set(mem.buffer, mem);
      return new C(mem.buffer, 0, length);
    } catch {
      // Past 4 GiB: copy into a plain array below.
    }
  } else if (bytes >= IN_PLACE_BYTES && Memory !== undefined) {
    try {
      const m = new Memory({ initial: Math.ceil(bytes / PAGE), maximum: MAX_PAGES });
      memories.set(m.buffer, m);
      const b = new C(m.buffer, 0, length);
      b.set(a);
      return b;
    } catch {
      // No address space for it: copy instead.
    }
  }
  const b = new C(length);
  b.set(a.subarray(0, Math.min(a.length, length)));
  return b;
}
