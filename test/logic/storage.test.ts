import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Index } from '../../src/logic/hash-index.js';
import { PairSet } from '../../src/logic/pairs.js';
import { RowSet } from '../../src/logic/row-set.js';
import { IN_PLACE_BYTES, grown } from '../../src/logic/growable.js';
import { RankColumn } from '../../src/logic/rank.js';
import { rng } from './random-program.js';

test('PairSet agrees with a Map under random adds and removes (growth, tombstones, clear)', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.constantFrom('add', 'remove', 'clear'),
          fc.integer({ min: 0, max: 9 }),
          fc.integer({ min: 0, max: 200 }),
        ),
        { maxLength: 600 },
      ),
      (ops) => {
        // The set reads second values from the relation's data: row r holds (data[2r], data[2r+1]).
        const data = new Int32Array(2 * 600);
        const set = new PairSet(data);
        const ref = new Map<string, number>();
        let row = 0;
        for (const [op, a, b] of ops) {
          const k = `${a},${b}`;
          if (op === 'add' && !ref.has(k)) {
            data[2 * row] = a;
            data[2 * row + 1] = b;
            assert.equal(set.findOrAdd(a, b, row), -1);
            ref.set(k, row++);
          } else if (op === 'add') {
            assert.equal(set.findOrAdd(a, b, row), ref.get(k));
          } else if (op === 'remove' && ref.has(k)) {
            set.remove(a, ref.get(k)!);
            ref.delete(k);
          } else if (op === 'clear' && row % 7 === 0) {
            set.clear();
            ref.clear();
          }
        }
        for (let a = 0; a <= 10; a++)
          for (let b = 0; b <= 200; b++) assert.equal(set.find(a, b), ref.get(`${a},${b}`) ?? -1);
      },
    ),
    { numRuns: 200, seed: 17 },
  );
});

// Second values grow over time (at most `grow` above the operation's index), so bitmaps and
// direct tables built early do not cover later values; a small `range` makes groups dense
// (direct tables), a large one keeps them hashed (bitmaps), and a direct table whose values
// then spread out goes back to hashing.
// With a row source (the relation's count and states), dense groups keep only a bitset of
// their values until a question needs a row (find, findOrAdd of a present pair, rowsOf):
// then every bitset becomes a direct table, rebuilt from the live rows.
for (const [range, grow, rowSource] of [
  [3000, 100, false],
  [300, 50, false],
  [300, 3, false],
  [5000, 1, false],
  [3000, 100, true],
  [300, 3, true],
  [5000, 1, true],
] as const) {
  test(`PairSet with large tables agrees with a Map (values up to ${range}, growing from ${grow}${rowSource ? ', bitsets' : ''})`, () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom('add', 'addIfAbsent', 'add', 'addIfAbsent', 'remove'),
            fc.integer({ min: 0, max: 2 }),
            fc.integer({ min: 0, max: range }),
          ),
          { minLength: 2500, maxLength: 4000 },
        ),
        (ops) => {
          const data = new Int32Array(2 * 4000);
          const rows = { count: 0, state: new Uint8Array(4000) };
          const set = rowSource ? new PairSet(data, rows) : new PairSet(data);
          const ref = new Map<string, number>();
          ops.forEach(([op0, a, b0], i) => {
            const b = grow === 1 && i > 2000 ? b0 : Math.min(b0, grow + i);
            const k = `${a},${b}`;
            // Bitsets last until a row is asked for: mostly addIfAbsent before op 3000.
            const op = rowSource && i < 3000 && op0 === 'add' ? 'addIfAbsent' : op0;
            if (op === 'remove') {
              if (ref.has(k)) {
                set.remove(a, ref.get(k)!);
                rows.state[ref.get(k)!] = 0;
              }
              ref.delete(k);
              return;
            }
            const row = rows.count;
            data[2 * row] = a;
            data[2 * row + 1] = b;
            if (op === 'add') assert.equal(set.findOrAdd(a, b, row), ref.get(k) ?? -1);
            else assert.equal(set.addIfAbsent(a, b, row), !ref.has(k));
            if (!ref.has(k)) {
              ref.set(k, row);
              rows.state[row] = 1;
              rows.count++;
            }
          });
          for (let a = 0; a <= 3; a++)
            for (let b = 0; b <= range + 100; b += 1)
              assert.equal(set.has(a, b), ref.has(`${a},${b}`));
          for (let a = 0; a <= 3; a++)
            for (let b = 0; b <= range + 100; b += 1) {
              assert.equal(set.find(a, b), ref.get(`${a},${b}`) ?? -1);
              assert.equal(set.has(a, b), ref.has(`${a},${b}`));
            }
          for (let a = 0; a <= 2; a++) {
            const rows = new Int32Array(set.sizeOf(a));
            const n = set.rowsOf(a, rows, 0);
            const expected = [...ref].filter(([k]) => k.startsWith(`${a},`)).map(([, r]) => r);
            assert.deepEqual(
              [...rows.subarray(0, n)].sort((x, y) => x - y),
              expected.sort((x, y) => x - y),
            );
          }
        },
      ),
      { numRuns: 25, seed: 3 },
    );
  });
}

test('RowSet agrees with a Map for tuples of arity 0, 1 and 3', () => {
  for (const arity of [0, 1, 3]) {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.boolean(),
            fc.array(fc.integer({ min: 0, max: 5 }), { minLength: arity, maxLength: arity }),
          ),
          { maxLength: 400 },
        ),
        (ops) => {
          const data = new Int32Array(Math.max(arity, 1) * 400);
          const set = new RowSet(data, arity);
          const ref = new Map<string, number>();
          let row = 0;
          for (const [add, t] of ops) {
            const k = t.join(',');
            if (add && !ref.has(k)) {
              data.set(t, row * arity);
              assert.equal(set.findOrAdd(t, 0, row), -1);
              ref.set(k, row++);
            } else if (!add && ref.has(k)) {
              set.remove(ref.get(k)!);
              ref.delete(k);
            }
          }
          for (const [k, r] of ref)
            assert.equal(set.find(k === '' ? [] : k.split(',').map(Number), 0), r);
          assert.equal(
            set.find(
              Array.from({ length: arity }, () => 9),
              0,
            ),
            arity === 0 ? (ref.get('') ?? -1) : -1,
          );
        },
      ),
      { numRuns: 100, seed: 5 },
    );
  }
});

test('grown keeps the contents, in place past IN_PLACE_BYTES (Int32Array and Uint8Array)', () => {
  let a = new Int32Array(1000);
  for (let i = 0; i < a.length; i++) a[i] = i * 3;
  let u = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
  for (const length of [5000, IN_PLACE_BYTES / 4 + 10, IN_PLACE_BYTES / 2, IN_PLACE_BYTES]) {
    a = grown(a, length);
    u = grown(u, length);
    assert.equal(a.length, length);
    assert.equal(u.length, length);
    for (let i = 0; i < 1000; i++) assert.equal(a[i], i * 3);
    for (let i = 0; i < 1000; i++) assert.equal(u[i], i % 251);
    assert.equal(a[length - 1], 0);
    a[length - 1] = 7;
    a[length - 1] = 0;
  }
});

test('RankColumn stores runs until a rank changes, then a plain column; compaction keeps ranks', () => {
  const r = rng(4);
  const col = new RankColumn();
  const ref: number[] = [];
  let round = 0;
  for (let i = 0; i < 3000; i++) {
    if (r() < 0.05) round++;
    col.push(round);
    ref.push(round);
    if (r() < 0.002) {
      const row = Math.floor(r() * ref.length);
      ref[row] = round + 100;
      col.set(row, round + 100);
    }
  }
  ref.forEach((x, i) => assert.equal(col.get(i), x));
  const keep = Int32Array.from(ref.map((_, i) => i).filter((i) => i % 3 !== 0));
  col.compact(keep, keep.length);
  keep.forEach((old, i) => assert.equal(col.get(i), ref[old]));
});

// A one-position index groups rows by value in a direct table while values stay small next
// to the row count; a value far beyond that moves it to hashing. Both agree with a Map.
test('Index on one or two positions agrees with a Map (direct heads, then hashed)', () => {
  for (const [positions, jumpAt] of [
    [[0], 1500],
    [[1], -1],
    [[0, 1], 700],
  ] as const) {
    const r = rng(9);
    const rows = { data: new Int32Array(2 * 4000), arity: 2, count: 0, capacity: 4000 };
    const rel = { ...rows, state: new Uint8Array(4000) };
    const add = (a: number, b: number) => {
      rel.data[2 * rel.count] = a;
      rel.data[2 * rel.count + 1] = b;
      rel.state[rel.count] = 1;
      return rel.count++;
    };
    for (let i = 0; i < 300; i++) add(Math.floor(r() * 50), Math.floor(r() * 50));
    const index = new Index(rel, positions);
    for (let i = 300; i < 3000; i++) {
      const big = jumpAt >= 0 && i >= jumpAt && r() < 0.1 ? 1_000_000 + i : 0;
      index.add(add(big + Math.floor(r() * 60), Math.floor(r() * 60)));
    }
    const key = (row: number) => positions.map((p) => rel.data[2 * row + p]!);
    const groups = new Map<string, number[]>();
    for (let row = 0; row < rel.count; row++) {
      const k = key(row).join(',');
      groups.set(k, [...(groups.get(k) ?? []), row]);
    }
    groups.set(positions.map(() => 999_999).join(','), []);
    for (const [k, expected] of groups) {
      const got: number[] = [];
      for (
        let e = index.first(Int32Array.from(k.split(',').map(Number)));
        e !== 0;
        e = index.next[e - 1]!
      )
        got.push(e - 1);
      assert.deepEqual(
        got.sort((x, y) => x - y),
        expected,
        `positions ${positions}, key ${k}`,
      );
    }
  }
});
