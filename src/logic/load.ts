/**
 * Loading program text with its facts packed while parsing. A plain ground fact on one
 * line (`edge(1, 2).`, `p("a", b).`) is scanned straight from the text: its constants are
 * interned and appended to its predicate's packed tuples, and no token, term or atom
 * object is made. Anything else (a rule, a comment or a line break inside a fact, an
 * escape in a string, a variable, a syntax error) goes to the full parser from the same
 * position, so errors are the full parser's, word for word and place for place.
 *
 * A 100k-edge file parsed into atoms held ~37 MB of objects before the engine packed
 * them; packed here, its facts take 8 bytes each.
 */
import { MAX_ARITY, arityMismatch, checkArity } from './check.js';
import { LogicError } from './errors.js';
import { Interner } from './intern.js';
import { Lexer, Parser, groundFact } from './parse.js';
import { Tuples } from './rows.js';
import type { Atom, Program, Rule, Term, Value } from './types.js';

/** Facts packed per predicate (in order of first use), their constants interned. */
export class FactTable {
  readonly interner = new Interner();
  readonly byPredicate = new Map<string, { arity: number; tuples: Tuples }>();
  /**
   * The first arity error among the facts. The full parser reports it only after the
   * whole text parsed (checkProgram runs then), so it waits: a syntax error further on
   * still comes first, as it would.
   */
  error: LogicError | undefined;
  /** Predicates whose first fact had too many arguments (so no arity, but mentioned). */
  private readonly tooWide = new Set<string>();

  /** Every predicate that some fact mentions. */
  predicates(): Set<string> {
    return new Set([...this.byPredicate.keys(), ...this.tooWide]);
  }

  /** Arity of each predicate, in order of first use (what checkProgram learns from facts). */
  arities(): Map<string, number> {
    return new Map([...this.byPredicate].map(([p, r]) => [p, r.arity]));
  }

  /** The packed tuples of a fact of `predicate` with `arity` arguments, or undefined after an arity error. */
  target(predicate: string, arity: number, atom: () => Atom): Tuples | undefined {
    const r = this.byPredicate.get(predicate);
    if (r === undefined) {
      if (arity > MAX_ARITY) {
        this.tooWide.add(predicate);
        try {
          checkArity(atom());
        } catch (err) {
          this.error ??= err as LogicError;
        }
        return undefined;
      }
      const tuples = new Tuples();
      this.byPredicate.set(predicate, { arity, tuples });
      return tuples;
    }
    if (r.arity === arity) return r.tuples;
    this.error ??= arityMismatch(atom(), r.arity);
    return undefined;
  }

  /** Adds a fact parsed by the full parser. */
  addAtom(a: Atom): void {
    const ts = this.target(a.predicate, a.args.length, () => a);
    if (ts === undefined) return;
    for (const t of a.args) if (t.kind === 'const') ts.ids.push(this.interner.intern(t.value));
    ts.count++;
  }
}

/** Rules as parsed, and the facts packed (see FactTable). `createReasoner` accepts it. */
export interface LoadedProgram {
  rules: Rule[];
  facts: FactTable;
}

/** Reads program texts one after another into one LoadedProgram. */
export class ProgramLoader {
  readonly program: LoadedProgram = { rules: [], facts: new FactTable() };
  private readonly scan = new FactScanner(this.program.facts);

  /** Parses `text` (errors located in `file`); throws LogicError on a syntax error. */
  add(text: string, file?: string): this {
    const lexer = new Lexer(text, file);
    const parser = new Parser(lexer);
    const { rules, facts } = this.program;
    for (;;) {
      if (parser.atClauseStart()) {
        if (!lexer.skipBlanks()) break;
        const end = this.scan.fact(lexer);
        if (end >= 0) {
          lexer.i = end;
          continue;
        }
      } else if (parser.atEnd()) break;
      const c = parser.clause();
      if (c.fact) facts.addAtom(groundFact(c.fact));
      if (c.rule) rules.push(c.rule);
    }
    return this;
  }
}

/** Loads one program text (see ProgramLoader). */
export function loadProgram(text: string, file?: string): LoadedProgram {
  return new ProgramLoader().add(text, file).program;
}

/** Whether `p` is a LoadedProgram rather than a Program of atoms. */
export const isLoaded = (p: Program | LoadedProgram): p is LoadedProgram =>
  p.facts instanceof FactTable;

const IDENT = 0,
  NUM = 1,
  STR = 2;

const isLower = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;
/** [A-Za-z0-9_], the characters after the first of a name. */
const isNameChar = (c: number) => isLower(c) || isDigit(c) || (c >= 65 && c <= 90) || c === 95;

/** Skips spaces, tabs and carriage returns (a line break or a comment sends the fact to the parser). */
function blanks(text: string, j: number): number {
  for (;;) {
    const c = text.charCodeAt(j);
    if (c !== 32 && c !== 9 && c !== 13) return j;
    j++;
  }
}

/** The fast path: one plain ground fact at the lexer's position, scanned into a FactTable. */
class FactScanner {
  private readonly kinds = new Uint8Array(MAX_ARITY);
  private readonly starts = new Int32Array(MAX_ARITY);
  private readonly ends = new Int32Array(MAX_ARITY);
  private readonly nums = new Float64Array(MAX_ARITY);
  private lastName = '';
  /** Offset after the `)` that `args` read last. */
  private closeAt = 0;

  constructor(private readonly table: FactTable) {}

  /** Scans and packs a fact; its end offset, or -1 (nothing done) when the parser must read it. */
  fact(lexer: Lexer): number {
    const text = lexer.text;
    const start = lexer.i;
    if (!isLower(text.charCodeAt(start))) return -1;
    let j = start + 1;
    while (isNameChar(text.charCodeAt(j))) j++;
    const nameEnd = j;
    j = blanks(text, j);
    if (text.charCodeAt(j) !== 40) return -1; // (
    const arity = this.args(text, j + 1);
    if (arity < 0) return -1;
    j = blanks(text, this.closeAt);
    if (text.charCodeAt(j) !== 46) return -1; // .
    const name = this.name(text, start, nameEnd);
    // The usual case first, without making the closure that builds the atom for an error.
    const known = this.table.byPredicate.get(name);
    const ts =
      known !== undefined && known.arity === arity
        ? known.tuples
        : this.table.target(name, arity, () => this.atom(lexer, name, arity, start));
    if (ts !== undefined) {
      const interner = this.table.interner;
      for (let k = 0; k < arity; k++) ts.ids.push(interner.intern(this.value(text, k)));
      ts.count++;
    }
    return j + 1;
  }

  /** Scans `c, c, ...)` from `j` into the scratch arrays; the number of arguments, or -1. */
  private args(text: string, j: number): number {
    for (let k = 0; k < MAX_ARITY;) {
      j = blanks(text, j);
      const c = text.charCodeAt(j);
      if (isLower(c)) {
        this.starts[k] = j++;
        while (isNameChar(text.charCodeAt(j))) j++;
        this.kinds[k] = IDENT;
        this.ends[k] = j;
      } else if (isDigit(c) || (c === 45 && isDigit(text.charCodeAt(j + 1)))) {
        j = this.number(text, j, k);
        if (j < 0) return -1;
      } else if (c === 34) {
        this.starts[k] = ++j;
        for (let d = text.charCodeAt(j); d !== 34; d = text.charCodeAt(++j))
          if (d === 92 || d === 10 || Number.isNaN(d)) return -1; // escape, line break, end
        this.kinds[k] = STR;
        this.ends[k] = j++;
      } else return -1;
      k++;
      j = blanks(text, j);
      const d = text.charCodeAt(j++);
      if (d === 41) {
        this.closeAt = j;
        return k;
      }
      if (d !== 44) return -1;
    }
    return -1;
  }

  /** An integer of at most 15 digits (so exact and safe) into nums[k]; its end, or -1. */
  private number(text: string, j: number, k: number): number {
    const neg = text.charCodeAt(j) === 45;
    if (neg) j++;
    const from = j;
    let n = 0;
    for (let c = text.charCodeAt(j); isDigit(c); c = text.charCodeAt(++j)) n = n * 10 + (c - 48);
    if (j - from > 15) return -1;
    this.nums[k] = neg ? -n : n;
    this.kinds[k] = NUM;
    return j;
  }

  /** The predicate name, without a new string when it is the previous fact's. */
  private name(text: string, start: number, end: number): string {
    const last = this.lastName;
    if (last.length === end - start && text.startsWith(last, start)) return last;
    return (this.lastName = text.slice(start, end));
  }

  private value(text: string, k: number): Value {
    return this.kinds[k] === NUM ? this.nums[k]! : text.slice(this.starts[k], this.ends[k]);
  }

  /** The fact as the parser would have made it (for an error message). */
  private atom(lexer: Lexer, name: string, arity: number, start: number): Atom {
    const args: Term[] = [];
    for (let k = 0; k < arity; k++) args.push({ kind: 'const', value: this.value(lexer.text, k) });
    return { predicate: name, args, loc: lexer.loc(start) };
  }
}
