/** Sessions kept in memory (tests, one-off scripts). The SQLite one is in src/store. */
import type { Message } from '../models/types.js';
import type { Session } from './types.js';

export function memorySession(
  id = 'memory',
  initial: readonly Message[] = [],
): Session & { readonly messages: Message[] } {
  const messages = initial.slice();
  return {
    id,
    messages,
    load: () => messages.slice(),
    append: (more) => void messages.push(...more),
  };
}
