/**
 * Checks of a mission's vocabulary that the PDDL parser cannot make, because a mission file
 * declares no predicates: they are inferred from where they appear. The rules:
 *
 * - a predicate a precondition or the goal reads must be *provided*: by an initial fact
 *   (mission facts or knowledge facts), by a rule (its head, or a premise: a rule may read
 *   what only the world reports, such as `declined`), or by some tool's effect; otherwise
 *   it could never hold, and it is almost always a misspelling;
 * - a predicate an effect writes that nothing reads (no precondition, goal, fact or rule)
 *   is allowed (a record of what was done), unless its name is one edit or two away from a
 *   predicate that is read: then it is taken for a misspelling;
 * - when the mission declares objects, every object a fact names (in mission.yaml or in the
 *   knowledge file) must be declared;
 * - every capability an agent lists must be needed by some tool (the tool's capability or
 *   its name), otherwise that agent can do nothing with it.
 */
import type { MissionKnowledge } from './rules.js';
import { MissionError } from '../errors.js';
import type { FieldPath, Locate } from './mission-file.js';
import { fieldName } from './mission-file.js';
import { closest } from '../../spelling.js';

const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'imply',
  'exists',
  'forall',
  'when',
  'either',
  'increase',
]);

/** The atoms `(name ...)` of a PDDL text: predicate, the atom's text and which occurrence of that text it is. */
export function atomsOf(
  text: string,
): { predicate: string; arity: number; text: string; nth: number }[] {
  const out: { predicate: string; arity: number; text: string; nth: number }[] = [];
  const seen = new Map<string, number>();
  for (const m of text.matchAll(/\(\s*([a-zA-Z][\w-]*)((?:\s+[?a-zA-Z0-9_][\w-]*)*)\s*\)/g)) {
    const predicate = m[1]!.toLowerCase();
    if (KEYWORDS.has(predicate) || m[2]!.split(/\s+/).includes('-')) continue;
    const nth = seen.get(m[0]) ?? 0;
    seen.set(m[0], nth + 1);
    out.push({
      predicate,
      arity: m[2]!.trim() === '' ? 0 : m[2]!.trim().split(/\s+/).length,
      text: m[0],
      nth,
    });
  }
  return out;
}

export interface VocabularyInput {
  file: string;
  locate: Locate;
  /** Tools by their key in the file. */
  tools: { key: string; precondition?: string; effect: string }[];
  goal: string;
  /** Facts of the mission file, as written, with their index. */
  facts: { text: string; predicate: string; args: string[] }[];
  /** The knowledge file: its facts and rules provide predicates too. */
  knowledge?: MissionKnowledge;
  /** Its path, for mistakes in its facts. */
  knowledgeFile?: string;
  /** Declared object names; when there are some, facts may name only these. */
  objects?: ReadonlySet<string>;
  /** Some tool's model is learned: it may make any predicate true, so none is unknown for that. */
  learned?: boolean;
}

function fail(
  input: VocabularyInput,
  code: string,
  path: FieldPath,
  message: string,
  hint: string,
  needle?: { text: string; nth: number },
): never {
  const at = input.locate(path, needle?.text, needle?.nth);
  throw new MissionError(input.file, fieldName(path), message, {
    code,
    hint,
    ...(at === undefined ? {} : { line: at.line, col: at.col }),
  });
}

/** Checks predicates and facts' objects (see the rules above); throws MissionError at the first mistake. */
export function checkVocabulary(input: VocabularyInput): void {
  const k = input.knowledge?.program;
  const lower = (s: string): string => s.toLowerCase();
  const ruleBodies = (k?.rules ?? []).flatMap((r) =>
    r.body.flatMap((l) => (l.kind === 'atom' ? [lower(l.atom.predicate)] : [])),
  );
  const effects = new Set(input.tools.flatMap((t) => atomsOf(t.effect).map((a) => a.predicate)));
  const provided = new Set([
    ...input.facts.map((f) => f.predicate),
    ...(k?.facts ?? []).map((f) => lower(f.predicate)),
    ...(k?.rules ?? []).map((r) => lower(r.head.predicate)),
    ...ruleBodies,
    ...effects,
  ]);
  if (input.learned !== true) checkReadPredicates(input, provided);
  checkArities(input);
  checkWrittenPredicates(input, provided, effects, ruleBodies);
  if (input.objects === undefined || input.objects.size === 0) return;
  checkObjects(input, input.objects);
}

/** Every predicate a precondition or the goal reads is provided by a fact, a rule or an effect. */
function checkReadPredicates(input: VocabularyInput, provided: ReadonlySet<string>): void {
  const unknown = (predicate: string): string =>
    `predicate '${predicate}' appears in no fact, rule or tool effect, so it can never hold`;
  const hintFor = (predicate: string): string => {
    const near = closest(predicate, provided);
    if (near === undefined)
      return "a predicate comes from an initial fact, a rule of the knowledge file, or a tool's effect";
    const writer = input.tools.find((t) => atomsOf(t.effect).some((a) => a.predicate === near));
    return writer === undefined
      ? `did you mean '${near}'?`
      : `did you mean '${near}'? (or is '${near}' misspelt in tools.${writer.key}.effect?)`;
  };
  for (const t of input.tools) {
    for (const a of atomsOf(t.precondition ?? '')) {
      if (!provided.has(a.predicate))
        fail(
          input,
          'MISSION_UNKNOWN_PREDICATE',
          ['tools', t.key, 'precondition'],
          unknown(a.predicate),
          hintFor(a.predicate),
          a,
        );
    }
  }
  for (const a of atomsOf(input.goal)) {
    if (!provided.has(a.predicate))
      fail(
        input,
        'MISSION_UNKNOWN_PREDICATE',
        ['goal'],
        unknown(a.predicate),
        hintFor(a.predicate),
        a,
      );
  }
}

/** A predicate an effect writes and nothing reads must not be a near miss of one that is read. */
function checkWrittenPredicates(
  input: VocabularyInput,
  provided: ReadonlySet<string>,
  effects: ReadonlySet<string>,
  ruleBodies: readonly string[],
): void {
  const read = new Set([
    ...input.tools.flatMap((t) => atomsOf(t.precondition ?? '').map((a) => a.predicate)),
    ...atomsOf(input.goal).map((a) => a.predicate),
    ...ruleBodies,
  ]);
  const known = new Set([...read, ...provided].filter((p) => !effects.has(p) || read.has(p)));
  for (const t of input.tools) {
    for (const a of atomsOf(t.effect)) {
      if (read.has(a.predicate) || input.facts.some((f) => f.predicate === a.predicate)) continue;
      const near = closest(a.predicate, known);
      if (near !== undefined)
        fail(
          input,
          'MISSION_UNREAD_PREDICATE',
          ['tools', t.key, 'effect'],
          `predicate '${a.predicate}' is read by no precondition, goal or rule`,
          `did you mean '${near}'?`,
          a,
        );
    }
  }
}

/** When the mission declares objects, every object a fact names (knowledge file, then facts) is declared. */
function checkObjects(input: VocabularyInput, objects: ReadonlySet<string>): void {
  for (const f of input.knowledge?.program.facts ?? []) {
    for (const a of f.args) {
      const o = a.kind === 'const' ? String(a.value).toLowerCase() : undefined;
      if (o === undefined || objects.has(o)) continue;
      const near = closest(o, objects);
      throw new MissionError(
        input.knowledgeFile ?? input.file,
        undefined,
        `undeclared object '${o}' in the fact ${f.predicate}(...)`,
        {
          code: 'MISSION_UNDECLARED_OBJECT',
          hint: `${near === undefined ? '' : `did you mean '${near}'? `}the mission declares objects, so every object a fact names is declared under objects in mission.yaml`,
          ...(f.loc === undefined ? {} : { line: f.loc.line, col: f.loc.col }),
        },
      );
    }
  }
  input.facts.forEach((f, i) => {
    for (const o of f.args) {
      if (!objects.has(o)) {
        const near = closest(o, objects);
        fail(
          input,
          'MISSION_UNDECLARED_OBJECT',
          ['facts', i],
          `undeclared object '${o}'`,
          near === undefined
            ? 'declare it under objects'
            : `did you mean '${near}'? (or declare it under objects)`,
          { text: o, nth: 0 },
        );
      }
    }
  });
}

/**
 * A predicate takes the same number of arguments everywhere. The knowledge file counts
 * first (its facts and rules are where predicates are defined), then the mission's facts,
 * effects, preconditions and goal; the first use that disagrees is reported.
 */
function checkArities(input: VocabularyInput): void {
  const arity = new Map<string, { n: number; where: string }>();
  const k = input.knowledge?.program;
  const atoms = [
    ...(k?.facts ?? []),
    ...(k?.rules ?? []).flatMap((r) => [
      r.head,
      ...r.body.flatMap((l) => (l.kind === 'atom' ? [l.atom] : [])),
    ]),
  ];
  for (const a of atoms) {
    const p = a.predicate.toLowerCase();
    if (!arity.has(p)) arity.set(p, { n: a.args.length, where: 'the knowledge file' });
  }
  const uses: { path: FieldPath; text: string }[] = [
    ...input.facts.map((f, i) => ({ path: ['facts', i], text: f.text })),
    ...input.tools.map((t) => ({ path: ['tools', t.key, 'effect'], text: t.effect })),
    ...input.tools.map((t) => ({
      path: ['tools', t.key, 'precondition'],
      text: t.precondition ?? '',
    })),
    { path: ['goal'], text: input.goal },
  ];
  for (const u of uses) {
    for (const a of atomsOf(u.text)) {
      const known = arity.get(a.predicate);
      if (known === undefined) {
        arity.set(a.predicate, { n: a.arity, where: fieldName(u.path)! });
        continue;
      }
      if (known.n === a.arity) continue;
      const args = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
      fail(
        input,
        'MISSION_ARITY',
        u.path,
        `predicate '${a.predicate}' takes ${args(known.n)} (as in ${known.where}), found ${a.arity}`,
        `write it with ${args(known.n)} everywhere`,
        a,
      );
    }
  }
}

/** The first unbalanced parenthesis of a text: what is wrong, a hint, and its offset. */
export function unbalanced(
  text: string,
): { message: string; hint: string; offset: number } | undefined {
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') open.push(i);
    else if (text[i] === ')' && open.pop() === undefined)
      return {
        message: `unbalanced parentheses: this ')' closes nothing`,
        hint: "remove it, or add the missing '('",
        offset: i,
      };
  }
  if (open.length === 0) return undefined;
  return {
    message: `unbalanced parentheses: this '(' is never closed`,
    hint: `add the missing ')' (${open.length} missing)`,
    offset: open[open.length - 1]!,
  };
}

/** Checks that each text's parentheses balance; throws MissionError at the first one that does not. */
export function checkParentheses(
  file: string,
  locate: Locate,
  texts: { path: FieldPath; text: string }[],
): void {
  for (const { path, text } of texts) {
    const u = unbalanced(text);
    if (u !== undefined)
      throw new MissionError(file, fieldName(path), u.message, {
        code: 'MISSION_UNBALANCED_PARENS',
        hint: u.hint,
        ...locate(path, u.offset),
      });
  }
}

/** Every capability an agent lists must be needed by some tool; throws MissionError otherwise. */
export function checkCapabilities(
  file: string,
  locate: Locate,
  agents: { capabilities?: string[] }[],
  tools: { name: string; capability?: string }[],
): void {
  const needed = new Set(
    tools.flatMap((t) => [t.name.toLowerCase(), (t.capability ?? t.name).toLowerCase()]),
  );
  agents.forEach((a, i) => {
    (a.capabilities ?? []).forEach((c, j) => {
      if (needed.has(c.toLowerCase())) return;
      const path = ['agents', i, 'capabilities', j];
      const at = locate(path);
      const near = closest(c.toLowerCase(), needed);
      throw new MissionError(
        file,
        fieldName(path),
        `no tool needs the capability '${c}', so the agent cannot use it`,
        {
          code: 'MISSION_UNUSED_CAPABILITY',
          hint:
            near === undefined
              ? `the tools need: ${[...new Set(tools.map((t) => (t.capability ?? t.name).toLowerCase()))].join(', ')}`
              : `did you mean '${near}'?`,
          ...(at === undefined ? {} : { line: at.line, col: at.col }),
        },
      );
    });
  });
}
