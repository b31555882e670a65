/**
 * The text syntax, Prolog/Soufflé style:
 *   edge(a, b).  path(X, Y) :- edge(X, Y).  ok(P) :- person(P), not banned(P), P != "root".
 * Variables start with an upper-case letter or `_` (a lone `_` is a fresh wildcard);
 * constants are lower-case identifiers, "quoted strings" (JSON escapes: \n \t \r \b
 * \f \" \\ \/ \uXXXX) or integers. `%` and `//` start comments. Negation: `not p(..)`, `!p(..)` or `\+ p(..)`.
 */
import type { SourceLocation } from '../errors.js';
import { LogicError } from './errors.js';
import type { Atom, CompareOp, Literal, Program, Rule, Term } from './types.js';

type TokKind = 'ident' | 'var' | 'int' | 'string' | 'punct' | 'eof';
interface Token {
  kind: TokKind;
  text: string;
  value?: string | number;
  loc: SourceLocation;
}

/** String escapes, as JSON writes them (`formatValue` prints with JSON.stringify); any other `\c` is `c`. */
const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '"': '"',
  '\\': '\\',
  '/': '/',
};

const PUNCT = [
  ':-',
  '!=',
  '<=',
  '>=',
  '\\+',
  '(',
  ')',
  ',',
  '.',
  '=',
  '<',
  '>',
  '!',
  ':',
  '{',
  '}',
];

/**
 * Tokens one at a time (the parser looks at most four ahead): a 100k-fact file never
 * exists as a million token objects at once.
 */
export class Lexer {
  /** Line number and start offset of the current line, and the offset of the next token. */
  line = 1;
  lineStart = 0;
  i = 0;
  constructor(
    readonly text: string,
    readonly file?: string,
  ) {}

  /** Skips blanks and comments; whether any text is left. */
  skipBlanks(): boolean {
    this.skip();
    return this.i < this.text.length;
  }

  loc(at: number): SourceLocation {
    const col = at - this.lineStart + 1;
    return this.file === undefined
      ? { line: this.line, col }
      : { file: this.file, line: this.line, col };
  }

  /** Skips blanks and comments. */
  private skip(): void {
    const text = this.text;
    while (this.i < text.length) {
      const c = text[this.i]!;
      if (c === '\n') {
        this.line++;
        this.i++;
        this.lineStart = this.i;
      } else if (c === ' ' || c === '\t' || c === '\r') {
        this.i++;
      } else if (c === '%' || (c === '/' && text[this.i + 1] === '/')) {
        while (this.i < text.length && text[this.i] !== '\n') this.i++;
      } else if (c === '/' && text[this.i + 1] === '*') {
        const start = this.loc(this.i);
        this.i += 2;
        while (this.i < text.length && !(text[this.i] === '*' && text[this.i + 1] === '/')) {
          if (text[this.i] === '\n') {
            this.line++;
            this.lineStart = this.i + 1;
          }
          this.i++;
        }
        if (this.i >= text.length)
          throw new LogicError('unterminated comment', start, 'close it with */');
        this.i += 2;
      } else return;
    }
  }

  next(): Token {
    this.skip();
    const text = this.text,
      i = this.i;
    if (i >= text.length) return { kind: 'eof', text: 'end of input', loc: this.loc(i) };
    const c = text[i]!;
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[A-Za-z0-9_]/.test(text[j]!)) j++;
      this.i = j;
      return { kind: /[a-z]/.test(c) ? 'ident' : 'var', text: text.slice(i, j), loc: this.loc(i) };
    }
    if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(text[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < text.length && /[0-9]/.test(text[j]!)) j++;
      const s = text.slice(i, j);
      const n = Number(s);
      if (!Number.isSafeInteger(n))
        throw new LogicError(
          `integer ${s} is too large`,
          this.loc(i),
          'integers must be safe integers (|n| < 2^53)',
          'LOGIC_BAD_INTEGER',
        );
      this.i = j;
      return { kind: 'int', text: s, value: n, loc: this.loc(i) };
    }
    if (c === '"') return this.string();
    const p = PUNCT.find((q) => text.startsWith(q, i));
    if (p === undefined)
      throw new LogicError(
        `unexpected character '${c}'`,
        this.loc(i),
        'expected an atom, a variable, a constant or one of ( ) , . :- not = != < <= > >=',
      );
    this.i += p.length;
    return { kind: 'punct', text: p, loc: this.loc(i) };
  }

  private string(): Token {
    const text = this.text,
      i = this.i;
    const start = this.loc(i);
    let j = i + 1;
    let s = '';
    while (j < text.length && text[j] !== '"') {
      if (text[j] === '\n') break;
      if (text[j] === '\\' && j + 1 < text.length) {
        const e = text[j + 1]!;
        if (e === 'u') {
          const hex = text.slice(j + 2, j + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex))
            throw new LogicError(
              'bad \\u escape in a string',
              this.loc(j),
              'write \\u followed by four hexadecimal digits, e.g. \\u00e9',
            );
          s += String.fromCharCode(parseInt(hex, 16));
          j += 6;
        } else {
          s += ESCAPES[e] ?? e;
          j += 2;
        }
      } else {
        s += text[j];
        j++;
      }
    }
    if (text[j] !== '"')
      throw new LogicError(
        'unterminated string',
        start,
        'close the string with " on the same line',
      );
    this.i = j + 1;
    return { kind: 'string', text: text.slice(i, j + 1), value: s, loc: start };
  }
}

const COMPARE = new Set(['=', '!=', '<', '<=', '>', '>=']);

export class Parser {
  private wild = 0;
  /** Tokens read ahead (the last one may be eof, which then repeats). */
  private readonly ahead: Token[] = [];
  constructor(private readonly lexer: Lexer) {}

  peek(k = 0): Token {
    while (this.ahead.length <= k) {
      const last = this.ahead[this.ahead.length - 1];
      this.ahead.push(last?.kind === 'eof' ? last : this.lexer.next());
    }
    return this.ahead[k]!;
  }
  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.ahead.shift();
    return t;
  }
  fail(t: Token, what: string, hint?: string): never {
    const found = t.kind === 'eof' ? 'end of input' : `'${t.text}'`;
    throw new LogicError(`expected ${what}, found ${found}`, t.loc, hint);
  }
  expect(p: string, what = `'${p}'`, hint?: string): Token {
    const t = this.peek();
    if (t.kind !== 'punct' || t.text !== p) this.fail(t, what, hint);
    return this.next();
  }
  isPunct(p: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'punct' && t.text === p;
  }
  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }
  /** Whether no token has been read ahead (the lexer is at the next clause). */
  atClauseStart(): boolean {
    return this.ahead.length === 0;
  }

  term(): Term {
    const t = this.next();
    switch (t.kind) {
      case 'var':
        return { kind: 'var', name: t.text === '_' ? `_#${++this.wild}` : t.text, loc: t.loc };
      case 'ident':
        return { kind: 'const', value: t.text };
      case 'int':
      case 'string':
        return { kind: 'const', value: t.value! };
      default:
        return this.fail(t, 'a term (variable, constant or integer)');
    }
  }

  atom(): Atom {
    const t = this.peek();
    if (t.kind !== 'ident')
      this.fail(t, 'a predicate name', 'predicate names start with a lower-case letter');
    this.next();
    const args: Term[] = [];
    if (this.isPunct('(')) {
      this.next();
      if (!this.isPunct(')')) {
        args.push(this.term());
        while (this.isPunct(',')) {
          this.next();
          args.push(this.term());
        }
      }
      this.expect(')', "',' or ')'");
    }
    return { predicate: t.text, args, loc: t.loc };
  }

  literal(): Literal {
    const t = this.peek();
    if (
      (t.kind === 'ident' && t.text === 'not' && this.peek(1).kind === 'ident') ||
      this.isPunct('!') ||
      this.isPunct('\\+')
    ) {
      this.next();
      return { kind: 'atom', atom: this.atom(), negated: true, loc: t.loc };
    }
    // A comparison starts with a term followed by an operator; an atom with an identifier.
    const op = this.peek(1);
    const agg = this.peek(2);
    if (
      op.kind === 'punct' &&
      op.text === '=' &&
      agg.kind === 'ident' &&
      agg.text === 'count' &&
      this.peek(3).text === ':'
    ) {
      const result = this.term();
      this.next();
      this.next();
      this.next();
      this.expect('{', "'{'", 'write an aggregate as N = count : { p(X), q(X, Y) }');
      const body = [this.atom()];
      while (this.isPunct(',')) {
        this.next();
        body.push(this.atom());
      }
      this.expect('}', "',' or '}'");
      return { kind: 'count', result, body, loc: t.loc };
    }
    if (t.kind !== 'ident' || (op.kind === 'punct' && COMPARE.has(op.text))) {
      const left = this.term();
      const o = this.next();
      if (o.kind !== 'punct' || !COMPARE.has(o.text))
        this.fail(o, 'a comparison operator (= != < <= > >=)');
      const right = this.term();
      return { kind: 'compare', op: o.text as CompareOp, left, right, loc: t.loc };
    }
    return { kind: 'atom', atom: this.atom(), negated: false, loc: t.loc };
  }

  clause(): { fact?: Atom; rule?: Rule } {
    const head = this.atom();
    if (this.isPunct('.')) {
      this.next();
      return { fact: head };
    }
    if (!this.isPunct(':-'))
      this.fail(this.peek(), "'.' or ':-'", 'end a fact with "." or give a rule body after ":-"');
    this.next();
    const body = [this.literal()];
    while (this.isPunct(',')) {
      this.next();
      body.push(this.literal());
    }
    this.expect('.', "',' or '.'", 'end the rule with "."');
    return { rule: head.loc === undefined ? { head, body } : { head, body, loc: head.loc } };
  }
}

/** Splits clauses into facts and rules. Use `checkProgram` (or `createEngine`) for meaning. */
export function parseProgram(text: string, file?: string): Program {
  const p = new Parser(new Lexer(text, file));
  const program: Program = { facts: [], rules: [] };
  while (!p.atEnd()) {
    const c = p.clause();
    if (c.fact) program.facts.push(groundFact(c.fact));
    if (c.rule) program.rules.push(c.rule);
  }
  return program;
}

/** A parsed fact, checked to be ground. */
export function groundFact(fact: Atom): Atom {
  const v = fact.args.find((a) => a.kind === 'var');
  if (v !== undefined) {
    throw new LogicError(
      `fact '${fact.predicate}' has a variable ${v.kind === 'var' ? v.name : ''}`,
      fact.loc,
      'facts must be ground: use a rule with a body, or a constant (lower-case, quoted or integer)',
      'LOGIC_NOT_GROUND',
    );
  }
  return fact;
}

/** Parses one atom such as `path(X, b)` (a query or a fact); errors point into the text. */
export function parseAtom(text: string, file?: string): Atom {
  const p = new Parser(new Lexer(text, file));
  const a = p.atom();
  if (p.isPunct('.')) p.next();
  if (!p.atEnd()) p.fail(p.peek(), 'the end of the atom');
  return a;
}

/** Parses a comma-separated conjunction of literals (a query body). */
export function parseBody(text: string, file?: string): Literal[] {
  const p = new Parser(new Lexer(text, file));
  const body = [p.literal()];
  while (p.isPunct(',')) {
    p.next();
    body.push(p.literal());
  }
  if (p.isPunct('.')) p.next();
  if (!p.atEnd()) p.fail(p.peek(), "',' or the end of the query");
  return body;
}
