/**
 * Missions by name for the HTTP API and the MCP tools: the ones the caller loaded first, then
 * the examples (each loaded once, on first use; a failed load is tried again next time).
 */
import { listExampleMissions, loadMission } from '../team/index.js';
import type { Mission, MissionInfo } from '../team/index.js';

export interface MissionFinder {
  find(name: string): Promise<Mission>;
  list(): MissionInfo[];
}

export function missionFinder(
  missions: readonly Mission[] | undefined,
  examplesRoot: string | undefined,
  /** The error for an unknown name, given the names that exist. */
  notFound: (name: string, known: string[]) => Error,
): MissionFinder {
  const loaded = new Map((missions ?? []).map((m) => [m.name, m]));
  const examples = new Map(listExampleMissions(examplesRoot).map((m) => [m.name, m]));
  const cache = new Map<string, Promise<Mission>>();
  return {
    find(name) {
      const own = loaded.get(name);
      if (own) return Promise.resolve(own);
      const info = examples.get(name);
      if (!info) throw notFound(name, [...new Set([...loaded.keys(), ...examples.keys()])]);
      let p = cache.get(name);
      if (!p) {
        p = loadMission(info.dir);
        p.catch(() => cache.delete(name));
        cache.set(name, p);
      }
      return p;
    },
    list: () => [
      ...[...loaded.values()].map((m) => ({
        name: m.name,
        description: m.description,
        source: 'loaded' as const,
      })),
      ...[...examples.values()]
        .filter((m) => !loaded.has(m.name))
        .map((m) => ({ name: m.name, description: m.description, source: 'example' as const })),
    ],
  };
}
