import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UserError, formatUserError } from '../src/errors.js';
import { PddlError } from '../src/pddl/index.js';
import { LogicError } from '../src/logic/errors.js';
import { GoalError, MissionError } from '../src/team/errors.js';
import { ModelConfigError } from '../src/models/errors.js';

// Every user error carries a stable code (docs/errors.md). The sources write codes as
// quoted UPPER_SNAKE literals; the same shape is also used by names that are not ours
// (Node and SQLite error codes, environment variables, MISSION_DIR: the variable a
// mission's MCP servers name for its folder), listed here with their reason.
const NOT_OUR_CODES =
  /^(E[A-Z0-9_]*|ERR_[A-Z0-9_]+|SQLITE_[A-Z0-9_]+|ATELIER_[A-Z0-9_]+|OPENAI_[A-Z0-9_]+|MISSION_DIR)$/;

const root = join(import.meta.dirname, '..');

function sourceCodes(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const src = join(root, 'src');
  for (const file of readdirSync(src, { recursive: true }) as string[]) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const text = readFileSync(join(src, file), 'utf8');
    for (const m of text.matchAll(/['"]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)['"]/g)) {
      if (NOT_OUR_CODES.test(m[1]!)) continue;
      found.set(m[1]!, [...(found.get(m[1]!) ?? []), `src/${file}`]);
    }
  }
  return found;
}

function documentedCodes(): Map<string, string> {
  const text = readFileSync(join(root, 'docs', 'errors.md'), 'utf8');
  const rows = new Map<string, string>();
  for (const m of text.matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|\s*(\d+)\s*\|(.+)\|\s*$/gm)) {
    assert.ok(!rows.has(m[1]!), `${m[1]} is documented twice`);
    rows.set(m[1]!, m[3]!);
  }
  return rows;
}

test('every error code used in src/ is documented in docs/errors.md', () => {
  const documented = documentedCodes();
  const missing = [...sourceCodes()]
    .filter(([code]) => !documented.has(code))
    .map(([code, files]) => `${code} (${[...new Set(files)].join(', ')})`);
  assert.deepEqual(missing, [], 'add a row to the table in docs/errors.md for each');
});

test('every documented error code is used in src/ (no stale rows)', () => {
  const used = sourceCodes();
  const stale = [...documentedCodes().keys()].filter((code) => !used.has(code));
  assert.deepEqual(stale, []);
});

test('each user error class has its own default code', () => {
  const loc = { line: 1, col: 1 };
  assert.equal(new UserError('x').code, 'USER_ERROR');
  assert.equal(new PddlError('x', loc).code, 'PDDL_SYNTAX');
  assert.equal(new PddlError('x', loc, 'h', 'PDDL_ARITY').code, 'PDDL_ARITY');
  assert.equal(new LogicError('x').code, 'LOGIC_SYNTAX');
  assert.equal(new MissionError('m.yaml', 'goal', 'x').code, 'MISSION_INVALID');
  assert.equal(new GoalError('x').code, 'GOAL_INVALID');
  assert.equal(new ModelConfigError('x').code, 'MODEL_CONFIG');
});

test('the CLI prints the code in brackets after the location', () => {
  const err = new PddlError(
    "unknown predicate 'onn'",
    { file: 'd.pddl', line: 3, col: 4 },
    'declare it',
    'PDDL_UNKNOWN_PREDICATE',
  );
  assert.equal(
    formatUserError(err),
    "d.pddl:3:4: error[PDDL_UNKNOWN_PREDICATE]: unknown predicate 'onn'\n  hint: declare it",
  );
  const usage = spawnSync(
    process.execPath,
    [join(root, 'bin', 'atelier'), 'runs', '--no-such-flag'],
    {
      encoding: 'utf8',
      env: { ...process.env, ATELIER_FROM_SOURCE: '1' },
    },
  );
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /^error\[CLI_USAGE\]: unknown option '--no-such-flag'/);
});

test('throw sites name the mistake, not only the area', async () => {
  const { parseDomain } = await import('../src/pddl/index.js');
  const { parseProgram, checkProgram } = await import('../src/logic/index.js');
  const { loadMission } = await import('../src/team/index.js');
  const codeOf = async (f: () => unknown): Promise<string | undefined> => {
    try {
      await f();
    } catch (err) {
      return err instanceof UserError ? err.code : `not a UserError: ${String(err)}`;
    }
    return undefined;
  };
  const domain = (body: string): string =>
    `(define (domain d) (:requirements :strips) (:predicates (p ?x)) ${body})`;
  assert.equal(
    await codeOf(() =>
      parseDomain(domain('(:action a :parameters (?x) :precondition (q ?x) :effect (p ?x))')),
    ),
    'PDDL_UNKNOWN_PREDICATE',
  );
  assert.equal(
    await codeOf(() =>
      parseDomain(domain('(:action a :parameters (?x) :precondition (p ?x ?x) :effect (p ?x))')),
    ),
    'PDDL_ARITY',
  );
  assert.equal(await codeOf(() => parseDomain('(define (domain d)')), 'PDDL_UNBALANCED_PARENS');
  assert.equal(
    await codeOf(() =>
      checkProgram(parseProgram('p(X) :- q(X), not r(X).\nr(X) :- q(X), not p(X).\nq(1).')),
    ),
    'LOGIC_UNSTRATIFIABLE',
  );
  assert.equal(await codeOf(() => loadMission(join(root, 'no-such-mission'))), 'MISSION_NOT_FOUND');
});
