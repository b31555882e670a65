/**
 * Facts printed as bytes, in sorted order, chunk by chunk: each value's text is encoded
 * once (one byte heap for all ids), then every fact is copied together from its
 * predicate's prefix and its values' bytes into a fixed-size chunk. A caller writes
 * each chunk before asking for the next (with backpressure), so printing 10 M facts
 * holds one chunk of text, never every line or one huge string.
 */
import { formatValue } from './build.js';
import type { Engine } from './engine.js';
import { sortedTuples, valueOrder } from './sorted.js';
import type { ValueOrder } from './sorted.js';
import type { Value } from './types.js';

export interface FactTextOptions {
  /** Only facts that are not base (asserted) facts. */
  derivedOnly?: boolean;
  /** Only this predicate. */
  predicate?: string;
  /**
   * Each fact as a JSON string literal, facts separated by `,\n` and this indentation
   * (the elements of a JSON array); without it, one fact per line.
   */
  jsonIndent?: string;
  /** Bytes per chunk (default 64 KiB). */
  chunkBytes?: number;
  /** Where chunks come from: a writer that gives each chunk back once written saves the allocations. */
  pool?: ChunkPool;
}

/**
 * Spare chunk buffers. Printing 8 M facts makes ~2,000 chunks of 64 KiB; allocated
 * afresh, they pile up (+40 MB peak RSS) before the garbage collector frees them. A
 * writer that gives each chunk back once it is written (its write callback) keeps the
 * number of buffers to the chunks in flight.
 */
export class ChunkPool {
  private spare: Uint8Array[] = [];

  /** A buffer of at least `bytes` bytes: a spare one if any is large enough. */
  take(bytes: number): Uint8Array {
    const b = this.spare.pop();
    return b !== undefined && b.length >= bytes ? b : new Uint8Array(bytes);
  }

  /** Gives back a chunk (or its buffer) that nothing reads any more. */
  give(chunk: Uint8Array): void {
    if (this.spare.length < 64 && chunk.byteOffset === 0)
      this.spare.push(new Uint8Array(chunk.buffer, 0, chunk.buffer.byteLength));
  }
}

/** The text of every id's value, UTF-8, end to end: value `i` is `bytes[start[i]..start[i+1])`. */
interface ValueText {
  bytes: Uint8Array;
  start: Int32Array;
  longest: number;
}

const encoder = new TextEncoder();

function valueText(values: readonly Value[], json: boolean): ValueText {
  const n = values.length;
  // Integers are written digit by digit below; only strings are formatted as strings
  // (140k node numbers made 140k short-lived strings, ~5 MB of heap, before).
  const strings = new Map<number, string>();
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (typeof v === 'number')
      total += 17; // sign and 16 digits: any safe integer
    else {
      const t = formatValue(v);
      const text = json ? JSON.stringify(t).slice(1, -1) : t;
      strings.set(i, text);
      total += text.length * 3;
    }
  }
  const bytes = new Uint8Array(total);
  const start = new Int32Array(n + 1);
  let at = 0,
    longest = 0;
  for (let i = 0; i < n; i++) {
    start[i] = at;
    const v = values[i]!;
    if (typeof v === 'number') at = writeInteger(v, bytes, at);
    else at += encoder.encodeInto(strings.get(i)!, bytes.subarray(at)).written;
    longest = Math.max(longest, at - start[i]!);
  }
  start[n] = at;
  return { bytes, start, longest };
}

/** Writes a safe integer as `String(v)` would (no exponent below 2^53; -0 is "0"); the end. */
function writeInteger(v: number, bytes: Uint8Array, at: number): number {
  if (v < 0) {
    bytes[at++] = 45; // '-'
    v = -v;
  }
  let end = at;
  for (let x = v; ; x = Math.floor(x / 10)) {
    end++;
    if (x < 10) break;
  }
  let p = end;
  for (let x = v; ; x = Math.floor(x / 10)) {
    bytes[--p] = 48 + (x % 10);
    if (x < 10) break;
  }
  return end;
}

/** Value order and value text, kept while no new value is interned. */
const caches = new WeakMap<
  Engine,
  { size: number; order?: ValueOrder; text?: ValueText; json?: ValueText }
>();

function cached(e: Engine) {
  let c = caches.get(e);
  if (c === undefined || c.size !== e.values.length) {
    c = { size: e.values.length };
    caches.set(e, c);
  }
  return c;
}

/** Ids in value order (cached until a new value is interned). */
export function orderOf(e: Engine): ValueOrder {
  const c = cached(e);
  return (c.order ??= valueOrder(e.values));
}

/** Where the next line goes, and what a relation's lines share. */
interface Writer {
  buf: Uint8Array;
  pos: number;
  /** Next tuple of the batch. */
  t: number;
  first: boolean;
  sep: Uint8Array;
  end: Uint8Array;
}

/**
 * Writes lines for tuples `w.t..n-1` of a batch while a whole line (at most `need`
 * bytes) fits in `w.buf`. A plain function, not part of the generator: V8 optimizes
 * this loop better on its own (printing took ~25% less CPU).
 */
function writeLines(
  w: Writer,
  ids: Int32Array,
  n: number,
  k: number,
  prefix: Uint8Array,
  need: number,
  vt: ValueText,
): void {
  const { buf, sep, end } = w;
  const { bytes, start } = vt;
  let pos = w.pos,
    t = w.t;
  const limit = buf.length - need;
  for (; t < n && pos <= limit; t++) {
    if (!w.first) for (let i = 0; i < sep.length; i++) buf[pos++] = sep[i]!;
    w.first = false;
    for (let i = 0; i < prefix.length; i++) buf[pos++] = prefix[i]!;
    for (let j = 0; j < k; j++) {
      if (j > 0) {
        buf[pos++] = 44; // ','
        buf[pos++] = 32; // ' '
      }
      const id = ids[t * k + j]!;
      for (let i = start[id]!, e2 = start[id + 1]!; i < e2; i++) buf[pos++] = bytes[i]!;
    }
    if (k > 0) buf[pos++] = 41; // ')'
    for (let i = 0; i < end.length; i++) buf[pos++] = end[i]!;
  }
  w.pos = pos;
  w.t = t;
}

/** The facts that hold, sorted by predicate then values, as chunks of UTF-8 text. */
export function* factText(e: Engine, options: FactTextOptions = {}): Generator<Uint8Array> {
  const json = options.jsonIndent !== undefined;
  const c = cached(e);
  const order = (c.order ??= valueOrder(e.values));
  const vt = json
    ? (c.json ??= valueText(e.values, true))
    : (c.text ??= valueText(e.values, false));
  const size = options.chunkBytes ?? 65536;
  const rels = e.relations
    .filter((r) => options.predicate === undefined || r.name === options.predicate)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const pool = options.pool;
  const take = (bytes: number) => (pool !== undefined ? pool.take(bytes) : new Uint8Array(bytes));
  const w: Writer = {
    buf: take(size),
    pos: 0,
    t: 0,
    first: true,
    sep: encoder.encode(json ? `,\n${options.jsonIndent}` : ''),
    end: encoder.encode(json ? '"' : '\n'),
  };
  for (const rel of rels) {
    const name = json ? JSON.stringify(rel.name).slice(1, -1) : rel.name;
    const prefix = encoder.encode(`${json ? '"' : ''}${name}${rel.arity > 0 ? '(' : ''}`);
    const k = rel.arity;
    const need = w.sep.length + prefix.length + k * (vt.longest + 2) + 1 + w.end.length;
    for (const batch of sortedTuples(rel, order, options.derivedOnly ?? false)) {
      w.t = 0;
      for (;;) {
        writeLines(w, batch.ids, batch.n, k, prefix, need, vt);
        if (w.t === batch.n) break;
        if (w.pos > 0) yield w.buf.subarray(0, w.pos);
        w.buf = take(Math.max(size, need));
        w.pos = 0;
      }
    }
  }
  if (w.pos > 0) yield w.buf.subarray(0, w.pos);
}
