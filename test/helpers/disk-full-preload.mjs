// Injected "disk full" for machines where the tests cannot mount a small tmpfs. Loaded with
// `node --import` before the CLI: ATELIER_TEST_DB_SPARE_PAGES=N lets each SQLite store grow
// N pages after it is opened, then writes fail with SQLITE_FULL as on a full disk;
// ATELIER_TEST_ENOSPC_DIR=DIR makes file writes under DIR fail with ENOSPC after writing
// half of the data, as a full disk does.
import fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(resolve('package.json'));
const spare = process.env.ATELIER_TEST_DB_SPARE_PAGES;
if (spare !== undefined) {
  const Database = require('better-sqlite3');
  const pragma = Database.prototype.pragma;
  Database.prototype.pragma = function (source, options) {
    const result = pragma.call(this, source, options);
    if (/^journal_mode/.test(source)) {
      const pages = pragma.call(this, 'page_count', { simple: true });
      pragma.call(this, `max_page_count = ${Number(pages) + Number(spare)}`);
    }
    return result;
  };
}
const full = process.env.ATELIER_TEST_ENOSPC_DIR;
if (full !== undefined) {
  const writeFileSync = fs.writeFileSync;
  fs.writeFileSync = function (path, data, options) {
    if (typeof path === 'string' && resolve(path).startsWith(resolve(full))) {
      writeFileSync(path, String(data).slice(0, String(data).length / 2), options);
      throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC' });
    }
    return writeFileSync(path, data, options);
  };
  syncBuiltinESMExports();
}
