import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { loadDomainFile, loadProblemFile } from '../../src/pddl/index.js';

// The IPC benchmark suite lives beside the repository (../shared/bench/pddl); the test
// runs when it is there (the copied fixtures are tested regardless in parse-benchmarks).
const root = '../shared/bench/pddl';

test(
  'every domain and problem of the benchmark suite parses',
  { skip: !existsSync(root) && 'benchmark suite not present' },
  () => {
    const domains = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory());
    assert.equal(domains.length, 12);
    let problems = 0;
    for (const d of domains) {
      const domain = loadDomainFile(`${root}/${d.name}/domain.pddl`);
      for (const f of readdirSync(`${root}/${d.name}`)) {
        if (f === 'domain.pddl' || !f.endsWith('.pddl')) continue;
        const problem = loadProblemFile(`${root}/${d.name}/${f}`, domain);
        assert.ok(problem.init.length > 0, f);
        problems++;
      }
    }
    assert.equal(problems, 120);
  },
);
